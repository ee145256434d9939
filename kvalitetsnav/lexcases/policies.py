"""Who may see and act on lex Sarah and lex Maria cases.

- Lex Sarah is handled (documented, investigated, actions) by the unit's managers
  (``records.manage`` on the unit) and assessed, reported to IVO and closed by the
  provider: an avdelningschef or förvaltningsledning above the unit.
- Lex Maria belongs to the MAS, who investigates, assesses and files; the unit's
  managers read it, since they carry out its measures.
- Whoever reported a case sees it (and only that, unless their role says more).
- Inspectors read; nämnd and revisor see counts only; the system administrator
  sees no case.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import grants, has_cap, subtree_q
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.core.models import OrgNode

from .models import LexCase, LexKind

DECIDERS = {
    LexKind.LEX_SARAH: frozenset({Role.AVDELNINGSCHEF, Role.FORVALTNINGSLEDNING}),
    LexKind.LEX_MARIA: frozenset({Role.MAS}),
}
READERS = frozenset({Role.INSPEKTOR})


def role_paths(user: Any, roles: frozenset[str]) -> list[str]:
    return sorted({g.path for g in grants(user) if g.role in roles})


def has_role_over(user: Any, roles: frozenset[str], node: OrgNode | None = None) -> bool:
    """Whether the user holds one of ``roles`` on ``node`` or above it (anywhere, if no node)."""
    paths = role_paths(user, roles)
    if node is None:
        return bool(paths)
    return any(node.path.startswith(path) for path in paths)


def _paths_q(paths: list[str], lookup: str = "node__path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def may_report(user: Any, node: OrgNode | None = None) -> bool:
    """Everyone who works in the operation must report at once: staff and managers alike."""
    return has_cap(user, Cap.WORK_OWN, node) or has_cap(user, Cap.MANAGE_RECORDS, node)


def handles(user: Any, kind: str, node: OrgNode | None = None) -> bool:
    """Who documents and investigates: the unit's managers (lex Sarah), the MAS (lex Maria)."""
    if kind == LexKind.LEX_MARIA:
        return has_role_over(user, DECIDERS[LexKind.LEX_MARIA], node)
    return has_cap(user, Cap.MANAGE_RECORDS, node)


def decides(user: Any, kind: str, node: OrgNode | None = None) -> bool:
    """Who assesses seriousness, reports to IVO and closes: the provider's decision."""
    return has_role_over(user, DECIDERS[kind], node)


def handled_q(user: Any, kind: str) -> Q:
    """The cases of ``kind`` that ``user`` handles."""
    if kind == LexKind.LEX_MARIA:
        where = _paths_q(role_paths(user, DECIDERS[LexKind.LEX_MARIA]))
    else:
        where = subtree_q(user, Cap.MANAGE_RECORDS)
    return Q(kind=kind) & where


def decided_q(user: Any, kind: str) -> Q:
    return Q(kind=kind) & _paths_q(role_paths(user, DECIDERS[kind]))


class LexCasePolicy(policies.Policy[LexCase]):
    model = LexCase

    def visible_to(self, user: Any) -> models.QuerySet[LexCase]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return LexCase.objects.none()
        return LexCase.objects.filter(
            subtree_q(user, Cap.MANAGE_RECORDS)
            | _paths_q(role_paths(user, READERS))
            | Q(opened_by=user)
        )

    def can(self, user: Any, action: str, obj: LexCase) -> bool:
        if action in ("view", "history"):
            return super().can(user, action, obj)
        if action in ("change", "attach"):
            return handles(user, obj.kind, obj.node)
        if action in ("assess", "report", "close"):
            return decides(user, obj.kind, obj.node)
        if action == "document":
            # The report to IVO: prepared by whoever handles or decides the case.
            return handles(user, obj.kind, obj.node) or decides(user, obj.kind, obj.node)
        return False


policy = policies.register(LexCasePolicy())
