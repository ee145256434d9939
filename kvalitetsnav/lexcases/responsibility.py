"""Who must act on each deadline of a case: for Mina uppgifter and the e-mail reminders.

Lex Sarah: the unit's enhetschef starts and completes the investigation (an
avdelningschef or förvaltningsledning when the unit has no enhetschef); the
avdelningschef or förvaltningsledning assesses and reports to IVO. Lex Maria: the MAS.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.models import RoleAssignment, User

from .models import DECIDER_DEADLINES, HANDLER_DEADLINES, LexCase, LexKind, pending_q
from .policies import DECIDERS, _paths_q, role_paths

HANDLERS = {
    LexKind.LEX_SARAH: frozenset({Role.ENHETSCHEF}),
    LexKind.LEX_MARIA: DECIDERS[LexKind.LEX_MARIA],
}


def roles_for(kind: str, deadline: str) -> frozenset[str]:
    return DECIDERS[kind] if deadline in DECIDER_DEADLINES else HANDLERS[kind]


def must_act_q(user: Any) -> Q:
    """Open cases with a deadline that ``user`` must act on and has not been met."""
    q = Q(pk__in=[])
    for kind in LexKind.values:
        for group in (HANDLER_DEADLINES, DECIDER_DEADLINES):
            paths = role_paths(user, roles_for(kind, group[0]))
            if not paths:
                continue
            pending = Q(pk__in=[])
            for deadline in group:
                pending |= pending_q(deadline)
            q |= Q(kind=kind) & _paths_q(paths) & pending
    return q


def deadlines_of(user: Any, case: LexCase) -> list[str]:
    """The deadlines of ``case`` that ``user`` must act on (from cached grants: no query)."""
    mine = []
    for deadline in HANDLER_DEADLINES + DECIDER_DEADLINES:
        paths = role_paths(user, roles_for(case.kind, deadline))
        if any(case.node.path.startswith(path) for path in paths):
            mine.append(deadline)
    return mine


def ancestor_paths(path: str) -> list[str]:
    """``/a/b/c/`` → ``["/a/", "/a/b/", "/a/b/c/"]``: the nodes whose roles cover it."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def responsible_users(case: LexCase, deadline: str) -> list[User]:
    """The active people with an e-mail address who must act on ``deadline`` of ``case``."""
    roles = roles_for(case.kind, deadline)
    assignments = RoleAssignment.objects.filter(
        node__path__in=ancestor_paths(case.node.path), node__is_active=True, user__is_active=True
    ).exclude(user__email="")
    users = {a.user for a in assignments.filter(role__in=roles).select_related("user")}
    if not users and case.kind == LexKind.LEX_SARAH and deadline in HANDLER_DEADLINES:
        users = {
            a.user for a in assignments.filter(role__in=DECIDERS[case.kind]).select_related("user")
        }
    return sorted(users, key=lambda u: u.username)
