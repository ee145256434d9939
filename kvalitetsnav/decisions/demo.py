"""Demo decisions for Järva, 2025–2026, and changed services with some steps missing.

About 400 decisions through the importer (as the case system would deliver them), with a
rise in non-executed decisions in funktionsnedsättning and socialpsykiatri in 2026 as in
Järva's quality report 2025 (seed 004); and about 30 changes to people's services
(paused, reduced, moved…) in the spirit of IVO's covid-19 supervision (seed 003), some of
them still lacking a contact, a new assessment or a follow-up. Fictional: the person is
only a year of birth, a sex and an IVO-style code. Running it again adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .importer import DEFAULT_COLUMNS, import_decisions
from .models import DateFormat, Decision, ImportMapping, ServiceChange, ServiceKind
from .service_kinds import ensure

# unit code, law, kind of service, weight, chance of a long wait in 2025 and in 2026
PROFILE = [
    ("jarva-bestallare-aldre", "SoL", "Hemtjänst", 60, 0.03, 0.03),
    ("jarva-bestallare-aldre", "SoL", "Särskilt boende (vård- och omsorgsboende)", 35, 0.15, 0.12),
    ("jarva-bestallare-aldre", "SoL", "Dagverksamhet", 10, 0.05, 0.05),
    ("jarva-bestallare-fn", "LSS", "Bostad med särskild service för vuxna", 20, 0.30, 0.50),
    ("jarva-bestallare-fn", "LSS", "Daglig verksamhet", 20, 0.12, 0.30),
    ("jarva-bestallare-fn", "LSS", "Biträde av kontaktperson", 20, 0.25, 0.45),
    ("jarva-bestallare-fn", "LSS", "Korttidsvistelse utanför det egna hemmet", 10, 0.15, 0.30),
    ("jarva-bestallare-fn", "SoL", "Boendestöd", 25, 0.10, 0.30),
    ("jarva-bestallare-fn", "SoL", "Sysselsättning", 15, 0.10, 0.30),
    ("jarva-bestallare-fn", "SoL", "Kontaktperson", 10, 0.20, 0.35),
    ("jarva-mottagning-barn", "SoL", "Kontaktfamilj", 15, 0.30, 0.30),
    ("jarva-stod-behandling", "SoL", "Öppenvård", 15, 0.05, 0.05),
]
REASONS = [
    "Plats eller resurs saknas",
    "Personal eller uppdragstagare saknas",
    "Den enskilda har tackat nej till erbjudande",
    "Matchning pågår (kontaktperson, familjehem)",
]
TOTAL = 400


def _code(rng: random.Random, year: int, sex: str) -> str:
    born = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    third = rng.choice("02468" if sex == "K" else "13579")
    return f"{born:%Y%m%d}-T{rng.randrange(10)}{third}{rng.randrange(10)}"


def _rows(today: dt.date) -> list[dict[str, str]]:
    rng = random.Random(2025)
    start, end = dt.date(2025, 1, 1), min(today, dt.date(2026, 12, 31))
    span = (end - start).days
    weights = [p[3] for p in PROFILE]
    rows = []
    for number in range(1, TOTAL + 1):
        unit, law, kind, _w, late25, late26 = rng.choices(PROFILE, weights)[0]
        decided = start + dt.timedelta(days=rng.randrange(span))
        sex = rng.choice("KM")
        year = rng.randrange(1930, 1950) if "aldre" in unit else rng.randrange(1960, 2004)
        late = rng.random() < (late26 if decided.year == 2026 else late25)
        waited = rng.randrange(95, 300) if late else rng.randrange(5, 80)
        executed = decided + dt.timedelta(days=waited)
        row = {
            "reference": f"JÄ-{decided.year}-{number:04d}",
            "unit": unit, "law": law, "service_kind": kind,
            "decided_on": decided.isoformat(), "sex": sex, "birth_year": str(year),
            "person_code": _code(rng, year, sex),
            "executed_on": executed.isoformat() if executed <= today else "",
            "reason": rng.choice(REASONS) if late else "",
        }  # fmt: skip
        if late and rng.random() < 0.15 and executed > today:
            ended = decided + dt.timedelta(days=rng.randrange(95, 200))
            row["ended_on"] = ended.isoformat() if ended <= today else ""
        if row["executed_on"] and rng.random() < 0.04:
            paused = executed + dt.timedelta(days=rng.randrange(10, 60))
            if paused <= today:
                row["interrupted_from"] = paused.isoformat()
                resumed = paused + dt.timedelta(days=rng.randrange(30, 150))
                row["interrupted_to"] = resumed.isoformat() if resumed <= today else ""
        rows.append(row)
    return rows


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(DEFAULT_COLUMNS.values())
    for row in rows:
        writer.writerow([row.get(name, "") for name in DEFAULT_COLUMNS])
    return out.getvalue().encode("utf-8")


CHANGES = [
    ("jarva-bestallare-aldre", "Hemtjänst", "pausad", "Ville inte ha besök under smittspridning."),
    ("jarva-bestallare-aldre", "Dagverksamhet", "stangd", "Dagverksamheten stängdes tillfälligt."),
    ("jarva-bestallare-aldre", "Hemtjänst", "minskad", "Anhöriga tog över inköpen."),
    (
        "jarva-bestallare-fn",
        "Daglig verksamhet",
        "stangd",
        "Verksamheten stängd under vattenskada.",
    ),
    ("jarva-bestallare-fn", "Boendestöd", "pausad", "Bad om uppehåll under sommaren."),
    ("jarva-bestallare-fn", "Biträde av kontaktperson", "avslutad", "Kontaktpersonen slutade."),
    ("jarva-bestallare-fn", "Sysselsättning", "flyttad", "Flyttad till en annan utförare."),
]


def _changes(actor: User, board: OrgNode, today: dt.date) -> int:
    rng = random.Random(3)
    kinds = {k.name: k for k in ServiceKind.objects.all()}
    made = 0
    for i in range(30):
        unit, kind, change, reason = CHANGES[i % len(CHANGES)]
        changed = min(today, dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600)))

        def step(days: int, changed: dt.date = changed) -> dt.date:
            return min(today, changed + dt.timedelta(days=days))

        missing = rng.random()
        # The first few are linked to their decision in the register.
        decision = (
            Decision.objects.filter(board=board, service_kind=kinds[kind], decided_on__lt=changed)
            .order_by("decided_on", "reference")
            .first()
            if i < 8
            else None
        )
        services.service_change_create(
            actor=actor,
            node=OrgNode.objects.get(code=unit),
            decision=decision,
            person_code="" if decision else f"JÄ-FÖR-{i + 1:03d}",
            service_kind=kinds[kind],
            kind=change,
            reason=reason,
            changed_on=changed,
            contacted_on=step(3) if missing > 0.15 else None,
            needs_reassessed_on=step(14) if missing > 0.3 else None,
            what_was_done="Erbjöds telefonkontakt och matleverans." if missing > 0.4 else "",
            followed_up_on=step(60) if missing > 0.55 else None,
        )
        made += 1
    return made


def seed() -> str:
    board = OrgNode.objects.filter(code="jarva").first()
    actor = User.objects.filter(username="kvalitet.jarva").first()
    if board is None or actor is None:
        return "decisions: skipped (no Järva)"
    ensure(ServiceKind)
    today = timezone.localdate()
    result = import_decisions(
        actor=actor, board=board, filename="demo.csv", data=_csv(_rows(today))
    )
    changes = 0
    if not ServiceChange.objects.filter(node__path__startswith=board.path).exists():
        changes = _changes(actor, board, today)
    if not ImportMapping.objects.filter(board=board).exists():
        services.mapping_create(
            actor=actor,
            board=board,
            name="Utförarnas Excel-lista",
            columns={
                "reference": "Ärendenr",
                "unit": "Utförare",
                "decided_on": "Beslut",
                "executed_on": "Start",
            },  # fmt: skip
            date_format=DateFormat.DAY_MONTH_DOT,
        )
    return (
        f"decisions: {result.created} new, {result.updated} changed, "
        f"{len(result.errors)} refused rows; {changes} changed services"
    )
