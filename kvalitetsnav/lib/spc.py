"""Statistical process control for counts: is a month's figure a real change?

A count of events per month (complaints, deviations) varies by chance. A c-chart
(Shewhart, for Poisson counts) separates that ordinary variation from a special
cause worth looking into:

- the centre line is the mean of the series' own earlier points;
- the control limits are mean ± 3·√mean (the lower one never below 0);
- a point outside the limits is a special cause;
- so is a run of 8 consecutive points, ending with the one judged, on the same
  side of that centre line (a lasting shift no single point shows).

Pure functions, no Django: the trends pages feed them plain lists of counts.

Whole charts for drawing (:func:`c_chart`, :func:`u_chart`, :func:`p_chart`,
:func:`run_chart`) take the centre line from all the points shown, with limits that
vary with each point's denominator on u- and p-charts, and mark the points that
break the usual rules for special-cause variation:

- ``outside``: beyond a 3-sigma limit;
- ``shift``: part of a run of 8 or more consecutive points on the same side of the
  centre line (a point on the line breaks the run);
- ``trend``: part of 6 or more consecutive points each higher (or each lower) than
  the one before.

A run chart (values without a known distribution) has the median as its centre
and no limits; shifts and trends are judged against the median.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

# Earlier points needed before a point is judged against them.
MIN_BASELINE = 6
RUN_LENGTH = 8

HIGH = "high"
LOW = "low"
RUN_ABOVE = "run_above"
RUN_BELOW = "run_below"


@dataclass(frozen=True)
class Limits:
    centre: float
    lower: float
    upper: float


def c_chart_limits(counts: Sequence[int]) -> Limits:
    """The centre line and the 3-sigma limits of a c-chart built on ``counts``."""
    if not counts:
        raise ValueError("A c-chart needs at least one count.")
    centre = sum(counts) / len(counts)
    spread = 3 * math.sqrt(centre)
    return Limits(centre=centre, lower=max(0.0, centre - spread), upper=centre + spread)


def special_causes(
    counts: Sequence[int], *, min_baseline: int = MIN_BASELINE
) -> list[tuple[int, str]]:
    """The points of ``counts`` that show a special cause, as ``(index, reason)``.

    Each point from ``min_baseline`` on is judged against the c-chart of all the
    points before it (its own history): above the upper limit is ``"high"``,
    below the lower one ``"low"``; when it and the 7 points before it all lie
    strictly above that history's centre line, ``"run_above"`` (strictly below:
    ``"run_below"``). A point may have two reasons.
    """
    found: list[tuple[int, str]] = []
    for index in range(max(min_baseline, 1), len(counts)):
        limits = c_chart_limits(counts[:index])
        n = counts[index]
        if n > limits.upper:
            found.append((index, HIGH))
        elif n < limits.lower:
            found.append((index, LOW))
        if index + 1 >= RUN_LENGTH:
            run = counts[index + 1 - RUN_LENGTH : index + 1]
            if all(x > limits.centre for x in run):
                found.append((index, RUN_ABOVE))
            elif all(x < limits.centre for x in run):
                found.append((index, RUN_BELOW))
    return found


# Rule names on whole charts.
OUTSIDE = "outside"
SHIFT = "shift"
TREND = "trend"
SHIFT_LENGTH = 8
TREND_LENGTH = 6

C_CHART = "c"
U_CHART = "u"
P_CHART = "p"
RUN_CHART = "run"


@dataclass(frozen=True)
class Point:
    """One point of a chart: its value, the centre and limits that apply to it, its signals."""

    value: float
    centre: float
    lower: float | None
    upper: float | None
    signals: tuple[str, ...] = ()

    @property
    def is_special(self) -> bool:
        return bool(self.signals)


@dataclass(frozen=True)
class Chart:
    kind: str
    centre: float
    points: list[Point] = field(default_factory=list)


def _mark(values: Sequence[float], centre: float, outside: Sequence[bool]) -> list[set[str]]:
    marks: list[set[str]] = [set() for _ in values]
    for i, is_outside in enumerate(outside):
        if is_outside:
            marks[i].add(OUTSIDE)
    # Shifts: runs on one side of the centre line.
    start = 0
    while start < len(values):
        side = (values[start] > centre) - (values[start] < centre)
        end = start
        while (
            end + 1 < len(values)
            and side
            and ((values[end + 1] > centre) - (values[end + 1] < centre)) == side
        ):
            end += 1
        if side and end - start + 1 >= SHIFT_LENGTH:
            for i in range(start, end + 1):
                marks[i].add(SHIFT)
        start = end + 1
    # Trends: consecutive rises or falls (an equal neighbour breaks them).
    for direction in (1, -1):
        start = 0
        while start < len(values):
            end = start
            while end + 1 < len(values) and (values[end + 1] - values[end]) * direction > 0:
                end += 1
            if end - start + 1 >= TREND_LENGTH:
                for i in range(start, end + 1):
                    marks[i].add(TREND)
            start = end + 1
    return marks


def _chart(
    kind: str,
    values: Sequence[float],
    centre: float,
    limits: Sequence[tuple[float | None, float | None]],
) -> Chart:
    outside = [
        (upper is not None and v > upper) or (lower is not None and v < lower)
        for v, (lower, upper) in zip(values, limits, strict=True)
    ]
    marks = _mark(values, centre, outside)
    order = (OUTSIDE, SHIFT, TREND)
    points = [
        Point(
            value=v,
            centre=centre,
            lower=lower,
            upper=upper,
            signals=tuple(rule for rule in order if rule in mark),
        )
        for v, (lower, upper), mark in zip(values, limits, marks, strict=True)
    ]
    return Chart(kind=kind, centre=centre, points=points)


def c_chart(counts: Sequence[int]) -> Chart:
    """Counts per period with the same opportunity each period (Poisson): mean ± 3·√mean."""
    limits = c_chart_limits(counts)
    return _chart(
        C_CHART,
        [float(c) for c in counts],
        limits.centre,
        [(limits.lower, limits.upper)] * len(counts),
    )


def u_chart(counts: Sequence[int], exposures: Sequence[float]) -> Chart:
    """Counts per unit of exposure (deviations per 1 000 care days, per client…).

    Plotted as rates ``count / exposure``; the centre is Σcount / Σexposure and each
    point's limits are ū ± 3·√(ū / exposure), so they widen when the exposure is small.
    """
    if not counts or len(counts) != len(exposures) or any(e <= 0 for e in exposures):
        raise ValueError("A u-chart needs as many positive exposures as counts.")
    centre = sum(counts) / sum(exposures)
    limits = []
    for exposure in exposures:
        spread = 3 * math.sqrt(centre / exposure)
        limits.append((max(0.0, centre - spread), centre + spread))
    return _chart(U_CHART, [c / e for c, e in zip(counts, exposures, strict=True)], centre, limits)


def p_chart(hits: Sequence[int], totals: Sequence[int], *, scale: float = 100.0) -> Chart:
    """Shares (hits of totals), in percent by default: p̄ ± 3·√(p̄(1 − p̄) / n) per point.

    Periods with a total of 0 cannot be shared and must be left out by the caller.
    """
    if not hits or len(hits) != len(totals) or any(n <= 0 for n in totals):
        raise ValueError("A p-chart needs as many positive totals as counts.")
    if any(h < 0 or h > n for h, n in zip(hits, totals, strict=True)):
        raise ValueError("A share cannot exceed its total.")
    p_bar = sum(hits) / sum(totals)
    limits = []
    for n in totals:
        spread = 3 * math.sqrt(p_bar * (1 - p_bar) / n)
        limits.append((max(0.0, p_bar - spread) * scale, min(1.0, p_bar + spread) * scale))
    values = [h / n * scale for h, n in zip(hits, totals, strict=True)]
    return _chart(P_CHART, values, p_bar * scale, limits)


def run_chart(values: Sequence[float]) -> Chart:
    """Values of no known distribution: the median as centre line, no limits."""
    if not values:
        raise ValueError("A run chart needs at least one value.")
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return _chart(
        RUN_CHART, [float(v) for v in values], float(median), [(None, None)] * len(values)
    )
