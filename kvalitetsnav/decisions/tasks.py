"""Mina uppgifter: decisions that will cross three months within the next 30 days."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .policies import may_read_register, policy

MAX_ITEMS = 20
WARNING_DAYS = 30


def decisions_near_the_limit(user) -> list[TaskGroup]:
    """Waiting decisions in the user's units that become reportable soon (two queries)."""
    if not may_read_register(user):
        return []
    today = timezone.localdate()
    near = (
        policy.visible_to(user)
        .crossing_limit(today, WARNING_DAYS)
        .select_related("service_kind", "node")
        .order_by("execution_due_on")
    )
    rows = list(near[: MAX_ITEMS + 1])
    if not rows:
        return []
    total = len(rows) if len(rows) <= MAX_ITEMS else near.count()
    items = []
    for decision in rows[:MAX_ITEMS]:
        interrupted = decision.executed_on is not None
        due = decision.resume_due_on if interrupted else decision.execution_due_on
        items.append(
            TaskItem(
                title=f"{decision.reference} · {decision.service_kind.name}",
                url=decision.get_absolute_url(),
                kind=_("Avbrott") if interrupted else _("Ej verkställt beslut"),
                due=due,
                detail=_("%(unit)s · rapporteras till IVO från %(due)s")
                % {"unit": decision.node.name, "due": f"{due:%Y-%m-%d}"},
            )
        )
    url = reverse("decisions:list") + "?status=near"
    return [
        TaskGroup(
            title=_("Beslut som snart passerar tre månader"), items=items, more_url=url, total=total
        )
    ]
