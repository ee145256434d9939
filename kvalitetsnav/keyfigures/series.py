"""A key figure's monthly series for one part of the organisation, and its control chart.

Values stored per unit (entered or imported) and values computed from the registers are
summed up the tree the same way: counts add up; a share with its counts is the sum of its
parts over the sum of its wholes; any other value is the mean of the units' values.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib import spc

from .computed import COMPUTE, Row, counted_periods
from .models import KeyFigure, KeyFigureValue, Measure, Source

_CENT = Decimal("0.01")
DEFAULT_MONTHS = 24


def month_range(end: dt.date, months: int = DEFAULT_MONTHS) -> list[dt.date]:
    """``months`` first days of months up to and including ``end``'s month, oldest first."""
    first = end.replace(day=1)
    periods = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        periods.append(dt.date(year, month + 1, 1))
    return periods


@dataclass
class Cell:
    """One month of a series: the value, and for shares and counts the numbers behind it."""

    period: dt.date
    value: Decimal | None = None
    n: int | None = None
    d: int | None = None


@dataclass
class Series:
    figure: KeyFigure
    scope: OrgNode
    cells: list[Cell]
    # The children of the scope (or the units under it) with their own cells, for comparison.
    parts: list[tuple[OrgNode, list[Cell]]] = field(default_factory=list)

    @property
    def known(self) -> list[Cell]:
        return [c for c in self.cells if c.value is not None]

    @property
    def latest(self) -> Cell | None:
        known = self.known
        return known[-1] if known else None

    @property
    def previous(self) -> Cell | None:
        known = self.known
        return known[-2] if len(known) > 1 else None

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value  # type: ignore[operator]

    @property
    def change_size(self) -> Decimal | None:
        change = self.change
        return abs(change) if change is not None else None

    @property
    def improving(self) -> bool | None:
        """Whether the last change went the good way (None when flat or unknown)."""
        change = self.change
        if not change:
            return None
        return (change > 0) == self.figure.higher_is_better

    @property
    def meets_target(self) -> bool | None:
        target, latest = self.figure.target, self.latest
        if target is None or latest is None:
            return None
        if self.figure.higher_is_better:
            return latest.value >= target  # type: ignore[operator]
        return latest.value <= target  # type: ignore[operator]

    def chart(self) -> spc.Chart | None:
        """The control chart of the known months: p for shares with counts, c for counts."""
        known = self.known
        if len(known) < 2:
            return None
        if self.figure.measure == Measure.PERCENT and all(c.d for c in known):
            return spc.p_chart([c.n or 0 for c in known], [c.d or 0 for c in known])
        if self.figure.measure == Measure.COUNT and all(c.n is not None for c in known):
            return spc.c_chart([c.n or 0 for c in known])
        return spc.run_chart([float(c.value) for c in known])  # type: ignore[arg-type]

    def chart_kind_label(self) -> str:
        chart = self.chart()
        return chart.kind if chart else ""


def _combine(measure: str, parts: list[tuple[Decimal | None, int | None, int | None]]) -> Cell:
    cell = Cell(period=dt.date.min)
    if not parts:
        return cell
    if measure == Measure.COUNT:
        total = sum((v or Decimal(0)) for v, _, _ in parts)
        cell.value = Decimal(total).quantize(_CENT)
        cell.n = int(total) if all(v is None or v == int(v) for v, _, _ in parts) else None
        return cell
    if measure == Measure.PERCENT and all(d for _, _, d in parts):
        cell.n = sum(n or 0 for _, n, _ in parts)
        cell.d = sum(d or 0 for _, _, d in parts)
        cell.value = (Decimal(cell.n) * 100 / cell.d).quantize(_CENT, ROUND_HALF_UP)
        return cell
    values = [v for v, _, _ in parts if v is not None]
    cell.value = (sum(values, Decimal(0)) / len(values)).quantize(_CENT, ROUND_HALF_UP)
    return cell


def _computed_rows(figure: KeyFigure, scope: OrgNode, periods: list[dt.date], today) -> list:
    rows: list[Row] = COMPUTE[figure.computed_kind](scope, periods, today)
    result = []
    for path, period, n, d in rows:
        if figure.measure == Measure.PERCENT:
            value = (Decimal(n) * 100 / d).quantize(_CENT, ROUND_HALF_UP) if d else None
        else:
            value = Decimal(n)
        result.append((path, period, value, n, d))
    # A month without records counts 0 (the scope's own row, so parts are unaffected).
    for period in counted_periods(figure.computed_kind, periods, today):
        result.append((scope.path, period, Decimal(0), 0, None))
    return result


def _stored_rows(figures: list[KeyFigure], scope: OrgNode, periods: list[dt.date]) -> dict:
    by_figure: dict = defaultdict(list)
    if not figures:
        return by_figure
    values = KeyFigureValue.objects.filter(
        key_figure__in=figures,
        unit__path__startswith=scope.path,
        period__gte=periods[0],
        period__lte=periods[-1],
    ).values_list("key_figure_id", "unit__path", "period", "value", "numerator", "denominator")
    for figure_id, path, period, value, n, d in values:
        if n is None and value is not None and value == int(value):
            n = int(value)
        by_figure[figure_id].append((path, period, value, n, d))
    return by_figure


def _cells(measure: str, rows: Iterable, periods: list[dt.date]) -> list[Cell]:
    grouped: dict[dt.date, list] = defaultdict(list)
    for _path, period, value, n, d in rows:
        grouped[period].append((value, n, d))
    cells = []
    for period in periods:
        cell = _combine(measure, grouped.get(period, []))
        cell.period = period
        cells.append(cell)
    return cells


def series_for(
    figures: Iterable[KeyFigure],
    scope: OrgNode,
    *,
    periods: list[dt.date] | None = None,
    parts: list[OrgNode] | None = None,
    today: dt.date | None = None,
) -> list[Series]:
    """The series of each figure under ``scope``; with ``parts``, also one per part.

    One query for all stored values, and one per computed figure.
    """
    today = today or timezone.localdate()
    periods = periods or month_range(today)
    figures = list(figures)
    stored = _stored_rows([f for f in figures if f.source != Source.COMPUTED], scope, periods)
    result = []
    for figure in figures:
        if figure.source == Source.COMPUTED:
            rows = _computed_rows(figure, scope, periods, today)
        else:
            rows = stored.get(figure.pk, [])
        series = Series(figure=figure, scope=scope, cells=_cells(figure.measure, rows, periods))
        for part in parts or []:
            mine = [row for row in rows if row[0].startswith(part.path)]
            if figure.source == Source.COMPUTED and figure.measure == Measure.COUNT:
                zeros = counted_periods(figure.computed_kind, periods, today)
                mine += [(part.path, p, Decimal(0), 0, None) for p in zeros]
            series.parts.append((part, _cells(figure.measure, mine, periods)))
        result.append(series)
    return result
