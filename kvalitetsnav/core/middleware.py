"""The org node a user works in, chosen with the switcher and kept in the session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from kvalitetsnav.access.policies import grants

from .models import OrgNode

SESSION_KEY = "kvn_active_node"


def switchable_nodes(user) -> list[OrgNode]:
    """The nodes where the user holds a role: the places they can choose to work in.

    Loaded once per request and cached on the user, like the grants themselves.
    """
    cached = getattr(user, "_kvn_switchable", None)
    if cached is None:
        ids = {g.node_id for g in grants(user)}
        cached = list(OrgNode.objects.filter(pk__in=ids).order_by("path")) if ids else []
        user._kvn_switchable = cached
    return cached


def _active_node(request: HttpRequest) -> OrgNode | None:
    user = request.user
    if not user.is_authenticated:
        return None
    nodes = switchable_nodes(user)
    chosen = request.session.get(SESSION_KEY)
    for node in nodes:
        if str(node.pk) == chosen:
            return node
    return nodes[0] if nodes else None


class ActiveNodeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_node = SimpleLazyObject(lambda: _active_node(request))  # type: ignore[attr-defined]
        return self.get_response(request)
