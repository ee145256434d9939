"""Imports and reports: 100,000 decisions from Excel, the IVO report, the quality report."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import random
import time
from typing import Any

from django.db import transaction

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.decisions import importer
from kvalitetsnav.decisions import reports as decision_reports
from kvalitetsnav.decisions.models import ServiceKind

from .measure import summary, timed
from .pages import previous_quarter


class _Rollback(Exception):
    pass


def _quality_person(board: OrgNode) -> User:
    return (
        RoleAssignment.objects.filter(node=board, role=Role.KVALITETSUTVECKLARE)
        .select_related("user")
        .order_by("user__username")[0]
        .user
    )


def decisions_workbook(board: OrgNode, rows: int, seed: int = 7) -> bytes:
    """An .xlsx as a case system exports it: ``rows`` new decisions for the board's units."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    units = list(
        OrgNode.objects.filter(path__startswith=board.path, level=OrgLevel.ENHET).values_list(
            "code", flat=True
        )
    )
    kinds = [(k.law, k.name) for k in ServiceKind.objects.filter(is_active=True)]
    today = dt.date.today()
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([importer.DEFAULT_COLUMNS[name] for name in importer.FIELDS])
    for n in range(rows):
        law, kind = rng.choice(kinds)
        decided = today - dt.timedelta(days=rng.randint(1, 700))
        executed = decided + dt.timedelta(days=rng.randint(1, 60))
        row = {
            "reference": f"IMP-{n:07d}",
            "unit": rng.choice(units),
            "law": law,
            "service_kind": kind,
            "decided_on": decided.isoformat(),
            "sex": rng.choice("KM"),
            "birth_year": rng.randint(1930, 2005),
            "executed_on": executed.isoformat() if executed <= today else "",
            "interrupted_from": "",
            "interrupted_to": "",
            "ended_on": "",
            "reason": "",
            "person_code": "",
        }
        sheet.append([row[name] for name in importer.FIELDS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_decisions(board: OrgNode, rows: int) -> dict[str, Any]:
    """Import ``rows`` decisions from Excel through the decisions import service; rolled back."""
    data = decisions_workbook(board, rows)
    actor = _quality_person(board)
    started = time.perf_counter()
    result = None
    try:
        with transaction.atomic():
            result = importer.import_decisions(
                actor=actor, board=board, filename="beslut.xlsx", data=data
            )
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "created": getattr(result, "created", None),
        "errors": len(getattr(result, "errors", []) or []),
        "file_mb": round(len(data) / 1e6, 1),
    }


def ivo_report(board: OrgNode, repeat: int = 5) -> dict[str, Any]:
    quarter = previous_quarter()
    rows = decision_reports.ivo_rows(board, quarter)
    return {
        "quarter": str(quarter),
        "rows": len(rows),
        **summary(timed(lambda: decision_reports.ivo_rows(board, quarter), repeat, warmup=1)),
    }


def quality_report(board: OrgNode) -> dict[str, Any]:
    """The quality report for last year: generated with every figure, and exported to Word.

    Through ``qualityreport.services.report_generate`` when that app is installed; rolled back.
    """
    try:
        services = importlib.import_module("kvalitetsnav.qualityreport.services")
        export = importlib.import_module("kvalitetsnav.qualityreport.export")
    except ImportError:
        return {"status": "pending: kvalitetsnav.qualityreport is not installed"}
    year = dt.date.today().year - 1
    actor = _quality_person(board)
    figures: dict[str, Any] = {"year": year}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            report = services.report_generate(actor=actor, board=board, year=year)
            figures["seconds"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            figures["docx_kb"] = round(len(export.docx_bytes(report)) / 1024)
            figures["docx_seconds"] = round(time.perf_counter() - started, 2)
            raise _Rollback
    except _Rollback:
        pass
    except Exception as error:  # an app still being built: say so instead of failing the run
        return {"status": f"failed: {type(error).__name__}: {error}"[:300]}
    return figures
