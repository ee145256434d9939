"""The actions a user owns, for Mina uppgifter."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Action

MAX_ITEMS = 20


def my_actions(user) -> list[TaskGroup]:
    """Open actions the user owns, overdue first, then by due date (two queries)."""
    today = timezone.localdate()
    mine = Action.objects.open().owned_by(user).select_related("node")
    total = mine.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=action.title,
            url=action.get_absolute_url(),
            kind=_("Åtgärd"),
            due=action.due_date,
            overdue=action.is_overdue(today),
            detail=f"{action.node.name} · {action.get_status_display()}",
        )
        for action in mine.order_by(F("due_date").asc(nulls_last=True), "created_at")[:MAX_ITEMS]
    ]
    url = reverse("actions:list") + "?owner=me&status=open"
    return [TaskGroup(title=_("Mina åtgärder"), items=items, more_url=url, total=total)]
