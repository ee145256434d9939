"""The shipped deviation categories and contributing factors (editable afterwards)."""

import uuid

from django.db import migrations

CATEGORIES = [
    "Bemötande",
    "Dokumentation",
    "Genomförande av insats",
    "Läkemedel",
    "Fall",
    "Hot och våld",
    "Otillåten påverkan",
    "Välfärdsbrott",
    "Handläggning och rättssäkerhet",
    "Handläggningstid",
    "Tillgänglighet",
    "Sekretess",
    "Samverkan",
    "IT och telefoni",
    "Ekonomi och administration",
    "Övrigt",
]

FACTORS = [
    ("rutiner", "Rutiner"),
    ("kommunikation", "Kommunikation"),
    ("bemanning", "Bemanning"),
    ("kompetens", "Kompetens"),
    ("utrustning", "Utrustning"),
    ("miljo", "Miljö"),
    ("den-enskildes-tillstand", "Den enskildes tillstånd"),
    ("organisation", "Organisation"),
]


def load(apps, schema_editor):
    Category = apps.get_model("deviations", "Category")
    ContributingFactor = apps.get_model("deviations", "ContributingFactor")
    for index, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"id": uuid.uuid4(), "ordering": index * 10}
        )
    for index, (code, name) in enumerate(FACTORS, start=1):
        ContributingFactor.objects.get_or_create(
            code=code, defaults={"id": uuid.uuid4(), "name": name, "ordering": index * 10}
        )


def unload(apps, schema_editor):
    apps.get_model("deviations", "Category").objects.filter(name__in=CATEGORIES).delete()
    apps.get_model("deviations", "ContributingFactor").objects.filter(
        code__in=[code for code, _ in FACTORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("deviations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
