"""Each mention carries its report's publication (or retrieval) time, filled here and kept by
claims.services.desk_stats, so a claim's mentions are paged and its first one found straight
off one index (claim, reported_at, source, start), which replaces mention_claim_idx."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from claims.services.desk_stats import mention_reported_sql

    schema_editor.execute(mention_reported_sql())


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_scale_exports")]

    operations = [
        migrations.AddField(
            model_name="mention",
            name="reported_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RemoveIndex(model_name="mention", name="mention_claim_idx"),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["claim", "reported_at", "source", "start"], name="mention_order_idx"
            ),
        ),
    ]
