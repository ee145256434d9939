"""Avvikelser on phones: a medarbetare reports, the enhetschef handles it and answers."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.deviations.models import Deviation
from kvalitetsnav.deviations.shipped import ensure_shipped

pytestmark = pytest.mark.browser


def test_a_deviation_is_reported_on_a_phone_handled_and_answered(
    world, new_phone, log_in, screenshot, fits_phone
):
    ensure_shipped()  # an earlier live-server test's flush may have emptied the lists
    staff = new_phone()
    log_in(staff, world.staff_a.username, TEST_PASSWORD)
    staff.get_by_text("Meny", exact=True).click()
    staff.get_by_role("link", name="Avvikelser", exact=True).click()
    expect(staff.get_by_role("heading", name="Mina rapporter", level=1)).to_be_visible()
    staff.get_by_role("link", name="Rapportera avvikelse").click()
    expect(staff.get_by_label("Enhet")).to_have_value(str(world.unit_a.pk))
    expect(staff.get_by_label("När hände det?")).not_to_have_value("")

    staff.get_by_label("Vad gäller det?").select_option(label="Fall")
    staff.get_by_label("Vad hände?").fill("Brukaren 811218-9876 föll i hallen.")
    staff.get_by_label("Vad gjordes direkt?").fill("Hjälpte upp och ringde sjuksköterskan.")
    staff.get_by_role("button", name="Skicka rapporten").click()
    expect(staff.get_by_text("ser ut som ett personnummer").first).to_be_visible()
    expect(staff.get_by_label("Vad gjordes direkt?")).to_have_value(
        "Hjälpte upp och ringde sjuksköterskan."
    )
    fits_phone(staff)
    screenshot(staff, "avvikelse-01-personnummer-nekas")

    staff.get_by_label("Vad hände?").fill("Brukaren föll i hallen på natten.")
    staff.get_by_label("Den enskildes kodade referens (valfritt)").fill("B-1042")
    fits_phone(staff)
    screenshot(staff, "avvikelse-02-rapportera")
    staff.get_by_role("button", name="Skicka rapporten").click()
    expect(staff.get_by_role("heading", name="Tack! Din rapport är mottagen.")).to_be_visible()
    number = Deviation.objects.get().number
    expect(staff.locator(".receipt-number")).to_have_text(number)
    fits_phone(staff)
    screenshot(staff, "avvikelse-03-kvitto")
    staff.get_by_role("link", name="Mina rapporter").click()
    expect(staff.get_by_role("link", name=f"{number} · Fall")).to_be_visible()
    expect(staff.locator(".list")).to_contain_text("Ny")

    manager = new_phone()
    log_in(manager, world.manager_a.username, TEST_PASSWORD)
    expect(manager.get_by_role("heading", name="Avvikelser att hantera")).to_be_visible()
    manager.get_by_role("link", name=f"{number} · Fall").click()
    expect(manager.get_by_role("heading", name=f"{number} · Fall", level=1)).to_be_visible()
    manager.get_by_label("Varför hände det?").fill(
        "Nattbelysningen i hallen var trasig och felanmälan hade inte gjorts."
    )
    manager.get_by_label("Utrustning").check()
    manager.get_by_label("Rutiner").check()
    manager.get_by_role("button", name="Spara analysen").click()
    expect(manager.get_by_text("Analysen är sparad.")).to_be_visible()

    manager.locator("summary", has_text="Skapa åtgärd").click()
    manager.get_by_label("Rubrik").fill("Lägg till felanmälan i kvällens checklista")
    manager.locator("form[action$='/ny-atgard/']").get_by_role("button").click()
    expect(manager.get_by_text("Åtgärden är registrerad och kopplad")).to_be_visible()
    expect(
        manager.get_by_role("link", name="Lägg till felanmälan i kvällens checklista")
    ).to_be_visible()

    manager.get_by_label("Återkoppling till den som rapporterade").fill(
        "Tack! Belysningen är lagad och felanmälan ingår nu i kvällens checklista."
    )
    manager.get_by_role("button", name="Skicka återkopplingen").click()
    expect(manager.get_by_text("Återkopplingen är skickad")).to_be_visible()

    manager.get_by_role("button", name="Avsluta avvikelsen").click()
    expect(manager.get_by_text("inte är genomförda").first).to_be_visible()
    manager.get_by_label("Skäl att avsluta trots öppna åtgärder").fill(
        "Åtgärden följs upp i åtgärdsregistret."
    )
    manager.get_by_role("button", name="Avsluta avvikelsen").click()
    expect(manager.get_by_text("Avvikelsen är avslutad.")).to_be_visible()
    fits_phone(manager)
    screenshot(manager, "avvikelse-04-avslutad-hos-chefen")

    staff.goto("/")
    expect(staff.get_by_role("heading", name="Ny återkoppling på dina avvikelser")).to_be_visible()
    staff.goto("/avvikelser/mina/")
    expect(staff.get_by_text("felanmälan ingår nu i kvällens checklista")).to_be_visible()
    expect(staff.locator(".list")).to_contain_text("Avslutad")
    fits_phone(staff)
    screenshot(staff, "avvikelse-05-mina-rapporter-med-aterkoppling")
    staff.get_by_role("link", name=f"{number} · Fall").click()
    expect(staff).to_have_url(re.compile(r"/avvikelser/[0-9a-f-]+/$"))
    expect(staff.get_by_text("Analys", exact=True)).to_have_count(0)
