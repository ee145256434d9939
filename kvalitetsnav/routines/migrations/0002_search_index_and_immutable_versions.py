"""The search index (FTS5 on SQLite, GIN on PostgreSQL) and approved versions that never change.

The database refuses to change the text of an approved or archived version, whatever
the code above it does; a change is always a new version.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS routines_fts USING fts5(
           version_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0')""",
    # The title weighs ten times the text in bm25.
    "INSERT INTO routines_fts(routines_fts, rank) VALUES('rank', 'bm25(0.0, 10.0, 1.0)')",
    """CREATE TRIGGER routines_version_immutable BEFORE UPDATE ON routines_routineversion
       WHEN OLD.status IN ('godkand', 'arkiverad')
        AND (NEW.body IS NOT OLD.body OR NEW.change_note IS NOT OLD.change_note
             OR NEW.number IS NOT OLD.number OR NEW.routine_id IS NOT OLD.routine_id
             OR NEW.status NOT IN ('godkand', 'arkiverad'))
       BEGIN SELECT RAISE(ABORT, 'an approved routine version cannot be changed'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS routines_version_immutable",
    "DROP TABLE IF EXISTS routines_fts",
]
POSTGRESQL = [
    """CREATE INDEX routines_version_search_idx ON routines_routineversion
       USING gin (search_vector)""",
    """CREATE OR REPLACE FUNCTION routines_version_refuse_change() RETURNS trigger AS $$
       BEGIN
         IF OLD.status IN ('godkand', 'arkiverad') AND (
              NEW.body IS DISTINCT FROM OLD.body OR NEW.change_note IS DISTINCT FROM OLD.change_note
              OR NEW.number IS DISTINCT FROM OLD.number OR NEW.routine_id IS DISTINCT FROM OLD.routine_id
              OR NEW.status NOT IN ('godkand', 'arkiverad')) THEN
           RAISE EXCEPTION 'an approved routine version cannot be changed'
             USING ERRCODE = 'integrity_constraint_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER routines_version_immutable BEFORE UPDATE ON routines_routineversion
       FOR EACH ROW EXECUTE FUNCTION routines_version_refuse_change()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS routines_version_immutable ON routines_routineversion",
    "DROP FUNCTION IF EXISTS routines_version_refuse_change()",
    "DROP INDEX IF EXISTS routines_version_search_idx",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("routines", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
