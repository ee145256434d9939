"""A small JSON client for /api/v1/ that acts as one of the ``world`` personas."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.accounts.models import User

BASE = "/api/v1"


class Api:
    """Calls the API with ``Authorization: Bearer TOKEN``, as an integration would."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any):
        return self.client.get(BASE + path, params, headers=self.headers)

    def post(self, path: str, body: Any = None):
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None):
        return self._send("patch", path, body)

    def _send(self, method: str, path: str, body: Any):
        data = body if isinstance(body, str | bytes) else json.dumps(body or {})
        return getattr(self.client, method)(
            BASE + path, data, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(client: Client) -> Callable[[User], Api]:
    """``api_as(world.manager_a).get("/actions")``: a fresh token for that person."""

    def make(user: User) -> Api:
        _, raw = account_services.api_token_create(actor=None, user=user, name="test")
        return Api(client, raw)

    return make
