"""PostgreSQL triggers that make the history tables append-only.

UPDATE and DELETE of a row, and TRUNCATE of the table, raise an error, whoever asks (a bug, a
console session, a compromised account without superuser rights). A superuser can still
disable the triggers; ``verify_audit`` catches what such a person forges.

One exception, for the test runner only: TRUNCATE is allowed when the session setting
``factdesk.allow_purge`` is ``on``. Only the *test* database has it (set with ``ALTER DATABASE
... SET`` by the ``django_db_setup`` fixture in claims/tests/conftest.py), because pytest-django
empties the tables between transactional tests with TRUNCATE. UPDATE and DELETE stay refused
everywhere. On other databases (SQLite) this migration does nothing.

Superseded by 0006: any session may SET that setting, so the exception is gone; the test run
switches off the TRUNCATE triggers of its own test database instead.
"""

from django.db import migrations

HISTORY_TABLES = ("claims_claimevent", "claims_verdictrecord", "claims_verdictrecord_evidence")

FUNCTION = """
CREATE OR REPLACE FUNCTION factdesk_history_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('factdesk.allow_purge', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'factdesk: % is append-only history; % refused', TG_TABLE_NAME, TG_OP
        USING HINT = 'Write a new event through claims.services instead.';
END;
$$;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # None: its % are PL/pgSQL's, not ours
    for table in HISTORY_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION factdesk_history_is_append_only()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION factdesk_history_is_append_only()"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in HISTORY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS factdesk_history_is_append_only()")


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_role_groups")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
