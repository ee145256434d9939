"""Aggregated figures of the actions register: counts, never individual records."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap

from .models import Action, ActionStatus


@dataclass
class NodeCounts:
    node_id: str
    node_name: str
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def cells(self) -> list[int]:
        return [self.by_status.get(value, 0) for value in ActionStatus.values]

    def labelled_cells(self) -> list[tuple[int, str, str]]:
        """(count, status label, status value) for each status, in the register's order."""
        return list(zip(self.cells(), ActionStatus.labels, ActionStatus.values, strict=True))


def counts_by_node(user) -> list[NodeCounts]:
    """Actions per unit and status where the user may see aggregates (one query)."""
    today = timezone.localdate()
    rows = (
        Action.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES))
        .values("node_id", "node__name", "node__path", "status")
        .annotate(
            n=Count("id"),
            overdue=Count(
                "id", filter=Q(status__in=ActionStatus.open_values(), due_date__lt=today)
            ),
        )
        .order_by("node__path", "status")
    )
    result: dict[str, NodeCounts] = {}
    for row in rows:
        counts = result.setdefault(
            str(row["node_id"]), NodeCounts(str(row["node_id"]), row["node__name"])
        )
        counts.by_status[row["status"]] = row["n"]
        counts.overdue += row["overdue"]
    return list(result.values())
