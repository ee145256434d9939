"""Required training: who in a unit has completed what, and the share against the requirement.

Staff of a unit are counted the way read receipts count them: active users with a staff
or manager role (``services.STAFF_ROLES``) on the unit or below it, each in their own
(lowest) unit. Everything is computed live, so when staff join or leave a unit the share
and the warning follow at once. A page needs four queries, whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import Training, TrainingCompletion, TrainingRequirement
from .services import STAFF_ROLES


@dataclass
class UnitShare:
    """One requirement in one unit: how many of its staff have completed the training."""

    unit: OrgNode
    requirement: TrainingRequirement
    staff_ids: set[Any] = field(default_factory=set)
    completed_ids: set[Any] = field(default_factory=set)

    @property
    def staff(self) -> int:
        return len(self.staff_ids)

    @property
    def completed(self) -> int:
        return len(self.completed_ids)

    @property
    def share(self) -> int | None:
        """Whole per cent, rounded down (79.9 % is not 80 %); None for a unit without staff."""
        if not self.staff:
            return None
        return self.completed * 100 // self.staff

    @property
    def below(self) -> bool:
        return bool(self.staff) and self.completed * 100 < self.requirement.required_percent * (
            self.staff
        )

    @property
    def missing(self) -> int:
        """How many more staff must complete the training to reach the requirement."""
        needed = -(-self.requirement.required_percent * self.staff // 100)  # ceiling
        return max(0, needed - self.completed)


def _under_q(paths: Iterable[str], lookup: str = "path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def _applicable(unit: OrgNode, requirements: list[TrainingRequirement]) -> list:
    """The strictest requirement per training that applies to the unit."""
    best: dict[Any, TrainingRequirement] = {}
    for req in requirements:
        if not unit.path.startswith(req.node.path):
            continue
        if req.operation_kind and req.operation_kind != unit.operation_kind:
            continue
        current = best.get(req.training_id)
        if current is None or req.required_percent > current.required_percent:
            best[req.training_id] = req
    return sorted(best.values(), key=lambda r: r.training.name)


def staff_by_unit(units: list[OrgNode]) -> dict[Any, set[Any]]:
    """``{unit id: {user id}}``: each active user with a staff role in their lowest unit."""
    if not units:
        return {}
    rows = (
        RoleAssignment.objects.filter(
            _under_q([u.path for u in units], "node__path"),
            role__in=STAFF_ROLES,
            user__is_active=True,
            node__is_active=True,
        )
        .order_by("user_id", "-node__path")
        .values_list("user_id", "node__path")
    )
    own: dict[Any, str] = {}
    for user_id, path in rows:
        own.setdefault(user_id, path)  # the lowest node: the user's own unit
    by_unit: dict[Any, set[Any]] = defaultdict(set)
    for user_id, path in own.items():
        unit = max((u for u in units if path.startswith(u.path)), key=lambda u: len(u.path))
        by_unit[unit.pk].add(user_id)
    return by_unit


def unit_shares(units: QuerySet[OrgNode]) -> list[UnitShare]:
    """For every active unit in ``units`` under a requirement, one row per requirement."""
    requirements = list(TrainingRequirement.objects.select_related("training", "node"))
    if not requirements:
        return []
    unit_list = list(
        units.filter(level=OrgLevel.ENHET, is_active=True)
        .filter(_under_q(r.node.path for r in requirements))
        .order_by("path")
    )
    rows = [
        UnitShare(unit=unit, requirement=req)
        for unit in unit_list
        for req in _applicable(unit, requirements)
    ]
    if not rows:
        return []
    staff = staff_by_unit(unit_list)
    all_staff = set().union(*staff.values()) if staff else set()
    done: dict[Any, set[Any]] = defaultdict(set)
    for training_id, user_id in TrainingCompletion.objects.filter(
        training_id__in={r.requirement.training_id for r in rows}, user_id__in=all_staff
    ).values_list("training_id", "user_id"):
        done[training_id].add(user_id)
    for row in rows:
        row.staff_ids = staff.get(row.unit.pk, set())
        row.completed_ids = row.staff_ids & done[row.requirement.training_id]
    return rows


# Services --------------------------------------------------------------------------------


def training_create(*, actor: User | None, name: str, description: str = "") -> Training:
    with transaction.atomic():
        training = Training(name=name.strip(), description=description.strip())
        training.full_clean()
        training.save()
        audit.record_create(actor, training)
    return training


def requirement_set(
    *,
    actor: User | None,
    training: Training,
    node: OrgNode,
    required_percent: int,
    operation_kind: str = "",
) -> TrainingRequirement:
    """Require a share of trained staff in the units under ``node`` (of one kind, if given)."""
    if actor is not None and not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    if not 1 <= required_percent <= 100:
        raise ValidationError({"required_percent": _("Ange en andel mellan 1 och 100 procent.")})
    with transaction.atomic():
        requirement = TrainingRequirement.objects.filter(
            training=training, node=node, operation_kind=operation_kind
        ).first()
        if requirement is None:
            requirement = TrainingRequirement.objects.create(
                training=training,
                node=node,
                operation_kind=operation_kind,
                required_percent=required_percent,
                created_by=actor,
            )
            audit.record_create(actor, requirement)
        elif requirement.required_percent != required_percent:
            before = audit.snapshot(requirement)
            requirement.required_percent = required_percent
            requirement.save(update_fields=["required_percent", "updated_at"])
            audit.record_update(actor, requirement, before)
    return requirement


def training_complete(
    *,
    actor: User,
    training: Training,
    users: Iterable[User],
    completed_on: dt.date,
    unit: OrgNode,
) -> list[TrainingCompletion]:
    """A manager registers that staff of their unit completed a training on a date."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, unit):
        raise PermissionDenied
    users = list(users)
    if not users:
        raise ValidationError({"users": _("Välj minst en medarbetare.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Datumet kan inte ligga i framtiden.")})
    staff = staff_by_unit([unit]).get(unit.pk, set())
    if any(user.pk not in staff for user in users):
        raise ValidationError({"users": _("Välj bara medarbetare i enheten.")})
    saved = []
    with transaction.atomic():
        existing = {
            c.user_id: c
            for c in TrainingCompletion.objects.select_for_update().filter(
                training=training, user__in=users
            )
        }
        for user in users:
            completion = existing.get(user.pk)
            if completion is None:
                completion = TrainingCompletion.objects.create(
                    training=training, user=user, completed_on=completed_on, registered_by=actor
                )
                audit.record_create(actor, completion)
            elif completion.completed_on != completed_on:
                before = audit.snapshot(completion)
                completion.completed_on = completed_on
                completion.registered_by = actor
                completion.save(update_fields=["completed_on", "registered_by", "updated_at"])
                audit.record_update(actor, completion, before)
            saved.append(completion)
    return saved
