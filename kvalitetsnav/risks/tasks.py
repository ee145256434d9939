"""Risks whose review date has come, for their owner's Mina uppgifter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Risk

MAX_ITEMS = 20


def my_risks_to_review(user) -> list[TaskGroup]:
    """Current risks the user owns that are due for review, oldest first (two queries)."""
    today = timezone.localdate()
    mine = Risk.objects.due_for_review(today).filter(owner=user)
    total = mine.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=risk.title,
            url=risk.get_absolute_url(),
            kind=_("Risk att följa upp"),
            due=risk.review_date,
            overdue=risk.review_date < today,
            detail=f"{risk.node.name} · {_('riskvärde')} {risk.score}",
        )
        for risk in mine.select_related("node").order_by("review_date", "title")[:MAX_ITEMS]
    ]
    url = reverse("risks:risk_list") + "?owner=me&review_due=on"
    return [TaskGroup(title=_("Risker att följa upp"), items=items, more_url=url, total=total)]
