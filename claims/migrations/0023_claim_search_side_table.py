"""Claim edits become in-place (HOT) updates on PostgreSQL: no index of claims_claim holds a
column an edit changes.

At 1,000,000 claims an edit cost several times what it does on an empty desk. The UPDATE
changed ``updated_at`` (in claim_queue_idx, claim_updated_idx, claim_verdict_review_idx) and
the search and matching words (the generated ``search_vector`` with its GIN index, and the
``match_key`` GIN index), so PostgreSQL wrote a new row version with an entry in each of the
table's 15 indexes; at that size each entry lands on a leaf page no other edit touched since
the last checkpoint, so each cost a full 8 kB page image in the WAL that the commit flushes:
about 13 page images and 53 kB of WAL per UPDATE (bench/write_path.py).

- updated_at leaves the indexes: no page orders claims by it at scale (the queue sorts by
  score, newest, mentions or relevance); claim_queue_idx keeps (state, verdict) for the
  state and verdict filters, claim_verdict_review_idx becomes a partial index on the id.
  Claims that are listed in the model's default order over the whole desk (the admin) sort.
- PostgreSQL: the words move to a one-to-one side table, ``claims_claimsearch`` (claim_id,
  match_key, search_vector), with the two GIN indexes, kept by triggers on claims_claim that
  write it only when the words change (claims.search). The claim's own ``match_key`` column
  stays, unindexed (the services set it; the matching engine reads it).

- PostgreSQL: claims_claim's pages are filled to 85 % (fillfactor), so an edited row's new
  version fits on its own page, the condition of an in-place update. Rows written before
  keep their full pages: a claim's first edit moves it to a page with room, later ones are
  in place. The bench generator loads its desk after this, so its pages have the room.

SQLite has no in-place updates to win and keeps its FTS5 table. Reversible: going back puts
the tsvector column and both GIN indexes back on claims_claim and the indexes as they were.
"""

from django.db import migrations, models

# Room on each page for an edited row's new version (a claim row is about 600 bytes).
CLAIM_FILLFACTOR = 85
# As migration 0018 made it.
KEY_INDEX_0018 = (
    "CREATE INDEX IF NOT EXISTS claim_match_key_gin ON claims_claim "
    "USING gin (to_tsvector('simple', match_key)) WITH (fastupdate = off)"
)


def to_side_table(apps, schema_editor):
    from claims import search

    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS claim_match_key_gin")
    schema_editor.execute("DROP INDEX IF EXISTS claim_search_idx")
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(f"ALTER TABLE claims_claim SET (fillfactor = {CLAIM_FILLFACTOR})")
    search.install(conn, side=True, fill=True)
    # The matching look-ups read the key index's statistics (claims.matching.store).
    schema_editor.execute(f"ANALYZE {search.SIDE_TABLE}")


def from_side_table(apps, schema_editor):
    from claims import search

    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    search.uninstall(conn, side=True)
    schema_editor.execute("ALTER TABLE claims_claim RESET (fillfactor)")
    search.install(conn, side=False)
    schema_editor.execute(KEY_INDEX_0018)


class Migration(migrations.Migration):
    dependencies = [("claims", "0022_fewer_claim_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="claim", name="claim_queue_idx"),
        migrations.RemoveIndex(model_name="claim", name="claim_updated_idx"),
        migrations.RemoveIndex(model_name="claim", name="claim_verdict_review_idx"),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["state", "verdict"], name="claim_queue_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("verdict_needs_review", True)),
                fields=["id"],
                name="claim_verdict_review_idx",
            ),
        ),
        migrations.RunPython(to_side_table, from_side_table, elidable=False),
    ]
