"""A nej or delvis offers to create an action, while filling in and after sign-off."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kvalitetsnav.actions.models import Action
from kvalitetsnav.inspections import services
from kvalitetsnav.inspections.tests.factories import answers_for, make_inspection


def _post_answers(client, inspection, choice, *, complete):
    data = {"version": inspection.version, "summary": ""}
    for question_id, given in answers_for(inspection, choice, "Två planer saknas").items():
        data[f"value_{question_id}"] = given["value"]
        data[f"reason_{question_id}"] = given["reason"]
    if complete:
        data["complete"] = "1"
    return client.post(inspection.get_absolute_url(), data)


def test_a_saved_nej_is_offered_as_an_action_before_sign_off(client, world, checklist):
    inspection = make_inspection(world, checklist, responsible=world.manager_a)
    client.force_login(world.manager_a)

    response = _post_answers(client, inspection, "nej", complete=False)

    assert response.status_code == 302 and response.url.endswith("#fynd")
    page = client.get(response.url).content.decode()
    assert 'id="fynd"' in page and "Registrera åtgärden" in page
    assert "innan kontrollen är klarmarkerad" in page
    assert "Spara och fortsätt senare" in page  # the form is still there


def test_signing_off_with_findings_leads_to_them_and_each_becomes_one_linked_action(
    client, world, checklist
):
    inspection = make_inspection(world, checklist, responsible=world.manager_a)
    client.force_login(world.manager_a)
    response = _post_answers(client, inspection, "delvis", complete=True)
    assert response.url.endswith("#fynd")
    page = client.get(response.url).content.decode()
    assert "2 svar är nej eller delvis" in page

    answer = inspection.answers.filter(choice="delvis").first()
    url = reverse("inspections:finding_action", args=[inspection.pk, answer.pk])
    response = client.post(url, {"title": "Upprätta planerna i tid"})
    assert response.status_code == 302 and response.url.endswith("#fynd")
    answer.refresh_from_db()
    action = Action.objects.linked_to(inspection).get()
    assert answer.action == action and action.node == world.unit_a
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "Åtgärd: Upprätta planerna i tid" in page

    with pytest.raises(ValidationError, match="redan en åtgärd"):
        services.finding_action_create(
            actor=world.manager_a, inspection=inspection, answer=answer, title="Igen"
        )


def test_a_bad_action_keeps_what_was_typed_at_its_finding(client, world, checklist):
    inspection = make_inspection(world, checklist, responsible=world.manager_a)
    client.force_login(world.manager_a)
    _post_answers(client, inspection, "nej", complete=True)
    answer = inspection.answers.filter(choice="nej").first()
    url = reverse("inspections:finding_action", args=[inspection.pk, answer.pk])

    response = client.post(url, {"title": "Gå igenom planerna", "due_date": "2001-01-01"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Datumet har redan passerat" in page and "Gå igenom planerna" in page
    assert not Action.objects.exists()


def test_staff_see_their_findings_but_the_manager_creates_the_action(client, world, checklist):
    inspection = make_inspection(world, checklist)
    services.inspection_save(
        actor=world.staff_a,
        inspection=inspection,
        version=inspection.version,
        answers=answers_for(inspection, "nej", "Saknas"),
    )
    client.force_login(world.staff_a)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert 'id="fynd"' in page and "Registrera åtgärden" not in page
    assert "Enhetens chef kan göra svaret till en åtgärd." in page
