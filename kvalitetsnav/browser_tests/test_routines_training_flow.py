"""Required training and citations on a phone: the warning goes when the share is reached."""

import pytest
from playwright.sync_api import expect

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.routines import services, training
from kvalitetsnav.routines.models import RoutineKind

pytestmark = pytest.mark.browser


def test_a_manager_registers_training_until_the_warning_goes_and_cites_a_routine(
    world, new_phone, log_in, screenshot, fits_phone
):
    course = training.training_create(actor=None, name="Demensutbildning")
    training.requirement_set(actor=None, training=course, node=world.dept_a, required_percent=80)
    routine = services.routine_create(
        actor=world.manager_a,
        title="Rutin för nyckelhantering",
        kind=RoutineKind.RUTIN,
        owner=world.manager_a,
        applies_to=[world.unit_a],
        body="## Syfte\nNycklar hanteras säkert.",
    )
    version = services.version_submit(actor=world.manager_a, version=routine.versions.get())
    services.version_approve(actor=world.dept_head_a, version=version)
    action = action_services.action_create(
        actor=world.manager_a, title="Byt nyckelskåp", node=world.unit_a, owner=world.manager_a
    )

    page = new_phone()
    log_in(page, world.manager_a.username, TEST_PASSWORD)
    page.goto(f"/ledningssystem/utbildning/enhet/{world.unit_a.pk}/")
    expect(page.get_by_text("Under kravet 80 %: 2 till behöver utbildningen.")).to_be_visible()
    fits_phone(page)
    screenshot(page, "routines-training-01-under-kravet")
    page.get_by_label("Stina Testsson").check()
    page.get_by_label("Maja Testsson").check()
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_text("2 av 2 har gått utbildningen")).to_be_visible()
    expect(page.get_by_text("Under kravet")).to_have_count(0)
    screenshot(page, "routines-training-02-uppfyllt")

    page.goto(action.get_absolute_url())
    page.get_by_label("Hänvisa till en rutin").select_option(label="Rutin för nyckelhantering")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Hänvisningen till rutinen är sparad.")).to_be_visible()
    fits_phone(page)
    screenshot(page, "routines-training-03-atgard-hanvisar")
    page.get_by_role("link", name="Rutin för nyckelhantering").click()
    expect(page.get_by_role("link", name="Byt nyckelskåp")).to_be_visible()
