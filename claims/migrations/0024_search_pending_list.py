"""A smaller pending list for the claims' full-text index on PostgreSQL (1 MB, not 4 MB).

claim_search_idx keeps GIN's fast update: an edit's words go to a pending list and reach
the index when the list is full, in the statement that overflows it, unless (auto)vacuum
got there first (at 1,000,000 claims autovacuum's analyze waits for 100,000 changed rows;
the default 4 MB list filled twice in 26,000 edits). That edit merges the whole list: at
1,000,000 claims the two such UPDATEs took 585 and 284 ms and wrote 41 and 11 MB of WAL (the
first 6,758 page images; two later 4 MB merges: 236 and 516 ms); the other edits' UPDATE
took 0.42 ms at the median. With a 1 MB list it filled twice in 7,000 edits, and each merge
took 88 ms (5 MB of WAL): about as much merging in all, in pieces a quarter the size. A
search reads the whole pending list, so it has at most 1 MB of it to read (the effect on the
search pages' times was within this machine's noise). The runs are in
bench/results/edits-rounds-pg-1m.txt. Reversible; SQLite has FTS5 instead.
"""

from django.db import migrations


def bound_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX IF EXISTS claim_search_idx SET (gin_pending_list_limit = 1024)"
        )


def default_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX IF EXISTS claim_search_idx RESET (gin_pending_list_limit)"
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0023_renormalise_counted_nouns")]

    operations = [
        migrations.RunPython(bound_pending_list, default_pending_list, elidable=False),
    ]
