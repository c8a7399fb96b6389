"""Full-text search of claims (claims/search.py): the first mention's quote and report title
on each claim (filled here), then the index: on PostgreSQL a stored generated tsvector with a
GIN index, and a trigram index on entity names; on SQLite an FTS5 table kept by triggers."""

from django.db import migrations, models

FILL = (
    "UPDATE claims_claim SET search_extra = coalesce(("
    "SELECT m.quote || ' ' || s.title FROM claims_mention AS m"
    " JOIN claims_source AS s ON s.id = m.source_id WHERE m.claim_id = claims_claim.id"
    " ORDER BY coalesce(s.published_at, s.retrieved_at), m.source_id, m.start LIMIT 1), '')"
)


def fill(apps, schema_editor):
    schema_editor.execute(FILL)


def install(apps, schema_editor):
    from claims.search import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from claims.search import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_scale_desk_figures")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_extra",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
