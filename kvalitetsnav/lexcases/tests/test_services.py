"""The law's steps, and who may take each of them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.lexcases import services
from kvalitetsnav.lexcases.models import AnalysisSection, Factor, LexCase, LexKind, LexStatus
from kvalitetsnav.lib.deadlines import lex_targets

from . import factories as f

SARAH, MARIA = LexKind.LEX_SARAH, LexKind.LEX_MARIA


def test_any_staff_member_may_report_and_the_targets_are_set_from_reception(world):
    case = f.open_case(world)
    assert case.reference == f"LS-{timezone.localdate().year}-0001"
    assert case.status == LexStatus.RECEIVED
    targets = lex_targets(SARAH, timezone.localtime(case.received_at).date())
    assert (case.start_due, case.assess_due, case.complete_due) == (
        targets.start,
        targets.assess,
        targets.complete,
    )
    assert AuditEvent.objects.for_object(case).filter(action="create").exists()


def test_references_count_per_kind_and_year(world):
    f.open_case(world)
    assert f.open_case(world).reference.endswith("-0002")
    assert f.open_case(world, kind=MARIA).reference.startswith("LM-")


def test_a_report_into_a_unit_where_one_does_not_work_is_refused(world):
    with pytest.raises(ValidationError) as error:
        f.open_case(world, node=world.unit_b)
    assert "node" in error.value.message_dict


def test_nämnd_and_inspectors_cannot_report(world):
    for person in (world.politician_a, world.inspector):
        with pytest.raises(PermissionDenied):
            f.open_case(world, by=person)


def test_it_refuses_a_personnummer_in_the_description(world):
    with pytest.raises(ValidationError) as error:
        f.open_case(world, description="Gäller 19121212-1212 på avdelningen.")
    assert "personnummer" in error.value.message_dict["description"][0]


def test_it_refuses_an_event_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        f.open_case(world, occurred_at=timezone.now() + dt.timedelta(days=2))
    assert "occurred_at" in error.value.message_dict


def test_the_first_entry_starts_the_investigation(world):
    case = f.document(world, f.open_case(world))
    assert case.status == LexStatus.INVESTIGATING
    assert case.investigation_started_at == timezone.localdate()


def test_staff_cannot_document_or_assess(world):
    case = f.open_case(world)
    with pytest.raises(PermissionDenied):
        f.document(world, case, by=world.staff_a)
    with pytest.raises(PermissionDenied):
        services.lex_case_assess(
            actor=world.staff_a, case=case, version=case.version, serious=True, reasons="x"
        )


def test_the_unit_manager_handles_lex_sarah_but_does_not_decide_seriousness(world):
    case = f.document(world, f.open_case(world))
    with pytest.raises(PermissionDenied):
        services.lex_case_assess(
            actor=world.manager_a, case=case, version=case.version, serious=False, reasons="x"
        )
    assessed = services.lex_case_assess(
        actor=world.director_a,
        case=case,
        version=case.version,
        serious=False,
        reasons="Ingen risk.",
    )
    assert assessed.decided_by == world.director_a
    assert assessed.status == LexStatus.ASSESSED


def test_only_mas_handles_and_assesses_lex_maria(world):
    case = f.open_case(world, kind=MARIA)
    for person in (world.manager_a, world.dept_head_a, world.director_a):
        with pytest.raises(PermissionDenied):
            f.document(world, case, by=person)
        with pytest.raises(PermissionDenied):
            services.lex_case_assess(
                actor=person, case=case, version=case.version, serious=True, reasons="x"
            )
    case = f.document(world, case, by=world.mas_a)
    assessed = services.lex_case_assess(
        actor=world.mas_a, case=case, version=case.version, serious=True, reasons="Risk."
    )
    assert assessed.serious is True


def test_an_assessment_needs_its_reasons(world):
    case = f.open_case(world)
    with pytest.raises(ValidationError) as error:
        services.lex_case_assess(
            actor=world.dept_head_a, case=case, version=case.version, serious=True, reasons=" "
        )
    assert "reasons" in error.value.message_dict


def test_a_serious_case_must_be_reported_before_it_closes(world):
    case = f.assessed(world, serious=True, completed=True)
    assert [t.key for t in case.targets()] == ["start", "assess", "ivo_report", "complete"]
    with pytest.raises(ValidationError, match="anmälas till IVO"):
        services.lex_case_close(
            actor=world.dept_head_a, case=case, version=case.version, summary="Klart."
        )


def test_a_case_not_assessed_as_serious_cannot_be_reported_to_ivo(world):
    case = f.assessed(world, serious=False)
    with pytest.raises(ValidationError, match="bedömts som allvarligt"):
        services.lex_case_report_to_ivo(
            actor=world.dept_head_a, case=case, version=case.version, sent_on=timezone.localdate()
        )


def test_the_database_refuses_a_report_to_ivo_of_a_case_not_serious(world):
    case = f.assessed(world, serious=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        LexCase.objects.filter(pk=case.pk).update(ivo_sent_at=timezone.localdate())


def test_the_whole_serious_path_ends_closed_with_ivo_decision(world):
    case = f.reported(world)
    assert case.status == LexStatus.REPORTED
    case = services.lex_case_record_ivo_decision(
        actor=world.dept_head_a,
        case=case,
        version=case.version,
        decided_on=timezone.localdate(),
        decision="IVO avslutar ärendet efter vidtagna åtgärder.",
    )
    case = services.lex_case_complete_investigation(
        actor=world.manager_a, case=case, version=case.version
    )
    case = services.lex_case_close(
        actor=world.dept_head_a, case=case, version=case.version, summary="Rutinen är ändrad."
    )
    assert case.status == LexStatus.CLOSED
    assert not case.is_overdue()


def test_a_case_with_open_actions_cannot_close(world):
    case = f.assessed(world, serious=False, completed=True)
    action = services.lex_case_create_action(
        actor=world.manager_a, case=case, title="Utbilda i rutinen", owner=world.staff_a
    )
    assert action.source == case
    with pytest.raises(ValidationError, match="åtgärder"):
        services.lex_case_close(
            actor=world.dept_head_a, case=case, version=case.version, summary="Klart."
        )
    for _ in range(2):
        action = action_services.action_advance(
            actor=world.manager_a, action=action, version=action.version
        )
    closed = services.lex_case_close(
        actor=world.dept_head_a, case=case, version=case.version, summary="Klart."
    )
    assert closed.status == LexStatus.CLOSED_NOT_REPORTED


def test_a_report_that_is_clearly_no_misconduct_can_be_closed_early_with_a_position(world):
    case = f.open_case(world)
    with pytest.raises(ValidationError):
        services.lex_case_close_early(
            actor=world.dept_head_a, case=case, version=case.version, position=""
        )
    case = services.lex_case_close_early(
        actor=world.dept_head_a, case=case, version=case.version, position="Insatsen gavs."
    )
    assert (case.status, case.serious, case.closed_early) == (
        LexStatus.CLOSED_NOT_REPORTED,
        False,
        True,
    )


def test_the_event_analysis_needs_a_time_for_the_timeline_and_an_area_for_a_cause(world):
    case = f.open_case(world)
    with pytest.raises(ValidationError) as error:
        services.lex_case_add_analysis_item(
            actor=world.manager_a, case=case, section=AnalysisSection.TIMELINE, text="Larm"
        )
    assert "happened_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.lex_case_add_analysis_item(
            actor=world.manager_a, case=case, section=AnalysisSection.CAUSE, text="Rutin saknas"
        )
    assert "factor" in error.value.message_dict
    item = services.lex_case_add_analysis_item(
        actor=world.manager_a,
        case=case,
        section=AnalysisSection.CAUSE,
        factor=Factor.ROUTINES,
        is_root_cause=True,
        text="Ingen rutin för överlämning vid skiftbyte.",
    )
    assert item.is_root_cause


def test_an_edit_based_on_an_old_version_is_a_conflict(world):
    case = f.open_case(world)
    stale = case.version
    services.lex_case_update(actor=world.manager_a, case=case, version=stale, title="Ny rubrik")
    with pytest.raises(ConflictError):
        services.lex_case_update(
            actor=world.manager_a, case=LexCase.objects.get(pk=case.pk), version=stale, title="X"
        )
