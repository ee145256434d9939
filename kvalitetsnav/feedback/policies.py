"""Who may see and handle feedback.

Like deviations: managers of the unit's subtree handle an item; those who read
records with their history (managers, inspectors) read it; a staff member sees
the items they registered themselves; nämnd and revisor see aggregates only.
Contact details and identity numbers in the sender's text are for handlers only.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode

from .models import Feedback


class FeedbackPolicy(policies.Policy[Feedback]):
    model = Feedback

    def visible_to(self, user: Any) -> models.QuerySet[Feedback]:
        if not getattr(user, "is_authenticated", False):
            return Feedback.objects.none()
        readers = subtree_q(user, Cap.MANAGE_RECORDS) | (
            subtree_q(user, Cap.VIEW_RECORDS) & subtree_q(user, Cap.VIEW_HISTORY)
        )
        return Feedback.objects.filter(readers | Q(created_by=user))

    def can(self, user: Any, action: str, obj: Feedback) -> bool:
        if action in ("handle", "change", "attach"):
            return has_cap(user, Cap.MANAGE_RECORDS, obj.node)
        return super().can(user, action, obj)

    def can_register(self, user: Any, node: OrgNode) -> bool:
        """Staff and managers register what came by phone, letter or meeting to their units."""
        return has_cap(user, Cap.MANAGE_RECORDS, node) or (
            has_cap(user, Cap.WORK_OWN, node) and has_cap(user, Cap.VIEW_RECORDS, node)
        )


policy = policies.register(FeedbackPolicy())
