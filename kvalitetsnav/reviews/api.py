"""/api/v1/reviews: external reviews and their findings, through the same policies as the pages."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef

from . import statistics
from .models import Finding, Review, ReviewerKind, Theme
from .policies import finding_policy, review_policy

router = Router(tags=["reviews"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


class FindingOut(Schema):
    id: UUID
    text: str
    severity: str
    requirement: str
    theme: str
    response_required: bool
    response_due: dt.date | None
    response: str
    responded_on: dt.date | None


class ReviewOut(Schema):
    id: UUID
    reviewer: str
    reviewer_display: str
    reference: str
    subject: str
    node: NodeRef
    started_on: dt.date
    decided_on: dt.date | None
    account_sent_on: dt.date | None
    closed_on: dt.date | None
    closing_note: str

    @staticmethod
    def resolve_reviewer_display(obj: Any) -> str:
        return str(obj.get_reviewer_display())


class ReviewDetailOut(ReviewOut):
    units: list[NodeRef] = Field(default_factory=list)
    findings: list[FindingOut] = Field(default_factory=list)

    @staticmethod
    def resolve_units(obj: Any) -> list[Any]:
        return list(obj.units.all())

    @staticmethod
    def resolve_findings(obj: Any) -> list[Any]:
        return list(obj.findings.all())


class ReviewRef(Schema):
    id: UUID
    reviewer: str
    reference: str
    subject: str
    node: NodeRef


class FindingListOut(FindingOut):
    review: ReviewRef


class FindingFilters(Schema):
    node: UUID | None = Field(None, description="Findings of reviews in this node's subtree.")
    reviewer: ReviewerKind | None = None
    theme: Theme | None = None
    open: bool = Field(
        True, description="Only findings not yet answered, of reviews the reviewer has not closed."
    )


class CityCell(Schema):
    district: UUID
    count: int


class CityRowOut(Schema):
    key: str
    label: str
    total: int
    cells: list[CityCell]


class CityOut(Schema):
    districts: list[NodeRef]
    total: int
    by_reviewer: list[CityRowOut]
    by_theme: list[CityRowOut]


def _records_only(user: Any) -> None:
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied(
            _("Din roll ger tillgång till sammanställda antal, inte till enskilda granskningar.")
        )


@router.get("", response={200: list[ReviewOut], **ERRORS}, summary="List reviews")
@paginate(Pagination)
def list_reviews(request: HttpRequest) -> QuerySet[Review]:
    """The reviews the user may see, the latest first."""
    _records_only(request.auth)
    return review_policy.visible_to(request.auth).select_related("node")


@router.get("/findings", response={200: list[FindingListOut], **ERRORS}, summary="List findings")
@paginate(Pagination)
def list_findings(request: HttpRequest, filters: Query[FindingFilters]) -> QuerySet[Finding]:
    """Findings the user may see, filtered by level, reviewer, theme and whether open."""
    user = request.auth
    _records_only(user)
    findings = finding_policy.visible_to(user).select_related("review", "review__node")
    if filters.node:
        node = nodes_with(user, Cap.VIEW_RECORDS).filter(pk=filters.node).first()
        if node is None:
            raise ValidationError(
                {"node": [_("Enheten finns inte, eller så har du inte tillgång till den.")]}
            )
        findings = findings.filter(review__node__path__startswith=node.path)
    if filters.reviewer:
        findings = findings.filter(review__reviewer=filters.reviewer)
    if filters.theme:
        findings = findings.filter(theme=filters.theme)
    if filters.open:
        findings = findings.filter(statistics.open_findings_q())
    return findings.order_by("-review__started_on", "created_at")


@router.get("/city", response={200: CityOut, **ERRORS}, summary="Open findings per district")
def city_counts(
    request: HttpRequest, reviewer: ReviewerKind | None = None, theme: Theme | None = None
) -> dict[str, Any]:
    """Open findings per district by reviewer and by theme: counts only, never a record."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    view = statistics.open_findings_by_district(user, reviewer=reviewer or "", theme=theme or "")

    def rows(items: list[statistics.CityRow]) -> list[dict[str, Any]]:
        return [
            {
                "key": row.key,
                "label": row.label,
                "total": row.total,
                "cells": [{"district": UUID(b), "count": n} for b, n in row.cells],
            }
            for row in items
        ]

    return {
        "districts": [{"id": UUID(b), "name": name} for b, name in view.boards],
        "total": view.total,
        "by_reviewer": rows(view.by_reviewer),
        "by_theme": rows(view.by_theme),
    }


@router.get("/{review_id}", response={200: ReviewDetailOut, **ERRORS, 404: ErrorOut})
def get_review(request: HttpRequest, review_id: str) -> Review:
    """One review with its units and findings."""
    return get_for_user(request.auth, Review, review_id)
