"""One vocabulary for permission: ``can(user, action, obj)`` and ``visible_to(user)``.

A role's capabilities apply to its node's subtree. Each model registers a
:class:`Policy`; views fetch through :func:`get_for_user`, which answers 404 when
the user may not see the record and 403 when they may see but not do ``action``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from kvalitetsnav.core.models import OrgNode

from .roles import CAPABILITIES, Cap

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Grant:
    role: str
    node_id: Any
    path: str


def grants(user: Any) -> list[Grant]:
    """The user's role assignments, loaded once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_kvn_grants", None)
    if cached is None:
        cached = [
            Grant(role, node_id, path)
            for role, node_id, path in user.role_assignments.filter(
                node__is_active=True
            ).values_list("role", "node_id", "node__path")
        ]
        user._kvn_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    for cache in ("_kvn_grants", "_kvn_switchable"):
        if hasattr(user, cache):
            delattr(user, cache)


def paths_with(user: Any, cap: Cap) -> list[str]:
    """The subtree roots (as paths) where the user holds ``cap``, without nested duplicates."""
    paths = sorted({g.path for g in grants(user) if cap in CAPABILITIES.get(g.role, ())})
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def has_cap(user: Any, cap: Cap, node: OrgNode | None = None) -> bool:
    """Whether the user holds ``cap`` on ``node`` (or anywhere, when no node is given)."""
    roots = paths_with(user, cap)
    if node is None:
        return bool(roots)
    return any(node.path.startswith(root) for root in roots)


def subtree_q(user: Any, cap: Cap, path_lookup: str = "node__path") -> Q:
    """A filter for records whose node lies where the user holds ``cap``."""
    roots = paths_with(user, cap)
    if not roots:
        return Q(pk__in=[])
    q = Q()
    for root in roots:
        q |= Q(**{f"{path_lookup}__startswith": root})
    return q


def nodes_with(user: Any, cap: Cap) -> models.QuerySet[OrgNode]:
    """Every org node in the subtrees where the user holds ``cap``."""
    return OrgNode.objects.filter(subtree_q(user, cap, "path"))


def roles_of(user: Any) -> set[str]:
    return {g.role for g in grants(user)}


class Policy(Generic[M]):
    """The permission rules of one model. Subclasses define what each action needs."""

    model: type[M]
    node_path_lookup = "node__path"

    def visible_to(self, user: Any) -> models.QuerySet[M]:
        return self.model._default_manager.filter(
            subtree_q(user, Cap.VIEW_RECORDS, self.node_path_lookup)
        )

    def node_of(self, obj: M) -> OrgNode:
        return obj.node  # type: ignore[attr-defined]

    def can(self, user: Any, action: str, obj: M) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if action == "history":
            return has_cap(user, Cap.VIEW_HISTORY, self.node_of(obj))
        return has_cap(user, Cap.MANAGE_RECORDS, self.node_of(obj))


_REGISTRY: dict[type[models.Model], Policy[Any]] = {}


def register(policy: Policy[Any]) -> Policy[Any]:
    _REGISTRY[policy.model] = policy
    return policy


def policy_for(model_or_obj: type[models.Model] | models.Model) -> Policy[Any]:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"No access policy registered for {model.__name__}") from None


def registered_models() -> Iterable[type[models.Model]]:
    return _REGISTRY.keys()


def get_for_user(user: Any, model: type[M], pk: Any, action: str = "view") -> M:
    """Fetch a record through its policy: 404 if not visible, 403 if ``action`` is not allowed.

    A model marked ``audit_reads = True`` (a record about a person) has every such read
    logged, by page and API alike, since both fetch through here.
    """
    from kvalitetsnav.core import audit

    policy = policy_for(model)
    try:
        obj = policy.visible_to(user).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError):
        # A malformed id from a URL or the API is as unknown as a missing one.
        raise Http404 from None
    if action != "view" and not policy.can(user, action, obj):
        raise PermissionDenied
    if action == "view" and getattr(model, "audit_reads", False):
        audit.record_read(user, obj)
    return obj
