"""Every state change of an action: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode

from .models import Action, ActionStatus
from .policies import policy


def _check_owner(owner: User | None) -> None:
    if owner is not None and not owner.is_active:
        raise ValidationError({"owner": _("Den ansvariga användaren är inte längre aktiv.")})


def action_create(
    *,
    actor: User,
    title: str,
    node: OrgNode,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
    source: models.Model | None = None,
) -> Action:
    """Register a new action on ``node``, optionally linked to the finding it answers."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    _check_owner(owner)
    action = Action(
        title=title.strip(),
        description=description.strip(),
        node=node,
        owner=owner,
        due_date=due_date,
        created_by=actor,
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = str(source.pk)
    action.full_clean()
    with transaction.atomic():
        action.save()
        audit.record_create(actor, action)
    return action


_EDITABLE = ("title", "description", "node", "owner", "due_date")


def action_update(*, actor: User, action: Action, version: int, **changes: Any) -> Action:
    """Change an action's details.

    ``version`` is the one the user saw; if someone saved since, it is a conflict.
    """
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not policy.can(actor, "change", action):
        raise PermissionDenied
    new_node = changes.get("node", action.node)
    if not has_cap(actor, Cap.MANAGE_RECORDS, new_node):
        raise ValidationError({"node": _("Du kan inte flytta åtgärden dit.")})
    _check_owner(changes.get("owner", action.owner))
    with transaction.atomic():
        before = audit.snapshot(action)
        if changes.get("due_date", action.due_date) != action.due_date:
            action.reminded_at = None  # a new due date earns a new reminder
        for name, value in changes.items():
            setattr(action, name, value.strip() if isinstance(value, str) else value)
        action.full_clean()
        _save_versioned(action, version)
        audit.record_update(actor, action, before)
    return action


def _save_versioned(action: Action, version: int) -> None:
    save_versioned(
        action,
        version,
        _(
            "Någon annan har ändrat åtgärden medan du arbetade. "
            "Ladda om sidan och gör om ändringen."
        ),
    )


def action_advance(*, actor: User, action: Action, version: int) -> Action:
    """Move an action one step: planerad → pågår → genomförd."""
    if not policy.can(actor, "progress", action):
        raise PermissionDenied
    target = action.next_status()
    if target not in (ActionStatus.IN_PROGRESS, ActionStatus.DONE):
        raise ValidationError(_("Åtgärden kan inte flyttas vidare från sin nuvarande status."))
    with transaction.atomic():
        before = audit.snapshot(action)
        action.status = target
        if target == ActionStatus.DONE:
            action.completed_on = timezone.localdate()
        _save_versioned(action, version)
        audit.record_update(actor, action, before)
    return action


def action_evaluate_effect(
    *,
    actor: User,
    action: Action,
    version: int,
    evaluated_on: dt.date,
    result: str,
    sufficient: bool,
) -> Action:
    """Record whether a completed action had the effect intended."""
    if not policy.can(actor, "change", action):
        raise PermissionDenied
    if action.status != ActionStatus.DONE:
        raise ValidationError(_("Effekten kan utvärderas först när åtgärden är genomförd."))
    if not result.strip():
        raise ValidationError({"result": _("Beskriv resultatet av utvärderingen.")})
    if evaluated_on > timezone.localdate():
        raise ValidationError(
            {"evaluated_on": _("Datumet för utvärderingen kan inte ligga i framtiden.")}
        )
    with transaction.atomic():
        before = audit.snapshot(action)
        action.status = ActionStatus.EFFECT_EVALUATED
        action.effect_evaluated_on = evaluated_on
        action.effect_result = result.strip()
        action.effect_sufficient = sufficient
        _save_versioned(action, version)
        audit.record_update(actor, action, before)
    return action


def action_cancel(*, actor: User, action: Action, version: int, reason: str) -> Action:
    """Stop an open action; the reason is required and kept."""
    if not policy.can(actor, "change", action):
        raise PermissionDenied
    if not action.is_open:
        raise ValidationError(_("Bara en planerad eller pågående åtgärd kan avbrytas."))
    if not reason.strip():
        raise ValidationError({"reason": _("Ange varför åtgärden avbryts.")})
    with transaction.atomic():
        before = audit.snapshot(action)
        action.status = ActionStatus.CANCELLED
        action.cancel_reason = reason.strip()
        _save_versioned(action, version)
        audit.record_update(actor, action, before)
    return action
