"""/api/v1/lex-cases: the same policy as the pages; counts for the board."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.lexcases.models import LexKind

from . import factories as f


def test_the_list_is_paginated_and_holds_no_free_text(client, world):
    for _ in range(3):
        f.open_case(world)
    client.force_login(world.manager_a)
    body = client.get(reverse("api-v1:list_lex_cases"), {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert "description" not in body["items"][0]
    assert body["items"][0]["kind"] == "lex_sarah"


def test_one_case_in_full_and_the_read_is_logged(client, world):
    case = f.reported(world)
    client.force_login(world.inspector)
    body = client.get(reverse("api-v1:get_lex_case", args=[case.pk])).json()
    assert body["reference"] == case.reference
    assert body["serious"] is True
    assert body["ivo_reference"] == "IVO 3.5.1-12345/2026"
    assert {t["key"] for t in body["targets"]} == {"start", "assess", "ivo_report", "complete"}
    assert AuditEvent.objects.for_object(case).filter(action="read", actor=world.inspector)


def test_statistics_count_per_kind_and_department_and_how_many_went_to_ivo(client, world):
    f.reported(world)
    f.open_case(world)
    f.reported(world, kind=LexKind.LEX_MARIA)
    f.open_case(world, node=world.unit_b, by=world.staff_b)  # another board
    client.force_login(world.auditor_a)
    url = reverse("api-v1:lex_case_statistics")
    body = client.get(url, {"board": "namnd-a", "year": timezone.localdate().year}).json()
    assert body["totals"] == {"lex_sarah": 2, "lex_maria": 1}
    assert body["reported_to_ivo"] == {"lex_sarah": 1, "lex_maria": 1}
    [department] = body["by_department"]
    assert department["name"] == "Avdelning äldre A"
    assert department["total"] == 3


def test_statistics_refuse_an_unknown_board(client, world):
    client.force_login(world.auditor_a)
    response = client.get(reverse("api-v1:lex_case_statistics"), {"board": "finns-inte"})
    assert response.status_code == 400
    assert "board" in response.json()["errors"]


def test_statistics_take_the_same_queries_whatever_the_number_of_cases(client, world):
    client.force_login(world.auditor_a)
    url = reverse("api-v1:lex_case_statistics")
    f.open_case(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"board": "namnd-a"})
    for _ in range(5):
        f.open_case(world, node=world.unit_a2, by=world.manager_a2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"board": "namnd-a"}).json()["totals"]["lex_sarah"] == 6
    assert len(many) == len(few)
