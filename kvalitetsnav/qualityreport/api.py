"""/api/v1/quality-reports: the quality reports a user may read, with their sections' figures.

Read only: counts and texts, never a record or a person (writers are not named).
"""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut

from .models import QualityReport
from .policies import report_policy

router = Router(tags=["quality-reports"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class QualityReportOut(Schema):
    id: uuid.UUID
    board_code: str
    board_name: str
    year: int
    status: str
    generated_at: dt.datetime
    approved_at: dt.datetime | None

    @staticmethod
    def resolve_board_code(obj: QualityReport) -> str:
        return obj.board.code

    @staticmethod
    def resolve_board_name(obj: QualityReport) -> str:
        return obj.board.name


class SectionOut(Schema):
    key: str
    position: int
    title: str
    status: str
    text: str
    figures: dict[str, Any]


class QualityReportDetailOut(QualityReportOut):
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj: QualityReport) -> list[Any]:
        return list(obj.sections.all())


@router.get("", response={200: list[QualityReportOut], **ERRORS}, summary="List quality reports")
@paginate(Pagination)
def list_quality_reports(request: HttpRequest) -> QuerySet[QualityReport]:
    """The reports the user may read, newest year first (drafts only for those who work on them)."""
    if not has_cap(request.auth, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    return report_policy.visible_to(request.auth).select_related("board")


@router.get("/{report_id}", response={200: QualityReportDetailOut, **ONE_ERRORS})
def get_quality_report(request: HttpRequest, report_id: str) -> QualityReport:
    """One report with every section's text and figures (the stored snapshot)."""
    return get_for_user(request.auth, QualityReport, report_id)
