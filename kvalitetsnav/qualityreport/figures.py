"""The figures of a quality report, computed in the database from the registers.

Every register is asked once per table, grouped by unit and year (the report's year
and the one before), so the number of queries does not grow with units or records.
The result is plain JSON (numbers, names, org paths, list links): it is stored on
the report's sections as the snapshot that an approved report keeps for good.
Only counts leave this module; no record and no person appears in it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.models import OrgLevel, OrgNode

Counts = dict[tuple[str, int], int]
LinkFn = Callable[[OrgNode | None, int], str]


@dataclass
class Scope:
    """The board, the year and every org node under the board (one query)."""

    board: OrgNode
    year: int
    nodes: dict[str, OrgNode] = field(default_factory=dict)

    @classmethod
    def of(cls, board: OrgNode, year: int) -> Scope:
        nodes = OrgNode.objects.filter(path__startswith=board.path).order_by("path")
        return cls(board, year, {n.pk.hex: n for n in nodes})

    @property
    def years(self) -> tuple[int, int]:
        return (self.year - 1, self.year)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 1, 1)

    def department_of(self, node: OrgNode) -> OrgNode | None:
        for ancestor_id in node.ancestor_ids():
            ancestor = self.nodes.get(ancestor_id)
            if ancestor is not None and ancestor.level == OrgLevel.AVDELNING:
                return ancestor
        return None


def count_by_node_year(
    scope: Scope, queryset: QuerySet, date_field: str, *, node_field: str = "node"
) -> Counts:
    """``{(node hex, year): count}`` for the two years, in one grouped query."""
    start, end = bounds(queryset.model, date_field, scope.start, scope.end)
    rows = (
        queryset.filter(
            **{
                f"{node_field}__path__startswith": scope.board.path,
                f"{date_field}__gte": start,
                f"{date_field}__lt": end,
            }
        )
        .annotate(report_year=ExtractYear(date_field))
        .values(f"{node_field}_id", "report_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counts = defaultdict(int)
    for row in rows:
        counts[(row[f"{node_field}_id"].hex, row["report_year"])] += row["n"]
    return counts


def bounds(model, date_field: str, start: dt.date, end: dt.date) -> tuple[Any, Any]:
    """The period's limits as the field wants them: aware midnights for a date-time."""
    if model._meta.get_field(date_field).get_internal_type() != "DateTimeField":
        return start, end
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def list_url(name: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return reverse(name) + (f"?{query}" if query else "")


def year_period(year: int, start: str = "fran", end: str = "till") -> dict[str, str]:
    return {start: f"{year}-01-01", end: f"{year}-12-31"}


def _row(kind: str, label: str, path: str, values: list[int], urls: list[str]) -> dict[str, Any]:
    return {"kind": kind, "label": label, "path": path, "values": values, "urls": urls}


def unit_table(
    scope: Scope,
    counts: Counts,
    *,
    key: str,
    title: str,
    source: str,
    link: LinkFn | None = None,
) -> dict[str, Any]:
    """Per department, its units with any count, a subtotal, and the board's total.

    ``link(node, year)`` gives the list of records behind a figure (the board's own
    list when ``node`` is None); empty when that register has no such list.
    """
    years = scope.years

    def urls(node: OrgNode | None) -> list[str]:
        return [link(node, y) if link else "" for y in years]

    by_department: dict[str, list[OrgNode]] = defaultdict(list)
    unit_ids = {node_id for node_id, _year in counts}
    for node_id in unit_ids:
        node = scope.nodes.get(node_id)
        if node is None:
            continue
        department = scope.department_of(node)
        by_department[department.pk.hex if department else ""].append(node)

    rows: list[dict[str, Any]] = []
    ordered = sorted(
        by_department.items(),
        key=lambda item: (item[0] == "", scope.nodes[item[0]].name if item[0] else ""),
    )
    for dep_id, units in ordered:
        department = scope.nodes.get(dep_id)
        subtotal = [0, 0]
        unit_rows = []
        for unit in sorted(units, key=lambda u: u.name):
            values = [counts.get((unit.pk.hex, y), 0) for y in years]
            subtotal = [a + b for a, b in zip(subtotal, values, strict=True)]
            if unit is department:
                continue
            unit_rows.append(_row("unit", unit.name, unit.path, values, urls(unit)))
        if department is not None:
            rows.append(
                _row("department", department.name, department.path, subtotal, urls(department))
            )
        else:
            rows.append(_row("department", _("Förvaltningsgemensamt"), "", subtotal, urls(None)))
        rows.extend(unit_rows)
    total = [sum(v for (_n, y), v in counts.items() if y == year) for year in years]
    rows.append(_row("total", _("Totalt"), scope.board.path, total, urls(None)))
    return {
        "key": key,
        "title": title,
        "source": source,
        "columns": [_("Avdelning och enhet"), str(years[0]), str(years[1])],
        "rows": rows,
    }


def breakdown_table(
    *,
    key: str,
    title: str,
    source: str,
    label: str,
    items: Iterable[tuple[str, list[int], list[str]]],
    columns: list[str],
) -> dict[str, Any]:
    """A table of named rows (categories, kinds, statuses) with their counts and links."""
    rows = [_row("item", name, "", values, urls) for name, values, urls in items]
    return {
        "key": key,
        "title": title,
        "source": source,
        "columns": [label, *columns],
        "rows": rows,
    }


def chart_from(table: dict[str, Any], *, title: str) -> dict[str, Any]:
    """A bar chart of a unit table's departments, the year before and the year."""
    departments = [r for r in table["rows"] if r["kind"] == "department"]
    return {
        "title": title,
        "labels": [r["label"] for r in departments],
        "series": [
            {"name": table["columns"][1], "values": [r["values"][0] for r in departments]},
            {"name": table["columns"][2], "values": [r["values"][1] for r in departments]},
        ],
    }


def year_q(model, field_name: str, year: int) -> Q:
    start, end = bounds(model, field_name, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
