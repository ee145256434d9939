"""A unit manager on a phone registers a complaint phoned in, replies and closes it."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_a_manager_registers_a_phoned_in_complaint_replies_and_closes_it(
    world, page, log_in, screenshot, fits_phone
):
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    page.goto("/synpunkter/ny/")
    page.get_by_label("Klagomål").check()
    page.get_by_label("Hur kom den in?").select_option("telefon")
    page.get_by_label("Vem lämnade den?").select_option("anhorig")
    page.get_by_label("Enhet som den gäller").select_option(str(world.unit_a.pk))
    page.get_by_label("Vad hände?").fill("Kvällsbesöket uteblev två dagar i rad.")
    page.get_by_label("Vad önskar avsändaren?").fill("Att någon ringer upp.")
    page.get_by_label("Telefon").fill("08-123 45 67")
    fits_phone(page)
    screenshot(page, "feedback-handling-01-registrera")
    page.get_by_role("button", name=re.compile("Registrera")).click()
    expect(page.get_by_text(re.compile("Synpunkten är registrerad som SYN-"))).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Mottagen")
    expect(page.locator("dl.facts")).to_contain_text("Telefon · Anhörig eller närstående")

    page.get_by_label("Hur?").select_option("telefon")
    page.get_by_label("Svaret").fill("Vi har ringt upp och ändrat kvällsplaneringen.")
    page.get_by_role("button", name="Registrera återkopplingen").click()
    expect(page.get_by_text("Återkopplingen är registrerad.")).to_be_visible()
    reply = page.locator("dl.facts dd", has_text="ändrat kvällsplaneringen")
    expect(reply).to_contain_text("Telefon")
    expect(reply).to_contain_text(world.manager_a.get_full_name())
    expect(reply).to_contain_text("i tid")

    page.get_by_role("button", name="Avsluta synpunkten").click()
    status = page.locator("dl.facts dt:has-text('Status') + dd")
    expect(status).to_have_text("Avslutad")
    expect(page.get_by_role("button", name="Registrera återkopplingen")).to_have_count(0)
    fits_phone(page)
    screenshot(page, "feedback-handling-02-avslutad")

    # The item counts on the trends page, which fits the phone.
    page.goto("/synpunkter/trender/")
    row = page.locator("table.trends tr", has_text="Hemtjänst A")
    expect(row).to_contain_text("1")
    fits_phone(page)
    screenshot(page, "feedback-handling-03-trender")
