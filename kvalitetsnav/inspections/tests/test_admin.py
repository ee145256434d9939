"""The system administrator keeps the list of quality areas in the admin, audited."""

from django.urls import reverse

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.inspections.models import QualityArea
from kvalitetsnav.inspections.tests.factories import make_template


def test_the_administrator_adds_renames_and_deactivates_an_area_but_cannot_delete(client, world):
    client.force_login(world.sysadmin)
    response = client.post(
        reverse("admin:inspections_qualityarea_add"),
        {"name": "Jämlikhet", "slug": "jamlikhet", "position": 7, "is_active": "on"},
    )
    assert response.status_code == 302
    area = QualityArea.objects.get(slug="jamlikhet")

    response = client.post(
        reverse("admin:inspections_qualityarea_change", args=[area.pk]),
        {"name": "Jämlikhet och jämställdhet", "position": 7},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert (area.name, area.slug, area.is_active) == (
        "Jämlikhet och jämställdhet",
        "jamlikhet",
        False,
    )
    assert AuditEvent.objects.filter(object_id=str(area.pk)).count() == 2
    delete = client.get(reverse("admin:inspections_qualityarea_delete", args=[area.pk]))
    assert delete.status_code == 403


def test_an_inactive_area_is_no_longer_offered_but_stays_on_published_questions(client, world):
    template = make_template(world)
    area = QualityArea.objects.get(slug="effektivitet")
    client.force_login(world.sysadmin)
    client.post(
        reverse("admin:inspections_qualityarea_change", args=[area.pk]),
        {"name": area.name, "position": area.position},
    )
    question = template.latest_published().questions().get(text="Är målen mätbara?")
    assert list(question.quality_areas.all()) == [area]
    from kvalitetsnav.inspections.forms import QuestionForm

    assert area not in QuestionForm().fields["quality_areas"].queryset


def test_only_the_system_administrator_reaches_the_areas_in_the_admin(client, world):
    client.force_login(world.quality_a)
    response = client.get(reverse("admin:inspections_qualityarea_changelist"))
    assert response.status_code == 302
