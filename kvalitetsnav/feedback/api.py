"""/api/v1/feedback: feedback items and their statistics, through the same policy as the pages."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
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
from kvalitetsnav.api.schemas import ErrorOut
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.policies import policy as org_policy

from . import statistics
from .models import Feedback, Kind, Status
from .policies import policy

router = Router(tags=["feedback"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class Ref(Schema):
    id: UUID
    name: str


class FeedbackOut(Schema):
    """One item. Contact details are left out: they are for the handlers' pages only."""

    id: UUID
    receipt_number: str
    kind: str
    channel: str
    sender_type: str
    language: str
    status: str
    theme: str
    node: Ref
    service_area: str | None = None
    received_on: dt.date
    reply_due: dt.date
    replied_on: dt.date | None = None
    reply_method: str
    overdue: bool
    anonymous: bool

    @staticmethod
    def resolve_service_area(obj: Feedback) -> str | None:
        return obj.service_area.name if obj.service_area_id else None

    @staticmethod
    def resolve_overdue(obj: Feedback) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_anonymous(obj: Feedback) -> bool:
        return obj.is_anonymous


class FeedbackFilters(Schema):
    node: UUID | None = Field(None, description="Only this node and the units below it.")
    kind: Kind | None = None
    status: Status | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    overdue: bool = False


class CountsOut(Schema):
    id: str
    name: str
    total: int
    by_kind: dict[str, int]
    replied: int
    replied_in_time: int
    share_replied_in_time: int | None


class StatisticsOut(Schema):
    year: int
    board: str | None
    total: CountsOut
    departments: list[CountsOut]
    units: list[CountsOut]
    themes: list[CountsOut]
    service_areas: list[CountsOut]
    months: list[CountsOut]


@router.get("", response={200: list[FeedbackOut], **ERRORS}, summary="List feedback")
@paginate(Pagination)
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]) -> QuerySet[Feedback]:
    """The items the user may see, newest first. Nämnd and revisor: see /statistics."""
    user = request.auth
    if not (has_cap(user, Cap.VIEW_RECORDS) or has_cap(user, Cap.MANAGE_RECORDS)):
        raise PermissionDenied(
            _("Din roll ger tillgång till statistik, inte till enskilda synpunkter.")
        )
    items = policy.visible_to(user).select_related("node", "service_area")
    if filters.node:
        node = org_policy.visible_to(user).filter(pk=filters.node).first()
        if node is None:
            raise ValidationError(
                {"node": [_("Enheten finns inte, eller så har du inte tillgång till den.")]}
            )
        items = items.filter(node__path__startswith=node.path)
    if filters.kind:
        items = items.filter(kind=filters.kind.value)
    if filters.status:
        items = items.filter(status=filters.status.value)
    if filters.year:
        items = items.filter(received_on__year=filters.year)
    if filters.overdue:
        items = items.overdue()
    return items


@router.get("/statistics", response={200: StatisticsOut, **ERRORS})
def feedback_statistics(
    request: HttpRequest, board: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Counts per department, unit, theme, service area and month: never a record.

    ``board`` is a nämnd's code (``jarva``); ``year`` defaults to the current one.
    """
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Ange ett år mellan 2000 och 2100.")]})
    board_node = None
    if board:
        board_node = OrgNode.objects.boards().filter(code=board).first()
        if board_node is None:
            raise ValidationError({"board": [_("Det finns ingen nämnd med den koden.")]})
    report = statistics.compile_report(user, year=year, board=board_node)
    return {
        "year": year,
        "board": board_node.code if board_node else None,
        "total": report.total.as_dict(),
        "departments": [r.as_dict() for r in report.departments],
        "units": [r.as_dict() for r in report.units],
        "themes": [r.as_dict() for r in report.themes],
        "service_areas": [r.as_dict() for r in report.areas],
        "months": [r.as_dict() for r in report.months],
    }


@router.get("/{feedback_id}", response={200: FeedbackOut, **ONE_ERRORS})
def get_feedback(request: HttpRequest, feedback_id: str) -> Feedback:
    return get_for_user(request.auth, Feedback, feedback_id)
