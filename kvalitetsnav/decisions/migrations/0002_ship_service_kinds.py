from django.db import migrations


def ship(apps, schema_editor):
    from kvalitetsnav.decisions.service_kinds import ensure

    ensure(apps.get_model("decisions", "ServiceKind"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
