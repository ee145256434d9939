"""On a phone: a unit manager enters a month's value and reads the dashboard and control chart."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.keyfigures import services
from kvalitetsnav.keyfigures.models import Measure, Source
from kvalitetsnav.keyfigures.series import month_range

pytestmark = pytest.mark.browser


def test_a_manager_enters_a_value_and_sees_the_dashboard_and_the_control_chart(
    world, page, log_in, screenshot, fits_phone
):
    figure = services.key_figure_create(
        actor=world.quality_a,
        name="Nöjda brukare",
        code="nojda",
        node=world.board_a,
        description="Andel som är ganska eller mycket nöjda.",
        measure=Measure.PERCENT,
        target=Decimal("85"),
        source=Source.MANUAL,
    )
    periods = month_range(timezone.localdate(), 13)
    for i, period in enumerate(periods[:-2]):
        services.key_figure_value_record(
            actor=world.manager_a,
            key_figure=figure,
            unit=world.unit_a,
            period=period,
            numerator=15 + (i % 3),
            denominator=20,
        )
    last = periods[-2]

    log_in(page, world.manager_a.username, TEST_PASSWORD)
    page.get_by_text("Meny", exact=True).click()
    page.get_by_role("link", name="Nyckeltal", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Nyckeltal för"), level=1)).to_be_visible()
    page.get_by_role("link", name="Nöjda brukare").click()
    page.get_by_role("link", name="Registrera värde").click()

    page.get_by_label("Enhet").select_option(str(world.unit_a.pk))
    page.get_by_label("Månad").fill(f"{last:%Y-%m}")
    page.get_by_label("Antal som uppfyller").fill("25")
    page.get_by_label("Antal totalt").fill("20")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Fler som uppfyller än totalt")).to_be_visible()
    expect(page.get_by_label("Antal som uppfyller")).to_have_value("25")
    page.get_by_label("Antal som uppfyller").fill("6")
    fits_phone(page)
    screenshot(page, "keyfigures-01-registrera")
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_text("Värdet är registrerat.")).to_be_visible()
    chart = page.locator("svg.kc-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_contain_text("Nöjda brukare")
    # 6 of 20 after months of 75-85 %: below the p-chart's lower limit, marked.
    expect(chart.locator("desc")).to_contain_text("utanför styrgränserna")
    expect(page.get_by_role("row", name=re.compile(f"{last:%Y-%m}"))).to_contain_text("30")
    fits_phone(page)
    screenshot(page, "keyfigures-02-styrdiagram")

    page.get_by_role("link", name="Tillbaka till nyckeltalen").click()
    expect(page.get_by_text("30 %")).to_be_visible()
    expect(page.get_by_text("Når inte målet")).to_be_visible()
    fits_phone(page)
    screenshot(page, "keyfigures-03-oversikt")
