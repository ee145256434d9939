import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kvalitetsnav.routines import services
from kvalitetsnav.routines.models import ReadRequest, RoutineVersion, VersionStatus
from kvalitetsnav.routines.rendering import diff_lines

from .conftest import make_routine


def test_a_new_routine_starts_as_a_draft_of_version_one(world):
    routine = make_routine(world, approve=False)
    version = routine.versions.get()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert routine.current_version is None


def test_approving_puts_the_version_in_force_with_approver_and_review_date(routine_a, world):
    version = routine_a.current_version
    assert version.status == VersionStatus.APPROVED
    assert version.approved_by == world.dept_head_a and version.approved_at
    assert routine_a.next_review_date == services.add_months(version.approved_at.date(), 12)


def test_the_service_refuses_to_change_an_approved_version(routine_a, world):
    with pytest.raises(ValidationError):
        services.version_update(
            actor=world.manager_a, version=routine_a.current_version, body="Ny text", change_note=""
        )


def test_the_database_refuses_to_change_an_approved_text(routine_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineVersion.objects.filter(pk=routine_a.current_version_id).update(body="Smyg")


def test_a_change_is_a_new_draft_copying_the_text_and_approval_archives_the_old(routine_a, world):
    old = routine_a.current_version
    draft = services.version_new(actor=world.manager_a, routine=routine_a, change_note="Nytt larm")
    assert (draft.number, draft.body, draft.status) == (2, old.body, VersionStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.version_new(actor=world.manager_a, routine=routine_a, change_note="Till")
    draft = services.version_update(
        actor=world.manager_a,
        version=draft,
        body=old.body + "\nRing sjuksköterskan.",
        change_note="Nytt larm",
    )
    services.version_submit(actor=world.manager_a, version=draft)
    services.version_approve(actor=world.dept_head_a, version=draft)
    old.refresh_from_db()
    routine_a.refresh_from_db()
    assert old.status == VersionStatus.ARCHIVED and old.body  # still retrievable
    assert routine_a.current_version_id == draft.pk


def test_a_second_version_needs_a_change_note_before_review(routine_a, world):
    draft = services.version_new(actor=world.manager_a, routine=routine_a)
    with pytest.raises(ValidationError) as error:
        services.version_submit(actor=world.manager_a, version=draft)
    assert "change_note" in error.value.message_dict


def test_the_difference_marks_added_and_removed_lines():
    lines = diff_lines("a\nb\nc", "a\nB\nc")
    assert [(line.kind, line.marker, line.text) for line in lines if line.kind != "same"] == [
        ("removed", "−", "b"),
        ("added", "+", "B"),
    ]


@pytest.mark.parametrize(
    "approver", ["manager_a", "staff_a", "manager_b", "manager_a2", "inspector"]
)
def test_only_the_owners_manager_or_quality_staff_may_approve(world, approver):
    routine = make_routine(world, approve=False)
    version = services.version_submit(actor=world.manager_a, version=routine.versions.get())
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=getattr(world, approver), version=version)


def test_a_quality_developer_may_approve(world):
    routine = make_routine(world, approve=False)
    version = services.version_submit(actor=world.manager_a, version=routine.versions.get())
    assert services.version_approve(actor=world.quality_a, version=version).status == "godkand"


def test_a_draft_cannot_be_approved_before_it_is_sent_for_review(world):
    routine = make_routine(world, approve=False)
    with pytest.raises(ValidationError):
        services.version_approve(actor=world.dept_head_a, version=routine.versions.get())


def test_approval_asks_the_staff_of_the_units_below_to_read_it(routine_a, world):
    asked = set(
        ReadRequest.objects.filter(version=routine_a.current_version).values_list(
            "user__username", flat=True
        )
    )
    # Staff with a role on unit A or a node above it that the routine applies to: unit A only.
    assert asked == {"personal.a", "chef.a"}


def test_a_routine_for_the_whole_department_asks_everyone_below(world):
    routine = make_routine(
        world, nodes=[world.dept_a], owner=world.dept_head_a, approver=world.director_a
    )
    routine_approver_excluded = ReadRequest.objects.filter(version=routine.current_version)
    names = set(routine_approver_excluded.values_list("user__username", flat=True))
    assert {"personal.a", "chef.a", "chef.a2", "avdchef.a"} <= names
    assert not names & {"personal.b", "namnd.a", "revisor.a", "ledning.a", "inspektor"}


def test_a_new_version_asks_again(routine_a, world):
    services.read_confirm(actor=world.staff_a, version=routine_a.current_version)
    draft = services.version_new(actor=world.manager_a, routine=routine_a, change_note="Ändrad")
    services.version_submit(actor=world.manager_a, version=draft)
    services.version_approve(actor=world.dept_head_a, version=draft)
    mine = ReadRequest.objects.get(user=world.staff_a, version=draft)
    assert mine.confirmed_at is None


def test_confirming_twice_keeps_the_first_time(routine_a, world):
    first = services.read_confirm(actor=world.staff_a, version=routine_a.current_version)
    again = services.read_confirm(actor=world.staff_a, version=routine_a.current_version)
    assert first.confirmed_at == again.confirmed_at


def test_staff_of_another_board_cannot_confirm(routine_a, world):
    with pytest.raises(PermissionDenied):
        services.read_confirm(actor=world.staff_b, version=routine_a.current_version)


def test_marking_as_reviewed_moves_the_review_date(routine_a, world):
    today = dt.date(2030, 1, 31)
    services.routine_mark_reviewed(actor=world.manager_a, routine=routine_a, today=today)
    assert routine_a.next_review_date == dt.date(2031, 1, 31)


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert services.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert services.add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)
