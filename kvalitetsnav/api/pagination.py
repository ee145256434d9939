"""Page-number pagination, counted and sliced in the database."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Far beyond any real register; it keeps the OFFSET within a database integer.
MAX_PAGE = 1_000_000


class Pagination(PaginationBase):
    """``?page=2&page_size=50``: 25 per page unless asked, at most 100."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Rows on all pages together.")
        page: int
        page_size: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[offset : offset + pagination.page_size],
            "count": queryset.count(),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
