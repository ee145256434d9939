"""Every state change of decisions, reports and changed services: typed, atomic, audited."""

from __future__ import annotations

import datetime as dt
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

from . import rules
from .models import Decision, ImportMapping, Offer, QuarterReport, ServiceChange
from .policies import change_policy, may_mark_reported, policy

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


def decision_update(*, actor: User, decision: Decision, version: int, **changes: Any) -> Decision:
    """Record what happened to a decision (executed, interrupted, ended, why the delay)."""
    unknown = set(changes) - set(DECISION_EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not policy.can(actor, "change", decision):
        raise PermissionDenied
    with transaction.atomic():
        before = audit.snapshot(decision)
        for name, value in changes.items():
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
        decision.full_clean(exclude=["execution_due_on", "resume_due_on"])
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


def mapping_save(
    *, actor: User, board: OrgNode, name: str, columns: dict[str, str]
) -> ImportMapping:
    """Save (or replace) a source's column mapping for ``board``."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, board):
        raise PermissionDenied
    from .importer import FIELDS

    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Ge mappningen ett namn.")})
    unknown = set(columns) - set(FIELDS)
    if unknown:
        raise ValidationError(
            {"columns": _("Okända fält: %(f)s.") % {"f": ", ".join(sorted(unknown))}}
        )
    cleaned = {k: v.strip() for k, v in columns.items() if v and v.strip()}
    with transaction.atomic():
        mapping = ImportMapping.objects.filter(board=board, name=name).first()
        if mapping is None:
            mapping = ImportMapping.objects.create(board=board, name=name, columns=cleaned)
            audit.record_create(actor, mapping)
        else:
            before = audit.snapshot(mapping)
            mapping.columns = cleaned
            mapping.save()
            audit.record_update(actor, mapping, before)
    return mapping


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
        change.full_clean()
        save_versioned(
            change, version, _("Någon annan har ändrat posten medan du arbetade. Ladda om sidan.")
        )
        audit.record_update(actor, change, before)
    return change
