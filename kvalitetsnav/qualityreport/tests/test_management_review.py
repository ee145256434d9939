import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kvalitetsnav.actions.models import Action
from kvalitetsnav.qualityreport import review_services, services


def _review(world, year, **changes):
    values = {
        "held_on": timezone.localdate(),
        "participants": "Förvaltningschef Lena\nKvalitetsutvecklare Kim",
        "fitness": "delvis",
        "fitness_reasoning": "Avvikelsehanteringen dokumenteras inte i alla enheter.",
        **changes,
    }
    return review_services.management_review_create(
        actor=world.director_a, board=world.board_a, year=year, **values
    )


def test_a_decision_of_the_management_review_becomes_an_action_linked_to_it(client, world, year):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    review = _review(world, year)
    due = timezone.localdate() + dt.timedelta(days=90)

    decision = review_services.review_decision_create(
        actor=world.director_a,
        review=review,
        text="Systematisera avvikelsehanteringen",
        node=world.dept_a,
        due_date=due,
    )

    assert review.report == report
    action = Action.objects.get()
    assert decision.action == action
    assert (action.title, action.node, action.due_date) == (
        "Systematisera avvikelsehanteringen",
        world.dept_a,
        due,
    )
    assert action.source == decision
    client.force_login(world.quality_a)
    page = client.get(action.get_absolute_url()).content.decode()
    assert review.get_absolute_url() in page


def test_the_fitness_needs_a_reasoning_and_no_identity_numbers(world, year):
    with pytest.raises(ValidationError) as refused:
        _review(world, year, fitness_reasoning="", participants="Kim 19121212-1212")
    assert set(refused.value.error_dict) == {"fitness_reasoning", "participants"}


def test_the_board_and_staff_do_not_see_the_meeting_record(client, world, year):
    review = _review(world, year)
    for user in (world.politician_a, world.auditor_a, world.staff_a):
        client.force_login(user)
        assert client.get(review.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        review_services.review_decision_create(
            actor=world.dept_head_a, review=review, text="Något", node=world.dept_a
        )


def test_a_decision_outside_the_board_is_refused(world, year):
    review = _review(world, year)
    with pytest.raises(ValidationError) as refused:
        review_services.review_decision_create(
            actor=world.director_a, review=review, text="Något", node=world.unit_b
        )
    assert "node" in refused.value.error_dict
    assert not Action.objects.exists()
