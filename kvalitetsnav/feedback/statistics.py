"""Counted figures of feedback: per unit, department, kind, theme, area and month.

Two queries whatever the number of items: one grouped count, one for the
departments above the units. Never a single record, never contact details.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import Feedback, Kind, Theme


@dataclass
class Row:
    key: str
    label: str
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    replied: int = 0
    in_time: int = 0
    url: str = ""
    kind_urls: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def share_in_time(self) -> int | None:
        """Per cent of the replied items that were replied to by the deadline."""
        return round(100 * self.in_time / self.replied) if self.replied else None

    def kind_cells(self) -> list[tuple[int, str]]:
        return [(self.by_kind.get(k, 0), self.kind_urls.get(k, "")) for k in Kind.values]

    def as_dict(self) -> dict:
        return {
            "id": self.key,
            "name": self.label,
            "total": self.total,
            "by_kind": {k: self.by_kind.get(k, 0) for k in Kind.values},
            "replied": self.replied,
            "replied_in_time": self.in_time,
            "share_replied_in_time": self.share_in_time,
        }


@dataclass
class Report:
    year: int
    total: Row
    units: list[Row]
    departments: list[Row]
    themes: list[Row]
    areas: list[Row]
    months: list[Row]


def _list_url(year: int, **filters: str) -> str:
    query = {
        "period_from": dt.date(year, 1, 1).isoformat(),
        "period_to": dt.date(year, 12, 31).isoformat(),
        **{k: v for k, v in filters.items() if v},
    }
    return reverse("feedback:list") + "?" + urlencode(query)


def compile_report(user, *, year: int, board: OrgNode | None = None) -> Report:
    items = Feedback.objects.filter(subtree_q(user, Cap.VIEW_AGGREGATES), received_on__year=year)
    if board is not None:
        items = items.filter(node__path__startswith=board.path)
    rows = (
        items.annotate(month=ExtractMonth("received_on"))
        .values(
            "node_id",
            "node__name",
            "node__path",
            "kind",
            "theme",
            "service_area_id",
            "service_area__name",
            "month",
        )  # fmt: skip
        .annotate(
            n=Count("id"),
            replied=Count("id", filter=Q(replied_on__isnull=False)),
            in_time=Count("id", filter=Q(replied_on__lte=F("reply_due"))),
        )
        .order_by()
    )
    total = Row("total", "Totalt", url=_list_url(year))
    units: dict[str, Row] = {}
    departments: dict[str, Row] = {}
    themes: dict[str, Row] = {}
    areas: dict[str, Row] = {}
    months = {
        m: Row(str(m), dt.date(year, m, 1).strftime("%Y-%m"),
               url=_list_url(year, period_from=dt.date(year, m, 1).isoformat(),
                             period_to=_month_end(year, m).isoformat()))
        for m in range(1, 13)
    }  # fmt: skip
    unit_paths: dict[str, str] = {}
    theme_labels = dict(Theme.choices)
    grouped = list(rows)
    for row in grouped:
        node_id = str(row["node_id"])
        unit_paths[node_id] = row["node__path"]
        unit = units.setdefault(
            node_id, Row(node_id, row["node__name"], url=_list_url(year, node=node_id))
        )
        theme = themes.setdefault(
            row["theme"] or "-",
            Row(
                row["theme"] or "-",
                str(theme_labels.get(row["theme"], "Ej satt")),
                url=_list_url(year, theme=row["theme"]) if row["theme"] else "",
            ),
        )
        area_id = str(row["service_area_id"] or "")
        area = areas.setdefault(
            area_id or "-",
            Row(area_id or "-", row["service_area__name"] or "Ej angivet",
                url=_list_url(year, area=area_id) if area_id else ""),
        )  # fmt: skip
        for target in (total, unit, theme, area, months[row["month"]]):
            target.by_kind[row["kind"]] += row["n"]
            target.replied += row["replied"]
            target.in_time += row["in_time"]
        unit.kind_urls[row["kind"]] = _list_url(year, node=node_id, kind=row["kind"])
        total.kind_urls[row["kind"]] = _list_url(year, kind=row["kind"])

    # The department (avdelning) above each unit: one query for all of them.
    ancestor_ids = {part for path in unit_paths.values() for part in path.strip("/").split("/")}
    dept_nodes = {
        n.pk.hex: n for n in OrgNode.objects.filter(pk__in=ancestor_ids, level=OrgLevel.AVDELNING)
    }
    for node_id, path in unit_paths.items():
        parts = [uuid.UUID(p).hex for p in path.strip("/").split("/")]
        dept_node = next((dept_nodes[p] for p in parts if p in dept_nodes), None)
        if dept_node is None:
            continue
        dept_id = str(dept_node.pk)
        dept = departments.setdefault(
            dept_id, Row(dept_id, dept_node.name, url=_list_url(year, node=dept_id))
        )
        unit = units[node_id]
        for kind, n in unit.by_kind.items():
            dept.by_kind[kind] += n
            dept.kind_urls[kind] = _list_url(year, node=dept_id, kind=kind)
        dept.replied += unit.replied
        dept.in_time += unit.in_time

    def by_path(row: Row) -> str:
        return unit_paths.get(row.key, "")

    return Report(
        year=year,
        total=total,
        units=sorted(units.values(), key=by_path),
        departments=sorted(departments.values(), key=lambda r: r.label),
        themes=sorted(themes.values(), key=lambda r: -r.total),
        areas=sorted(areas.values(), key=lambda r: -r.total),
        months=list(months.values()),
    )


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)
