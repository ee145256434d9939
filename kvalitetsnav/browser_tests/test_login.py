"""Logging in on a phone, and the lockout after repeated failures."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_a_wrong_password_is_answered_in_swedish_on_the_login_page(
    world, page, log_in, screenshot, fits_phone
):
    page.goto("/konto/logga-in/")
    fits_phone(page)
    screenshot(page, "00-logga-in")
    log_in(page, world.staff_a.username, "fel-lösenord")
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value(world.staff_a.username)
    screenshot(page, "09-logga-in-fel")


def test_five_failed_logins_lock_the_account_even_against_the_right_password(
    world, page, log_in, screenshot, fits_phone
):
    for _attempt in range(5):
        log_in(page, world.staff_a.username, "fel-lösenord")
    log_in(page, world.staff_a.username, TEST_PASSWORD)

    expect(page.get_by_role("heading", name="Kontot är tillfälligt spärrat")).to_be_visible()
    fits_phone(page)
    screenshot(page, "10-kontot-sparrat")
    page.goto("/mina-uppgifter/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
