"""Read-only views of the key figures, for the dashboards and the quality report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, OuterRef, Subquery, Sum

from kvalitetsnav.core.models import OrgNode

from .models import ImplementationPlanFigure

_CENT = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal:
    """``part`` of ``whole`` in percent with two decimals, rounded half up (0 when whole is 0)."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ImplementationPlanRow:
    unit: OrgNode
    measured_on: dt.date
    plans_total: int
    plans_in_time: int
    share: Decimal


@dataclass(frozen=True)
class ImplementationPlanSummary:
    rows: list[ImplementationPlanRow]
    plans_total: int
    plans_in_time: int
    share: Decimal


def implementation_plan_summary(
    *, root: OrgNode, on: dt.date | None = None
) -> ImplementationPlanSummary:
    """Each unit's latest count of implementation plans on or before ``on``, and the total.

    Units under ``root`` without a measurement are left out. One query.
    """
    figures = ImplementationPlanFigure.objects.filter(unit__path__startswith=root.path)
    if on is not None:
        figures = figures.filter(measured_on__lte=on)
    latest = (
        figures.filter(unit=OuterRef("unit"))
        .values("unit")
        .annotate(last=Max("measured_on"))
        .values("last")
    )
    chosen = (
        figures.filter(measured_on=Subquery(latest))
        .select_related("unit")
        .order_by("unit__name", "unit__path")
    )
    rows = [
        ImplementationPlanRow(
            unit=figure.unit,
            measured_on=figure.measured_on,
            plans_total=figure.plans_total,
            plans_in_time=figure.plans_in_time,
            share=percent(figure.plans_in_time, figure.plans_total),
        )
        for figure in chosen
    ]
    total = sum(row.plans_total for row in rows)
    in_time = sum(row.plans_in_time for row in rows)
    return ImplementationPlanSummary(
        rows=rows, plans_total=total, plans_in_time=in_time, share=percent(in_time, total)
    )


def implementation_plan_trend(*, root: OrgNode) -> list[tuple[dt.date, int, int, Decimal]]:
    """Every measurement date under ``root`` with the summed counts and the share. One query."""
    sums = (
        ImplementationPlanFigure.objects.filter(unit__path__startswith=root.path)
        .values("measured_on")
        .annotate(total=Sum("plans_total"), in_time=Sum("plans_in_time"))
        .order_by("measured_on")
    )
    return [
        (row["measured_on"], row["total"], row["in_time"], percent(row["in_time"], row["total"]))
        for row in sums
    ]
