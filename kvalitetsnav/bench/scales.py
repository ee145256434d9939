"""How much data each scale holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    boards: int
    units_per_board: int
    users: int
    years: int
    deviations: int
    feedback: int
    decisions: int
    inspections: int
    routines: int
    read_requests_per_routine: int
    actions: int
    risk_analyses_per_unit: int

    @property
    def units(self) -> int:
        return self.boards * self.units_per_board


CITY = Scale(
    name="city",
    boards=14,
    units_per_board=107,
    users=20_000,
    years=5,
    deviations=300_000,
    feedback=100_000,
    decisions=1_000_000,
    inspections=50_000,
    routines=5_000,
    read_requests_per_routine=20,
    actions=500_000,
    risk_analyses_per_unit=1,
)

# One board of the city: the same density per unit, so that a unit's pages show as much.
DISTRICT = Scale(
    name="district",
    boards=1,
    units_per_board=107,
    users=1_430,
    years=5,
    deviations=21_400,
    feedback=7_100,
    decisions=71_400,
    inspections=3_570,
    routines=360,
    read_requests_per_routine=20,
    actions=35_700,
    risk_analyses_per_unit=1,
)

# For the smoke test: every kind of row, a few of each.
TINY = Scale(
    name="tiny",
    boards=2,
    units_per_board=3,
    users=24,
    years=2,
    deviations=40,
    feedback=12,
    decisions=40,
    inspections=6,
    routines=4,
    read_requests_per_routine=3,
    actions=20,
    risk_analyses_per_unit=1,
)

SCALES = {s.name: s for s in (CITY, DISTRICT, TINY)}
