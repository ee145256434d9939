"""Demo key figures for Järva: implementation plans in home care as in seed 004.

The quality report of 2025 gives the count on 2025-12-17 (Mitt Järva 162 of which 59 in
time, Norra Järva 197 and 132, Södra Järva 133 and 119: 63.01 % in all) and says that the
share was about 20 % at the review in 2023; the points between show the way there.
The report prints 66.99 % for Norra Järva, but its own counts (132 of 197) make
67.005 %, shown as 67.01 %: the counts are kept and the share is computed from them (the
other shares and the total, 63.01 %, agree with the report). Running it again changes
nothing.
"""

from __future__ import annotations

import datetime as dt

from kvalitetsnav.core.models import OrgNode

from . import services
from .models import ImplementationPlanFigure

MITT, NORRA, SODRA = "jarva-mitt-hemtjanst", "jarva-norra-hemtjanst", "jarva-sodra-hemtjanst"

# date → unit code → (plans in all, drawn up and approved in time)
IMPLEMENTATION_PLANS: dict[dt.date, dict[str, tuple[int, int]]] = {
    dt.date(2023, 12, 15): {MITT: (158, 22), NORRA: (190, 35), SODRA: (128, 39)},  # 20.17 %
    dt.date(2024, 6, 14): {MITT: (160, 30), NORRA: (193, 62), SODRA: (130, 64)},
    dt.date(2024, 12, 13): {MITT: (161, 41), NORRA: (195, 88), SODRA: (131, 90)},
    dt.date(2025, 6, 13): {MITT: (163, 50), NORRA: (196, 113), SODRA: (132, 108)},
    dt.date(2025, 12, 17): {MITT: (162, 59), NORRA: (197, 132), SODRA: (133, 119)},  # 63.01 %
}


def seed_implementation_plans() -> int:
    units = {node.code: node for node in OrgNode.objects.filter(code__in=[MITT, NORRA, SODRA])}
    if len(units) < 3:
        return 0
    existing = set(
        ImplementationPlanFigure.objects.filter(unit__in=units.values()).values_list(
            "unit__code", "measured_on"
        )
    )
    created = 0
    for measured_on, counts in IMPLEMENTATION_PLANS.items():
        for code, (total, in_time) in counts.items():
            if (code, measured_on) in existing:
                continue
            services.implementation_plan_figure_record(
                actor=None,
                unit=units[code],
                measured_on=measured_on,
                plans_total=total,
                plans_in_time=in_time,
            )
            created += 1
    return created


def seed() -> str:
    plans = seed_implementation_plans()
    return f"Key figures: {plans} implementation plan count(s) added."
