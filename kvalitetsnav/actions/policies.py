"""Who may see and change actions."""

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap

from .models import Action


class ActionPolicy(policies.Policy[Action]):
    """Staff see their unit's actions and work on their own; managers run them in their subtree."""

    model = Action

    def visible_to(self, user: Any) -> models.QuerySet[Action]:
        if not getattr(user, "is_authenticated", False):
            return Action.objects.none()
        return Action.objects.filter(subtree_q(user, Cap.VIEW_RECORDS) | Q(owner=user))

    def can(self, user: Any, action: str, obj: Action) -> bool:
        if action in ("progress", "attach"):
            # Moving the action forward: its owner, or a manager of its unit.
            return (obj.owner_id == user.pk and has_cap(user, Cap.WORK_OWN)) or has_cap(
                user, Cap.MANAGE_RECORDS, obj.node
            )
        return super().can(user, action, obj)


policy = policies.register(ActionPolicy())
