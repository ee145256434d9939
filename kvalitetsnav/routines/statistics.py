"""Aggregates of the management system: counts per unit, never a document's content."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap

from .models import Routine


@dataclass
class NodeRoutineCounts:
    node_id: str
    node_name: str
    depth: int
    in_force: int
    in_preparation: int
    past_due: int


def counts_by_node(user) -> list[NodeRoutineCounts]:
    """Per org node the user sees aggregates of: routines in force, being written, past due.

    One query. A routine is counted on each node it applies to.
    """
    today = timezone.localdate()
    through = Routine.applies_to.through
    rows = (
        through.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES, "orgnode__path"))
        .values("orgnode_id", "orgnode__name", "orgnode__path")
        .annotate(
            in_force=Count("id", filter=Q(routine__current_version__isnull=False)),
            in_preparation=Count("id", filter=Q(routine__current_version__isnull=True)),
            past_due=Count(
                "id",
                filter=Q(
                    routine__current_version__isnull=False, routine__next_review_date__lt=today
                ),
            ),
        )
        .order_by("orgnode__path")
    )
    return [
        NodeRoutineCounts(
            node_id=str(row["orgnode_id"]),
            node_name=row["orgnode__name"],
            depth=row["orgnode__path"].count("/") - 2,
            in_force=row["in_force"],
            in_preparation=row["in_preparation"],
            past_due=row["past_due"],
        )
        for row in rows
    ]
