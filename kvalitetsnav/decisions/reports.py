"""The quarterly report to IVO, the statistics to the council and auditors, and the dashboard.

Each comes from a fixed number of queries whatever the size of the register: the
reportable decisions of a board-quarter are found by one indexed filter
(:meth:`DecisionQuerySet.reportable`), and everything else is counted from them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics as stats
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kvalitetsnav.core.models import OrgLevel, OrgNode

from . import rules
from .models import Area, ChangeKind, Decision, DelayReason, ServiceChange
from .rules import INTERRUPTED, Quarter

# Every field IVO's forms ask for, in the order of the form (key, column heading).
IVO_COLUMNS: list[tuple[str, str]] = [
    ("municipality", "Kommun"),
    ("board", "Nämnd"),
    ("report_kind", "Typ av rapport"),
    ("person_code", "Personkod"),
    ("sex", "Kön"),
    ("birth_year", "Födelseår"),
    ("area", "Verksamhetsområde"),
    ("law", "Lag"),
    ("service_kind", "Insats"),
    ("decided_on", "Beslutsdatum"),
    ("interrupted_from", "Datum för avbrott"),
    ("executed_on", "Verkställt/återupptaget"),
    ("ended_on", "Avslutat av annan anledning"),
    ("partly", "Delvis verkställt"),
    ("days_waited", "Dagar i väntan vid kvartalets slut"),
    ("delay_reason", "Orsak till dröjsmålet"),
    ("consequences", "Konsekvenser för den enskilda"),
    ("interim_help", "Annat stöd under väntan"),
    ("offers", "Erbjudanden"),
    ("needs_followed_up_on", "Behovet följt upp"),
    ("unit", "Enhet"),
    ("reference", "Beslut-id"),
]


def _d(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def municipality_of(board: OrgNode) -> str:
    top = board.ancestors().filter(level=OrgLevel.KOMMUN).first()
    return top.name if top else ""


def reportable_decisions(board: OrgNode, quarter: Quarter, base=None):
    base = Decision.objects if base is None else base
    return (
        base.in_board(board)
        .reportable(quarter)
        .select_related("service_kind", "node")
        .order_by("service_kind__area", "decided_on", "reference")
    )


def ivo_rows(board: OrgNode, quarter: Quarter, base=None) -> list[dict[str, str]]:
    """One row per individual report (a decision, or an interruption), as IVO's form asks."""
    decisions = list(reportable_decisions(board, quarter, base).prefetch_related("offers"))
    municipality = municipality_of(board)
    areas = dict(Area.choices)
    reasons = dict(DelayReason.choices)
    rows = []
    for d in decisions:
        for kind in rules.reportable_kinds(d, quarter):
            interrupted = kind == INTERRUPTED
            resumed = d.interrupted_to if interrupted else d.executed_on
            free = [str(reasons.get(d.delay_reason, "")), d.delay_reason_text]
            if d.protected_identity:
                free.append(_("Skyddad identitet."))
            rows.append(
                {
                    "municipality": municipality,
                    "board": board.name,
                    "report_kind": _("Avbrott i verkställighet")
                    if interrupted
                    else _("Ej verkställt beslut"),
                    "person_code": d.person_code,
                    "sex": d.sex,
                    "birth_year": str(d.birth_year),
                    "area": str(areas.get(d.service_kind.area, "")),
                    "law": d.law,
                    "service_kind": str(d.service_kind),
                    "decided_on": _d(d.decided_on),
                    "interrupted_from": _d(d.interrupted_from) if interrupted else "",
                    "executed_on": _d(resumed) if resumed and resumed <= quarter.end else "",
                    "ended_on": _d(d.ended_on) if d.ended_on and d.ended_on <= quarter.end else "",
                    "partly": " ".join(
                        p for p in (_d(d.partly_executed_on), d.unexecuted_part) if p
                    ),
                    "days_waited": str(_days(d, interrupted, quarter.end)),
                    "delay_reason": " ".join(p for p in free if p),
                    "consequences": d.consequences,
                    "interim_help": d.interim_help,
                    "offers": ", ".join(
                        _d(o.offered_on) + (" " + _("(tackade nej)") if o.declined else "")
                        for o in d.offers.all()
                    ),
                    "needs_followed_up_on": _d(d.needs_followed_up_on),
                    "unit": d.node.name,
                    "reference": d.reference,
                }
            )
    return rows


def _days(d: Decision, interrupted: bool, until: dt.date) -> int:
    start = d.interrupted_from if interrupted else d.decided_on
    ends = [d.interrupted_to if interrupted else d.executed_on, d.ended_on]
    stop = min([e for e in ends if e and e <= until] or [until])
    return (stop - start).days


def ivo_csv(rows: list[dict[str, str]]) -> bytes:
    """Semicolon-separated UTF-8 with BOM: what Swedish Excel opens with å, ä, ö intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _key, label in IVO_COLUMNS])
    for row in rows:
        writer.writerow([row.get(key, "") for key, _label in IVO_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def ivo_xlsx(rows: list[dict[str, str]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([label for _key, label in IVO_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(key, "") for key, _label in IVO_COLUMNS])
    sheet.freeze_panes = "A2"
    for index, (_key, label) in enumerate(IVO_COLUMNS, 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(label) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Statistics: no personal data ---------------------------------------------------

WAIT_BUCKETS = [
    (0, 182, "3–6 månader"),
    (183, 365, "6–12 månader"),
    (366, 10**6, "Över 12 månader"),
]


def _bucket(days: int) -> str:
    return next(label for low, high, label in WAIT_BUCKETS if low <= days <= high)


def statistics(board: OrgNode, quarter: Quarter) -> dict[str, Any]:
    """Counts for the council and the auditors: by kind of service, by sex, by time waited."""
    fields = (
        "decided_on", "executed_on", "interrupted_from", "interrupted_to", "ended_on", "sex",
        "service_kind__name", "service_kind__area",
    )  # fmt: skip
    rows = Decision.objects.in_board(board).reportable(quarter).values(*fields)
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_area: dict[str, Counter] = defaultdict(Counter)
    by_wait: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    resolved = Counter()
    for row in rows:
        d = Decision(**{k: v for k, v in row.items() if "__" not in k})
        for kind in rules.reportable_kinds(d, quarter):
            sex = row["sex"]
            by_kind[(row["service_kind__area"], row["service_kind__name"])][sex] += 1
            by_area[row["service_kind__area"]][sex] += 1
            by_wait[_bucket(_days(d, kind == INTERRUPTED, quarter.end))][sex] += 1
            totals[sex] += 1
            resumed = d.interrupted_to if kind == INTERRUPTED else d.executed_on
            if resumed and resumed <= quarter.end:
                resolved["executed"] += 1
            elif d.ended_on and d.ended_on <= quarter.end:
                resolved["ended"] += 1
    areas = dict(Area.choices)

    def line(label: str, counts: Counter, **extra) -> dict[str, Any]:
        return {"label": label, "women": counts["K"], "men": counts["M"],
                "total": counts["K"] + counts["M"], **extra}  # fmt: skip

    return {
        "board": board.code,
        "board_name": board.name,
        "quarter": str(quarter),
        "total": line(_("Totalt"), totals),
        "by_kind": [
            line(name, counts, area=str(areas.get(area, area)))
            for (area, name), counts in sorted(by_kind.items())
        ],
        "by_area": [line(str(areas.get(a, a)), c) for a, c in sorted(by_area.items())],
        "by_wait": [line(label, by_wait[label]) for _l, _h, label in WAIT_BUCKETS],
        "executed_in_quarter": resolved["executed"],
        "ended_in_quarter": resolved["ended"],
    }


def dashboard(board: OrgNode, quarter: Quarter, count: int = 8) -> dict[str, Any]:
    """Reportable decisions per quarter and area over time, days to execution, longest waits."""
    quarters = [quarter]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    areas = dict(Area.choices)
    in_board = Decision.objects.in_board(board)
    series = []
    for q in quarters:
        counts = dict(
            in_board.reportable(q)
            .values_list("service_kind__area")
            .annotate(n=Count("id"))
            .values_list("service_kind__area", "n")
        )
        series.append({"quarter": str(q), "counts": counts, "total": sum(counts.values())})
    used = sorted({a for s in series for a in s["counts"]})
    year_ago = quarters[-4].start if len(quarters) >= 4 else quarters[0].start
    executed = in_board.filter(executed_on__range=(quarters[0].start, quarter.end)).values_list(
        "decided_on", "executed_on"
    )
    by_quarter: dict[str, list[int]] = defaultdict(list)
    late: Counter = Counter()
    days = []
    for decided, done in executed:
        key = str(Quarter.containing(done))
        by_quarter[key].append((done - decided).days)
        late[key] += done >= rules.first_reportable_day(decided)
        if done >= year_ago:
            days.append((done - decided).days)
    waits = [
        {
            "quarter": str(q),
            "executed": len(by_quarter[str(q)]),
            "median_days": stats.median(by_quarter[str(q)]) if by_quarter[str(q)] else None,
            "late": late[str(q)],
        }
        for q in quarters
    ]
    waiting = (
        in_board.waiting()
        .filter(decided_on__lte=quarter.end)
        .select_related("service_kind", "node")
        .order_by("decided_on")[:10]
    )
    return {
        "quarters": [s["quarter"] for s in series],
        "areas": [{"key": a, "label": str(areas.get(a, a))} for a in used],
        "series": series,
        "rows": [
            {
                "quarter": s["quarter"],
                "total": s["total"],
                "cells": [(str(areas.get(a, a)), s["counts"].get(a, 0)) for a in used],
            }
            for s in series
        ],  # fmt: skip
        "waits": waits,
        "median_days_to_execution": stats.median(days) if days else None,
        "executed_count": len(days),
        "longest_waits": [
            {
                "id": d.pk,
                "service_kind": d.service_kind.name,
                "unit": d.node.name,
                "decided_on": d.decided_on,
                "days": (quarter.end - d.decided_on).days,
            }
            for d in waiting
        ],
    }


# People whose services changed ---------------------------------------------------


def changes_report(board: OrgNode, start: dt.date, end: dt.date) -> dict[str, Any]:
    """IVO's questions, answered without "Vet ej": per unit and area, who got each step."""
    areas = dict(Area.choices)
    in_period = ServiceChange.objects.filter(
        node__path__startswith=board.path, changed_on__range=(start, end)
    )
    counted = (
        in_period.values("node__name", "service_kind__area")
        .annotate(
            total=Count("id"),
            contacted=Count("contacted_on"),
            reassessed=Count("needs_reassessed_on"),
            helped=Count("id", filter=~Q(what_was_done="")),
            followed_up=Count("followed_up_on"),
        )
        .order_by("node__name", "service_kind__area")
    )
    rows = [
        {
            "unit": r["node__name"],
            "area": str(areas.get(r["service_kind__area"], "")),
            **{k: r[k] for k in ("total", "contacted", "reassessed", "helped", "followed_up")},
        }
        for r in counted
    ]
    keys = ("total", "contacted", "reassessed", "helped", "followed_up")
    kinds = dict(ChangeKind.choices)
    by_kind = dict(in_period.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "rows": rows,
        "totals": {k: sum(r[k] for r in rows) for k in keys},
        "by_kind": [{"label": str(kinds[k]), "total": n} for k, n in sorted(by_kind.items())],
    }
