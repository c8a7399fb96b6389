"""Matching keys: counted nouns by kind, stemmed words, and the index that finds candidates.

Recomputes every claim's derived matching columns (the normaliser now counts "jobs" and
"workers" as one kind, stems words and folds more synonyms) and adds ``match_key`` with a
GIN index over it on PostgreSQL (SQLite matches in Python). Reversible: going back drops
the column and the index; the recomputed columns stay valid for the older code.
"""

from django.db import migrations, models

KEY_INDEX = (
    "CREATE INDEX IF NOT EXISTS claim_match_key_gin ON claims_claim "
    "USING gin (to_tsvector('simple', match_key)) WITH (fastupdate = off)"
)
# fastupdate off: a new report's claims go straight into the index, so the look-ups that
# follow their extraction never scan a pending list (with it on, a 4 MB list of recent
# inserts made each look-up 100 ms slower on a 200k desk)


def renormalise(apps, schema_editor):
    from claims.matching.normalize import renormalise_claims

    renormalise_claims(apps.get_model("claims", "Claim"), schema_editor.connection)


def add_key_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(KEY_INDEX)


def drop_key_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_match_key_gin")


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_nearcopy_revision_similarity")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="match_key",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(renormalise, migrations.RunPython.noop),
        migrations.RunPython(add_key_index, drop_key_index),
    ]
