"""Statistical process control for counts: is a month's figure a real change?

A count of events per month (complaints, deviations) varies by chance. A c-chart
(Shewhart, for Poisson counts) separates that ordinary variation from a special
cause worth looking into:

- the centre line is the mean of the series' own earlier points;
- the control limits are mean ± 3·√mean (the lower one never below 0);
- a point outside the limits is a special cause;
- so is a run of 8 consecutive points on the same side of the centre line.

Pure functions, no Django: the trends pages feed them plain lists of counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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

    Each point from ``min_baseline`` on is compared with the limits of all the
    points before it (its own history): above the upper limit is ``"high"``,
    below the lower one ``"low"``. The run rule uses the centre line of the whole
    series without those outliers (as when a chart's limits are revised): the 8th
    and every further point of a run strictly above it is ``"run_above"``, strictly
    below ``"run_below"`` (a point on the line breaks a run).
    """
    found: list[tuple[int, str]] = []
    for index in range(min_baseline, len(counts)):
        limits = c_chart_limits(counts[:index])
        if counts[index] > limits.upper:
            found.append((index, HIGH))
        elif counts[index] < limits.lower:
            found.append((index, LOW))
    if len(counts) >= RUN_LENGTH:
        outliers = {index for index, _reason in found}
        usual = [n for index, n in enumerate(counts) if index not in outliers]
        centre = sum(usual) / len(usual)
        above = below = 0
        for index, n in enumerate(counts):
            above = above + 1 if n > centre else 0
            below = below + 1 if n < centre else 0
            if above >= RUN_LENGTH:
                found.append((index, RUN_ABOVE))
            elif below >= RUN_LENGTH:
                found.append((index, RUN_BELOW))
    return sorted(found)
