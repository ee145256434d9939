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
import random
from decimal import Decimal

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import (
    ComputedKind,
    ImplementationPlanFigure,
    KeyFigure,
    KeyFigureValue,
    Measure,
    Source,
)
from .series import month_range

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


# code, name, what counts, measure, target, higher is better, computed kind
FIGURES = [
    ("avvikelser", "Avvikelser per månad", "", Measure.COUNT, None, False, ComputedKind.DEVIATIONS),
    (
        "klagomal-i-tid",
        "Klagomål återkopplade i tid",
        "",
        Measure.PERCENT,
        Decimal("90"),
        True,
        ComputedKind.COMPLAINTS_IN_TIME,
    ),
    (
        "egenkontroller-klara",
        "Genomförda egenkontroller",
        "",
        Measure.PERCENT,
        Decimal("100"),
        True,
        ComputedKind.INSPECTIONS_DONE,
    ),
    (
        "ej-verkstallda",
        "Ej verkställda beslut att rapportera",
        "",
        Measure.COUNT,
        None,
        False,
        ComputedKind.DECISIONS_REPORTABLE,
    ),
    (
        "rutiner-ej-reviderade",
        "Rutiner som passerat revideringsdatum",
        "",
        Measure.COUNT,
        Decimal("0"),
        False,
        ComputedKind.ROUTINES_PAST_REVIEW,
    ),
    (
        "atgarder-forsenade",
        "Försenade åtgärder",
        "",
        Measure.COUNT,
        Decimal("0"),
        False,
        ComputedKind.ACTIONS_PAST_DUE,
    ),
    (
        "kontinuitet-hemtjanst",
        "Personalkontinuitet i hemtjänsten",
        "Antal olika personal som en brukare med hemtjänst möter under 14 dagar "
        "(medelvärde, från verksamhetssystemet).",
        Measure.VALUE,
        Decimal("12"),
        False,
        "",
    ),
    (
        "brukarbedomning-nojd",
        "Nöjda brukare med hemtjänsten",
        "Andel som svarat att de är ganska eller mycket nöjda i enhetens egen uppföljning.",
        Measure.PERCENT,
        Decimal("85"),
        True,
        "",
    ),
]
HOME_CARE = [MITT, NORRA, SODRA]


def seed_figures(actor: User, board: OrgNode) -> int:
    created = 0
    for code, name, what, measure, target, higher, kind in FIGURES:
        if KeyFigure.objects.filter(code=code).exists():
            continue
        services.key_figure_create(
            actor=actor,
            name=name,
            code=code,
            node=board,
            description=what,
            measure=measure,
            target=target,
            higher_is_better=higher,
            source=Source.COMPUTED if kind else Source.MANUAL,
            computed_kind=kind,
        )
        created += 1
    return created


def seed_values(today: dt.date) -> int:
    """Eighteen months of the two manual figures for Järva's home care (fictional)."""
    units = list(OrgNode.objects.filter(code__in=HOME_CARE).order_by("code"))
    figures = {f.code: f for f in KeyFigure.objects.filter(code__in=[c for c, *_ in FIGURES])}
    continuity, satisfied = figures["kontinuitet-hemtjanst"], figures["brukarbedomning-nojd"]
    if KeyFigureValue.objects.filter(key_figure__in=[continuity, satisfied]).exists():
        return 0
    rng = random.Random(17)
    created = 0
    periods = month_range(today, 19)[:-1]  # complete months only
    for i, unit in enumerate(units):
        for month, period in enumerate(periods):
            # Continuity improves after a new scheduling routine a year ago.
            base = 15.5 - i if month < 8 else 12.5 - i
            services.key_figure_value_record(
                actor=None,
                key_figure=continuity,
                unit=unit,
                period=period,
                value=Decimal(str(round(base + rng.uniform(-0.8, 0.8), 1))),
            )
            asked = rng.randint(18, 30)
            share = 0.72 + 0.05 * i + (0.06 if month >= 12 else 0)
            services.key_figure_value_record(
                actor=None,
                key_figure=satisfied,
                unit=unit,
                period=period,
                numerator=min(asked, round(asked * share + rng.uniform(-1.5, 1.5))),
                denominator=asked,
            )
            created += 2
    return created


def seed() -> str:
    plans = seed_implementation_plans()
    board = OrgNode.objects.filter(code="jarva").first()
    actor = User.objects.filter(username="kvalitet.jarva").first()
    figures = values = 0
    if board is not None and actor is not None:
        figures = seed_figures(actor, board)
        values = seed_values(timezone.localdate())
    return (
        f"Key figures: {plans} implementation plan count(s), {figures} figure(s) and "
        f"{values} value(s) added."
    )
