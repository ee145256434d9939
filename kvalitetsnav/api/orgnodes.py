"""/api/v1/org-nodes: the parts of the organisation tree the user works with."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from kvalitetsnav.access.policies import has_cap, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgNode

from .pagination import Pagination
from .schemas import ErrorOut, OrgNodeFilters, OrgNodeOut

router = Router(tags=["org-nodes"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


def visible_nodes(user: Any) -> QuerySet[OrgNode]:
    """Nodes in the subtrees where the user sees records or aggregates; all, for administrators."""
    if has_cap(user, Cap.ADMINISTER):
        return OrgNode.objects.all()
    return OrgNode.objects.filter(
        subtree_q(user, Cap.VIEW_RECORDS, "path") | subtree_q(user, Cap.VIEW_AGGREGATES, "path")
    )


@router.get("", response={200: list[OrgNodeOut], **ERRORS}, summary="List org nodes")
@paginate(Pagination)
def list_org_nodes(request: HttpRequest, filters: Query[OrgNodeFilters]) -> QuerySet[OrgNode]:
    """The visible nodes in tree order, optionally one level or one parent's children."""
    nodes = visible_nodes(request.auth)
    if filters.level:
        nodes = nodes.filter(level=filters.level)
    if filters.parent:
        nodes = nodes.filter(parent_id=filters.parent)
    return nodes.order_by("path")


@router.get("/{node_id}", response={200: OrgNodeOut, 404: ErrorOut, **ERRORS})
def get_org_node(request: HttpRequest, node_id: str) -> OrgNode:
    """One node; 404 when it does not exist or lies outside what the user may see."""
    try:
        return visible_nodes(request.auth).get(pk=node_id)
    except (OrgNode.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
