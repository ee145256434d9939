"""The main flow on phones: a manager assigns an action, the staff member sees and starts it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_a_manager_assigns_an_action_and_the_staff_member_starts_it_from_mina_uppgifter(
    world, new_phone, log_in, screenshot, fits_phone
):
    staff = new_phone()
    log_in(staff, world.staff_a.username, TEST_PASSWORD)
    expect(staff).to_have_url(re.compile(r"/mina-uppgifter/$"))
    expect(staff.get_by_text("Du har inga öppna uppgifter just nu.")).to_be_visible()
    screenshot(staff, "01-mina-uppgifter-tom")

    manager = new_phone()
    log_in(manager, world.manager_a.username, TEST_PASSWORD)
    expect(manager.get_by_role("heading", name="Mina uppgifter", level=1)).to_be_visible()
    manager.get_by_text("Meny", exact=True).click()
    screenshot(manager, "02-meny-oppen")
    manager.get_by_role("link", name="Åtgärder", exact=True).click()
    expect(manager.get_by_role("heading", name="Åtgärder", level=1)).to_be_visible()
    fits_phone(manager)
    screenshot(manager, "03-atgarder-lista")
    manager.get_by_role("link", name="Ny åtgärd").click()
    expect(manager).to_have_url(re.compile(r"/atgarder/ny/$"))

    due = timezone.localdate() + dt.timedelta(days=14)
    manager.get_by_label("Rubrik").fill("Gå igenom larmrutinen på APT")
    manager.get_by_label("Beskrivning").fill("Alla i arbetslaget ska känna till den nya rutinen.")
    manager.get_by_label("Enhet eller nivå").select_option(str(world.unit_a.pk))
    manager.get_by_label("Ansvarig").select_option(str(world.staff_a.pk))
    manager.get_by_label("Klart senast").fill(due.isoformat())
    fits_phone(manager)
    screenshot(manager, "04-ny-atgard")
    manager.get_by_role("button", name="Spara").click()
    expect(manager.get_by_text("Åtgärden är registrerad.")).to_be_visible()
    expect(manager.get_by_role("heading", name="Gå igenom larmrutinen på APT")).to_be_visible()

    staff.reload()
    task = staff.get_by_role("link", name="Gå igenom larmrutinen på APT")
    expect(task).to_be_visible()
    expect(staff.get_by_text(f"Klart senast {due.isoformat()}")).to_be_visible()
    fits_phone(staff)
    screenshot(staff, "05-mina-uppgifter-med-atgard")

    task.click()
    expect(staff.get_by_role("heading", name="Gå igenom larmrutinen på APT")).to_be_visible()
    expect(staff.locator("dl.facts")).to_contain_text("Planerad")
    staff.get_by_role("button", name="Påbörja åtgärden").click()
    expect(staff.get_by_text("Åtgärden är uppdaterad.")).to_be_visible()
    expect(staff.locator("dl.facts")).to_contain_text("Pågår")
    expect(staff.get_by_role("button", name="Markera som genomförd")).to_be_visible()
    fits_phone(staff)
    screenshot(staff, "06-atgard-pagar")
