"""Every API endpoint, as every role, with a bearer token and a JSON body.

The twin of ``access/tests/test_every_url_has_a_policy.py`` for /api/v1/: an
endpoint added without an entry in its app's ``tests/url_policy.py`` (``API``)
fails ``test_every_api_endpoint_is_declared``.
"""

import pytest

from kvalitetsnav.access.testing import PERSONAS, declared, url_names, walk
from kvalitetsnav.accounts import services as account_services

API = declared("API")


def test_every_api_endpoint_is_declared():
    endpoints = {name for name in url_names() if name.startswith("api-v1:")}
    assert endpoints == set(API)


@pytest.mark.parametrize("name", sorted(API))
def test_each_role_gets_exactly_what_the_api_declares(client, world, name):
    tokens = {
        persona: account_services.api_token_create(actor=None, user=getattr(world, persona))[1]
        for persona in PERSONAS
        if persona != "anonymous"
    }
    wrong = walk(client, world, name, API[name], api=True, tokens=tokens)
    assert not wrong, f"{name}: " + "; ".join(wrong)
