"""Forms in the browser: nothing typed is lost, and errors are said in Swedish at the field."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_a_failed_action_form_keeps_what_was_typed_and_shows_the_errors_at_the_fields(
    world, page, log_in, screenshot, fits_phone
):
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    page.goto("/atgarder/ny/")
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    description = "Rutinen för nyckelkvittens behöver ses över före sommaren."
    page.get_by_label("Beskrivning").fill(description)
    page.get_by_label("Klart senast").fill(yesterday)
    page.get_by_role("button", name="Spara").click()

    title = page.get_by_label("Rubrik")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description("Detta fält måste fyllas i.")
    expect(page.locator("#id_title_error")).to_be_visible()
    expect(page.get_by_label("Klart senast")).to_have_accessible_description(
        "Datumet har redan passerat. Välj ett datum från i dag."
    )
    expect(page.get_by_label("Beskrivning")).to_have_value(description)
    expect(page.get_by_label("Klart senast")).to_have_value(yesterday)
    fits_phone(page)
    screenshot(page, "07-ny-atgard-med-fel")
