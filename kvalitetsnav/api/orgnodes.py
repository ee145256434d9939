"""/api/v1/org-nodes: the parts of the organisation tree the user works with."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from kvalitetsnav.access.policies import get_for_user
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.policies import policy as org_policy

from .pagination import Pagination
from .schemas import ErrorOut, OrgNodeFilters, OrgNodeOut

router = Router(tags=["org-nodes"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


@router.get("", response={200: list[OrgNodeOut], **ERRORS}, summary="List org nodes")
@paginate(Pagination)
def list_org_nodes(request: HttpRequest, filters: Query[OrgNodeFilters]) -> QuerySet[OrgNode]:
    """The visible nodes in tree order, optionally one level or one parent's children."""
    nodes = org_policy.visible_to(request.auth)
    if filters.level:
        nodes = nodes.filter(level=filters.level)
    if filters.parent:
        nodes = nodes.filter(parent_id=filters.parent)
    return nodes.order_by("path")


@router.get("/{node_id}", response={200: OrgNodeOut, 404: ErrorOut, **ERRORS})
def get_org_node(request: HttpRequest, node_id: str) -> OrgNode:
    """One node; 404 when it does not exist or lies outside what the user may see."""
    return get_for_user(request.auth, OrgNode, node_id)
