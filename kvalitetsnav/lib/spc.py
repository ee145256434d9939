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
