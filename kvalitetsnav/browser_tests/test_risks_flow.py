"""Riskanalys on a phone: add a risk from a template, rate it, find it on the map."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.risks import services
from kvalitetsnav.risks.models import Occasion

pytestmark = pytest.mark.browser


def test_a_manager_adds_a_risk_from_a_template_and_clicks_through_the_heat_map(
    world, page, log_in, screenshot, fits_phone
):
    analysis = services.risk_analysis_create(
        actor=world.manager_a,
        title="Kontinuitetsplan Hemtjänst A",
        occasion=Occasion.CONTINUITY,
        node=world.unit_a,
        analysed_on=timezone.localdate(),
        participants="Enhetschef, två undersköterskor",
    )
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    page.goto(analysis.get_absolute_url())
    page.get_by_label("Utgå från en mall").select_option(label="Avbrott i vattenförsörjningen")
    page.get_by_role("button", name="Lägg till från mall").click()
    expect(page.get_by_label("Vad kan hända?")).to_have_value("Avbrott i vattenförsörjningen")
    fits_phone(page)
    screenshot(page, "risks-01-ny-risk-fran-mall")

    page.get_by_label("3 – Sannolik").check()
    page.get_by_label("4 – Allvarlig").check()
    page.get_by_role("button", name="Spara risken").click()
    expect(page.get_by_text("Risken är tillagd.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("12 (hög)")
    fits_phone(page)
    screenshot(page, "risks-02-risken")

    page.goto(f"/risker/karta/?node={world.unit_a.pk}")
    cell = page.get_by_role("link", name="1 risker med sannolikhet 3 och konsekvens 4")
    expect(cell).to_have_text("1")
    fits_phone(page)
    screenshot(page, "risks-03-riskkarta")
    cell.click()
    expect(page).to_have_url(re.compile(r"/risker/alla/\?node=.*probability=3.*consequence=4"))
    page.get_by_role("link", name="Avbrott i vattenförsörjningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avbrott i vattenförsörjningen")
    screenshot(page, "risks-04-genom-kartan")
