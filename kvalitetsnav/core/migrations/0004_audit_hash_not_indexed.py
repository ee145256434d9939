"""The audit entries' hash is no longer indexed (ADR 0003): nothing looks an entry up by it.

On SQLite, removing a UNIQUE rebuilds the table, which drops its append-only triggers
(migration 0002): they are created again after the rebuild, in both directions.
"""

import importlib

from django.db import migrations, models

append_only = importlib.import_module("kvalitetsnav.core.migrations.0002_audit_log_append_only")


def recreate_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in append_only.SQLITE_REVERSE + append_only.SQLITE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_operation_kinds_hvb_and_dagverksamhet")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_sqlite_triggers),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(max_length=64),
        ),
        migrations.RunPython(recreate_sqlite_triggers, migrations.RunPython.noop),
    ]
