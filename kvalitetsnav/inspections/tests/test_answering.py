"""Filling in an inspection: reasons, personnummer, nothing typed lost, findings to actions."""

import pytest
from django.core.exceptions import ValidationError

from kvalitetsnav.actions.models import Action
from kvalitetsnav.inspections import services
from kvalitetsnav.inspections.tests.factories import answers_for, make_inspection


def test_completing_with_nej_and_no_reason_is_refused_at_that_question(world, checklist):
    inspection = make_inspection(world, checklist)
    with pytest.raises(ValidationError) as caught:
        services.inspection_save(
            actor=world.staff_a,
            inspection=inspection,
            version=inspection.version,
            answers=answers_for(inspection, "nej"),
            complete=True,
        )
    first = list(inspection.template_version.questions())[0]
    assert f"reason_{first.pk}" in caught.value.error_dict
    assert "Motivera svaret" in caught.value.error_dict[f"reason_{first.pk}"][0].messages[0]


def test_a_half_done_inspection_saves_without_reasons(world, checklist):
    inspection = make_inspection(world, checklist)
    services.inspection_save(
        actor=world.staff_a,
        inspection=inspection,
        version=inspection.version,
        answers=answers_for(inspection, "nej"),
    )
    inspection.refresh_from_db()
    assert inspection.status == "pagar" and inspection.answers.count() == 3


def test_a_personnummer_in_a_reason_is_refused(world, checklist):
    inspection = make_inspection(world, checklist)
    with pytest.raises(ValidationError, match="personnummer"):
        services.inspection_save(
            actor=world.staff_a,
            inspection=inspection,
            version=inspection.version,
            answers=answers_for(inspection, "nej", reason="Gäller 19121212-1212"),
        )
    assert not inspection.answers.exists()


def test_the_page_keeps_what_was_typed_and_shows_the_message_at_the_question(
    client, world, checklist
):
    inspection = make_inspection(world, checklist)
    questions = list(inspection.template_version.questions())
    client.force_login(world.staff_a)
    data = {"version": inspection.version, "complete": "1", "summary": "Bra ordning i pärmen"}
    data[f"value_{questions[0].pk}"] = "nej"
    data[f"value_{questions[1].pk}"] = "ja"
    data[f"reason_{questions[1].pk}"] = "Målen följs upp varje månad"
    response = client.post(inspection.get_absolute_url(), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Motivera svaret ”Nej” i fritext." in page
    assert "Målen följs upp varje månad" in page and "Bra ordning i pärmen" in page


def test_a_nej_becomes_an_action_linked_to_the_inspection(world, checklist):
    inspection = make_inspection(world, checklist)
    services.inspection_save(
        actor=world.manager_a,
        inspection=inspection,
        version=inspection.version,
        answers=answers_for(inspection, "nej", reason="Två planer saknas"),
        complete=True,
    )
    answer = inspection.answers.filter(choice="nej").first()
    action = services.finding_action_create(
        actor=world.manager_a, inspection=inspection, answer=answer, title="Upprätta planerna"
    )
    assert Action.objects.linked_to(inspection).get() == action
    assert "Två planer saknas" in action.description


def test_a_done_inspection_cannot_be_changed(world, checklist):
    inspection = make_inspection(world, checklist)
    services.inspection_save(
        actor=world.staff_a,
        inspection=inspection,
        version=inspection.version,
        answers=answers_for(inspection, "ja"),
        complete=True,
    )
    with pytest.raises(ValidationError, match="klarmarkerad"):
        services.inspection_save(
            actor=world.staff_a,
            inspection=inspection,
            version=inspection.version,
            answers=answers_for(inspection, "nej"),
        )
