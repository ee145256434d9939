"""Who may see and record key figures.

Key figures are aggregates without personal data: everyone who may see aggregates for a
part of the organisation sees its figures (nämnd and revisor included); those who may
manage records there record them.
"""

from typing import Any

from django.db import models

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap

from .models import ImplementationPlanFigure


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
