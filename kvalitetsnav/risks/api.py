"""/api/v1/risks: current risks and the heat map, through the same policies as the pages."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef

from .models import Risk
from .policies import risk_policy
from .statistics import CURRENT, RESIDUAL, heat_map

router = Router(tags=["risks"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


class AnalysisRef(Schema):
    id: UUID
    title: str
    signed_off: bool = Field(alias="is_signed_off")


class RiskOut(Schema):
    id: UUID
    title: str
    process: str
    causes: str
    probability: int
    consequence: int
    score: int
    existing_controls: str
    residual_probability: int | None
    residual_consequence: int | None
    review_date: dt.date | None
    owner: UUID | None = Field(None, alias="owner_id")
    node: NodeRef
    analysis: AnalysisRef


class RiskFilters(Schema):
    node: UUID | None = Field(None, description="Risks in this node's subtree.")
    probability: int | None = Field(None, ge=1, le=4)
    consequence: int | None = Field(None, ge=1, le=4)
    review_due: bool = Field(False, description="Only risks whose review date has come.")


class HeatCell(Schema):
    probability: int
    consequence: int
    score: int
    count: int


class HeatMapOut(Schema):
    node: NodeRef
    rating: str
    total: int
    cells: list[HeatCell]


@router.get("", response={200: list[RiskOut], **ERRORS}, summary="List current risks")
@paginate(Pagination)
def list_risks(request: HttpRequest, filters: Query[RiskFilters]) -> QuerySet[Risk]:
    """Risks of current (not replaced) analyses the user may see, highest score first."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied(
            _("Din roll ger tillgång till riskkartans antal, inte till enskilda risker.")
        )
    risks = risk_policy.visible_to(user).current().select_related("node", "analysis")
    if filters.node:
        node = nodes_with(user, Cap.VIEW_RECORDS).filter(pk=filters.node).first()
        if node is None:
            raise ValidationError(
                {"node": [_("Enheten finns inte, eller så har du inte tillgång till den.")]}
            )
        risks = risks.filter(node__path__startswith=node.path)
    if filters.probability:
        risks = risks.filter(probability=filters.probability)
    if filters.consequence:
        risks = risks.filter(consequence=filters.consequence)
    if filters.review_due:
        risks = risks.due_for_review()
    return risks


@router.get("/heatmap", response={200: HeatMapOut, **ERRORS}, summary="The risk heat map")
def risk_heatmap(
    request: HttpRequest,
    node: UUID | None = None,
    rating: Literal["efter_atgarder", "nuvarande"] = RESIDUAL,
) -> dict[str, Any]:
    """Counts per probability × consequence in a node's subtree: aggregates, never a record.

    ``rating`` ``efter_atgarder`` (default) counts a risk by its rating after actions
    where it has one, else its current rating; ``nuvarande`` counts the current rating.
    """
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    nodes = nodes_with(user, Cap.VIEW_AGGREGATES)
    chosen = nodes.filter(pk=node).first() if node else nodes.order_by("path").first()
    if chosen is None:
        raise ValidationError(
            {"node": [_("Enheten finns inte, eller så har du inte tillgång till den.")]}
        )
    return heat_map(chosen, rating if rating in (CURRENT, RESIDUAL) else RESIDUAL).as_dict()
