"""Who may see decisions and changed services.

A register of non-executed decisions is allowed with access limited to those who report
(DOMAIN.md): the managers and quality staff above a unit, and the city's inspectors.
A medarbetare does not see it; nämnd and revisor see the statistics only.
"""

from typing import Any

from django.db import models

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, nodes_with, paths_with, subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import Decision, ServiceChange


def _readers_q(user: Any, lookup: str):
    # Managers and inspectors hold history.view; staff, nämnd and revisor do not.
    return subtree_q(user, Cap.VIEW_RECORDS, lookup) & subtree_q(user, Cap.VIEW_HISTORY, lookup)


def may_read_register(user: Any) -> bool:
    return has_cap(user, Cap.VIEW_RECORDS) and has_cap(user, Cap.VIEW_HISTORY)


def may_import(user: Any, board: OrgNode | None = None) -> bool:
    return has_cap(user, Cap.MANAGE_RECORDS, board) if board else has_cap(user, Cap.MANAGE_RECORDS)


def boards_for(user: Any, cap: Cap) -> models.QuerySet[OrgNode]:
    """The boards where ``user`` holds ``cap`` on the board, above it or somewhere inside it."""
    # The subtree roots suffice: a board inside one starts with its path, and a board above
    # any node inside one is inside it or above the root itself.
    roots = paths_with(user, cap)
    boards = OrgNode.objects.filter(level=OrgLevel.NAMND, is_active=True)
    q = models.Q(pk__in=[])
    for path in roots:
        q |= models.Q(path__startswith=path)
        q |= models.Q(path__in=[path[:i] for i in range(1, len(path) + 1) if path[i - 1] == "/"])
    return boards.filter(q).order_by("name")


def may_mark_reported(user: Any, board: OrgNode) -> bool:
    """Marking a quarter as reported needs the whole board: a manager at board or förvaltning."""
    return nodes_with(user, Cap.MANAGE_RECORDS).filter(
        path__startswith=board.path, level__in=[OrgLevel.NAMND, OrgLevel.FORVALTNING]
    ).exists() or has_cap(user, Cap.MANAGE_RECORDS, board)


class DecisionPolicy(policies.Policy[Decision]):
    model = Decision

    def visible_to(self, user: Any) -> models.QuerySet[Decision]:
        return Decision.objects.filter(_readers_q(user, "node__path"))


class ServiceChangePolicy(policies.Policy[ServiceChange]):
    model = ServiceChange

    def visible_to(self, user: Any) -> models.QuerySet[ServiceChange]:
        return ServiceChange.objects.filter(_readers_q(user, "node__path"))


policy = policies.register(DecisionPolicy())
change_policy = policies.register(ServiceChangePolicy())


def mapping_boards(user: Any) -> list[OrgNode]:
    """The boards whose column mappings ``user`` may edit: who answers for the whole board."""
    return [b for b in boards_for(user, Cap.MANAGE_RECORDS) if may_mark_reported(user, b)]


def may_edit_mapping(user: Any, board: OrgNode | None = None) -> bool:
    if board is not None:
        return may_mark_reported(user, board)
    return bool(mapping_boards(user))
