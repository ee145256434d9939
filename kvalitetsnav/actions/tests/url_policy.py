"""Who may use the actions register's pages and endpoints (see access/testing.py)."""

import datetime as dt

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.actions import services


def new_action(w, *, done: bool = False):
    """An action in unit A owned by its staff member; advanced to genomförd when ``done``."""
    action = services.action_create(
        actor=w.manager_a,
        title="Åtgärd att pröva",
        node=w.unit_a,
        owner=w.staff_a,
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    for _ in range(2 if done else 0):
        action = services.action_advance(actor=w.manager_a, action=action, version=action.version)
    return action


def _action(key: str, done: bool = False):
    def build(w):
        action = new_action(w, done=done)
        return {key: action.pk, "_version": action.version}

    return build


def _evaluation(w, kw):
    return {
        "version": kw["_version"],
        "evaluated_on": timezone.localdate().isoformat(),
        "result": "Rutinen följs nu.",
        "sufficient": "yes",
    }


def _cancel(w, kw):
    return {"version": kw["_version"], "reason": "Ersätts av en annan åtgärd."}


LISTERS = RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}

PAGES = {
    "actions:list": Rule(allowed=LISTERS),
    "actions:overview": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "actions:create": Rule(allowed=MANAGERS_OF_A | {"manager_a2", "manager_b"}),
    "actions:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_action("pk"), not_visible=NOT_VISIBLE_A
    ),
    "actions:edit": Rule(allowed=MANAGERS_OF_A, kwargs=_action("pk"), not_visible=NOT_VISIBLE_A),
    "actions:advance": Rule(
        allowed={"staff_a"} | MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action("pk"),
        data=lambda w, kw: {"version": kw["_version"]},
        not_visible=NOT_VISIBLE_A,
    ),
    "actions:evaluate": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action("pk", done=True),
        data=_evaluation,
        not_visible=NOT_VISIBLE_A,
    ),
    "actions:cancel": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action("pk"),
        data=_cancel,
        not_visible=NOT_VISIBLE_A,
    ),
}

API = {
    "api-v1:list_actions": Rule(allowed=LISTERS),
    "api-v1:action_statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_action": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_action("action_id"), not_visible=NOT_VISIBLE_A
    ),
    "api-v1:create_action": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=201,
        method="post",
        data=lambda w, kw: {"title": "Ny åtgärd", "node": str(w.unit_a.pk)},
        # Managers elsewhere may register actions, only not in unit A: a field error.
        special={"manager_a2": 400, "manager_b": 400},
    ),
    "api-v1:update_action": Rule(
        allowed=MANAGERS_OF_A,
        method="patch",
        kwargs=_action("action_id"),
        data=lambda w, kw: {"version": kw["_version"], "title": "Ändrad"},
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:advance_action": Rule(
        allowed={"staff_a"} | MANAGERS_OF_A,
        method="post",
        kwargs=_action("action_id"),
        data=lambda w, kw: {"version": kw["_version"]},
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:evaluate_action": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        kwargs=_action("action_id", done=True),
        data=lambda w, kw: {**_evaluation(w, kw), "sufficient": True},
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:cancel_action": Rule(
        allowed=MANAGERS_OF_A,
        method="post",
        kwargs=_action("action_id"),
        data=_cancel,
        not_visible=NOT_VISIBLE_A,
    ),
}
