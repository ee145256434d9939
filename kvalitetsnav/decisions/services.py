"""Every state change of decisions, reports and changed services: typed, atomic, audited."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import contains_identity_number

from . import rules
from .models import (
    DateFormat,
    Decision,
    DecisionSource,
    ImportMapping,
    Offer,
    QuarterReport,
    ServiceChange,
    ServiceKind,
)
from .policies import change_policy, may_edit_mapping, may_import, may_mark_reported, policy

DECISION_EDITABLE = (
    "person_code",
    "protected_identity",
    "executed_on",
    "partly_executed_on",
    "unexecuted_part",
    "interrupted_from",
    "interrupted_to",
    "ended_on",
    "delay_reason",
    "delay_reason_text",
    "consequences",
    "interim_help",
    "needs_followed_up_on",
)


# The decision itself: what a case system exports, or what is typed in by hand.
DECISION_CORE = (
    "reference",
    "node",
    "law",
    "service_kind",
    "decided_on",
    "sex",
    "birth_year",
)


def _check_core(actor: User, decision: Decision, exclude_pk=None) -> None:
    """Where a decision may be placed and under which reference; ValidationError otherwise."""
    errors: dict[str, str] = {}
    node = decision.node
    board = node.board() if node else None
    if board is None:
        errors["node"] = _("Välj en enhet som hör till en nämnd.")
    elif not has_cap(actor, Cap.MANAGE_RECORDS, node):
        errors["node"] = _("Du får inte registrera beslut för den enheten.")
    elif decision.board_id and decision.board_id != board.pk:
        errors["node"] = _("Beslutet kan bara flyttas till en enhet i samma nämnd.")
    else:
        decision.board = board
    if not decision.reference:
        errors["reference"] = _("Ange beslut-id.")
    elif contains_identity_number(decision.reference):
        errors["reference"] = _("Beslut-id får inte innehålla ett personnummer.")
    elif (
        board is not None
        and Decision.objects.filter(board=board, reference=decision.reference)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = _("Det finns redan ett beslut med det beslut-id:t i nämnden.")
    if decision.service_kind_id and not decision.law:
        decision.law = decision.service_kind.law
    if decision.decided_on and decision.decided_on > timezone.localdate():
        errors["decided_on"] = _("Beslutsdatum kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)


def new_reference(decided_on: dt.date) -> str:
    """A reference for a decision without a case system: KVN-2025-3F9A1C."""
    return f"KVN-{decided_on:%Y}-{uuid.uuid4().hex[:6].upper()}"


def decision_create(
    *,
    actor: User,
    node: OrgNode,
    service_kind: ServiceKind,
    decided_on: dt.date,
    sex: str,
    birth_year: int,
    reference: str = "",
    law: str = "",
    **details: Any,
) -> Decision:
    """Register one decision by hand, for a source without a case system."""
    if not may_import(actor):
        raise PermissionDenied
    unknown = set(details) - set(DECISION_EDITABLE)
    if unknown:
        raise TypeError(f"Unknown: {', '.join(sorted(unknown))}")
    decision = Decision(
        node=node,
        service_kind=service_kind,
        law=law or service_kind.law,
        decided_on=decided_on,
        sex=sex,
        birth_year=birth_year,
        reference=reference.strip() or new_reference(decided_on),
        source=DecisionSource.MANUAL,
        **{k: v.strip() if isinstance(v, str) else v for k, v in details.items()},
    )
    with transaction.atomic():
        _check_core(actor, decision)
        decision.full_clean(exclude=["execution_due_on", "resume_due_on", "wait_ended_on"])
        decision.compute_due_dates()
        decision.save()
        audit.record_create(actor, decision)
    return decision


def decision_update(*, actor: User, decision: Decision, version: int, **changes: Any) -> Decision:
    """Record what happened to a decision (executed, interrupted, ended, why the delay).

    The decision's own fields (reference, unit, service, date, sex, year of birth) may
    be corrected too; for an imported decision the next import sets them again.
    """
    unknown = set(changes) - set(DECISION_EDITABLE) - set(DECISION_CORE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not policy.can(actor, "change", decision):
        raise PermissionDenied
    with transaction.atomic():
        before = audit.snapshot(decision)
        for name, value in changes.items():
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
        if "service_kind" in changes and "law" not in changes:
            decision.law = decision.service_kind.law
        if set(changes) & set(DECISION_CORE):
            _check_core(actor, decision, exclude_pk=decision.pk)
        decision.full_clean(exclude=["execution_due_on", "resume_due_on", "wait_ended_on"])
        decision.compute_due_dates()
        save_versioned(
            decision,
            version,
            _("Någon annan har ändrat beslutet medan du arbetade. Ladda om sidan."),
        )
        audit.record_update(actor, decision, before)
    return decision


def offer_add(*, actor: User, decision: Decision, offered_on: dt.date, declined: bool) -> Offer:
    """Note an offer of the service; a declined offer does not end the decision."""
    if not policy.can(actor, "change", decision):
        raise PermissionDenied
    if offered_on < decision.decided_on:
        raise ValidationError({"offered_on": _("Erbjudandet kan inte ligga före beslutet.")})
    if offered_on > timezone.localdate():
        raise ValidationError({"offered_on": _("Datumet kan inte ligga i framtiden.")})
    with transaction.atomic():
        offer = Offer.objects.create(decision=decision, offered_on=offered_on, declined=declined)
        audit.record_create(actor, offer)
    return offer


def _clean_mapping(
    board: OrgNode, name: str, columns: dict[str, str], date_format: str, exclude_pk=None
) -> tuple[str, dict[str, str]]:
    from .importer import DEFAULT_COLUMNS, FIELDS

    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Ge mappningen ett namn.")]
    elif (
        ImportMapping.objects.filter(board=board, name__iexact=name).exclude(pk=exclude_pk).exists()
    ):
        errors["name"] = [_("Det finns redan en mappning med det namnet för nämnden.")]
    unknown = set(columns) - set(FIELDS)
    if unknown:
        errors["columns"] = [_("Okända fält: %(f)s.") % {"f": ", ".join(sorted(unknown))}]
    cleaned = {k: v.strip() for k, v in columns.items() if k in FIELDS and v and v.strip()}
    used: dict[str, str] = {}
    for key in FIELDS:
        column = cleaned.get(key, DEFAULT_COLUMNS[key]).lower()
        if column in used:
            errors.setdefault("columns", []).append(
                _("Kolumnen ”%(c)s” används för två fält.") % {"c": cleaned.get(key, column)}
            )
        used[column] = key
    if any(len(v) > 60 for v in cleaned.values()):
        errors.setdefault("columns", []).append(_("Ett kolumnnamn får vara högst 60 tecken."))
    if date_format not in DateFormat.values:
        errors["date_format"] = [_("Välj ett av datumformaten i listan.")]
    if errors:
        raise ValidationError(errors)
    return name, cleaned


def mapping_create(
    *,
    actor: User,
    board: OrgNode,
    name: str,
    columns: dict[str, str],
    date_format: str = DateFormat.ISO,
) -> ImportMapping:
    """Save a new column mapping for a source of ``board``'s decisions."""
    if not may_edit_mapping(actor, board):
        raise PermissionDenied
    name, cleaned = _clean_mapping(board, name, columns, date_format)
    with transaction.atomic():
        mapping = ImportMapping.objects.create(
            board=board, name=name, columns=cleaned, date_format=date_format
        )
        audit.record_create(actor, mapping)
    return mapping


def mapping_update(
    *,
    actor: User,
    mapping: ImportMapping,
    version: int,
    name: str,
    columns: dict[str, str],
    date_format: str = DateFormat.ISO,
) -> ImportMapping:
    """Change a saved mapping; two people editing it at once get a conflict, not a mix."""
    if not may_edit_mapping(actor, mapping.board):
        raise PermissionDenied
    name, cleaned = _clean_mapping(mapping.board, name, columns, date_format, mapping.pk)
    with transaction.atomic():
        before = audit.snapshot(mapping)
        mapping.name, mapping.columns, mapping.date_format = name, cleaned, date_format
        save_versioned(
            mapping, version, _("Någon annan har ändrat mappningen medan du arbetade. Ladda om.")
        )
        audit.record_update(actor, mapping, before)
    return mapping


def mapping_save(
    *,
    actor: User,
    board: OrgNode,
    name: str,
    columns: dict[str, str],
    date_format: str = DateFormat.ISO,
) -> ImportMapping:
    """Save (or replace) a source's column mapping for ``board``, found by its name."""
    existing = ImportMapping.objects.filter(board=board, name=name.strip()).first()
    if existing is None:
        return mapping_create(
            actor=actor, board=board, name=name, columns=columns, date_format=date_format
        )
    return mapping_update(
        actor=actor,
        mapping=existing,
        version=existing.version,
        name=name,
        columns=columns,
        date_format=date_format,
    )


def quarter_mark_reported(
    *, actor: User, board: OrgNode, quarter: rules.Quarter, rows: list[dict[str, Any]]
) -> QuarterReport:
    """Freeze what was sent to IVO for ``board`` and ``quarter``; a quarter is reported once."""
    if not may_mark_reported(actor, board):
        raise PermissionDenied
    if quarter.end >= timezone.localdate():
        raise ValidationError({"quarter": _("Kvartalet är inte slut än.")})
    try:
        with transaction.atomic():
            report = QuarterReport.objects.create(
                board=board,
                quarter=str(quarter),
                rows=rows,
                reported_by=actor,
                reported_at=timezone.now(),
            )
            audit.record_create(actor, report)
    except IntegrityError:
        raise ValidationError(
            {"quarter": _("Kvartalet är redan markerat som rapporterat.")}
        ) from None
    return report


CHANGE_FIELDS = (
    "node",
    "decision",
    "person_code",
    "service_kind",
    "kind",
    "reason",
    "changed_on",
    "contacted_on",
    "needs_reassessed_on",
    "what_was_done",
    "followed_up_on",
)


def _check_decision_link(actor: User, change: ServiceChange) -> None:
    """A change may name a decision the actor sees, in the same board as the change's unit."""
    decision = change.decision
    if decision is None:
        return
    if not policy.visible_to(actor).filter(pk=decision.pk).exists():
        raise ValidationError({"decision": _("Du har inte tillgång till det beslutet.")})
    if change.node_id and not change.node.path.startswith(decision.board.path):
        raise ValidationError({"node": _("Enheten hör inte till samma nämnd som beslutet.")})


def service_change_create(*, actor: User, node: OrgNode, **fields: Any) -> ServiceChange:
    """Register a change to a person's services, with the steps taken so far."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    unknown = set(fields) - set(CHANGE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown: {', '.join(sorted(unknown))}")
    change = ServiceChange(
        node=node, **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    )
    _check_decision_link(actor, change)
    change.full_clean()
    with transaction.atomic():
        change.save()
        audit.record_create(actor, change)
    return change


def service_change_update(
    *, actor: User, change: ServiceChange, version: int, **fields: Any
) -> ServiceChange:
    """Record the next steps: contact, new assessment, what was done, follow-up."""
    if not change_policy.can(actor, "change", change):
        raise PermissionDenied
    unknown = set(fields) - set(CHANGE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown: {', '.join(sorted(unknown))}")
    if "node" in fields and not has_cap(actor, Cap.MANAGE_RECORDS, fields["node"]):
        raise ValidationError({"node": _("Du kan inte flytta posten dit.")})
    with transaction.atomic():
        before = audit.snapshot(change)
        for name, value in fields.items():
            setattr(change, name, value.strip() if isinstance(value, str) else value)
        if "decision" in fields or "node" in fields:
            _check_decision_link(actor, change)
        change.full_clean()
        save_versioned(
            change, version, _("Någon annan har ändrat posten medan du arbetade. Ladda om sidan.")
        )
        audit.record_update(actor, change, before)
    return change
