"""Every main page fits a 375 px phone: no sideways scrolling, and a screenshot to look at."""

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PAGES = [
    ("/mina-uppgifter/", "Mina uppgifter", "11-mina-uppgifter-chef"),
    ("/atgarder/", "Åtgärder", "12-atgarder-lista-med-rader"),
    ("/atgarder/?status=open&overdue=on", "Åtgärder", "13-atgarder-filtrerad"),
    ("/atgarder/oversikt/", "Översikt över åtgärder", "14-oversikt"),
    ("/organisation/", "Organisation", "15-organisation"),
]


def test_every_main_page_fits_a_phone_without_sideways_scrolling(
    world, action_a, page, log_in, screenshot, fits_phone
):
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    for path, heading, name in PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        fits_phone(page)
        screenshot(page, name)
    page.goto(action_a.get_absolute_url())
    expect(page.get_by_role("heading", name=action_a.title, level=1)).to_be_visible()
    fits_phone(page)
    screenshot(page, "16-atgard-detalj-chef")
