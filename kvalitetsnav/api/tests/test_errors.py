"""Bad input answers 400 with what is wrong per field; never a 422, never a 500."""

import datetime as dt

import pytest
from django.utils import timezone

from kvalitetsnav.actions.models import Action


def _body(world, **overrides):
    return {
        "title": "Ny rutin för läkemedel",
        "node": str(world.unit_a.pk),
        "due_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        **overrides,
    }


def test_it_answers_400_with_field_errors_for_a_bad_date(api_as, world):
    response = api_as(world.manager_a).post("/actions", _body(world, due_date="2025-02-30"))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert body["errors"] == {"due_date": ["Ange ett giltigt datum som ÅÅÅÅ-MM-DD."]}
    assert not Action.objects.exists()


def test_it_names_every_missing_field(api_as, world):
    response = api_as(world.manager_a).post("/actions", {})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "node"}


def test_it_refuses_a_field_that_cannot_be_set(api_as, world):
    response = api_as(world.manager_a).post("/actions", _body(world, status="genomford"))
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert not Action.objects.exists()


def test_it_refuses_a_due_date_that_has_passed(api_as, world):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = api_as(world.manager_a).post("/actions", _body(world, due_date=yesterday))
    assert response.status_code == 400
    assert "passerat" in response.json()["errors"]["due_date"][0]


def test_it_passes_on_the_services_field_errors(api_as, world):
    response = api_as(world.manager_a).post("/actions", _body(world, title="   "))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["title"]


def test_it_answers_400_for_malformed_json(api_as, world):
    response = api_as(world.manager_a).post("/actions", '{"title": "Halv')
    assert response.status_code == 400
    assert response.json()["detail"] == "Innehållet kunde inte läsas som JSON."


def test_it_answers_400_for_json_that_is_not_an_object(api_as, world):
    response = api_as(world.manager_a).post("/actions", "[1, 2]")
    assert response.status_code == 400


def test_it_answers_400_for_an_unknown_status_filter(api_as, world):
    response = api_as(world.manager_a).get("/actions", status="klar")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "ett"},
        {"page": str(10**30)},
        {"page_size": "101"},
        {"overdue": "kanske"},
        {"node": "inte-ett-id"},
    ],
)
def test_it_answers_400_for_bad_list_parameters(api_as, world, params):
    response = api_as(world.manager_a).get("/actions", **params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)


@pytest.mark.parametrize("path", ["/actions/inte-ett-id", "/actions/123", "/org-nodes/inte-ett-id"])
def test_a_malformed_id_in_the_path_is_404(api_as, world, path):
    response = api_as(world.manager_a).get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_malformed_id_is_404_for_a_change_too(api_as, world):
    response = api_as(world.manager_a).post("/actions/inte-ett-id/advance", {"version": 1})
    assert response.status_code == 404


def test_a_version_too_large_for_the_database_is_400(api_as, world, action_a):
    response = api_as(world.manager_a).post(f"/actions/{action_a.pk}/advance", {"version": 10**30})
    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_a_nul_character_in_a_text_is_400(api_as, world, action_a):
    response = api_as(world.manager_a).post(
        f"/actions/{action_a.pk}/cancel", {"version": 1, "reason": "Fel\u0000tecken"}
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    action_a.refresh_from_db()
    assert action_a.status == "planerad"


def test_a_missing_body_is_400(api_as, world, action_a):
    response = api_as(world.manager_a).post(f"/actions/{action_a.pk}/advance")
    assert response.status_code == 400
    assert "version" in response.json()["errors"]
