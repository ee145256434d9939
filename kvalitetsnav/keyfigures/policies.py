"""Who may see and record key figures.

Key figures are aggregates without personal data: everyone who may see aggregates for a
part of the organisation sees its figures (nämnd and revisor included); those who may
manage records there record them.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, paths_with, subtree_q
from kvalitetsnav.access.roles import Cap

from .models import ImplementationPlanFigure, KeyFigure, KeyFigureValue


class ImplementationPlanFigurePolicy(policies.Policy[ImplementationPlanFigure]):
    model = ImplementationPlanFigure
    node_path_lookup = "unit__path"

    def visible_to(self, user: Any) -> models.QuerySet[ImplementationPlanFigure]:
        return ImplementationPlanFigure.objects.filter(
            subtree_q(user, Cap.VIEW_AGGREGATES, "unit__path")
        )

    def node_of(self, obj: ImplementationPlanFigure):
        return obj.unit

    def can(self, user: Any, action: str, obj: ImplementationPlanFigure) -> bool:
        if action == "view":
            return has_cap(user, Cap.VIEW_AGGREGATES, obj.unit)
        return has_cap(user, Cap.MANAGE_RECORDS, obj.unit)


implementation_plan_policy = policies.register(ImplementationPlanFigurePolicy())


def _overlapping_q(user: Any, cap: Cap, path_lookup: str) -> Q:
    """Nodes inside the user's subtrees, or above them (a figure the city defines for all)."""
    roots = paths_with(user, cap)
    if not roots:
        return Q(pk__in=[])
    above = set()
    for root in roots:
        parts = [p for p in root.strip("/").split("/") if p]
        above.update(f"/{'/'.join(parts[:i])}/" for i in range(1, len(parts)))
    q = Q(**{f"{path_lookup}__in": sorted(above)}) if above else Q()
    for root in roots:
        q |= Q(**{f"{path_lookup}__startswith": root})
    return q


class KeyFigurePolicy(policies.Policy[KeyFigure]):
    """A figure is seen by those who see aggregates where it applies; managed where defined."""

    model = KeyFigure

    def visible_to(self, user: Any) -> models.QuerySet[KeyFigure]:
        return KeyFigure.objects.filter(_overlapping_q(user, Cap.VIEW_AGGREGATES, "node__path"))

    def can(self, user: Any, action: str, obj: KeyFigure) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if action == "record":
            # Enter values: a manager of some unit the figure applies to.
            return any(
                root.startswith(obj.node.path) or obj.node.path.startswith(root)
                for root in paths_with(user, Cap.MANAGE_RECORDS)
            )
        return has_cap(user, Cap.MANAGE_RECORDS, obj.node)


class KeyFigureValuePolicy(policies.Policy[KeyFigureValue]):
    model = KeyFigureValue
    node_path_lookup = "unit__path"

    def visible_to(self, user: Any) -> models.QuerySet[KeyFigureValue]:
        return KeyFigureValue.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES, "unit__path"))

    def node_of(self, obj: KeyFigureValue):
        return obj.unit

    def can(self, user: Any, action: str, obj: KeyFigureValue) -> bool:
        if action == "view":
            return has_cap(user, Cap.VIEW_AGGREGATES, obj.unit)
        return has_cap(user, Cap.MANAGE_RECORDS, obj.unit)


key_figure_policy = policies.register(KeyFigurePolicy())
value_policy = policies.register(KeyFigureValuePolicy())
