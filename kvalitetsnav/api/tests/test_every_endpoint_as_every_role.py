"""Every API endpoint, as every role: allowed or refused exactly as declared.

The twin of ``access/tests/test_every_url_has_a_policy.py`` for /api/v1/: an
endpoint added without an entry in ENDPOINTS fails
``test_every_api_endpoint_is_declared``. Calls carry a bearer token and a JSON body.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.actions import services as action_services

PERSONAS = [
    "anonymous",
    "no_role",
    "staff_a",
    "manager_a",
    "manager_a2",
    "dept_head_a",
    "director_a",
    "quality_a",
    "mas_a",
    "inspector",
    "politician_a",
    "auditor_a",
    "sysadmin",
    "manager_b",
    "staff_b",
]
MANAGERS_OF_A = {"manager_a", "dept_head_a", "director_a", "quality_a", "mas_a"}
RECORD_VIEWERS_OF_A = MANAGERS_OF_A | {"staff_a", "inspector"}
EVERYONE_WITH_A_ROLE = set(PERSONAS) - {"anonymous", "no_role"}
EVERYONE = set(PERSONAS)
# Who sees unit A in the org tree: records or aggregates over it, or the administrator.
SEES_UNIT_A = RECORD_VIEWERS_OF_A | {"politician_a", "auditor_a", "sysadmin"}


def _new_action(w: Any, *, done: bool = False) -> Any:
    action = action_services.action_create(
        actor=w.manager_a,
        title="Åtgärd att pröva",
        node=w.unit_a,
        owner=w.staff_a,
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    if done:
        for _ in range(2):
            action = action_services.action_advance(
                actor=w.manager_a, action=action, version=action.version
            )
    return action


def _action(done: bool = False) -> Callable[[Any], dict[str, Any]]:
    def build(w: Any) -> dict[str, Any]:
        action = _new_action(w, done=done)
        return {"action_id": action.pk, "_version": action.version}

    return build


@dataclass
class Endpoint:
    """How to call one endpoint, and the status each persona must get."""

    allowed: set[str]
    allowed_status: int = 200
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = lambda w: {}
    body: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    # A logged-in persona outside ``allowed`` gets 403; ``not_visible`` ones get 404.
    not_visible: set[str] = field(default_factory=set)
    # Personas whose answer is something else again, with the reason in a comment.
    special: dict[str, int] = field(default_factory=dict)
    anonymous_status: int = 401

    def expected(self, persona: str) -> int:
        if persona in self.special:
            return self.special[persona]
        if persona == "anonymous":
            return self.anonymous_status
        if persona in self.allowed:
            return self.allowed_status
        if persona in self.not_visible:
            return 404
        return 403


NOT_VISIBLE_A = EVERYONE - RECORD_VIEWERS_OF_A - {"anonymous"}

ENDPOINTS: dict[str, Endpoint] = {
    # ninja's root only tells where the docs are: a 404 for everyone.
    "api-v1:api-root": Endpoint(allowed=set(), not_visible=EVERYONE, anonymous_status=404),
    "api-v1:openapi-json": Endpoint(allowed=EVERYONE, anonymous_status=200),
    "api-v1:openapi-view": Endpoint(allowed=EVERYONE, anonymous_status=200),
    # Everyone logged in may list the nodes; someone without a role gets an empty list.
    "api-v1:list_org_nodes": Endpoint(allowed=EVERYONE_WITH_A_ROLE | {"no_role"}),
    "api-v1:get_org_node": Endpoint(
        allowed=SEES_UNIT_A,
        kwargs=lambda w: {"node_id": w.unit_a.pk},
        not_visible=EVERYONE - SEES_UNIT_A - {"anonymous"},
    ),
    "api-v1:list_actions": Endpoint(
        allowed=RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}
    ),
    "api-v1:action_statistics": Endpoint(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_action": Endpoint(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_action(), not_visible=NOT_VISIBLE_A
    ),
    "api-v1:create_action": Endpoint(
        allowed=MANAGERS_OF_A,
        allowed_status=201,
        method="post",
        body=lambda w, kw: {"title": "Ny åtgärd", "node": str(w.unit_a.pk)},
        # Managers elsewhere may register actions, only not in unit A: a field error.
        special={"manager_a2": 400, "manager_b": 400},
    ),
    "api-v1:update_action": Endpoint(
        allowed=MANAGERS_OF_A,
        method="patch",
        kwargs=_action(),
        body=lambda w, kw: {"version": kw["_version"], "title": "Ändrad"},
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:advance_action": Endpoint(
        allowed={"staff_a"} | MANAGERS_OF_A,
        method="post",
        kwargs=_action(),
        body=lambda w, kw: {"version": kw["_version"]},
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:evaluate_action": Endpoint(
        allowed=MANAGERS_OF_A,
        method="post",
        kwargs=_action(done=True),
        body=lambda w, kw: {
            "version": kw["_version"],
            "evaluated_on": timezone.localdate().isoformat(),
            "result": "Rutinen följs nu.",
            "sufficient": True,
        },
        not_visible=NOT_VISIBLE_A,
    ),
    "api-v1:cancel_action": Endpoint(
        allowed=MANAGERS_OF_A,
        method="post",
        kwargs=_action(),
        body=lambda w, kw: {"version": kw["_version"], "reason": "Ersätts av en annan."},
        not_visible=NOT_VISIBLE_A,
    ),
}


def _api_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            names |= _api_names(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return {name for name in names if name.startswith("api-v1:")}


def test_every_api_endpoint_is_declared():
    assert _api_names(get_resolver()) == set(ENDPOINTS)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_each_role_gets_exactly_what_the_api_declares(client, world, name):
    endpoint = ENDPOINTS[name]
    tokens = {
        persona: account_services.api_token_create(actor=None, user=getattr(world, persona))[1]
        for persona in PERSONAS
        if persona != "anonymous"
    }
    wrong = []
    for persona in PERSONAS:
        kwargs = endpoint.kwargs(world)
        url = reverse(name, kwargs={k: v for k, v in kwargs.items() if not k.startswith("_")})
        headers = {"Authorization": f"Bearer {tokens[persona]}"} if persona in tokens else {}
        call = getattr(client, endpoint.method)
        if endpoint.body is None:
            response = call(url, headers=headers)
        else:
            body = json.dumps(endpoint.body(world, kwargs))
            response = call(url, body, content_type="application/json", headers=headers)
        expected = endpoint.expected(persona)
        if response.status_code != expected:
            wrong.append(f"{persona}: got {response.status_code}, expected {expected}")
    assert not wrong, f"{name}: " + "; ".join(wrong)
