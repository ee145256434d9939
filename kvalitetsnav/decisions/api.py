"""/api/v1/decisions: the register, the quarterly IVO report and the statistics.

The report and the statistics have the same content as their pages. ``board`` is a
board's code and ``quarter`` is written ``2025Q4``; without them, the user's first
board and the last quarter that has ended. A bad value is a 400 with field errors.
"""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef

from . import jobs, reports
from .forms import default_quarter
from .models import Decision, ImportJob, QuarterReport
from .policies import boards_for, may_read_register, policy
from .rules import Quarter

router = Router(tags=["decisions"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


class DecisionOut(Schema):
    id: UUID
    reference: str
    node: NodeRef
    law: str
    service_kind: str
    area: str
    decided_on: dt.date
    sex: str
    birth_year: int
    executed_on: dt.date | None
    interrupted_from: dt.date | None
    interrupted_to: dt.date | None
    ended_on: dt.date | None
    reportable_from: dt.date = Field(alias="execution_due_on")

    @staticmethod
    def resolve_service_kind(obj: Decision) -> str:
        return obj.service_kind.name

    @staticmethod
    def resolve_area(obj: Decision) -> str:
        return obj.service_kind.area


class BoardQuarterQuery(Schema):
    board: str | None = Field(None, description="A board's code, e.g. jarva.")
    quarter: str | None = Field(None, description="Written 2025Q4.")


class IvoReportOut(Schema):
    board: str
    quarter: str
    reporting_window: str
    reported_at: dt.datetime | None
    columns: list[dict[str, str]]
    rows: list[dict[str, str]]


class StatLine(Schema):
    label: str
    women: int
    men: int
    total: int
    area: str | None = None


class StatisticsOut(Schema):
    board: str
    board_name: str
    quarter: str
    total: StatLine
    by_kind: list[StatLine]
    by_area: list[StatLine]
    by_wait: list[StatLine]
    executed_in_quarter: int
    ended_in_quarter: int


def _board_quarter(user, query: BoardQuarterQuery, cap: Cap):
    boards = {b.code: b for b in boards_for(user, cap)}
    errors: dict[str, list[str]] = {}
    board = None
    if query.board:
        board = boards.get(query.board)
        if board is None:
            errors["board"] = [_("Det finns ingen nämnd med den koden som du har tillgång till.")]
    else:
        board = next(iter(boards.values()), None)
        if board is None:
            raise PermissionDenied
    quarter = default_quarter()
    if query.quarter is not None:
        try:
            quarter = Quarter.parse(query.quarter)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return board, quarter


def _readers_only(user) -> None:
    if not may_read_register(user):
        raise PermissionDenied(
            _(
                "Din roll ger tillgång till statistik, inte till enskilda beslut. "
                "Se /api/v1/decisions/statistics."
            )
        )


@router.get("", response={200: list[DecisionOut], **ERRORS}, summary="List decisions")
@paginate(Pagination)
def list_decisions(request: HttpRequest) -> QuerySet[Decision]:
    """The decisions the user may see, newest decision first."""
    _readers_only(request.auth)
    return policy.visible_to(request.auth).select_related("node", "service_kind")


@router.get("/ivo-report", response={200: IvoReportOut, **ERRORS}, summary="IVO quarterly report")
def decision_ivo_report(request: HttpRequest, query: Query[BoardQuarterQuery]) -> dict[str, Any]:
    """Every individual report of the board-quarter with every field IVO's form asks for."""
    user = request.auth
    _readers_only(user)
    board, quarter = _board_quarter(user, query, Cap.VIEW_HISTORY)
    frozen = QuarterReport.objects.filter(board=board, quarter=str(quarter)).first()
    rows = frozen.rows if frozen else reports.ivo_rows(board, quarter, policy.visible_to(user))
    return {
        "board": board.code,
        "quarter": str(quarter),
        "reporting_window": quarter.reporting_window(),
        "reported_at": frozen.reported_at if frozen else None,
        "columns": [{"key": k, "label": label} for k, label in reports.IVO_COLUMNS],
        "rows": rows,
    }


@router.get(
    "/statistics", response={200: StatisticsOut, **ERRORS}, summary="Statistics without persons"
)
def decision_statistics(request: HttpRequest, query: Query[BoardQuarterQuery]) -> dict[str, Any]:
    """The statistical report for the council and auditors: counts only, no personal data."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    board, quarter = _board_quarter(user, query, Cap.VIEW_AGGREGATES)
    return reports.statistics(board, quarter)


class RowErrorOut(Schema):
    line: int
    reference: str
    messages: list[str]


class ImportJobOut(Schema):
    id: UUID
    filename: str
    board: str
    status: str = Field(description="queued, running, done or failed.")
    writing: bool = Field(description="Every row is checked and the rows are being saved.")
    rows_done: int
    rows_total: int
    percent: int
    stale: bool = Field(description="Running, but its runner has stopped reporting.")
    created_at: dt.datetime
    finished_at: dt.datetime | None
    message: str = Field("", description="Why the file could not be read, when it could not.")
    refused: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowErrorOut] = Field(default_factory=list, description="Every bad row.")


@router.get(
    "/import-jobs/{job_id}",
    response={200: ImportJobOut, **ERRORS, 404: ErrorOut},
    summary="An import job's progress and result",
)
def decision_import_job(request: HttpRequest, job_id: UUID) -> dict[str, Any]:
    """Poll this while a large import runs; when done, the result with every bad row."""
    job = ImportJob.objects.select_related("board").defer("data").filter(pk=job_id).first()
    if job is None or not jobs.may_see_job(request.auth, job):
        raise Http404
    result = job.result or {}
    return {
        "id": job.pk,
        "filename": job.filename,
        "board": job.board.code,
        "status": job.status,
        "writing": job.writing,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "stale": job.is_stale(timezone.now()),
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "message": result.get("message", ""),
        "refused": result.get("refused", False),
        "created": result.get("created", 0),
        "updated": result.get("updated", 0),
        "unchanged": result.get("unchanged", 0),
        "errors": result.get("errors", []),
    }
