"""/api/v1/deviations: the same visibility and rules as the pages, and the figures as JSON."""

from __future__ import annotations

import json

from django.utils import timezone

from kvalitetsnav.accounts.services import api_token_create
from kvalitetsnav.deviations.models import Category

from .conftest import report

URL = "/api/v1/deviations"


def _get(client, user, url, **params):
    token = api_token_create(actor=None, user=user, name="test")[1]
    return client.get(url, params, headers={"Authorization": f"Bearer {token}"})


def _post(client, user, url, body):
    token = api_token_create(actor=None, user=user, name="test")[1]
    return client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_statistics_for_a_board_and_year_as_json(client, world):
    year = timezone.localdate().year
    for _ in range(3):
        report(world.staff_a)
    report(world.staff_a, category=Category.objects.get(name="Läkemedel"))
    report(world.staff_b)
    response = _get(client, world.politician_a, f"{URL}/statistics", board="namnd-a", year=year)
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == year and data["board"] == "namnd-a" and data["total"] == 4
    assert [(u["name"], u["count"]) for u in data["units"]] == [("Hemtjänst A", 4)]
    assert [(d["name"], d["count"]) for d in data["departments"]] == [("Avdelning äldre A", 4)]
    categories = {c["name"]: c["count"] for c in data["categories"]}
    assert categories["Fall"] == 3 and categories["Läkemedel"] == 1
    assert sum(m["count"] for m in data["months"]) == 4 and len(data["months"]) == 12


def test_unknown_boards_and_bad_years_are_400(client, world):
    for params in ({"board": "finns-inte"}, {"year": 1899}, {"year": "i fjol"}):
        response = _get(client, world.politician_a, f"{URL}/statistics", **params)
        assert response.status_code == 400, params
        assert response.json()["errors"]


def test_another_boards_figures_are_403(client, world):
    response = _get(client, world.politician_a, f"{URL}/statistics", board="namnd-b")
    assert response.status_code == 403


def test_staff_list_only_their_own_reports(client, world):
    mine = report(world.staff_a)
    report(world.manager_a)
    data = _get(client, world.staff_a, URL).json()
    assert [item["number"] for item in data["items"]] == [mine.number]
    assert data["items"][0]["analysis_why"] == ""


def test_reporting_through_the_api_refuses_a_personal_identity_number(client, world):
    body = {
        "occurred_at": timezone.now().isoformat(),
        "category": str(Category.objects.get(name="Fall").pk),
        "description": "Brukaren 811218-9876 föll.",
        "immediate_action": "Hjälpte upp.",
    }
    response = _post(client, world.staff_a, URL, body)
    assert response.status_code == 400
    assert "description" in response.json()["errors"]
    response = _post(client, world.staff_a, URL, {**body, "description": "Brukaren föll."})
    assert response.status_code == 201
    assert response.json()["node"]["name"] == "Hemtjänst A"


def test_the_statistics_count_lex_cases_and_those_reported_to_ivo(client, world):
    from kvalitetsnav.lexcases.tests import factories

    factories.open_case(world)
    factories.reported(world)
    year = timezone.localdate().year
    response = _get(client, world.politician_a, f"{URL}/statistics", board="namnd-a", year=year)
    lex = response.json()["lex_cases"]
    assert lex["totals"] == {"lex_sarah": 2, "lex_maria": 0}
    assert lex["reported_to_ivo"] == {"lex_sarah": 1, "lex_maria": 0}
    client.force_login(world.politician_a)
    page = client.get("/avvikelser/statistik/", {"board": "namnd-a", "year": year})
    body = page.content.decode()
    assert "Lex Sarah, anmälda till IVO" in body
    assert '<td class="num" data-label="Lex Sarah, anmälda till IVO">1</td>' in body
