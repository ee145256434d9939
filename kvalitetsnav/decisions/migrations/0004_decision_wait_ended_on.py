"""The day a decision's last wait ended, stored, so that a quarter's report skips the others.

The stored value is filled in for every decision with one UPDATE whose expression gives
what ``rules.wait_ended_on`` gives (a test checks the two agree).
"""

from django.db import migrations, models
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest, Least


def _earliest(first: str, second: str):
    return models.Case(
        models.When(**{f"{first}__isnull": True}, then=F(second)),
        models.When(**{f"{second}__isnull": True}, then=F(first)),
        default=Least(first, second),
        output_field=models.DateField(),
    )


def wait_ended_expression():
    executed = _earliest("executed_on", "ended_on")
    resumed = _earliest("interrupted_to", "ended_on")
    return models.Case(
        models.When(Q(executed_on__isnull=True, ended_on__isnull=True), then=Value(None)),
        models.When(interrupted_from__isnull=True, then=executed),
        models.When(Q(interrupted_to__isnull=True, ended_on__isnull=True), then=Value(None)),
        default=Greatest(executed, resumed),
        output_field=models.DateField(),
    )


def fill(apps, schema_editor):
    apps.get_model("decisions", "Decision").objects.update(wait_ended_on=wait_ended_expression())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_hash_not_indexed"),
        ("decisions", "0003_import_jobs_and_manual_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="wait_ended_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["board", "wait_ended_on", "execution_due_on"],
                name="decision_board_wait_idx",
            ),
        ),
    ]
