"""Counts of feedback per theme and unit over months, with real changes marked.

One grouped query (TruncMonth) whatever the number of items. Each row's latest
complete months are judged against the row's own history with the c-chart rules
in ``kvalitetsnav.lib.spc``; the month still running is shown but never judged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib import spc

from .models import Feedback, Theme

MARKERS = {
    spc.HIGH: ("▲", "ovanligt högt", "high"),
    spc.LOW: ("▼", "ovanligt lågt", "low"),
    spc.RUN_ABOVE: ("▲", "8 månader över snittet", "run"),
    spc.RUN_BELOW: ("▼", "8 månader under snittet", "run"),
}


@dataclass
class Cell:
    month: dt.date
    label: str
    n: int = 0
    url: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def markers(self) -> list[tuple[str, str]]:
        return [(MARKERS[r][0], _(MARKERS[r][1])) for r in self.reasons]

    @property
    def css(self) -> str:
        return MARKERS[self.reasons[0]][2] if self.reasons else ""


@dataclass
class TrendRow:
    key: str
    label: str
    cells: list[Cell]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(c.n for c in self.cells)

    @property
    def flagged(self) -> bool:
        return any(c.reasons for c in self.cells)


@dataclass
class Trends:
    months: list[dt.date]
    themes: list[TrendRow]
    units: list[TrendRow]

    @property
    def flagged(self) -> int:
        return sum(r.flagged for r in self.themes + self.units)


def month_starts(last: dt.date, count: int) -> list[dt.date]:
    """The first days of ``count`` months, oldest first, ending with ``last``'s month."""
    year, month = last.year, last.month
    starts = []
    for _i in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def _month_end(start: dt.date) -> dt.date:
    next_start = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_start - dt.timedelta(days=1)


def _list_url(start: dt.date, end: dt.date, **filters: str) -> str:
    query = {"period_from": start.isoformat(), "period_to": end.isoformat(), **filters}
    return reverse("feedback:list") + "?" + urlencode(query)


def compile_trends(
    user, *, today: dt.date, months: int = 12, board: OrgNode | None = None
) -> Trends:
    """Counts per theme × month and unit × month for the ``months`` months up to ``today``'s."""
    starts = month_starts(today, months)
    ends = [_month_end(s) for s in starts]
    items = Feedback.objects.filter(
        subtree_q(user, Cap.VIEW_AGGREGATES), received_on__gte=starts[0], received_on__lte=today
    )
    if board is not None:
        items = items.filter(node__path__startswith=board.path)
    grouped = (
        items.annotate(month=TruncMonth("received_on"))
        .values("node_id", "node__name", "node__path", "theme", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    index = {start: i for i, start in enumerate(starts)}
    theme_labels = dict(Theme.choices)

    def new_row(key: str, label: str, **filters: str) -> TrendRow:
        cells = [
            Cell(s, s.strftime("%Y-%m"), url=_list_url(s, e, **filters))
            for s, e in zip(starts, ends, strict=True)
        ]
        return TrendRow(key, label, cells, url=_list_url(starts[0], ends[-1], **filters))

    themes: dict[str, TrendRow] = {}
    units: dict[str, TrendRow] = {}
    paths: dict[str, str] = {}
    for row in grouped:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        i = index[month]
        theme = row["theme"] or ""
        theme_row = themes.get(theme)
        if theme_row is None:
            label = str(theme_labels.get(theme, _("Tema ej satt")))
            theme_row = themes[theme] = new_row(
                theme or "-", label, **({"theme": theme} if theme else {})
            )
            if not theme:
                theme_row.url = ""
                for cell in theme_row.cells:
                    cell.url = ""
        node_id = str(row["node_id"])
        unit_row = units.get(node_id)
        if unit_row is None:
            unit_row = units[node_id] = new_row(node_id, row["node__name"], node=node_id)
            paths[node_id] = row["node__path"]
        theme_row.cells[i].n += row["n"]
        unit_row.cells[i].n += row["n"]

    # The running month is incomplete: judge only the months before it.
    for row in [*themes.values(), *units.values()]:
        complete = [c.n for c in row.cells[:-1]]
        for i, reason in spc.special_causes(complete):
            row.cells[i].reasons.append(reason)

    order = list(theme_labels)
    return Trends(
        months=starts,
        themes=sorted(
            themes.values(), key=lambda r: order.index(r.key) if r.key in order else len(order)
        ),
        units=sorted(units.values(), key=lambda r: paths[r.key]),
    )
