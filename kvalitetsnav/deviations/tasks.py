"""Mina uppgifter: deviations a manager must handle, feedback a reporter has received."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Deviation, DeviationStatus

MAX_ITEMS = 20
# A new deviation should be taken on within this many days.
RESPOND_WITHIN_DAYS = 7


def deviations_to_handle(user) -> list[TaskGroup]:
    """Open deviations in the units the user manages, new ones first (two queries)."""
    if not has_cap(user, Cap.MANAGE_RECORDS):
        return []
    open_ones = Deviation.objects.open().filter(subtree_q(user, Cap.MANAGE_RECORDS))
    total = open_ones.count()
    if not total:
        return []
    now = timezone.now()
    rows = open_ones.select_related("node", "category").order_by("status", "created_at")
    items = [
        TaskItem(
            title=f"{d.number} · {d.category.name}",
            url=d.get_absolute_url(),
            kind=_("Avvikelse"),
            overdue=d.status == DeviationStatus.NEW and d.age_days(now) > RESPOND_WITHIN_DAYS,
            detail=f"{d.node.name} · {d.get_status_display()}",
        )
        for d in rows[:MAX_ITEMS]
    ]
    url = reverse("deviations:list") + "?status=open"
    return [TaskGroup(title=_("Avvikelser att hantera"), items=items, more_url=url, total=total)]


def feedback_received(user) -> list[TaskGroup]:
    """Feedback on the user's own reports that they have not yet read (two queries)."""
    unread = Deviation.objects.reported_by(user).filter(
        feedback_given_at__isnull=False, feedback_read_at__isnull=True
    )
    total = unread.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=f"{d.number} · {d.category.name}",
            url=d.get_absolute_url(),
            kind=_("Återkoppling på din rapport"),
            detail=f"{d.node.name} · {d.get_status_display()}",
        )
        for d in unread.select_related("node", "category").order_by("-feedback_given_at")[
            :MAX_ITEMS
        ]
    ]
    return [
        TaskGroup(
            title=_("Ny återkoppling på dina avvikelser"),
            items=items,
            more_url=reverse("deviations:mine"),
            total=total,
        )
    ]
