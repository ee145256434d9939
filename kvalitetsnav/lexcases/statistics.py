"""Counts of lex Sarah and lex Maria cases for a board and year: aggregates, never a record.

Two queries whatever the number of cases: the board's nodes, and the counts grouped
by unit and kind in the database. Only the part of the board within the user's
``aggregates.view`` subtrees is counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import LexCase, LexKind


@dataclass
class Row:
    node_id: str
    name: str
    by_kind: dict[str, int] = field(default_factory=dict)
    reported: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


@dataclass
class LexStatistics:
    board: OrgNode | None
    year: int
    totals: dict[str, int]
    reported: dict[str, int]
    departments: list[Row]
    areas: list[Row]

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[Row]) -> list[dict[str, Any]]:
            return [
                {
                    "node_id": r.node_id,
                    "name": r.name,
                    "by_kind": r.by_kind,
                    "reported_to_ivo": r.reported,
                    "total": r.total,
                }
                for r in items
            ]

        return {
            "board": self.board.code if self.board else None,
            "year": self.year,
            "kinds": [{"value": v, "label": str(label)} for v, label in LexKind.choices],
            "totals": self.totals,
            "reported_to_ivo": self.reported,
            "by_department": rows(self.departments),
            "by_area": rows(self.areas),
        }


def _empty() -> dict[str, int]:
    return {kind: 0 for kind in LexKind.values}


def board_statistics(user: Any, board: OrgNode | None, year: int) -> LexStatistics:
    """The counts of ``board`` (or of everything the user sees figures of) in ``year``."""
    prefix = board.path if board else "/"
    counts = list(
        LexCase.objects.filter(
            subtree_q(user, Cap.VIEW_AGGREGATES),
            node__path__startswith=prefix,
            received_at__year=year,
        )
        .values("node_id", "node__path", "kind")
        .annotate(n=Count("id"), reported=Count("id", filter=Q(ivo_sent_at__isnull=False)))
        .order_by()
    )
    totals, reported = _empty(), _empty()
    groups: dict[str, dict[str, Row]] = {OrgLevel.AVDELNING: {}, OrgLevel.VERKSAMHETSOMRADE: {}}
    # Only the departments and areas above the counted units: the query grows with what is
    # shown, not with the size of the organisation.
    above = {part for row in counts for part in row["node__path"].strip("/").split("/") if part}
    nodes = {
        n.pk.hex: n for n in OrgNode.objects.filter(pk__in=above or [None], level__in=list(groups))
    }
    for row in counts:
        kind = row["kind"]
        totals[kind] += row["n"]
        reported[kind] += row["reported"]
        for ancestor_id in row["node__path"].strip("/").split("/"):
            ancestor = nodes.get(ancestor_id)
            if ancestor is None or ancestor.level not in groups:
                continue
            target = groups[ancestor.level].setdefault(
                ancestor_id, Row(str(ancestor.pk), ancestor.name, _empty(), _empty())
            )
            target.by_kind[kind] += row["n"]
            target.reported[kind] += row["reported"]
    return LexStatistics(
        board=board,
        year=year,
        totals=totals,
        reported=reported,
        departments=sorted(groups[OrgLevel.AVDELNING].values(), key=lambda r: r.name),
        areas=sorted(groups[OrgLevel.VERKSAMHETSOMRADE].values(), key=lambda r: r.name),
    )
