"""/api/v1/deviations: avvikelser, through the same policy and services as the pages."""

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
from ninja.responses import Status

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import CleanStr, ErrorOut, InputSchema, NodeRef, UserRef
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.policies import policy as org_policy

from . import services, statistics
from .models import Category, Deviation, DeviationStatus
from .policies import can_list, can_report, policy

router = Router(tags=["deviations"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class CategoryRef(Schema):
    id: UUID
    name: str


class DeviationOut(Schema):
    id: UUID
    number: str = Field(description="The receipt number, e.g. AVV-2026-0042.")
    node: NodeRef
    category: CategoryRef
    occurred_at: dt.datetime
    description: str
    immediate_action: str
    person_ref: str
    status: DeviationStatus
    status_display: str
    reported_by: UserRef
    handler: UserRef | None
    analysis_what: str = Field(description="Empty unless the caller may read the analysis.")
    analysis_why: str = Field(description="Empty unless the caller may read the analysis.")
    factors: list[str]
    analysis_recorded_at: dt.datetime | None
    feedback_to_reporter: str
    feedback_given_at: dt.datetime | None
    close_reason: str
    closed_at: dt.datetime | None
    created_at: dt.datetime
    version: int

    @staticmethod
    def resolve_status_display(obj: Deviation) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def _reads_analysis(obj: Deviation, context: dict[str, Any]) -> bool:
        return policy.can(context["request"].auth, "read_analysis", obj)

    @staticmethod
    def resolve_analysis_what(obj: Deviation, context: dict[str, Any]) -> str:
        return obj.analysis_what if DeviationOut._reads_analysis(obj, context) else ""

    @staticmethod
    def resolve_analysis_why(obj: Deviation, context: dict[str, Any]) -> str:
        return obj.analysis_why if DeviationOut._reads_analysis(obj, context) else ""

    @staticmethod
    def resolve_factors(obj: Deviation, context: dict[str, Any]) -> list[str]:
        if not DeviationOut._reads_analysis(obj, context):
            return []
        # Prefetched for lists: no query per row.
        return [factor.name for factor in obj.factors.all()]


class StatusFilter(enum.StrEnum):
    OPEN = "open"
    NEW = DeviationStatus.NEW.value
    INVESTIGATING = DeviationStatus.INVESTIGATING.value
    REMEDIED = DeviationStatus.REMEDIED.value
    CLOSED = DeviationStatus.CLOSED.value


class DeviationFilters(Schema):
    node: UUID | None = Field(None, description="Deviations in this node's subtree.")
    status: StatusFilter | None = None
    category: UUID | None = None
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None
    mine: bool = Field(False, description="Only the deviations I reported.")


class DeviationReportIn(InputSchema):
    node: UUID | None = Field(None, description="The unit; the reporter's own unit if left out.")
    occurred_at: dt.datetime
    category: UUID
    description: CleanStr = Field(max_length=10_000)
    immediate_action: CleanStr = Field(max_length=10_000)
    person_ref: CleanStr = Field("", max_length=40)


class CountOut(Schema):
    id: str
    name: str
    count: int
    code: str | None = None


class MonthCountOut(Schema):
    month: int
    name: str
    count: int


class LexCountsOut(Schema):
    totals: dict[str, int]
    reported_to_ivo: dict[str, int]
    by_department: list[dict[str, Any]]


class DeviationStatisticsOut(Schema):
    year: int
    board: str | None
    total: int
    units: list[CountOut]
    departments: list[CountOut]
    categories: list[CountOut]
    months: list[MonthCountOut]
    lex_cases: LexCountsOut | None = None


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


@router.get("", response={200: list[DeviationOut], **ERRORS}, summary="List deviations")
@paginate(Pagination)
def list_deviations(request: HttpRequest, filters: Query[DeviationFilters]) -> QuerySet[Deviation]:
    """The deviations the user may see: their own reports, and more for managers and inspectors.

    Roles that see aggregates only get 403; their figures are at ``/deviations/statistics``.
    """
    user = request.auth
    if not (can_report(user) or can_list(user)):
        raise PermissionDenied(
            _("Din roll ger tillgång till statistik, inte till enskilda avvikelser.")
        )
    deviations = (
        policy.visible_to(user)
        .select_related("node", "category", "reported_by", "handler")
        .prefetch_related("factors")
    )
    if filters.node:
        node = org_policy.visible_to(user).filter(pk=filters.node).first()
        if node is None:
            raise _refuse("node", _("Enheten finns inte, eller så har du inte tillgång till den."))
        deviations = deviations.filter(node__path__startswith=node.path)
    if filters.status == StatusFilter.OPEN:
        deviations = deviations.open()
    elif filters.status:
        deviations = deviations.filter(status=filters.status.value)
    if filters.category:
        deviations = deviations.filter(category_id=filters.category)
    if filters.occurred_from:
        deviations = deviations.filter(occurred_at__date__gte=filters.occurred_from)
    if filters.occurred_to:
        deviations = deviations.filter(occurred_at__date__lte=filters.occurred_to)
    if filters.mine:
        deviations = deviations.reported_by(user)
    return deviations


@router.get("/statistics", response={200: DeviationStatisticsOut, **ERRORS})
def deviation_statistics(
    request: HttpRequest, board: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Counts per unit, department, category and month for a year (by when it happened).

    ``board`` is a nämnd's code (e.g. ``jarva``); without it, everything the caller sees
    figures of. The caller needs the aggregates capability on that board or a part of it.
    """
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    this_year = timezone.localdate().year
    if year is None:
        year = this_year
    elif not 2000 <= year <= this_year + 1:
        raise _refuse("year", _("Ange ett år mellan 2000 och %(max)s.") % {"max": this_year + 1})
    board_node = None
    if board:
        board_node = OrgNode.objects.boards().filter(code=board).first()
        if board_node is None:
            raise _refuse("board", _("Det finns ingen nämnd med koden %(code)s.") % {"code": board})
        if not statistics.scope_roots(user, board_node):
            raise PermissionDenied
    figures = statistics.deviation_statistics(user, year, board_node).as_json()
    lex = statistics.lex_counts(user, year, board_node)
    if lex is not None:
        figures["lex_cases"] = {
            "totals": lex["totals"],
            "reported_to_ivo": lex["reported_to_ivo"],
            "by_department": lex["by_department"],
        }
    return figures


@router.get("/{deviation_id}", response={200: DeviationOut, **ONE_ERRORS})
def get_deviation(request: HttpRequest, deviation_id: str) -> Deviation:
    return get_for_user(request.auth, Deviation, deviation_id)


@router.post("", response={201: DeviationOut, **ERRORS}, summary="Report a deviation")
def report_deviation(request: HttpRequest, payload: DeviationReportIn) -> Status:
    user = request.auth
    if not can_report(user):
        raise PermissionDenied
    node = None
    if payload.node is not None:
        node = services.reportable_units(user).filter(pk=payload.node).first()
        if node is None:
            raise _refuse("node", _("Du kan bara rapportera för en aktiv enhet där du arbetar."))
    category = Category.objects.filter(pk=payload.category).first()
    if category is None:
        raise _refuse("category", _("Kategorin finns inte."))
    deviation = services.deviation_report(
        actor=user,
        node=node,
        occurred_at=payload.occurred_at,
        category=category,
        description=payload.description,
        immediate_action=payload.immediate_action,
        person_ref=payload.person_ref,
    )
    return Status(201, deviation)
