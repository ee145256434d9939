"""Every page URL, as every role: allowed or denied exactly as each app declares.

A view added without an entry in its app's ``tests/url_policy.py`` fails
``test_every_page_url_is_declared``, so nothing reaches production without
someone deciding who may use it. The API has the same walk in
``api/tests/test_every_endpoint_as_every_role.py``; the Django admin has its own
gate (administrators only), tested in ``core/tests/test_admin_access.py``.
"""

import pytest

from kvalitetsnav.access.testing import declared, url_names, walk

PAGES = declared("PAGES")


def test_every_page_url_is_declared():
    undeclared = url_names(skip_namespaces={"admin", "api-v1"}) - set(PAGES)
    assert not undeclared, f"Views without a declared access policy: {sorted(undeclared)}"


def test_no_policy_is_declared_for_a_url_that_does_not_exist():
    assert not set(PAGES) - url_names()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_role_gets_exactly_what_the_policy_declares(client, world, name):
    wrong = walk(client, world, name, PAGES[name], api=False)
    assert not wrong, f"{name}: " + "; ".join(wrong)
