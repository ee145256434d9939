"""Feedback on phones: a resident writes in Arabic, a manager replies, the resident reads it."""

import re

import pytest
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.feedback.models import ServiceArea, ServiceAreaRoute
from kvalitetsnav.feedback.public_texts import DEFAULT_AREAS

pytestmark = pytest.mark.browser


def test_a_resident_writes_in_arabic_and_reads_the_managers_reply(
    world, new_phone, log_in, screenshot, fits_phone
):
    # A live-server test starts from a flushed database: the areas' data migration is gone.
    name, translations = DEFAULT_AREAS[0]
    area, _ = ServiceArea.objects.get_or_create(name=name, defaults={"translations": translations})
    ServiceAreaRoute.objects.create(board=world.board_a, service_area=area, node=world.unit_a)

    resident = new_phone()
    resident.goto("/lamna-synpunkt/sv/")
    resident.get_by_role("link", name="العربية").click()
    expect(resident).to_have_url(re.compile(r"/lamna-synpunkt/ar/$"))
    expect(resident.locator("html")).to_have_attribute("dir", "rtl")
    expect(resident.locator("html")).to_have_attribute("lang", "ar")
    # Laid out right to left: the heading starts at the right edge of the page.
    box = resident.get_by_role("heading", level=1).bounding_box()
    direction = resident.evaluate("getComputedStyle(document.querySelector('h1')).direction")
    assert direction == "rtl" and box["x"] + box["width"] > 300
    fits_phone(resident)
    screenshot(resident, "feedback-01-formular-arabiska")

    resident.get_by_label("شكوى").check()
    resident.get_by_label("بماذا يتعلق الأمر؟").select_option(label="الرعاية المنزلية")
    resident.get_by_label("ماذا حدث؟").fill("لم يأتِ أحد لمساعدة والدتي صباح يوم الثلاثاء.")
    screenshot(resident, "feedback-02-formular-ifyllt")
    resident.get_by_role("button", name="إرسال").click()
    expect(resident.get_by_role("heading", name="شكرًا لك، لقد استلمنا رسالتك")).to_be_visible()
    number = resident.locator("[data-receipt-number]").inner_text().strip()
    code = resident.locator("[data-secret-code]").inner_text().strip()
    assert number.startswith("SYN-") and len(code) == 9
    fits_phone(resident)
    screenshot(resident, "feedback-03-kvitto-arabiska")

    manager = new_phone()
    log_in(manager, world.manager_a.username, TEST_PASSWORD)
    manager.goto("/synpunkter/")
    manager.get_by_role("link", name=re.compile(number)).click()
    expect(manager.locator("dl.facts")).to_contain_text("لم يأتِ أحد")
    manager.get_by_label("Hur?").select_option("arendesida")
    manager.get_by_label("Svaret").fill(
        "Vi beklagar. Besöket missades och vi har ändrat planeringen."
    )
    manager.get_by_role("button", name="Registrera återkopplingen").click()
    expect(manager.get_by_text("Återkopplingen är registrerad.")).to_be_visible()
    fits_phone(manager)
    screenshot(manager, "feedback-04-handlaggare-svarat")

    later = new_phone()  # the resident, another day
    later.goto("/lamna-synpunkt/ar/arende/")
    expect(later.locator("html")).to_have_attribute("dir", "rtl")
    later.get_by_label("رقم القضية").fill(number)
    later.get_by_label("الرمز السري").fill(code)
    later.get_by_role("button", name="عرض القضية").click()
    expect(later.locator("[data-reply]")).to_contain_text("vi har ändrat planeringen")
    expect(later.locator("[data-status]")).to_have_text("تم الرد")
    fits_phone(later)
    screenshot(later, "feedback-05-svar-arabiska")
