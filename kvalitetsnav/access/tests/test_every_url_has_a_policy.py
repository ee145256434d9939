"""Every URL pattern, as every role: allowed or denied exactly as declared.

A view added without an entry in POLICY fails ``test_every_url_pattern_is_declared``,
so nothing reaches production without someone deciding who may use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.core import services as core_services

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


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")


def _new_action(w, *, done: bool = False):
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


def _attachment(w):
    return core_services.attachment_add(actor=w.manager_a, record=_new_action(w), upload=_pdf())


@dataclass
class Rule:
    """How to call one URL, and the status each persona must get."""

    allowed: set[str]
    allowed_status: int = 200
    method: str = "get"
    kwargs: Callable[[Any], dict] = lambda w: {}
    data: Callable[[Any, dict], dict] = lambda w, kw: {}
    # What a logged-in persona outside ``allowed`` gets; ``not_visible`` ones get 404.
    denied_status: int = 403
    not_visible: set[str] = field(default_factory=set)
    anonymous_status: int = 302


def _action_kwargs(done: bool = False):
    def build(w):
        action = _new_action(w, done=done)
        return {"pk": action.pk, "_version": action.version}

    return build


NOT_VISIBLE_A = set(EVERYONE_WITH_A_ROLE) - RECORD_VIEWERS_OF_A | {"no_role"}

POLICY: dict[str, Rule] = {
    "core:home": Rule(allowed=EVERYONE_WITH_A_ROLE | {"no_role"}, allowed_status=302),
    "core:my_tasks": Rule(allowed=EVERYONE_WITH_A_ROLE | {"no_role"}),
    "core:org_tree": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "core:switch_node": Rule(
        allowed={"staff_a", "manager_a"},
        allowed_status=302,
        method="post",
        data=lambda w, kw: {"node": str(w.unit_a.pk), "next": "/"},
    ),
    "core:attachment_upload": Rule(
        allowed={"staff_a"} | MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=lambda w: (
            lambda a: {
                "content_type_id": ContentType.objects.get_for_model(a).pk,
                "object_id": str(a.pk),
            }
        )(_new_action(w)),
        data=lambda w, kw: {"file": _pdf()},
        not_visible=NOT_VISIBLE_A,
    ),
    "core:attachment_download": Rule(
        allowed=RECORD_VIEWERS_OF_A,
        kwargs=lambda w: {"pk": _attachment(w).pk},
        not_visible=NOT_VISIBLE_A,
    ),
    "core:attachment_delete": Rule(
        allowed={"staff_a"} | MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=lambda w: {"pk": _attachment(w).pk},
        not_visible=NOT_VISIBLE_A,
    ),
    "accounts:login": Rule(allowed=set(), denied_status=302, anonymous_status=200),
    "accounts:logout": Rule(
        allowed=EVERYONE_WITH_A_ROLE | {"no_role"}, allowed_status=302, method="post"
    ),
    "healthz": Rule(allowed=EVERYONE_WITH_A_ROLE | {"no_role"}, anonymous_status=200),
    "actions:list": Rule(allowed=RECORD_VIEWERS_OF_A | {"manager_a2", "manager_b", "staff_b"}),
    "actions:overview": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "actions:create": Rule(allowed=MANAGERS_OF_A | {"manager_a2", "manager_b"}),
    "actions:detail": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_action_kwargs(), not_visible=NOT_VISIBLE_A
    ),
    "actions:edit": Rule(allowed=MANAGERS_OF_A, kwargs=_action_kwargs(), not_visible=NOT_VISIBLE_A),
    "actions:advance": Rule(
        allowed={"staff_a"} | MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action_kwargs(),
        data=lambda w, kw: {"version": kw["_version"]},
        not_visible=NOT_VISIBLE_A,
    ),
    "actions:evaluate": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action_kwargs(done=True),
        data=lambda w, kw: {
            "version": kw["_version"],
            "evaluated_on": timezone.localdate(),
            "result": "Rutinen följs nu.",
            "sufficient": "yes",
        },
        not_visible=NOT_VISIBLE_A,
    ),
    "actions:cancel": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_action_kwargs(),
        data=lambda w, kw: {"version": kw["_version"], "reason": "Ersätts av en annan åtgärd."},
        not_visible=NOT_VISIBLE_A,
    ),
}

# The Django admin has its own gate (administrators only), tested in test_admin_access.
# The API is walked as every role, with tokens and JSON, in
# api/tests/test_every_endpoint_as_every_role.py.
UNWALKED_NAMESPACES = {"admin", "api-v1"}


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in UNWALKED_NAMESPACES:
                continue
            names |= _names(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_url_pattern_is_declared():
    undeclared = _names(get_resolver()) - set(POLICY)
    assert not undeclared, f"Views without a declared access policy: {sorted(undeclared)}"


def _expected(rule: Rule, persona: str) -> int:
    if persona == "anonymous":
        return rule.anonymous_status
    if persona in rule.allowed:
        return rule.allowed_status
    if persona in rule.not_visible:
        return 404
    return rule.denied_status


@pytest.mark.parametrize("name", sorted(POLICY))
def test_each_role_gets_exactly_what_the_policy_declares(client, world, name):
    rule = POLICY[name]
    wrong = []
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(world, persona))
        kwargs = rule.kwargs(world)
        data = rule.data(world, kwargs)
        url = reverse(name, kwargs={k: v for k, v in kwargs.items() if not k.startswith("_")})
        response = getattr(client, rule.method)(url, data)
        expected = _expected(rule, persona)
        if response.status_code != expected:
            wrong.append(f"{persona}: got {response.status_code}, expected {expected}")
    assert not wrong, f"{name}: " + "; ".join(wrong)
