"""The rules of reporting and handling a deviation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.deviations import services
from kvalitetsnav.deviations.models import Category, Deviation, DeviationStatus

from .conftest import analyse, answer, report

PERSONNUMMER = "811218-9876"


def test_a_report_defaults_to_the_reporters_own_unit_and_gets_a_receipt_number(world):
    deviation = report(world.staff_a)
    year = timezone.localdate().year
    assert deviation.node == world.unit_a
    assert deviation.board == world.board_a
    assert deviation.number == f"AVV-{year}-0001"
    assert deviation.status == DeviationStatus.NEW
    assert AuditEvent.objects.for_object(deviation).filter(action="create").exists()


def test_receipt_numbers_count_up_per_board_and_year_and_never_repeat(world):
    numbers = [report(world.staff_a).number for _ in range(4)]
    year = timezone.localdate().year
    assert numbers == [f"AVV-{year}-000{n}" for n in range(1, 5)]
    other_board = report(world.staff_b)
    assert other_board.number == f"AVV-{year}-0001"
    last_year = report(world.staff_a, when=timezone.now().replace(year=year - 1))
    assert last_year.number == f"AVV-{year - 1}-0001"
    assert Deviation.objects.filter(board=world.board_a).values("number").distinct().count() == 5


def test_a_personal_identity_number_in_the_text_is_refused_with_the_reason(world):
    with pytest.raises(ValidationError) as error:
        report(world.staff_a, description=f"Brukaren {PERSONNUMMER} föll.")
    assert "personnummer" in str(error.value.message_dict["description"])
    assert not Deviation.objects.exists()


def test_the_pseudonymous_reference_may_not_be_a_personal_identity_number(world):
    with pytest.raises(ValidationError) as error:
        report(world.staff_a, person_ref="19811218-9876")
    assert "person_ref" in error.value.message_dict
    assert report(world.staff_a, person_ref="B-1042").person_ref == "B-1042"


def test_a_time_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        report(world.staff_a, when=timezone.now() + dt.timedelta(hours=2))
    assert "framtiden" in str(error.value.message_dict["occurred_at"])


def test_a_unit_outside_the_reporters_access_is_refused(world):
    with pytest.raises(ValidationError) as error:
        report(world.staff_a, node=world.unit_b)
    assert "node" in error.value.message_dict


def test_the_required_texts_and_an_active_category_are_needed(world):
    retired = Category.objects.create(name="Gammal kategori", is_active=False)
    with pytest.raises(ValidationError) as error:
        report(world.staff_a, category=retired, description="  ", immediate_action="")
    assert set(error.value.message_dict) == {"category", "description", "immediate_action"}


def test_roles_without_work_may_not_report(world):
    with pytest.raises(PermissionDenied):
        report(world.politician_a, node=world.unit_a)


def test_the_manager_takes_a_new_deviation_on_and_staff_cannot(world):
    deviation = report(world.staff_a)
    with pytest.raises(PermissionDenied):
        services.deviation_start_investigation(
            actor=world.staff_a, deviation=deviation, version=deviation.version
        )
    services.deviation_start_investigation(
        actor=world.manager_a, deviation=deviation, version=deviation.version
    )
    assert deviation.status == DeviationStatus.INVESTIGATING
    assert deviation.handler == world.manager_a


def test_an_analysis_needs_causes_and_records_the_factors_in_the_audit_log(world, routines):
    deviation = report(world.staff_a)
    with pytest.raises(ValidationError) as error:
        analyse(deviation, world.manager_a, why="")
    assert "analysis_why" in error.value.message_dict
    analyse(deviation, world.manager_a, factors=[routines])
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.INVESTIGATING
    assert list(deviation.factors.all()) == [routines]
    changes = [e.changes for e in AuditEvent.objects.for_object(deviation)]
    assert {"factors": ["", "Rutiner"]} in changes


def test_closing_needs_an_analysis_and_feedback_to_the_reporter(world):
    deviation = report(world.staff_a)
    with pytest.raises(ValidationError) as error:
        services.deviation_close(actor=world.manager_a, deviation=deviation, version=1)
    assert "analys" in error.value.messages[0] and "återkoppling" in error.value.messages[0]
    deviation = analyse(deviation, world.manager_a)
    with pytest.raises(ValidationError):
        services.deviation_close(
            actor=world.manager_a, deviation=deviation, version=deviation.version
        )
    deviation = answer(deviation, world.manager_a)
    services.deviation_close(actor=world.manager_a, deviation=deviation, version=deviation.version)
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.CLOSED
    assert deviation.closed_at is not None and deviation.closed_by == world.manager_a


def test_open_linked_actions_need_a_stated_reason_to_close(world):
    deviation = answer(analyse(report(world.staff_a), world.manager_a), world.manager_a)
    action = services.deviation_create_action(
        actor=world.manager_a, deviation=deviation, title="Laga nattbelysningen"
    )
    with pytest.raises(ValidationError) as error:
        services.deviation_close(
            actor=world.manager_a, deviation=deviation, version=deviation.version
        )
    assert "reason" in error.value.message_dict
    services.deviation_close(
        actor=world.manager_a,
        deviation=deviation,
        version=deviation.version,
        reason="Åtgärden följs upp i åtgärdsregistret.",
    )
    assert action.is_open
    assert Deviation.objects.get(pk=deviation.pk).close_reason.startswith("Åtgärden")


def test_done_actions_need_no_reason(world):
    deviation = answer(analyse(report(world.staff_a), world.manager_a), world.manager_a)
    action = services.deviation_create_action(
        actor=world.manager_a, deviation=deviation, title="Laga nattbelysningen"
    )
    for _ in range(2):
        action = action_services.action_advance(
            actor=world.manager_a, action=action, version=action.version
        )
    services.deviation_close(actor=world.manager_a, deviation=deviation, version=deviation.version)
    assert Deviation.objects.get(pk=deviation.pk).status == DeviationStatus.CLOSED


def test_an_action_created_from_a_deviation_is_linked_to_it(world):
    deviation = report(world.staff_a)
    action = services.deviation_create_action(
        actor=world.manager_a,
        deviation=deviation,
        title="Gå igenom rutinen för nattbelysning",
        owner=world.staff_a,
    )
    assert action.node == world.unit_a
    assert list(Action.objects.linked_to(deviation)) == [action]
    with pytest.raises(ValidationError):
        services.deviation_create_action(
            actor=world.manager_a, deviation=deviation, title=f"Om {PERSONNUMMER}"
        )


def test_a_closed_deviation_can_no_longer_be_changed(world):
    deviation = answer(analyse(report(world.staff_a), world.manager_a), world.manager_a)
    services.deviation_close(actor=world.manager_a, deviation=deviation, version=deviation.version)
    with pytest.raises(ValidationError):
        answer(deviation, world.manager_a, "Ännu en återkoppling.")


def test_an_edit_based_on_an_old_version_is_a_conflict(world):
    deviation = report(world.staff_a)
    stale = Deviation.objects.get(pk=deviation.pk)
    analyse(deviation, world.manager_a)
    with pytest.raises(ConflictError):
        answer(stale, world.dept_head_a)


def test_remedied_needs_the_analysis_first(world):
    deviation = report(world.staff_a)
    services.deviation_start_investigation(
        actor=world.manager_a, deviation=deviation, version=deviation.version
    )
    with pytest.raises(ValidationError):
        services.deviation_mark_remedied(
            actor=world.manager_a, deviation=deviation, version=deviation.version
        )
    analyse(deviation, world.manager_a)
    services.deviation_mark_remedied(
        actor=world.manager_a, deviation=deviation, version=deviation.version
    )
    assert deviation.status == DeviationStatus.REMEDIED


def test_new_feedback_is_unread_until_the_reporter_opens_it(world):
    deviation = answer(report(world.staff_a), world.manager_a)
    assert deviation.feedback_unread
    services.deviation_mark_feedback_read(actor=world.manager_a, deviation=deviation)
    assert deviation.feedback_unread
    services.deviation_mark_feedback_read(actor=world.staff_a, deviation=deviation)
    assert not Deviation.objects.get(pk=deviation.pk).feedback_unread
