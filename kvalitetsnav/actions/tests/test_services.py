"""The life of an action: planerad → pågår → genomförd → effekt utvärderad, or avbruten."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kvalitetsnav.actions import services
from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.core.concurrency import ConflictError


def _advance(action, actor):
    return services.action_advance(actor=actor, action=action, version=action.version)


def test_an_action_moves_through_its_statuses_to_an_evaluated_effect(world, action_a):
    action = _advance(action_a, world.staff_a)
    assert action.status == ActionStatus.IN_PROGRESS
    action = _advance(action, world.staff_a)
    assert action.status == ActionStatus.DONE
    assert action.completed_on == timezone.localdate()
    action = services.action_evaluate_effect(
        actor=world.manager_a,
        action=action,
        version=action.version,
        evaluated_on=timezone.localdate(),
        result="Inga fler nycklar har kommit bort.",
        sufficient=True,
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.EFFECT_EVALUATED
    assert action.effect_sufficient is True


def test_the_effect_cannot_be_evaluated_before_the_action_is_done(world, action_a):
    with pytest.raises(ValidationError, match="först när åtgärden är genomförd"):
        services.action_evaluate_effect(
            actor=world.manager_a,
            action=action_a,
            version=action_a.version,
            evaluated_on=timezone.localdate(),
            result="Bra.",
            sufficient=True,
        )


def test_cancelling_requires_a_reason(world, action_a):
    with pytest.raises(ValidationError) as error:
        services.action_cancel(
            actor=world.manager_a, action=action_a, version=action_a.version, reason="  "
        )
    assert "reason" in error.value.message_dict
    action = services.action_cancel(
        actor=world.manager_a,
        action=action_a,
        version=action_a.version,
        reason="Ersatt av ny rutin.",
    )
    assert action.status == ActionStatus.CANCELLED


def test_the_database_refuses_a_cancelled_action_without_a_reason(world, action_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action_a.pk).update(
            status=ActionStatus.CANCELLED, cancel_reason=""
        )


def test_the_owner_may_move_their_action_forward_but_not_change_it(world, action_a):
    _advance(action_a, world.staff_a)
    with pytest.raises(PermissionDenied):
        services.action_update(
            actor=world.staff_a, action=action_a, version=action_a.version, title="Något annat"
        )


def test_a_manager_in_another_district_cannot_create_an_action_in_unit_a(world):
    with pytest.raises(PermissionDenied):
        services.action_create(actor=world.manager_b, title="Intrång", node=world.unit_a)


def test_a_manager_cannot_move_an_action_outside_their_subtree(world, action_a):
    with pytest.raises(ValidationError) as error:
        services.action_update(
            actor=world.manager_a, action=action_a, version=action_a.version, node=world.unit_b
        )
    assert "node" in error.value.message_dict


def test_an_edit_based_on_an_old_version_is_a_conflict_not_a_silent_overwrite(world, action_a):
    seen_by_both = action_a.version
    first = Action.objects.get(pk=action_a.pk)
    second = Action.objects.get(pk=action_a.pk)
    services.action_update(
        actor=world.manager_a, action=first, version=seen_by_both, title="Chefens rubrik"
    )
    with pytest.raises(ConflictError, match="Någon annan har ändrat åtgärden"):
        services.action_update(
            actor=world.dept_head_a,
            action=second,
            version=seen_by_both,
            title="Avdelningschefens rubrik",
        )
    assert Action.objects.get(pk=action_a.pk).title == "Chefens rubrik"


def test_a_new_due_date_earns_a_new_reminder(world, action_a):
    Action.objects.filter(pk=action_a.pk).update(reminded_at=timezone.now())
    action = Action.objects.get(pk=action_a.pk)
    services.action_update(
        actor=world.manager_a,
        action=action,
        version=action.version,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    assert Action.objects.get(pk=action_a.pk).reminded_at is None


def test_an_action_can_be_linked_to_the_finding_it_answers(world, action_a):
    follow_up = services.action_create(
        actor=world.manager_a, title="Följ upp", node=world.unit_a, source=action_a
    )
    assert follow_up.source == action_a
    assert list(Action.objects.linked_to(action_a)) == [follow_up]


def test_overdue_means_open_and_past_its_due_date(world, action_a):
    Action.objects.filter(pk=action_a.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert list(Action.objects.overdue()) == [Action.objects.get(pk=action_a.pk)]
    action = Action.objects.get(pk=action_a.pk)
    services.action_cancel(
        actor=world.manager_a, action=action, version=action.version, reason="Inte längre aktuell."
    )
    assert not Action.objects.overdue().exists()
