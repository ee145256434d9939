"""Logging in: hashed passwords, lockout after repeated failures, sessions that end."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from kvalitetsnav.accounts.models import User
from kvalitetsnav.accounts.validators import DEMO_PASSWORD, DemoPasswordValidator
from kvalitetsnav.conftest import TEST_PASSWORD


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_staff_member_logs_in_and_lands_on_mina_uppgifter(client, world):
    response = _login(client, "personal.a", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_tasks")


def test_a_wrong_password_gets_a_swedish_message_and_keeps_the_username(client, world):
    response = _login(client, "personal.a", "fel")
    body = response.content.decode()
    assert "Fel användarnamn eller lösenord" in body
    assert 'value="personal.a"' in body


def test_a_phone_set_to_english_still_gets_swedish_messages_in_the_staff_pages(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en-US"
    )
    body = response.content.decode()
    assert "Detta fält måste fyllas i." in body
    assert "This field is required." not in body


def test_five_failures_lock_the_account_even_for_the_right_password(client, world):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _login(client, "personal.a", "fel-lösenord")
    response = _login(client, "personal.a", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Kontot är tillfälligt spärrat" in response.content.decode()
    # Another account on the same network is not locked.
    assert _login(client, "chef.a", TEST_PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    # The tests themselves hash with MD5 for speed; the settings file is what runs for real.
    from config import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_stored_password_is_never_the_plain_text(world):
    user = User.objects.get(username="personal.a")
    assert TEST_PASSWORD not in user.password


def test_sessions_end_after_idle_time_and_when_the_browser_closes():
    assert django_settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert django_settings.SESSION_SAVE_EVERY_REQUEST
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_the_demo_password_is_refused_in_production(settings, client, world):
    settings.PRODUCTION = True
    with pytest.raises(Exception, match="Demolösenordet"):
        DemoPasswordValidator().validate(DEMO_PASSWORD)
    user = User.objects.get(username="personal.a")
    user.set_password(DEMO_PASSWORD)
    user.save()
    response = _login(client, "personal.a", DEMO_PASSWORD)
    assert "Demolösenord kan inte användas i produktion" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_demo_password_works_outside_production(settings, client, world):
    settings.PRODUCTION = False
    user = User.objects.get(username="personal.a")
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert _login(client, "personal.a", DEMO_PASSWORD).status_code == 302


def test_pages_need_a_login(client, world):
    response = client.get(reverse("core:my_tasks"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
