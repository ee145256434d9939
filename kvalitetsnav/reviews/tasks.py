"""Findings awaiting an account of measures, for the responsible manager's Mina uppgifter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import Finding

MAX_ITEMS = 20


def my_findings_to_answer(user) -> list[TaskGroup]:
    """Unanswered findings of reviews the user is responsible for, soonest due first."""
    today = timezone.localdate()
    mine = Finding.objects.awaiting_response().filter(review__responsible=user)
    total = mine.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=str(finding),
            url=finding.get_absolute_url(),
            kind=_("Redovisning till granskare"),
            due=finding.response_due,
            overdue=finding.is_overdue(today),
            detail=f"{finding.review.get_reviewer_display()} · {finding.review.reference}",
        )
        for finding in mine.select_related("review").order_by("response_due")[:MAX_ITEMS]
    ]
    return [
        TaskGroup(
            title=_("Granskningar att redovisa"),
            items=items,
            more_url=reverse("reviews:overdue"),
            total=total,
        )
    ]
