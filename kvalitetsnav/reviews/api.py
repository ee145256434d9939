"""/api/v1/reviews: external reviews and their findings, through the same policies as the pages."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef

from .models import Review
from .policies import review_policy

router = Router(tags=["reviews"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


class FindingOut(Schema):
    id: UUID
    text: str
    severity: str
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


@router.get("/{review_id}", response={200: ReviewDetailOut, **ERRORS, 404: ErrorOut})
def get_review(request: HttpRequest, review_id: str) -> Review:
    """One review with its units and findings."""
    return get_for_user(request.auth, Review, review_id)
