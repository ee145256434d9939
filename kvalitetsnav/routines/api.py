"""/api/v1/routines: routines in force to read and search, through the pages' policies."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut

from . import search
from .models import Routine, RoutineVersion, VersionStatus
from .policies import routine_policy, version_policy
from .rendering import render_markdown

router = Router(tags=["routines"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}


class RoutineFilters(Schema):
    q: str | None = Field(
        None, max_length=200, description="Search words, Swedish inflections match."
    )


class VersionOut(Schema):
    id: UUID
    number: int
    status: VersionStatus
    change_note: str
    approved_at: dt.datetime | None
    approved_by: str | None = None

    @staticmethod
    def resolve_approved_by(obj: Any) -> str | None:
        return str(obj.approved_by) if obj.approved_by_id else None


class RoutineListOut(Schema):
    id: UUID
    title: str
    kind: str
    version: int | None = Field(None, description="Number of the approved version in force.")
    next_review_date: dt.date | None
    snippet: str = Field("", description="For a search: an HTML passage with the words marked.")

    @staticmethod
    def resolve_version(obj: Any) -> int | None:
        if isinstance(obj, dict):
            return obj["version"]
        return obj.current_version.number if obj.current_version_id else None


class RoutineOut(Schema):
    id: UUID
    title: str
    kind: str
    owner: str
    applies_to: list[UUID]
    next_review_date: dt.date | None
    review_interval_months: int
    version: VersionOut | None = Field(None, description="The approved version in force.")
    markdown: str = ""
    html: str = Field("", description="The text rendered and sanitised.")


def _reader(user: Any) -> None:
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied(
            _("Din roll ger tillgång till sammanställd statistik, inte till enskilda dokument.")
        )


@router.get("", response={200: list[RoutineListOut], **ERRORS}, summary="List or search routines")
@paginate(Pagination)
def list_routines(request: HttpRequest, filters: Query[RoutineFilters]) -> Any:
    """Routines in force that apply to the user; with ``q``, a ranked full-text search."""
    user = request.auth
    _reader(user)
    q = (filters.q or "").replace("\x00", "").strip()
    if q:
        versions = version_policy.visible_to(user).filter(status=VersionStatus.APPROVED)
        return _SearchRows(search.search(versions.select_related("routine"), q), q)
    return (
        routine_policy.visible_to(user)
        .in_force()
        .select_related("current_version")
        .order_by("title")
    )


class _SearchRows:
    """Search hits shaped as routine rows; sliced and counted in the database."""

    def __init__(self, versions: QuerySet[RoutineVersion], q: str):
        self.versions, self.q = versions, q

    def count(self) -> int:
        return self.versions.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [
            {
                "id": v.routine.pk,
                "title": v.routine.title,
                "kind": v.routine.kind,
                "version": v.number,
                "next_review_date": v.routine.next_review_date,
                "snippet": search.snippet(v.body, self.q),
            }
            for v in self.versions[window]
        ]


@router.get("/{routine_id}", response={200: RoutineOut, **ONE_ERRORS})
def get_routine(request: HttpRequest, routine_id: str) -> dict[str, Any]:
    """A routine with its approved version's text, as Markdown and as sanitised HTML."""
    routine = get_for_user(request.auth, Routine, routine_id)
    current = routine.current_version
    return {
        "id": routine.pk,
        "title": routine.title,
        "kind": routine.kind,
        "owner": str(routine.owner),
        "applies_to": [node.pk for node in routine.applies_to.all()],
        "next_review_date": routine.next_review_date,
        "review_interval_months": routine.review_interval_months,
        "version": current,
        "markdown": current.body if current else "",
        "html": str(render_markdown(current.body)) if current else "",
    }


@router.get("/{routine_id}/versions", response={200: list[VersionOut], **ONE_ERRORS})
def list_routine_versions(request: HttpRequest, routine_id: str) -> QuerySet[RoutineVersion]:
    """Every version the user may read, newest first (drafts only for writers)."""
    routine = get_for_user(request.auth, Routine, routine_id)
    return (
        version_policy.visible_to(request.auth)
        .filter(routine=routine)
        .filter(
            Q(status__in=[VersionStatus.APPROVED, VersionStatus.ARCHIVED])
            | Q(routine__in=routine_policy.editable_by(request.auth))
        )
        .select_related("approved_by")
        .order_by("-number")
    )
