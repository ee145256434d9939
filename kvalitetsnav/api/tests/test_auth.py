"""Who may call the API: a bearer token or the browser session with its CSRF token."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.accounts.models import ApiToken

from .conftest import BASE, Api


def _new_action_body(world):
    return {
        "title": "Ny rutin för läkemedel",
        "node": str(world.unit_a.pk),
        "due_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
    }


def test_it_answers_a_request_with_a_valid_token(client, world, action_a):
    _, raw = account_services.api_token_create(actor=None, user=world.manager_a)
    response = client.get(f"{BASE}/actions", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [action_a.title]


def test_it_notes_when_a_token_was_last_used(client, world):
    token, raw = account_services.api_token_create(actor=None, user=world.manager_a)
    client.get(f"{BASE}/actions", headers={"Authorization": f"Bearer {raw}"})
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_refuses_a_revoked_token_with_401(client, world):
    token, raw = account_services.api_token_create(actor=None, user=world.manager_a)
    account_services.api_token_revoke(actor=None, token=token)
    response = client.get(f"{BASE}/actions", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "API-nyckel" in response.json()["detail"]


def test_it_refuses_an_unknown_token_with_401(client, world):
    response = client.get(f"{BASE}/actions", headers={"Authorization": "Bearer påhittad"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_the_token_of_a_deactivated_user(client, world):
    _, raw = account_services.api_token_create(actor=None, user=world.manager_a)
    world.manager_a.is_active = False
    world.manager_a.save()
    response = client.get(f"{BASE}/actions", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_a_bad_token_is_401_even_when_a_session_is_logged_in(client, world):
    client.force_login(world.manager_a)
    response = client.get(f"{BASE}/actions", headers={"Authorization": "Bearer påhittad"})
    assert response.status_code == 401


def test_it_answers_401_in_json_without_any_login(client, world):
    response = client.get(f"{BASE}/actions")
    assert response.status_code == 401
    assert response.json()["errors"] == {}


def test_an_unsafe_request_without_any_login_is_401_not_a_csrf_error(world):
    response = Client(enforce_csrf_checks=True).post(
        f"{BASE}/actions", _new_action_body(world), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_session_of_a_logged_in_user_reads_without_a_token(client, world, action_a):
    client.force_login(world.staff_a)
    response = client.get(f"{BASE}/actions/{action_a.pk}")
    assert response.status_code == 200
    assert response.json()["title"] == action_a.title


def test_a_session_post_without_the_csrf_token_is_refused(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.manager_a)
    response = browser.post(
        f"{BASE}/actions", _new_action_body(world), content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not world.unit_a.actions.exists()


def test_a_session_post_with_the_csrf_token_is_accepted(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.manager_a)
    browser.get("/atgarder/")  # any page sets the csrftoken cookie
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(
        f"{BASE}/actions",
        _new_action_body(world),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.content
    assert world.unit_a.actions.get().title == "Ny rutin för läkemedel"


def test_a_token_post_needs_no_csrf_token(world):
    _, raw = account_services.api_token_create(actor=None, user=world.manager_a)
    response = Api(Client(enforce_csrf_checks=True), raw).post("/actions", _new_action_body(world))
    assert response.status_code == 201
    assert ApiToken.objects.filter(user=world.manager_a).count() == 1
