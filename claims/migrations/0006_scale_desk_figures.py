"""Desk figures kept by the services (claims.services.desk_stats): claim counters by state and
verdict, per-claim mention figures (filled here from the mentions), their indexes, and the
duplicate indexes dropped (foreign keys that a composite index already starts with; second
indexes on mention speaker and via)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    """Counters and every claim's mention figures, from the claims and mentions as they are."""
    from claims.services.desk_stats import rebuild_all

    rebuild_all(schema_editor.connection, search=False, mentions=False, sources=False)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_audit_chain_head"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("candidate", "Candidate"),
                            ("open", "Open"),
                            ("rejected", "Rejected"),
                            ("archived", "Archived"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "verdict",
                    models.CharField(
                        choices=[
                            ("unverified", "Unverified"),
                            ("confirmed", "Confirmed"),
                            ("disputed", "Disputed"),
                            ("misleading", "Misleading"),
                            ("unverifiable", "Unverifiable"),
                        ],
                        max_length=14,
                    ),
                ),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RemoveIndex(
            model_name="mention",
            name="mention_speaker_idx",
        ),
        migrations.RemoveIndex(
            model_name="mention",
            name="mention_via_idx",
        ),
        migrations.AddField(
            model_name="claim",
            name="first_outlet",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Outlet of first appearance",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="claims.entity",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="first_reported_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="last_reported_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="claim",
            name="reported_on",
            field=models.DateField(
                blank=True, editable=False, help_text="UTC date of the first report", null=True
            ),
        ),
        migrations.AlterField(
            model_name="claimevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="claimevent",
            name="claim",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="claims.claim",
            ),
        ),
        migrations.AlterField(
            model_name="claimevent",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="claims.source",
            ),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="claim",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="evidence",
                to="claims.claim",
            ),
        ),
        migrations.AlterField(
            model_name="mention",
            name="claim",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mentions",
                to="claims.claim",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="outlet",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="published_sources",
                to="claims.entity",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-mention_count", "-id"], name="claim_mentions_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-created_at", "-id"], name="claim_newest_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["reported_on"], name="claim_reported_idx"),
        ),
        migrations.AddConstraint(
            model_name="claimcount",
            constraint=models.UniqueConstraint(
                fields=("state", "verdict"), name="claimcount_key_unique"
            ),
        ),
    ]
