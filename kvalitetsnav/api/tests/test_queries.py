"""Lists cost the same number of queries however many rows they hold."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kvalitetsnav.actions import services
from kvalitetsnav.core import services as core_services
from kvalitetsnav.core.models import OrgLevel


def _actions(world, n):
    for i in range(n):
        services.action_create(
            actor=world.manager_a,
            title=f"Åtgärd {i}",
            node=world.unit_a,
            owner=world.staff_a,
            due_date=timezone.localdate() + dt.timedelta(days=i),
        )


def _count_queries(api, path):
    api.get(path)  # the first call of a token notes when it was used: one write, not per row
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.json()["items"])


def test_the_actions_list_needs_the_same_queries_for_2_rows_and_30(api_as, world):
    api = api_as(world.manager_a)
    _actions(world, 2)
    few, shown_few = _count_queries(api, "/actions")
    _actions(world, 28)
    many, shown_many = _count_queries(api, "/actions")
    assert (shown_few, shown_many) == (2, 25)
    assert few == many


def test_the_actions_list_through_a_session_needs_the_same_queries_too(client, world):
    client.force_login(world.manager_a)
    _actions(world, 2)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/actions?page_size=100")
    _actions(world, 28)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/actions?page_size=100")
    assert len(response.json()["items"]) == 30
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_org_nodes_list_needs_the_same_queries_for_few_nodes_and_many(api_as, world):
    api = api_as(world.sysadmin)
    few, _ = _count_queries(api, "/org-nodes")
    for i in range(25):
        core_services.org_node_create(
            actor=None,
            name=f"Enhet {i}",
            code=f"enhet-{i}",
            level=OrgLevel.ENHET,
            parent=world.dept_a,
        )
    many, shown = _count_queries(api, "/org-nodes")
    assert shown == 25
    assert few == many
