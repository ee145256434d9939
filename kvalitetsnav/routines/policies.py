"""Who may read, write and approve routines.

* Read: a routine applies to org nodes; everyone who may see records on such a node
  or below it, or on a unit below a node it applies to, reads its approved version
  (a routine for the whole förvaltning applies to all its units). Inspectors read too.
* Write: the owner, and managers (records.manage) of every node it applies to.
* Approve: those managers, never the owner (the owner's manager, or a quality developer).
* Nämnd and revisor see aggregates only.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, paths_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode

from .models import Activity, Process, Routine, RoutineVersion, VersionStatus


def _ancestor_ids(user: Any, cap: Cap) -> set[str]:
    """Ids of every node above (and at) the roots where the user holds ``cap``."""
    ids: set[str] = set()
    for path in paths_with(user, cap):
        ids.update(part for part in path.strip("/").split("/") if part)
    return ids


def applies_q(user: Any, cap: Cap, lookup: str = "orgnode") -> Q:
    """Org nodes (through ``lookup``) in the user's subtrees for ``cap``, or above them."""
    roots = paths_with(user, cap)
    if not roots:
        return Q(pk__in=[])
    nodes = Q(pk__in=_ancestor_ids(user, cap))
    for root in roots:
        nodes |= Q(path__startswith=root)
    # The nodes first, as a subquery: the links are then found by their node's index instead
    # of joining every link in the city to its node and testing each (issue 9).
    return Q(**{f"{lookup}_id__in": OrgNode.objects.filter(nodes).values("pk")})


def _within_q(user: Any, cap: Cap, lookup: str = "orgnode") -> Q:
    roots = paths_with(user, cap)
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(**{f"{lookup}__path__startswith": root})
    return q


def readable_routine_ids(user: Any):
    """Routines that apply where the user works (a subquery, no duplicates)."""
    through = Routine.applies_to.through
    return through.objects.filter(applies_q(user, Cap.VIEW_RECORDS)).values("routine_id")


def editable_routine_q(user: Any) -> Q:
    """Routines whose every node lies where the user manages (and that have a node)."""
    through = Routine.applies_to.through
    roots = paths_with(user, Cap.MANAGE_RECORDS)
    if not roots:
        return Q(pk__in=[])
    # From the user's own nodes outward: a routine with a node inside and none outside.
    # (Not "every routine with a node, minus those with one outside": that reads the whole
    # city's routines for every page that shows one, issue 9.)
    within = _within_q(user, Cap.MANAGE_RECORDS)
    inside = through.objects.filter(within).values("routine_id")
    outside = through.objects.filter(routine_id=OuterRef("pk")).exclude(within)
    return Q(pk__in=inside) & ~Exists(outside)


class RoutinePolicy(policies.Policy[Routine]):
    model = Routine

    def visible_to(self, user: Any) -> models.QuerySet[Routine]:
        if not getattr(user, "is_authenticated", False) or not has_cap(user, Cap.VIEW_RECORDS):
            return Routine.objects.none()
        return Routine.objects.filter(
            (Q(pk__in=readable_routine_ids(user)) & Q(current_version__isnull=False))
            | Q(owner=user)
            | editable_routine_q(user)
        )

    def editable_by(self, user: Any) -> models.QuerySet[Routine]:
        return Routine.objects.filter(Q(owner=user) | editable_routine_q(user))

    def can(self, user: Any, action: str, obj: Routine) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if action in ("change", "attach"):
            return obj.owner_id == user.pk or self._manages_all(user, obj)
        if action == "approve":
            return obj.owner_id != user.pk and self._manages_all(user, obj)
        if action == "follow_up":
            # Managers see who has read it, for the units they manage.
            return has_cap(user, Cap.MANAGE_RECORDS) and self.can(user, "view", obj)
        if action == "history":
            return has_cap(user, Cap.VIEW_HISTORY) and self.can(user, "view", obj)
        return False

    @staticmethod
    def _manages_all(user: Any, obj: Routine) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return Routine.objects.filter(pk=obj.pk).filter(editable_routine_q(user)).exists()


class RoutineVersionPolicy(policies.Policy[RoutineVersion]):
    """Approved and archived versions for every reader; drafts for writers and approvers."""

    model = RoutineVersion

    def visible_to(self, user: Any) -> models.QuerySet[RoutineVersion]:
        readable = routine_policy.visible_to(user)
        editable = routine_policy.editable_by(user)
        return RoutineVersion.objects.filter(
            Q(
                status__in=[VersionStatus.APPROVED, VersionStatus.ARCHIVED],
                routine__in=readable.values("pk"),
            )
            | Q(routine__in=editable.values("pk"))
        )

    def can(self, user: Any, action: str, obj: RoutineVersion) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        return routine_policy.can(user, action, obj.routine)


class ProcessPolicy(policies.Policy[Process]):
    model = Process

    def visible_to(self, user: Any) -> models.QuerySet[Process]:
        if not has_cap(user, Cap.VIEW_RECORDS):
            return Process.objects.none()
        through = Process.applies_to.through
        return Process.objects.filter(
            pk__in=through.objects.filter(applies_q(user, Cap.VIEW_RECORDS)).values("process_id")
        )

    def can(self, user: Any, action: str, obj: Process) -> bool:
        return action == "view" and self.visible_to(user).filter(pk=obj.pk).exists()


class ActivityPolicy(policies.Policy[Activity]):
    model = Activity

    def visible_to(self, user: Any) -> models.QuerySet[Activity]:
        return Activity.objects.filter(process__in=process_policy.visible_to(user).values("pk"))

    def can(self, user: Any, action: str, obj: Activity) -> bool:
        return action == "view" and self.visible_to(user).filter(pk=obj.pk).exists()


routine_policy = policies.register(RoutinePolicy())
version_policy = policies.register(RoutineVersionPolicy())
process_policy = policies.register(ProcessPolicy())
activity_policy = policies.register(ActivityPolicy())
