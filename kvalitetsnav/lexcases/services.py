"""Every state change of a lex Sarah or lex Maria case: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.deadlines import lex_targets

from .models import (
    AnalysisItem,
    AnalysisSection,
    InvestigationEntry,
    LexCase,
    LexKind,
    LexStatus,
)
from .policies import may_report, policy

PREFIX = {LexKind.LEX_SARAH: "LS", LexKind.LEX_MARIA: "LM"}


def _refuse(field: str | None, message: str) -> ValidationError:
    return ValidationError({field: [message]}) if field else ValidationError(message)


def _require(actor: User, action: str, case: LexCase) -> None:
    if not policy.can(actor, action, case):
        raise PermissionDenied


def _require_open(case: LexCase) -> None:
    if not case.is_open:
        raise _refuse(None, _("Ärendet är avslutat och kan inte ändras."))


def _not_future(field: str, value: dt.date | dt.datetime | None) -> None:
    if value is None:
        return
    now = timezone.now() if isinstance(value, dt.datetime) else timezone.localdate()
    if value > now:
        raise _refuse(field, _("Tidpunkten kan inte ligga i framtiden."))


def _save(case: LexCase, version: int) -> None:
    save_versioned(
        case,
        version,
        _("Någon annan har ändrat ärendet medan du arbetade. Ladda om sidan och gör om ändringen."),
    )


def _check_times(case: LexCase) -> None:
    for field in ("received_at", "occurred_at", "noticed_at"):
        _not_future(field, getattr(case, field))
    if case.occurred_at and case.occurred_at > case.received_at:
        raise _refuse(
            "occurred_at", _("Händelsen kan inte ha inträffat efter att rapporten togs emot.")
        )
    if case.noticed_at and case.noticed_at > case.received_at:
        raise _refuse("noticed_at", _("Det kan inte ha upptäckts efter att rapporten togs emot."))
    if case.occurred_at and case.noticed_at and case.noticed_at < case.occurred_at:
        raise _refuse("noticed_at", _("Det kan inte ha upptäckts innan det hände."))


def _next_reference(kind: str, year: int) -> str:
    prefix = f"{PREFIX[kind]}-{year}-"
    taken = LexCase.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


_FACTS = (
    "title",
    "description",
    "occurred_at",
    "noticed_at",
    "how_noticed",
    "consequences",
    "immediate_measures",
    "person_ref",
)


def lex_case_open(
    *,
    actor: User,
    kind: str,
    node: OrgNode,
    title: str,
    description: str,
    received_at: dt.datetime | None = None,
    occurred_at: dt.datetime | None = None,
    noticed_at: dt.datetime | None = None,
    how_noticed: str = "",
    consequences: str = "",
    immediate_measures: str = "",
    person_ref: str = "",
    deviation: Any = None,
    feedback: Any = None,
) -> LexCase:
    """Register a report of misconduct (lex Sarah) or of a vårdskada (lex Maria).

    Everyone who works in the operation may report, into a unit where they work;
    the internal targets are computed from when the report was received.
    """
    if not may_report(actor):
        raise PermissionDenied
    if kind not in LexKind.values:
        raise _refuse("kind", _("Välj lex Sarah eller lex Maria."))
    if not node.is_active or not may_report(actor, node):
        raise _refuse("node", _("Välj en enhet där du arbetar."))
    received_at = received_at or timezone.now()
    targets = lex_targets(kind, timezone.localtime(received_at).date())
    case = LexCase(
        kind=kind,
        node=node,
        deviation=deviation,
        feedback=feedback,
        opened_by=actor,
        received_at=received_at,
        start_due=targets.start,
        assess_due=targets.assess,
        ivo_due=targets.ivo_report,
        complete_due=targets.complete,
        reference="-",
        occurred_at=occurred_at,
        noticed_at=noticed_at,
        **{
            name: value.strip()
            for name, value in {
                "title": title,
                "description": description,
                "how_noticed": how_noticed,
                "consequences": consequences,
                "immediate_measures": immediate_measures,
                "person_ref": person_ref,
            }.items()
        },
    )
    _check_times(case)
    case.full_clean(exclude=["reference"])
    year = timezone.localtime(received_at).year
    for _attempt in range(5):
        case.reference = _next_reference(kind, year)
        try:
            with transaction.atomic():
                case.save(force_insert=True)
                audit.record_create(actor, case)
        except IntegrityError:
            # Someone took the same number at the same moment: take the next one.
            case._state.adding = True
            continue
        return case
    raise _refuse(None, _("Ärendet kunde inte sparas just nu. Försök igen."))


_EDITABLE = _FACTS + (
    "previous_occurrences",
    "patient_informed_on",
    "patient_experience",
    "journal_noted",
)


def lex_case_update(*, actor: User, case: LexCase, version: int, **changes: Any) -> LexCase:
    """Correct or complete the facts of an open case."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    _require(actor, "change", case)
    _require_open(case)
    with transaction.atomic():
        before = audit.snapshot(case)
        for name, value in changes.items():
            setattr(case, name, value.strip() if isinstance(value, str) else value)
        if not case.title:
            raise _refuse("title", _("Ange en rubrik."))
        _check_times(case)
        _not_future("patient_informed_on", case.patient_informed_on)
        case.full_clean()
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def _mark_started(actor: User, case: LexCase, on: dt.date) -> None:
    """The first documentation starts the investigation (the first internal target)."""
    fresh = LexCase.objects.select_for_update().get(pk=case.pk)
    if fresh.investigation_started_at is not None and fresh.status != LexStatus.RECEIVED:
        return
    before = audit.snapshot(fresh)
    fresh.investigation_started_at = fresh.investigation_started_at or on
    if fresh.status == LexStatus.RECEIVED:
        fresh.status = LexStatus.INVESTIGATING
    _save(fresh, fresh.version)
    audit.record_update(actor, fresh, before)
    case.investigation_started_at, case.status = fresh.investigation_started_at, fresh.status
    case.version = fresh.version


def lex_case_add_entry(
    *,
    actor: User,
    case: LexCase,
    entry_date: dt.date,
    topic: str,
    nature: str,
    source: str,
    text: str,
) -> InvestigationEntry:
    """Document one piece of the investigation: date, source, fact or assessment, who wrote it."""
    _require(actor, "change", case)
    _require_open(case)
    _not_future("entry_date", entry_date)
    entry = InvestigationEntry(
        case=case,
        entry_date=entry_date,
        topic=topic,
        nature=nature,
        source=source.strip(),
        text=text.strip(),
        written_by=actor,
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        audit.record_create(actor, entry)
        _mark_started(actor, case, timezone.localdate())
    return entry


def lex_case_add_analysis_item(
    *,
    actor: User,
    case: LexCase,
    section: str,
    text: str,
    happened_at: dt.datetime | None = None,
    factor: str = "",
    is_root_cause: bool = False,
) -> AnalysisItem:
    """Add a line to the event analysis: the timeline, a cause, a failed barrier, a participant."""
    _require(actor, "change", case)
    _require_open(case)
    if section == AnalysisSection.TIMELINE:
        if happened_at is None:
            raise _refuse("happened_at", _("Ange när det hände."))
        _not_future("happened_at", happened_at)
    else:
        happened_at = None
    if section == AnalysisSection.CAUSE:
        if not factor:
            raise _refuse("factor", _("Välj inom vilket område orsaken finns."))
    else:
        factor, is_root_cause = "", False
    item = AnalysisItem(
        case=case,
        section=section,
        text=text.strip(),
        happened_at=happened_at,
        factor=factor,
        is_root_cause=is_root_cause,
        added_by=actor,
    )
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record_create(actor, item)
        _mark_started(actor, case, timezone.localdate())
    return item


def lex_case_create_action(
    *,
    actor: User,
    case: LexCase,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """A measure to prevent recurrence, registered in the actions register and linked here."""
    _require(actor, "change", case)
    _require_open(case)
    return action_services.action_create(
        actor=actor,
        title=title,
        node=case.node,
        description=description,
        owner=owner,
        due_date=due_date,
        source=case,
    )


def lex_case_complete_investigation(*, actor: User, case: LexCase, version: int) -> LexCase:
    """Mark the investigation as done; it must have documented something."""
    _require(actor, "change", case)
    _require_open(case)
    if case.investigation_completed_at:
        raise _refuse(None, _("Utredningen är redan klar."))
    if not case.entries.exists():
        raise _refuse(None, _("Dokumentera utredningen innan den markeras som klar."))
    with transaction.atomic():
        before = audit.snapshot(case)
        case.investigation_completed_at = timezone.localdate()
        case.investigation_started_at = case.investigation_started_at or timezone.localdate()
        if case.status == LexStatus.RECEIVED:
            case.status = LexStatus.INVESTIGATING
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def lex_case_assess(
    *, actor: User, case: LexCase, version: int, serious: bool, reasons: str
) -> LexCase:
    """The provider's decision: is it serious (and so reported to IVO)? With reasons."""
    _require(actor, "assess", case)
    if case.status not in (LexStatus.RECEIVED, LexStatus.INVESTIGATING):
        raise _refuse(None, _("Ärendet är redan bedömt."))
    if not reasons.strip():
        raise _refuse("reasons", _("Ange skälen för bedömningen."))
    with transaction.atomic():
        before = audit.snapshot(case)
        case.serious = serious
        case.assessment_reasons = reasons.strip()
        case.decided_by = actor
        case.decided_at = timezone.localdate()
        case.status = LexStatus.ASSESSED
        case.full_clean()
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def lex_case_report_to_ivo(
    *, actor: User, case: LexCase, version: int, sent_on: dt.date, ivo_reference: str = ""
) -> LexCase:
    """Record that the report was filed in IVO's e-service: when, and IVO's reference number."""
    _require(actor, "report", case)
    if case.serious is not True:
        raise _refuse(
            None,
            _("Bara ett ärende som bedömts som allvarligt anmäls till IVO."),
        )
    if case.status != LexStatus.ASSESSED:
        raise _refuse(None, _("Ärendet är redan anmält till IVO."))
    _not_future("sent_on", sent_on)
    if sent_on < timezone.localtime(case.received_at).date():
        raise _refuse("sent_on", _("Anmälan kan inte ha skickats innan rapporten togs emot."))
    with transaction.atomic():
        before = audit.snapshot(case)
        case.ivo_sent_at = sent_on
        case.ivo_sent_by = actor
        case.ivo_reference = ivo_reference.strip()
        case.status = LexStatus.REPORTED
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def lex_case_record_ivo_decision(
    *,
    actor: User,
    case: LexCase,
    version: int,
    decided_on: dt.date,
    decision: str,
    ivo_reference: str = "",
) -> LexCase:
    """Record IVO's decision on the report (and its reference number if not yet known)."""
    _require(actor, "report", case)
    if case.status != LexStatus.REPORTED:
        raise _refuse(None, _("IVO:s beslut kan registreras först när ärendet är anmält."))
    _not_future("decided_on", decided_on)
    if decided_on < case.ivo_sent_at:
        raise _refuse("decided_on", _("IVO kan inte ha beslutat innan anmälan skickades."))
    if not decision.strip():
        raise _refuse("decision", _("Sammanfatta IVO:s beslut."))
    with transaction.atomic():
        before = audit.snapshot(case)
        case.ivo_decision_at = decided_on
        case.ivo_decision = decision.strip()
        if ivo_reference.strip():
            case.ivo_reference = ivo_reference.strip()
        case.status = LexStatus.IVO_DECIDED
        case.full_clean()
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def lex_case_close(*, actor: User, case: LexCase, version: int, summary: str) -> LexCase:
    """Close a case whose investigation is done, whose actions are done, with the final position.

    A serious case closes after IVO's decision; one assessed as not serious closes
    as *avslutad utan anmälan*.
    """
    _require(actor, "close", case)
    if case.status == LexStatus.ASSESSED and case.serious:
        raise _refuse(None, _("Ett allvarligt ärende ska anmälas till IVO innan det avslutas."))
    if case.status not in (LexStatus.ASSESSED, LexStatus.IVO_DECIDED):
        raise _refuse(None, _("Ärendet kan inte avslutas i sin nuvarande status."))
    if not case.investigation_completed_at:
        raise _refuse(None, _("Utredningen ska vara klar innan ärendet avslutas."))
    if Action.objects.linked_to(case).open().exists():
        raise _refuse(
            None, _("Ärendet har åtgärder som inte är genomförda. Slutför eller avbryt dem först.")
        )
    if not summary.strip():
        raise _refuse("summary", _("Skriv det slutliga ställningstagandet."))
    with transaction.atomic():
        before = audit.snapshot(case)
        case.status = LexStatus.CLOSED if case.serious else LexStatus.CLOSED_NOT_REPORTED
        case.closing_summary = summary.strip()
        case.closed_at = timezone.localdate()
        case.closed_by = actor
        case.full_clean()
        _save(case, version)
        audit.record_update(actor, case, before)
    return case


def lex_case_close_early(*, actor: User, case: LexCase, version: int, position: str) -> LexCase:
    """Close a report that is clearly no misconduct, with the documented position."""
    _require(actor, "close", case)
    if case.status not in (LexStatus.RECEIVED, LexStatus.INVESTIGATING):
        raise _refuse(None, _("Bara ett ärende som inte är bedömt kan avslutas direkt."))
    if not position.strip():
        raise _refuse(
            "position", _("Dokumentera varför det uppenbart inte är ett missförhållande.")
        )
    today = timezone.localdate()
    with transaction.atomic():
        before = audit.snapshot(case)
        case.serious = False
        case.assessment_reasons = position.strip()
        case.decided_by = actor
        case.decided_at = today
        case.closed_early = True
        case.closing_summary = position.strip()
        case.investigation_started_at = case.investigation_started_at or today
        case.investigation_completed_at = case.investigation_completed_at or today
        case.status = LexStatus.CLOSED_NOT_REPORTED
        case.closed_at = today
        case.closed_by = actor
        case.full_clean()
        _save(case, version)
        audit.record_update(actor, case, before)
    return case
