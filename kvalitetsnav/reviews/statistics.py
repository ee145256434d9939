"""Counts per board: reviews, open and overdue findings, follow-ups planned and done.

Bounded queries whatever the number of rows; aggregates only, never a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode

from .models import Finding, ProviderFollowUp, Review


@dataclass
class BoardCounts:
    board_id: str
    board_name: str
    reviews: int = 0
    open_findings: int = 0
    overdue_findings: int = 0
    followups: dict[int, list[int]] = field(default_factory=dict)  # year → [planned, done]


def _board_id(path: str) -> str:
    """The board (nämnd) is the second node in a path: /kommun/nämnd/…/."""
    parts = [p for p in path.split("/") if p]
    return parts[1] if len(parts) > 1 else parts[0]


def counts_by_board(user) -> list[BoardCounts]:
    """Four queries: reviews, findings, follow-ups, and the boards' names."""
    today = timezone.localdate()
    result: dict[str, BoardCounts] = {}

    def row(path: str) -> BoardCounts:
        board = _board_id(path)
        return result.setdefault(board, BoardCounts(board, ""))

    for r in (
        Review.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES))
        .values("node__path")
        .annotate(n=Count("id"))
        .order_by()
    ):
        row(r["node__path"]).reviews += r["n"]
    for r in (
        Finding.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES, "review__node__path"))
        .awaiting_response()
        .values("review__node__path")
        .annotate(n=Count("id"), late=Count("id", filter=Q(response_due__lt=today)))
        .order_by()
    ):
        counts = row(r["review__node__path"])
        counts.open_findings += r["n"]
        counts.overdue_findings += r["late"]
    for r in (
        ProviderFollowUp.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES))
        .values("node__path", "year")
        .annotate(n=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)))
        .order_by()
    ):
        pair = row(r["node__path"]).followups.setdefault(r["year"], [0, 0])
        pair[0] += r["n"]
        pair[1] += r["done"]
    names = {
        pk.hex: name
        for pk, name in OrgNode.objects.filter(pk__in=list(result)).values_list("pk", "name")
    }
    for board_id, counts in result.items():
        counts.board_name = names.get(board_id, "")
    return sorted(result.values(), key=lambda c: c.board_name)
