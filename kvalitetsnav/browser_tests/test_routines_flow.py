"""The management system on phones: write, approve, find with an inflected word, confirm."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

TEXT = (
    "## Syfte\nAtt förebygga fall och fallskador.\n\n## Så här gör du\n"
    "- Gör en riskbedömning för fall vid inflyttning.\n"
    "- Se över läkemedel som ökar fallrisken.\n\n"
    "| Risk | Åtgärd |\n|---|---|\n| Hög | Larmmatta och höftskydd |\n"
)


def test_a_routine_is_written_approved_found_by_an_inflected_word_and_confirmed(
    world, new_phone, log_in, screenshot, fits_phone
):
    manager = new_phone()
    log_in(manager, world.manager_a.username, TEST_PASSWORD)
    manager.goto("/ledningssystem/nytt/")
    manager.get_by_label("Rubrik").fill("Rutin för fallprevention")
    manager.get_by_label("Hemtjänst A").check()
    manager.get_by_label("Text").fill(TEXT)
    fits_phone(manager)
    screenshot(manager, "routines-01-nytt-dokument")
    manager.get_by_role("button", name="Spara").click()
    expect(manager.get_by_text("Utkastet är sparat.")).to_be_visible()
    manager.get_by_role("button", name="Skicka för granskning").click()
    expect(manager.get_by_text("Versionen är skickad för granskning.")).to_be_visible()

    approver = new_phone()
    log_in(approver, world.dept_head_a.username, TEST_PASSWORD)
    approver.goto(manager.url)
    approver.get_by_role("button", name="Godkänn version 1").click()
    expect(approver.get_by_text("Versionen är godkänd")).to_be_visible()

    staff = new_phone()
    log_in(staff, world.staff_a.username, TEST_PASSWORD)
    expect(staff.get_by_role("link", name="Rutin för fallprevention")).to_be_visible()
    staff.get_by_text("Meny", exact=True).click()
    staff.get_by_role("link", name="Rutiner", exact=True).click()
    staff.get_by_label("Sök i rutiner och riktlinjer").fill("fallrisker")
    staff.get_by_role("button", name="Sök", exact=True).click()
    expect(staff.locator("mark").first).to_be_visible()
    fits_phone(staff)
    screenshot(staff, "routines-02-sokresultat")
    staff.get_by_role("link", name="Rutin för fallprevention").click()
    expect(staff.get_by_role("heading", name="Rutin för fallprevention", level=1)).to_be_visible()
    fits_phone(staff)
    screenshot(staff, "routines-03-rutin")
    staff.get_by_role("button", name="Jag har läst och förstått").click()
    expect(staff.get_by_text("Tack! Du har bekräftat")).to_be_visible()

    manager.goto(staff.url)
    manager.get_by_role("link", name="Vem har läst?").click()
    # The manager is asked too (staff of the unit), and has not confirmed yet.
    expect(manager.get_by_text("1 av 2 har bekräftat")).to_be_visible()
    expect(manager.get_by_text(re.compile("Stina Testsson"))).to_be_visible()
    fits_phone(manager)
    screenshot(manager, "routines-04-vem-har-last")

    manager.goto("/ledningssystem/processer/")
    fits_phone(manager)
