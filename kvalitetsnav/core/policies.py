"""Who may see which part of the organisation tree."""

from typing import Any

from django.db import models

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap

from .models import OrgNode


class OrgNodePolicy(policies.Policy[OrgNode]):
    """Nodes where the user sees records or aggregates; the whole tree for administrators."""

    model = OrgNode

    def visible_to(self, user: Any) -> models.QuerySet[OrgNode]:
        if has_cap(user, Cap.ADMINISTER):
            return OrgNode.objects.all()
        return OrgNode.objects.filter(
            subtree_q(user, Cap.VIEW_RECORDS, "path") | subtree_q(user, Cap.VIEW_AGGREGATES, "path")
        )

    def node_of(self, obj: OrgNode) -> OrgNode:
        return obj

    def can(self, user: Any, action: str, obj: OrgNode) -> bool:
        if action == "view":
            return super().can(user, action, obj)
        return has_cap(user, Cap.ADMINISTER)


policy = policies.register(OrgNodePolicy())
