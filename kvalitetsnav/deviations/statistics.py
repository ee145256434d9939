"""Counts of deviations per unit, department, category and month: figures, never records.

Three queries whatever the number of deviations: the counts grouped by unit,
category and month; the units with their ancestors; the categories.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import paths_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import Category, Deviation
from .policies import can_read_all_at

MONTH_NAMES = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


@dataclass
class Count_:
    key: str
    label: str
    count: int
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class DeviationStatistics:
    year: int
    board: OrgNode | None
    total: int = 0
    units: list[Count_] = field(default_factory=list)
    departments: list[Count_] = field(default_factory=list)
    categories: list[Count_] = field(default_factory=list)
    months: list[Count_] = field(default_factory=list)
    total_url: str = ""

    def as_json(self) -> dict[str, Any]:
        def rows(items: list[Count_], key: str) -> list[dict[str, Any]]:
            return [{key: i.key, "name": i.label, "count": i.count, **i.extra} for i in items]

        return {
            "year": self.year,
            "board": self.board.code if self.board else None,
            "total": self.total,
            "units": rows(self.units, "id"),
            "departments": rows(self.departments, "id"),
            "categories": rows(self.categories, "id"),
            "months": [
                {"month": int(m.key), "name": m.label, "count": m.count} for m in self.months
            ],
        }


def scope_roots(user: Any, board: OrgNode | None) -> list[str]:
    """Where the user sees aggregates, within ``board`` if one is given."""
    roots = paths_with(user, Cap.VIEW_AGGREGATES)
    if board is None:
        return roots
    if any(board.path.startswith(root) for root in roots):
        return [board.path]
    return [root for root in roots if root.startswith(board.path)]


def boards_in_scope(user: Any) -> list[OrgNode]:
    """The boards the user sees any aggregates of (one query)."""
    roots = paths_with(user, Cap.VIEW_AGGREGATES)
    if not roots:
        return []
    # Boards inside the user's subtrees, and the board above a part of one.
    ids = {part for root in roots for part in root.strip("/").split("/")}
    q = Q(pk__in=ids)
    for root in roots:
        q |= Q(path__startswith=root)
    result = list(OrgNode.objects.boards().filter(q))
    return sorted(result, key=lambda b: b.name)


def _list_url(**params: Any) -> str:
    return reverse("deviations:list") + "?" + urlencode({k: v for k, v in params.items() if v})


def deviation_statistics(user: Any, year: int, board: OrgNode | None = None) -> DeviationStatistics:
    stats = DeviationStatistics(year=year, board=board)
    roots = scope_roots(user, board)
    if not roots:
        stats.months = [Count_(str(m), MONTH_NAMES[m - 1], 0) for m in range(1, 13)]
        return stats
    scope = Q()
    for root in roots:
        scope |= Q(node__path__startswith=root)
    rows = list(
        Deviation.objects.filter(scope, occurred_at__year=year)
        .annotate(month=ExtractMonth("occurred_at"))
        .values("node_id", "category_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_node: dict[str, int] = defaultdict(int)
    by_category: dict[str, int] = defaultdict(int)
    by_month: dict[int, int] = defaultdict(int)
    for row in rows:
        by_node[str(row["node_id"])] += row["n"]
        by_category[str(row["category_id"])] += row["n"]
        by_month[row["month"]] += row["n"]
    stats.total = sum(by_node.values())

    units = list(OrgNode.objects.filter(pk__in=by_node.keys()))
    ancestor_ids = {a for unit in units for a in unit.ancestor_ids()}
    # Paths hold ids as hex: key the departments the same way.
    departments = {
        n.pk.hex: n for n in OrgNode.objects.filter(pk__in=ancestor_ids, level=OrgLevel.AVDELNING)
    }
    readable_scope = all(can_read_all_at(user, root) for root in roots)
    period = {"fran": f"{year}-01-01", "till": f"{year}-12-31"}
    scope_node = board.pk if board is not None and len(roots) == 1 else ""

    by_department: dict[str, int] = defaultdict(int)
    # Grouped under their parent, by name within it (ids in the path sort at random).
    for unit in sorted(units, key=lambda u: (u.path.rsplit("/", 2)[0], u.name)):
        count = by_node[str(unit.pk)]
        url = _list_url(node=unit.pk, **period) if can_read_all_at(user, unit.path) else ""
        stats.units.append(Count_(str(unit.pk), unit.name, count, url, {"code": unit.code}))
        for ancestor in unit.ancestor_ids():
            if ancestor in departments:
                by_department[ancestor] += count
    for dep_id, count in by_department.items():
        dep = departments[dep_id]
        url = _list_url(node=dep.pk, **period) if can_read_all_at(user, dep.path) else ""
        stats.departments.append(Count_(str(dep.pk), dep.name, count, url, {"code": dep.code}))
    stats.departments.sort(key=lambda c: c.label)

    for category in Category.objects.all():
        count = by_category.get(str(category.pk), 0)
        if not count and not category.is_active:
            continue
        url = (
            _list_url(node=scope_node, category=category.pk, **period)
            if readable_scope and count
            else ""
        )
        stats.categories.append(Count_(str(category.pk), category.name, count, url))

    for month in range(1, 13):
        count = by_month.get(month, 0)
        last = calendar.monthrange(year, month)[1]
        url = ""
        if readable_scope and count:
            url = _list_url(
                node=scope_node,
                fran=dt.date(year, month, 1).isoformat(),
                till=dt.date(year, month, last).isoformat(),
            )
        stats.months.append(Count_(str(month), MONTH_NAMES[month - 1], count, url))
    stats.total_url = _list_url(node=scope_node, **period) if readable_scope else ""
    return stats


def lex_counts(user: Any, year: int, board: OrgNode | None) -> dict[str, Any] | None:
    """How many lex Sarah and lex Maria cases, and how many reported to IVO, in ``year``.

    They belong with the deviations in the year's figures (seed 004 reports them
    together); the lex module owns them, so it is asked only when installed.
    """
    from django.apps import apps

    if not apps.is_installed("kvalitetsnav.lexcases"):
        return None
    from kvalitetsnav.lexcases.statistics import board_statistics

    return board_statistics(user, board, year).as_dict()


def lex_table(lex: dict[str, Any]) -> dict[str, Any]:
    """The lex counts as a table: per department and in all, cases and those sent to IVO."""
    columns = []
    for kind in lex["kinds"]:
        columns.append((kind["value"], "by_kind", kind["label"]))
        reported = _("%(kind)s, anmälda till IVO") % {"kind": kind["label"]}
        columns.append((kind["value"], "reported_to_ivo", reported))

    def cells(counts: dict[str, dict[str, int]]) -> list[tuple[str, int]]:
        return [(label, counts[what].get(value, 0)) for value, what, label in columns]

    return {
        "headers": [label for _, _, label in columns],
        "rows": [(row["name"], cells(row)) for row in lex["by_department"]],
        "total": cells({"by_kind": lex["totals"], "reported_to_ivo": lex["reported_to_ivo"]}),
    }
