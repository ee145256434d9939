"""/api/v1/lex-cases: lex Sarah and lex Maria cases, through the same policy as the pages.

The list gives a summary of each case (no free text about the person); the full case
is read one at a time, and every such read is written to the audit log.
"""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
import enum
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef
from kvalitetsnav.core.models import OrgNode

from . import statistics
from .models import LexCase, LexKind, LexStatus
from .policies import policy
from .views import may_list

router = Router(tags=["lex-cases"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class TargetOut(Schema):
    key: str
    label: str
    due: dt.date
    done_on: dt.date | None
    overdue: bool


class LexCaseSummaryOut(Schema):
    id: UUID
    reference: str
    kind: LexKind
    node: NodeRef
    status: LexStatus
    status_display: str
    received_at: dt.datetime
    serious: bool | None
    ivo_sent_at: dt.date | None
    ivo_reference: str
    closed_at: dt.date | None
    is_overdue: bool

    @staticmethod
    def resolve_status_display(obj: LexCase) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_is_overdue(obj: LexCase) -> bool:
        return obj.is_overdue()


class LexCaseOut(LexCaseSummaryOut):
    title: str
    occurred_at: dt.datetime | None
    noticed_at: dt.datetime | None
    how_noticed: str
    description: str
    consequences: str
    immediate_measures: str
    person_ref: str
    previous_occurrences: str
    patient_informed_on: dt.date | None
    journal_noted: bool
    investigation_started_at: dt.date | None
    investigation_completed_at: dt.date | None
    assessment_reasons: str
    decided_at: dt.date | None
    ivo_decision_at: dt.date | None
    ivo_decision: str
    closing_summary: str
    deviation: UUID | None = Field(None, alias="deviation_id")
    targets: list[TargetOut] = Field(description="Internal targets (not the law's).")
    version: int

    @staticmethod
    def resolve_targets(obj: LexCase) -> list[dict[str, Any]]:
        return [t.__dict__ for t in obj.targets()]


class StatusFilter(enum.StrEnum):
    OPEN = "open"
    RECEIVED = LexStatus.RECEIVED.value
    INVESTIGATING = LexStatus.INVESTIGATING.value
    ASSESSED = LexStatus.ASSESSED.value
    REPORTED = LexStatus.REPORTED.value
    IVO_DECIDED = LexStatus.IVO_DECIDED.value
    CLOSED = LexStatus.CLOSED.value
    CLOSED_NOT_REPORTED = LexStatus.CLOSED_NOT_REPORTED.value


class LexFilters(Schema):
    kind: LexKind | None = None
    status: StatusFilter | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="The year the report came in.")
    overdue: bool = Field(False, description="Only open cases past an internal target.")


class CountsOut(Schema):
    node_id: str
    name: str
    by_kind: dict[str, int]
    reported_to_ivo: dict[str, int]
    total: int


class KindOut(Schema):
    value: str
    label: str


class LexStatisticsOut(Schema):
    board: str | None
    year: int
    kinds: list[KindOut]
    totals: dict[str, int]
    reported_to_ivo: dict[str, int]
    by_department: list[CountsOut]
    by_area: list[CountsOut]


class StatisticsQuery(Schema):
    board: str | None = Field(
        None, max_length=80, description="A nämnd's code, e.g. jarva; without it, all you see."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="Without it, this year.")


@router.get("", response={200: list[LexCaseSummaryOut], **ERRORS}, summary="List lex cases")
@paginate(Pagination)
def list_lex_cases(request: HttpRequest, filters: Query[LexFilters]) -> QuerySet[LexCase]:
    """The cases the user may see, newest report first. Nämnd and revisor get 403 here."""
    user = request.auth
    if not may_list(user):
        raise PermissionDenied(
            _(
                "Din roll ger tillgång till statistik, inte till enskilda ärenden. "
                "Se /api/v1/lex-cases/statistics."
            )
        )
    cases = policy.visible_to(user).select_related("node")
    if filters.kind:
        cases = cases.filter(kind=filters.kind.value)
    if filters.status == StatusFilter.OPEN:
        cases = cases.open()
    elif filters.status:
        cases = cases.filter(status=filters.status.value)
    if filters.year:
        cases = cases.filter(received_at__year=filters.year)
    if filters.overdue:
        cases = cases.overdue()
    return cases


@router.get("/statistics", response={200: LexStatisticsOut, **ERRORS})
def lex_case_statistics(request: HttpRequest, query: Query[StatisticsQuery]) -> dict[str, Any]:
    """Counts per kind, department and area for a board and year, and how many went to IVO."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    board = None
    if query.board:
        board = OrgNode.objects.boards().filter(code=query.board).first()
        if board is None:
            raise ValidationError({"board": [_("Det finns ingen nämnd med den koden.")]})
    year = query.year or timezone.localdate().year
    return statistics.board_statistics(user, board, year).as_dict()


@router.get("/{case_id}", response={200: LexCaseOut, **ONE_ERRORS})
def get_lex_case(request: HttpRequest, case_id: str) -> LexCase:
    """One case in full; the read is written to the audit log."""
    return get_for_user(request.auth, LexCase, case_id)
