"""The queue's outlet and speaker filters off indexes that answer them, on both databases.

- claim_outlet_score_idx (first_outlet, -score, -id) replaces the foreign-key index on
  first_outlet: one outlet's claims come in the queue's order straight off the index, where
  SQLite at 100,000 claims sorted every claim of a popular outlet (or walked the score index
  past every claim of a rare one).
- mention_speaker_idx (speaker, claim) and mention_via_idx (via, claim) replace the
  foreign-key indexes on speaker and via: the claims a speaker's mentions name are read from
  the indexes alone, without fetching each mention's row (quote and sentence).

The number of indexes stays the same; the foreign keys are served by the indexes' first
column. On SQLite each AlterField rebuilds its table (the search index's triggers are put
back after migrate by claims.search.install_after_migrate).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("claims", "0020_renormalise_matching")]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="first_outlet",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                help_text="Outlet of first appearance",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="claims.entity",
            ),
        ),
        migrations.AlterField(
            model_name="mention",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mentions_spoken",
                to="claims.entity",
            ),
        ),
        migrations.AlterField(
            model_name="mention",
            name="via",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mentions_relayed",
                to="claims.entity",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["first_outlet", "-score", "-id"], name="claim_outlet_score_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(fields=["speaker", "claim"], name="mention_speaker_idx"),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(fields=["via", "claim"], name="mention_via_idx"),
        ),
    ]
