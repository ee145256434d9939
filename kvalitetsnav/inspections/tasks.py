"""Due and late inspections for Mina uppgifter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Inspection

MAX_ITEMS = 20


def my_inspections(user) -> list[TaskGroup]:
    """Open inspections the user is responsible for, due this month or earlier (two queries)."""
    today = timezone.localdate()
    mine = Inspection.objects.due(today).filter(responsible=user)
    total = mine.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=str(inspection),
            url=inspection.get_absolute_url(),
            kind=_("Egenkontroll"),
            due=inspection.due_date,
            overdue=inspection.is_late(today),
            detail=f"{inspection.node.name} · {inspection.get_status_display()}",
        )
        for inspection in mine.select_related("node", "template_version__template").order_by(
            "due_month", "created_at"
        )[:MAX_ITEMS]
    ]
    url = reverse("inspections:list") + "?responsible=me&open=on"
    return [TaskGroup(title=_("Mina egenkontroller"), items=items, more_url=url, total=total)]
