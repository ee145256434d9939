"""A kvalitetsutvecklare builds a checklist and plans it; an inspector draws 20 per district."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.inspections import services
from kvalitetsnav.inspections.models import Inspection, QualityArea
from kvalitetsnav.inspections.tests.factories import answers_for, make_template

pytestmark = pytest.mark.browser


def _areas():
    # Created here: the live-server flush removed the shipped quality areas.
    for position, (slug, name) in enumerate(
        (("trygghet-sakerhet", "Trygghet och säkerhet"), ("effektivitet", "Effektivitet")), 1
    ):
        QualityArea.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def test_a_kvalitetsutvecklare_builds_a_checklist_and_plans_it_in_the_annual_wheel(
    world, new_phone, log_in, screenshot, fits_phone
):
    _areas()
    phone = new_phone()
    log_in(phone, world.quality_a.username, TEST_PASSWORD)
    phone.goto("/egenkontroll/mallar/ny/")
    phone.get_by_label("Namn").fill("Läkemedelshantering på boendet")
    phone.get_by_label("Förvaltas av").select_option(label="Nämnd A")
    phone.get_by_role("button", name="Spara").click()
    expect(phone.get_by_text("Version 1 · utkast")).to_be_visible()

    phone.get_by_label("Nytt avsnitt").fill("Signeringslistor")
    phone.get_by_role("button", name="Lägg till avsnitt").click()
    phone.get_by_role("link", name="Lägg till fråga").click()
    phone.get_by_label("Fråga").fill("Är alla givna doser signerade?")
    phone.get_by_label("Regel som kontrolleras").fill("HSLF-FS 2017:37 4 kap.")
    phone.get_by_label("Trygghet och säkerhet").check()
    phone.get_by_label("Nej", exact=True).check()
    phone.get_by_label("Delvis", exact=True).check()
    fits_phone(phone)
    screenshot(phone, "inspections-build-01-fraga")
    phone.get_by_role("button", name="Spara").click()

    phone.get_by_role("link", name="Lägg till fråga").click()
    phone.get_by_label("Fråga").fill("Hur väl fungerar överlämningen mellan passen?")
    phone.get_by_label("Svarstyp").select_option(label="Skala 1–5")
    phone.get_by_label("1 på skalan").check()
    phone.get_by_label("Effektivitet").check()
    phone.get_by_role("button", name="Spara").click()
    expect(phone.get_by_text("Motivering krävs vid: nej, delvis")).to_be_visible()
    expect(phone.get_by_text("Motivering krävs vid: 1")).to_be_visible()
    phone.get_by_role("button", name="Publicera versionen").click()
    expect(phone.get_by_text("Versionen är publicerad")).to_be_visible()
    fits_phone(phone)
    screenshot(phone, "inspections-build-02-publicerad")

    phone.goto("/egenkontroll/arshjul/planera/")
    phone.get_by_label("Mall").select_option(label="Läkemedelshantering på boendet")
    phone.get_by_label("Enhet").select_option(str(world.unit_a2.pk))
    phone.get_by_label("Hur ofta").select_option(label="Varje kvartal")
    phone.get_by_label("Första månaden").select_option(label="februari")
    phone.get_by_role("button", name="Spara").click()

    expect(phone.get_by_text("4 egenkontroller är planerade.")).to_be_visible()
    cells = phone.locator("a.state", has_text="Läkemedelshantering")
    expect(cells).to_have_count(4)
    fits_phone(phone)
    screenshot(phone, "inspections-build-03-arshjul")
    assert Inspection.objects.filter(node=world.unit_a2).count() == 4


def test_an_inspector_draws_20_per_district_over_two_districts_and_sees_the_comparison(
    world, new_phone, log_in, screenshot, fits_phone
):
    make_template(world, purpose="aktgranskning", name="Aktgranskning av barnavårdsakter")
    phone = new_phone()
    log_in(phone, world.inspector.username, TEST_PASSWORD)
    phone.goto("/egenkontroll/granskningar/")
    phone.get_by_role("link", name="Ny granskning").click()
    phone.get_by_label("Mall").select_option(label="Aktgranskning av barnavårdsakter")
    phone.get_by_label("Benämning").fill("Barn 0–12 år, två stadsdelar")
    phone.get_by_label(re.compile("Nämnd A$")).check()
    phone.get_by_label(re.compile("Nämnd B$")).check()
    phone.get_by_label("Eller: antal aktuella ärenden per enhet").fill("15")
    phone.get_by_label("Slumpfrö").fill("2022")
    phone.get_by_label("Granskas senast (månad)").fill(timezone.localdate().isoformat())
    phone.get_by_role("button", name="Dra ärendena").click()
    expect(phone.get_by_text("Urvalet (20 per enhet) är större")).to_be_visible()
    expect(phone.get_by_label("Benämning")).to_have_value("Barn 0–12 år, två stadsdelar")
    screenshot(phone, "inspections-review-01-for-stort-urval")

    phone.get_by_label("Eller: antal aktuella ärenden per enhet").fill("120")
    phone.get_by_role("button", name="Dra ärendena").click()
    expect(phone.get_by_text("40 ärenden är dragna, 20 per enhet.")).to_be_visible()
    expect(phone.get_by_text("2022", exact=True)).to_be_visible()
    fits_phone(phone)
    screenshot(phone, "inspections-review-02-dragna")

    # The inspectors review 39 cases off screen; the last one is done on the phone.
    protocols = list(
        Inspection.objects.filter(sample__round__title="Barn 0–12 år, två stadsdelar")
        .select_related("node")
        .order_by("node__code", "case_reference")
    )
    assert len(protocols) == 40
    for inspection in protocols[:-1]:
        choice = "ja" if inspection.node == world.board_a else "delvis"
        services.inspection_save(
            actor=world.inspector,
            inspection=inspection,
            version=inspection.version,
            answers=answers_for(inspection, choice, "Framgår inte av akten."),
            complete=True,
        )
    phone.reload()
    phone.get_by_role("link", name=protocols[-1].case_reference, exact=True).click()
    phone.locator("fieldset.question").nth(0).get_by_text("Ja", exact=True).click()
    phone.locator("fieldset.question").nth(1).get_by_text("Ja", exact=True).click()
    phone.get_by_role("button", name="Klarmarkera").click()
    expect(phone.get_by_text("Egenkontrollen är klar.")).to_be_visible()
    phone.get_by_role("link", name="Jämförelse mellan stadsdelar").click()

    expect(phone.get_by_text("40 av 40 klara")).to_be_visible()
    table = phone.locator("table").first
    expect(table.get_by_text("20 av 20 svar, 20 ärenden")).to_have_count(2)
    expect(table.get_by_text("över snittet")).to_have_count(2)  # Nämnd A, both areas
    expect(table.get_by_text("under snittet")).to_have_count(2)
    fits_phone(phone)
    screenshot(phone, "inspections-review-03-jamforelse")
