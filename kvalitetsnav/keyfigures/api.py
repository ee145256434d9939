"""/api/v1/key-figures: definitions, values per unit and month, implementation plans.

Key figures are aggregates without personal data: anyone who sees aggregates where a
figure applies may read it; managers of a unit record its values (a second value for
the same month replaces the first).
"""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, InputSchema, NodeRef

from . import services
from .models import KeyFigure, KeyFigureValue, Source
from .policies import key_figure_policy, value_policy
from .selectors import implementation_plan_summary

router = Router(tags=["key-figures"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class KeyFigureOut(Schema):
    id: UUID
    name: str
    code: str
    description: str
    node: NodeRef
    measure: str
    target: Decimal | None
    higher_is_better: bool
    source: str
    computed_kind: str
    is_active: bool


class ValueOut(Schema):
    id: UUID
    unit: NodeRef
    period: dt.date = Field(description="The first day of the month.")
    value: Decimal
    numerator: int | None
    denominator: int | None
    comment: str


class ValueIn(InputSchema):
    unit: UUID
    period: dt.date = Field(description="Any day of the month; stored as its first day.")
    value: Decimal | None = None
    numerator: int | None = Field(None, ge=0)
    denominator: int | None = Field(None, ge=0)
    comment: str = ""


class ValueQuery(Schema):
    unit: UUID | None = Field(None, description="Only this unit's values.")


class PlanRowOut(Schema):
    unit: NodeRef
    measured_on: dt.date
    plans_total: int
    plans_in_time: int
    share: Decimal


class PlanSummaryOut(Schema):
    node: NodeRef
    rows: list[PlanRowOut]
    plans_total: int
    plans_in_time: int
    share: Decimal


class PlanQuery(Schema):
    node: str | None = Field(None, description="An org node's code; default the user's top.")
    on: dt.date | None = Field(None, description="Latest measurement on or before this day.")


def _readers(user) -> None:
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied


@router.get("", response={200: list[KeyFigureOut], **ERRORS}, summary="List key figures")
@paginate(Pagination)
def list_key_figures(request: HttpRequest) -> QuerySet[KeyFigure]:
    """The key figures that apply where the user sees aggregates, by name."""
    _readers(request.auth)
    return key_figure_policy.visible_to(request.auth).select_related("node").order_by("name")


@router.get(
    "/implementation-plans",
    response={200: PlanSummaryOut, **ERRORS},
    summary="Implementation plans in time",
)
def implementation_plans(request: HttpRequest, query: Query[PlanQuery]) -> dict[str, Any]:
    """Each unit's latest count of implementation plans under a node, with the shares."""
    user = request.auth
    _readers(user)
    nodes = nodes_with(user, Cap.VIEW_AGGREGATES).active()
    node = nodes.filter(code=query.node).first() if query.node else nodes.order_by("path").first()
    if node is None:
        raise ValidationError({"node": [_("Det finns ingen nivå med den koden som du ser.")]})
    summary = implementation_plan_summary(root=node, on=query.on)
    return {
        "node": node,
        "rows": summary.rows,
        "plans_total": summary.plans_total,
        "plans_in_time": summary.plans_in_time,
        "share": summary.share,
    }


@router.get("/{key_figure_id}", response={200: KeyFigureOut, **ONE_ERRORS}, summary="A key figure")
def get_key_figure(request: HttpRequest, key_figure_id: str) -> KeyFigure:
    _readers(request.auth)
    return get_for_user(request.auth, KeyFigure, key_figure_id)


@router.get(
    "/{key_figure_id}/values",
    response={200: list[ValueOut], **ONE_ERRORS},
    summary="List a key figure's values",
)
@paginate(Pagination)
def list_values(
    request: HttpRequest, key_figure_id: str, query: Query[ValueQuery]
) -> QuerySet[KeyFigureValue]:
    """The values entered or imported for the units the user sees, newest month first."""
    _readers(request.auth)
    figure = get_for_user(request.auth, KeyFigure, key_figure_id)
    values = value_policy.visible_to(request.auth).filter(key_figure=figure)
    if query.unit:
        values = values.filter(unit_id=query.unit)
    return values.select_related("unit").order_by("-period", "unit__name")


@router.post(
    "/{key_figure_id}/values",
    response={200: ValueOut, 201: ValueOut, **ONE_ERRORS},
    summary="Record a value",
)
def create_value(request: HttpRequest, key_figure_id: str, payload: ValueIn) -> Status:
    """Record a unit's value for a month: 201 when new, 200 when it replaced that month's."""
    user = request.auth
    _readers(user)
    figure = get_for_user(user, KeyFigure, key_figure_id)
    if figure.source == Source.COMPUTED:
        raise ValidationError(
            {"key_figure": [_("Nyckeltalet beräknas från registren och kan inte registreras.")]}
        )
    if not key_figure_policy.can(user, "record", figure):
        raise PermissionDenied
    unit = nodes_with(user, Cap.MANAGE_RECORDS).active().filter(pk=payload.unit).first()
    if unit is None:
        raise ValidationError({"unit": [_("Du kan inte registrera värden för den enheten.")]})
    value, created = services.key_figure_value_record(
        actor=user,
        key_figure=figure,
        unit=unit,
        period=payload.period,
        value=payload.value,
        numerator=payload.numerator,
        denominator=payload.denominator,
        comment=payload.comment,
    )
    return Status(201 if created else 200, value)
