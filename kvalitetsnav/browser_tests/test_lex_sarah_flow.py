"""Lex Sarah on phones: the enhetschef opens a case from a deviation and documents it; the
avdelningschef assesses it as serious, downloads the report to IVO and records it as sent."""

import re

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.deviations import services as deviation_services
from kvalitetsnav.deviations.models import Category
from kvalitetsnav.lexcases.models import LexCase, LexStatus

pytestmark = pytest.mark.browser


def test_a_deviation_becomes_a_lex_sarah_case_that_is_assessed_and_reported_to_ivo(
    world, new_phone, log_in, screenshot, fits_phone
):
    deviation = deviation_services.deviation_report(
        actor=world.staff_a,
        # A live-server test empties the tables, the shipped categories too.
        category=Category.objects.get_or_create(name="Larm och teknik")[0],
        occurred_at=timezone.now(),
        description="Trygghetslarmet besvarades inte på 50 minuter under natten.",
        immediate_action="Nattpatrullen åkte dit och larmet kontrollerades.",
        node=world.unit_a,
        person_ref="B-1042",
    )

    manager = new_phone()
    log_in(manager, world.manager_a.username, TEST_PASSWORD)
    manager.goto(f"/avvikelser/{deviation.pk}/")
    manager.get_by_role("link", name="Öppna lex Sarah-ärende").click()
    expect(manager.get_by_role("heading", name="Öppna ärende från avvikelse")).to_be_visible()
    expect(manager.get_by_label("Vad hände?")).to_have_value(deviation.description)
    manager.get_by_label("Rubrik").fill("Trygghetslarm besvarades inte")
    manager.get_by_label("Konsekvenser för den enskilda").fill(
        "Den enskilda låg kvar på golvet i 50 minuter."
    )
    fits_phone(manager)
    screenshot(manager, "lex-01-oppna-fran-avvikelse")
    manager.get_by_role("button", name="Skicka rapporten").click()
    expect(manager.get_by_text(re.compile(r"Rapporten är registrerad som LS-"))).to_be_visible()
    case = LexCase.objects.get()
    assert case.deviation == deviation

    manager.get_by_text("Dokumentera", exact=True).click()
    manager.get_by_label("Avser").select_option("orsaker")
    manager.get_by_role("radio", name="Bedömning").check()
    manager.get_by_label("Källa").fill("Larmloggen och samtal med nattpersonalen")
    manager.get_by_label("Anteckning").fill("Larmet kom till fel telefon efter ett byte av system.")
    manager.get_by_role("button", name="Spara anteckningen").click()
    expect(manager.get_by_text("Anteckningen är sparad.")).to_be_visible()
    expect(manager.locator("#entries-heading")).to_be_visible()
    fits_phone(manager)
    screenshot(manager, "lex-02-arende-dokumenterat")

    head = new_phone()
    log_in(head, world.dept_head_a.username, TEST_PASSWORD)
    head.get_by_role("link", name=re.compile(case.reference)).click()
    expect(head.get_by_role("heading", name=re.compile(case.reference))).to_be_visible()
    head.get_by_label("Ja, allvarligt – ska anmälas till IVO").check()
    head.get_by_label("Skäl för bedömningen").fill(
        "Påtaglig risk för allvarlig skada: den enskilda fick ingen hjälp efter ett fall."
    )
    head.get_by_role("button", name="Spara bedömningen").click()
    expect(head.get_by_text("Bedömningen är sparad.")).to_be_visible()

    with head.expect_download() as download_info:
        head.get_by_role("link", name="Hämta underlag (Word)").click()
    download = download_info.value
    assert download.suggested_filename == f"IVO-{case.reference}.docx"
    document = Document(str(download.path()))
    cells = {r.cells[0].text: r.cells[1].text for t in document.tables for r in t.rows}
    assert cells["Vad hände"] == deviation.description
    assert cells["Beslutat av"].startswith("Anders Testsson")

    head.get_by_label("IVO:s diarienummer").fill("3.5.1-40111/2026")
    fits_phone(head)
    screenshot(head, "lex-03-bedomt-allvarligt")
    head.get_by_role("button", name="Registrera att anmälan är skickad").click()
    expect(head.get_by_text("Anmälan till IVO är registrerad.")).to_be_visible()
    case.refresh_from_db()
    assert case.status == LexStatus.REPORTED
    assert case.ivo_reference == "3.5.1-40111/2026"

    head.get_by_role("link", name="Utskriftsversion").click()
    expect(
        head.get_by_role("heading", name=re.compile("Underlag för anmälan till IVO"))
    ).to_be_visible()
    fits_phone(head)
    screenshot(head, "lex-04-utskrift")
