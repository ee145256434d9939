"""Counts per board: reviews, open and overdue findings, follow-ups planned and done.

Bounded queries whatever the number of rows; aggregates only, never a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode

from .models import Finding, ProviderFollowUp, Review, ReviewerKind, Severity, Theme


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


def open_findings_q() -> Q:
    """A finding is open while its review is not closed and it is not yet answered.

    Strengths are not counted: there is nothing to remedy.
    """
    return Q(review__closed_on__isnull=True, responded_on__isnull=True) & ~Q(
        severity=Severity.STRENGTH
    )


@dataclass
class CityRow:
    key: str
    label: str
    cells: list[tuple[str, int]]  # (district id, count) in the order of CityView.boards

    @property
    def counts(self) -> list[int]:
        return [n for _board, n in self.cells]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class CityView:
    boards: list[tuple[str, str]]  # (id, name) of each district
    by_reviewer: list[CityRow]
    by_theme: list[CityRow]

    @property
    def totals(self) -> list[tuple[str, int]]:
        return [
            (board, sum(row.counts[i] for row in self.by_reviewer))
            for i, (board, _name) in enumerate(self.boards)
        ]

    @property
    def total(self) -> int:
        return sum(n for _board, n in self.totals)


def open_findings_by_district(user, *, reviewer: str = "", theme: str = "") -> CityView:
    """Open findings per district, by reviewer and by theme: two queries whatever the rows.

    ``reviewer`` narrows the theme table and ``theme`` the reviewer table (and both the
    other way round), so a question such as "IVO's findings on risk analysis" is one
    filter away.
    """
    findings = Finding.objects.filter(
        subtree_q(user, Cap.VIEW_AGGREGATES, "review__node__path"), open_findings_q()
    )
    if reviewer:
        findings = findings.filter(review__reviewer=reviewer)
    if theme:
        findings = findings.filter(theme=theme)
    cells: dict[tuple[str, str, str], int] = {}
    for r in (
        findings.values("review__node__path", "review__reviewer", "theme")
        .annotate(n=Count("id"))
        .order_by()
    ):
        key = (_board_id(r["review__node__path"]), r["review__reviewer"], r["theme"])
        cells[key] = cells.get(key, 0) + r["n"]
    board_ids = sorted({board for board, _r, _t in cells})
    names = dict(
        (pk.hex, name)
        for pk, name in OrgNode.objects.filter(pk__in=board_ids).values_list("pk", "name")
    )
    boards = sorted(((b, names.get(b, "")) for b in board_ids), key=lambda b: b[1])

    def rows(index: int, choices) -> list[CityRow]:
        result = []
        for value, label in choices:
            row = [
                (board, sum(n for k, n in cells.items() if k[0] == board and k[index] == value))
                for board, _name in boards
            ]
            if any(n for _board, n in row):
                result.append(CityRow(value, str(label), row))
        return result

    themes = [*Theme.choices, ("", _("Inget tema angivet"))]
    return CityView(boards, rows(1, ReviewerKind.choices), rows(2, themes))
