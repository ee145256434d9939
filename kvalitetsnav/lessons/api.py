"""/api/v1/lessons: lessons and good examples, readable by every role."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user, grants
from kvalitetsnav.api.pagination import Pagination
from kvalitetsnav.api.schemas import ErrorOut, NodeRef
from kvalitetsnav.core.models import OperationKind
from kvalitetsnav.reviews.models import Theme

from .forms import LessonFilterForm
from .models import Lesson, LessonKind
from .policies import lesson_policy

router = Router(tags=["lessons"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


class LessonOut(Schema):
    id: UUID
    kind: str
    title: str
    text: str
    theme: str
    area: str
    node: NodeRef
    published_at: dt.datetime = Field(alias="created_at")


class LessonFilters(Schema):
    q: str = Field("", max_length=100, description="Words in the title or text.")
    theme: Theme | None = None
    area: OperationKind | None = None
    kind: LessonKind | None = None


@router.get("", response={200: list[LessonOut], **ERRORS}, summary="List lessons")
@paginate(Pagination)
def list_lessons(request: HttpRequest, filters: Query[LessonFilters]) -> QuerySet[Lesson]:
    """Every lesson and good example, the newest first, filtered by theme, area and text."""
    if not grants(request.auth):
        raise PermissionDenied
    form = LessonFilterForm(
        {
            "q": filters.q,
            "theme": filters.theme or "",
            "area": filters.area or "",
            "kind": filters.kind or "",
        }
    )
    lessons = form.apply(lesson_policy.visible_to(request.auth))
    return lessons.select_related("node").order_by("-created_at")


@router.get("/{lesson_id}", response={200: LessonOut, **ERRORS, 404: ErrorOut})
def get_lesson(request: HttpRequest, lesson_id: str) -> Lesson:
    return get_for_user(request.auth, Lesson, lesson_id)
