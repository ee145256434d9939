"""Who may see and handle deviations.

A deviation concerns a person, so a staff member's general right to see their
unit's records is not enough: a medarbetare sees the deviations they reported
themselves, wherever they reported them, and no one else's. Managers of the
unit's subtree see and handle them; an inspector reads them; the nämnd and the
auditors see aggregates only (``statistics.py``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import grants, has_cap
from kvalitetsnav.access.roles import CAPABILITIES, Cap

from .models import Deviation


def reader_paths(user: Any) -> list[str]:
    """Subtree roots where the user may read anyone's deviations.

    That is where a role grants VIEW_RECORDS and either MANAGE_RECORDS (a manager)
    or no WORK_OWN (an inspector): a medarbetare's VIEW_RECORDS does not count.
    """
    paths = set()
    for grant in grants(user):
        caps = CAPABILITIES.get(grant.role, frozenset())
        if Cap.VIEW_RECORDS in caps and (Cap.MANAGE_RECORDS in caps or Cap.WORK_OWN not in caps):
            paths.add(grant.path)
    roots: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def reader_q(user: Any, path_lookup: str = "node__path") -> Q:
    roots = reader_paths(user)
    if not roots:
        return Q(pk__in=[])
    q = Q()
    for root in roots:
        q |= Q(**{f"{path_lookup}__startswith": root})
    return q


def can_read_all_at(user: Any, path: str) -> bool:
    return any(path.startswith(root) for root in reader_paths(user))


def can_report(user: Any) -> bool:
    """Anyone with a working role (staff or manager) may report."""
    return has_cap(user, Cap.WORK_OWN) or has_cap(user, Cap.MANAGE_RECORDS)


def can_list(user: Any) -> bool:
    """The unit list: for those who read everyone's deviations somewhere."""
    return bool(reader_paths(user))


class DeviationPolicy(policies.Policy[Deviation]):
    model = Deviation

    def visible_to(self, user: Any) -> models.QuerySet[Deviation]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Deviation.objects.none()
        return Deviation.objects.filter(reader_q(user) | Q(reported_by=user))

    def can(self, user: Any, action: str, obj: Deviation) -> bool:
        if action == "attach":
            # The reporter may add a photo or a document while the case is open.
            reporter = obj.reported_by_id == user.pk and obj.is_open
            return reporter or has_cap(user, Cap.MANAGE_RECORDS, obj.node)
        if action == "read_analysis":
            return can_read_all_at(user, obj.node.path)
        # "handle" and anything else: the managers of the unit's subtree.
        return super().can(user, action, obj)


policy = policies.register(DeviationPolicy())
