"""Feedback waiting for a reply, for Mina uppgifter."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import grants, has_cap
from kvalitetsnav.access.roles import CAPABILITIES, Cap
from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Feedback

MAX_ITEMS = 20


def my_feedback(user) -> list[TaskGroup]:
    """Open items the user handles, and unassigned ones at a node they manage (two queries)."""
    if not has_cap(user, Cap.MANAGE_RECORDS):
        return []
    managed_here = [g.node_id for g in grants(user) if Cap.MANAGE_RECORDS in CAPABILITIES[g.role]]
    mine = (
        Feedback.objects.open()
        .filter(Q(handler=user) | Q(handler__isnull=True, node_id__in=managed_here))
        .select_related("node")
    )
    total = mine.count()
    if not total:
        return []
    today = timezone.localdate()
    items = [
        TaskItem(
            title=f"{item.receipt_number} · {item.get_kind_display()}",
            url=item.get_absolute_url(),
            kind=_("Synpunkt"),
            due=item.reply_due,
            overdue=item.is_overdue(today),
            detail=f"{item.node.name} · {item.get_status_display()}"
            + ("" if item.handler_id else f" · {_('ingen handläggare')}"),
        )
        for item in mine.order_by("reply_due", "receipt_seq")[:MAX_ITEMS]
    ]
    url = reverse("feedback:list") + "?status=open&mine=1"
    return [TaskGroup(title=_("Synpunkter att återkoppla"), items=items, more_url=url, total=total)]
