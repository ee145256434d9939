"""An enhetschef completes a planned self-inspection on a phone and sees it done in the wheel."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.inspections import planning
from kvalitetsnav.inspections.tests.factories import make_template

pytestmark = pytest.mark.browser


def test_an_enhetschef_answers_nej_gets_the_reason_message_and_completes_on_a_phone(
    world, new_phone, log_in, screenshot, fits_phone
):
    today = timezone.localdate()
    template = make_template(world)  # created here: a live-server flush lost shipped rows
    planning.plan_create(
        actor=world.manager_a,
        template=template,
        node=world.unit_a,
        year=today.year,
        recurrence="en_gang",
        start_month=today.month,
        responsible=world.manager_a,
    )
    phone = new_phone()
    log_in(phone, world.manager_a.username, TEST_PASSWORD)
    phone.get_by_role("link", name=re.compile("Dokumentation i hemtjänsten")).click()
    expect(phone.get_by_role("heading", name="Dokumentation i hemtjänsten")).to_be_visible()

    first = phone.locator("fieldset.question").nth(0)
    second = phone.locator("fieldset.question").nth(1)
    first.get_by_text("Nej", exact=True).click()
    second.get_by_text("Ja", exact=True).click()
    second.get_by_label("Motivering").fill("Målen följs upp varje månad")
    fits_phone(phone)
    screenshot(phone, "inspections-01-svar")
    phone.get_by_role("button", name="Klarmarkera").click()

    expect(first.get_by_text("Motivera svaret ”Nej” i fritext.")).to_be_visible()
    expect(second.get_by_label("Motivering")).to_have_value("Målen följs upp varje månad")
    expect(first.get_by_label("Nej", exact=True)).to_be_checked()
    screenshot(phone, "inspections-02-motivering-saknas")

    first.get_by_label("Motivering").fill("Två av fem planer var inte godkända i tid.")
    phone.get_by_role("button", name="Klarmarkera").click()
    expect(phone.get_by_text("Egenkontrollen är klar.")).to_be_visible()

    phone.goto(phone.url.split("/egenkontroll/")[0] + "/egenkontroll/arshjul/")
    cell = phone.locator("a.state.klar")
    expect(cell).to_have_attribute("title", re.compile("^Dokumentation i hemtjänsten"))
    expect(cell).to_contain_text("klar")
    fits_phone(phone)
    screenshot(phone, "inspections-03-arshjul")
