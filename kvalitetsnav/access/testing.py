"""The access walk: every URL, page and API alike, as every persona, against a declared policy.

Each app declares who may use its URLs in ``<app>/tests/url_policy.py``, with two
dicts of :class:`Rule`: ``PAGES`` (HTML views, form posts) and ``API`` (JSON
endpoints under /api/v1/, called with a bearer token). The walks in
``access/tests/test_every_url_has_a_policy.py`` and
``api/tests/test_every_endpoint_as_every_role.py`` collect them all and fail for
any URL that no app declared.

The personas are the ``world`` fixture of ``kvalitetsnav/conftest.py``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = [
    "anonymous", "no_role", "staff_a", "manager_a", "manager_a2", "dept_head_a", "director_a",
    "quality_a", "mas_a", "inspector", "politician_a", "auditor_a", "sysadmin", "manager_b",
    "staff_b",
]  # fmt: skip
EVERYONE = set(PERSONAS)
EVERYONE_LOGGED_IN = EVERYONE - {"anonymous"}
EVERYONE_WITH_A_ROLE = EVERYONE - {"anonymous", "no_role"}
# Managers whose subtree holds unit A ("Hemtjänst A").
MANAGERS_OF_A = {"manager_a", "dept_head_a", "director_a", "quality_a", "mas_a"}
# Everyone who may see unit A's individual records.
RECORD_VIEWERS_OF_A = MANAGERS_OF_A | {"staff_a", "inspector"}
# Logged-in personas for whom a record of unit A does not exist (404).
NOT_VISIBLE_A = EVERYONE_LOGGED_IN - RECORD_VIEWERS_OF_A

Builder = Callable[[Any], dict[str, Any]]


@dataclass
class Rule:
    """How to call one URL, and the status each persona must get.

    ``kwargs(world)`` builds fresh objects for each call and returns the URL's
    arguments (keys starting with ``_`` are passed on to ``data`` only).
    ``data(world, kwargs)`` is the form data (pages) or the JSON body (API).
    """

    allowed: set[str]
    allowed_status: int = 200
    method: str = "get"
    kwargs: Builder = lambda w: {}
    data: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    # A logged-in persona outside ``allowed`` gets ``denied_status``; these get 404.
    not_visible: set[str] = field(default_factory=set)
    denied_status: int = 403
    anonymous_status: int | None = None  # default: 302 to the login page, 401 in the API
    # Personas whose answer is something else again; say why where it is declared.
    special: dict[str, int] = field(default_factory=dict)

    def expected(self, persona: str, *, api: bool) -> int:
        if persona in self.special:
            return self.special[persona]
        if persona == "anonymous":
            if self.anonymous_status is not None:
                return self.anonymous_status
            return 401 if api else 302
        if persona in self.allowed:
            return self.allowed_status
        if persona in self.not_visible:
            return 404
        return self.denied_status


def declared(kind: str) -> dict[str, Rule]:
    """``PAGES`` or ``API`` of every app's ``tests/url_policy.py``, merged."""
    merged: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("kvalitetsnav."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.url_policy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.url_policy":
                raise
            continue
        rules = getattr(module, kind, {})
        clash = set(rules) & set(merged)
        assert not clash, f"Declared twice: {sorted(clash)}"
        merged.update(rules)
    return merged


def url_names(skip_namespaces: set[str] = frozenset()) -> set[str]:
    """Every named URL pattern, with its namespaces."""

    def walk(resolver: URLResolver, prefix: str) -> set[str]:
        names: set[str] = set()
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                namespace = pattern.namespace
                if namespace in skip_namespaces:
                    continue
                names |= walk(pattern, f"{prefix}{namespace}:" if namespace else prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)
        return names

    return walk(get_resolver(), "")


def walk(
    client, world, name: str, rule: Rule, *, api: bool, tokens: dict | None = None
) -> list[str]:
    """Call ``name`` as every persona; return a line for each answer that differs from the rule."""
    wrong = []
    for persona in PERSONAS:
        client.logout()
        headers = {}
        if persona != "anonymous":
            if api:
                headers = {"Authorization": f"Bearer {tokens[persona]}"}
            else:
                client.force_login(getattr(world, persona))
        kwargs = rule.kwargs(world)
        data = rule.data(world, kwargs) if rule.data else None
        url = reverse(name, kwargs={k: v for k, v in kwargs.items() if not k.startswith("_")})
        call = getattr(client, rule.method)
        if api and data is not None:
            response = call(
                url, json.dumps(data, default=str), content_type="application/json", headers=headers
            )
        else:
            response = call(url, data or {}, headers=headers)
        expected = rule.expected(persona, api=api)
        if response.status_code != expected:
            wrong.append(f"{persona}: got {response.status_code}, expected {expected}")
    return wrong
