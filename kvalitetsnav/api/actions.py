"""/api/v1/actions: the actions register, through the same policy and services as the pages."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services, statistics
from kvalitetsnav.actions.forms import owner_choices
from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.actions.policies import policy
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.policies import policy as org_policy

from .pagination import Pagination
from .schemas import (
    ActionCreateIn,
    ActionFilters,
    ActionOut,
    ActionUpdateIn,
    CancelIn,
    ErrorOut,
    EvaluateIn,
    StatisticsOut,
    StatusFilter,
    VersionIn,
)

router = Router(tags=["actions"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut}
ONE_ERRORS: dict[int, Any] = {**ERRORS, 404: ErrorOut}
CHANGE_ERRORS: dict[int, Any] = {**ONE_ERRORS, 409: ErrorOut}


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _manageable_node(user: User, node_id: Any) -> OrgNode:
    """A node the user may register actions on (the same choice the form offers)."""
    node = nodes_with(user, Cap.MANAGE_RECORDS).active().filter(pk=node_id).first()
    if node is None:
        raise _refuse("node", _("Välj en aktiv enhet där du får registrera åtgärder."))
    return node


def _assignable_owner(user: User, owner_id: Any) -> User | None:
    """Someone the user may make responsible (the same choice the form offers), or nobody."""
    if owner_id is None:
        return None
    owner = owner_choices(user).filter(pk=owner_id).first()
    if owner is None:
        raise _refuse("owner", _("Välj en aktiv person som arbetar där du är chef."))
    return owner


# Reading ----------------------------------------------------------------------


@router.get("", response={200: list[ActionOut], **ERRORS}, summary="List actions")
@paginate(Pagination)
def list_actions(request: HttpRequest, filters: Query[ActionFilters]) -> QuerySet[Action]:
    """The actions the user may see, soonest due first.

    Roles that see aggregates only (nämnd, revisor) get 403 here, as on the pages;
    their figures are at ``/actions/statistics``.
    """
    user = request.auth
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied(
            _(
                "Din roll ger tillgång till sammanställd statistik, inte till enskilda "
                "åtgärder. Se /api/v1/actions/statistics."
            )
        )
    actions = policy.visible_to(user).select_related("node", "owner")
    if filters.node:
        node = org_policy.visible_to(user).filter(pk=filters.node).first()
        if node is None:
            raise _refuse("node", _("Enheten finns inte, eller så har du inte tillgång till den."))
        actions = actions.filter(node__path__startswith=node.path)
    if filters.owner:
        actions = actions.owned_by(user)
    if filters.status == StatusFilter.OPEN:
        actions = actions.open()
    elif filters.status:
        actions = actions.filter(status=filters.status.value)
    if filters.overdue:
        actions = actions.overdue()
    if filters.q and filters.q.strip():
        words = filters.q.strip()
        actions = actions.filter(Q(title__icontains=words) | Q(description__icontains=words))
    return actions


@router.get("/statistics", response={200: StatisticsOut, **ERRORS})
def action_statistics(request: HttpRequest) -> dict[str, Any]:
    """Counts per unit and status, for everyone who may see aggregates; never a record."""
    user = request.auth
    if not has_cap(user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    rows = statistics.counts_by_node(user)
    return {
        "statuses": [
            {"value": value, "label": str(label)} for value, label in ActionStatus.choices
        ],
        "nodes": [
            {
                "node_id": row.node_id,
                "node_name": row.node_name,
                "by_status": {value: row.by_status.get(value, 0) for value in ActionStatus.values},
                "total": row.total,
                "overdue": row.overdue,
            }
            for row in rows
        ],
    }


@router.get("/{action_id}", response={200: ActionOut, **ONE_ERRORS})
def get_action(request: HttpRequest, action_id: str) -> Action:
    return get_for_user(request.auth, Action, action_id)


# Changing ---------------------------------------------------------------------


@router.post("", response={201: ActionOut, **ERRORS}, summary="Register an action")
def create_action(request: HttpRequest, payload: ActionCreateIn) -> Status:
    user = request.auth
    if not has_cap(user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    node = _manageable_node(user, payload.node)
    owner = _assignable_owner(user, payload.owner)
    if payload.due_date and payload.due_date < timezone.localdate():
        raise _refuse("due_date", _("Datumet har redan passerat. Välj ett datum från i dag."))
    action = services.action_create(
        actor=user,
        title=payload.title,
        description=payload.description,
        node=node,
        owner=owner,
        due_date=payload.due_date,
    )
    return Status(201, action)


_REQUIRED = ("title", "description", "node")


@router.patch(
    "/{action_id}", response={200: ActionOut, **CHANGE_ERRORS}, summary="Change an action"
)
def update_action(request: HttpRequest, action_id: str, payload: ActionUpdateIn) -> Action:
    """Change only the fields sent. ``version`` must be the one last read, or it is 409."""
    user = request.auth
    action = get_for_user(user, Action, action_id, "change")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    for name in _REQUIRED:
        if name in changes and changes[name] is None:
            raise _refuse(name, _("Fältet kan inte tömmas."))
    if "node" in changes:
        changes["node"] = _manageable_node(user, changes["node"])
    if "owner" in changes:
        changes["owner"] = _assignable_owner(user, changes["owner"])
    return services.action_update(actor=user, action=action, version=version, **changes)


@router.post("/{action_id}/advance", response={200: ActionOut, **CHANGE_ERRORS})
def advance_action(request: HttpRequest, action_id: str, payload: VersionIn) -> Action:
    """One step forward: planerad → pågår → genomförd. The owner may do it too."""
    action = get_for_user(request.auth, Action, action_id, "progress")
    return services.action_advance(actor=request.auth, action=action, version=payload.version)


@router.post("/{action_id}/evaluate", response={200: ActionOut, **CHANGE_ERRORS})
def evaluate_action(request: HttpRequest, action_id: str, payload: EvaluateIn) -> Action:
    """Record whether a completed action had the effect intended."""
    action = get_for_user(request.auth, Action, action_id, "change")
    return services.action_evaluate_effect(
        actor=request.auth,
        action=action,
        version=payload.version,
        evaluated_on=payload.evaluated_on,
        result=payload.result,
        sufficient=payload.sufficient,
    )


@router.post("/{action_id}/cancel", response={200: ActionOut, **CHANGE_ERRORS})
def cancel_action(request: HttpRequest, action_id: str, payload: CancelIn) -> Action:
    """Stop an open action; the reason is kept."""
    action = get_for_user(request.auth, Action, action_id, "change")
    return services.action_cancel(
        actor=request.auth, action=action, version=payload.version, reason=payload.reason
    )
