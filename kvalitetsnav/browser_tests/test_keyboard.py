"""Keyboard use on a phone: the skip link comes first and the menu opens without a pointer."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    world, page, log_in
):
    log_in(page, world.staff_a.username, TEST_PASSWORD)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_the_menu_can_be_opened_and_followed_with_the_keyboard_on_a_phone(
    world, page, log_in, screenshot
):
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    menu = page.locator("details.menu > summary")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("details.menu")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Mina uppgifter")).to_be_focused()
    page.keyboard.press("Tab")
    actions = page.get_by_role("link", name="Åtgärder", exact=True)
    expect(actions).to_be_focused()
    expect(actions).to_be_in_viewport()
    screenshot(page, "08-meny-med-tangentbord")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/atgarder/$"))
    expect(page.get_by_role("heading", name="Åtgärder", level=1)).to_be_visible()
