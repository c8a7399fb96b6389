"""The desk's report count as a maintained counter (claims.services.desk_stats), filled here
from the reports as they are, so the dashboard never counts the sources table."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """One row: every report kept so far."""
    from claims.services.desk_stats import rebuild_source_count

    rebuild_source_count(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0018_matching_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeskCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=20, unique=True)),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        # Reversing drops the table (and its one row): nothing to undo first.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
