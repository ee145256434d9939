"""Changed services (IVO's covid-19 questions) and the early warning under Mina uppgifter."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.decisions import reports, services
from kvalitetsnav.decisions.tasks import decisions_near_the_limit

from . import factories as f


def change(world, **steps):
    return services.service_change_create(
        actor=world.manager_a, node=world.unit_a, person_code="B-1", service_kind=f.kind(),
        kind="pausad", reason="Bad om uppehåll.", changed_on=dt.date(2025, 3, 1), **steps,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_report_counts_each_step_per_unit_and_lists_those_lacking_one(world, client):
    done = change(world, contacted_on=dt.date(2025, 3, 2), needs_reassessed_on=dt.date(2025, 3, 9),
                  what_was_done="Matleverans.", followed_up_on=dt.date(2025, 5, 1))  # fmt: skip
    lacking = change(world, contacted_on=dt.date(2025, 3, 2))
    report = reports.changes_report(world.board_a, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    expected = {"unit": "Hemtjänst A", "area": "Äldreomsorg", "total": 2,
                "contacted": 2, "reassessed": 1, "helped": 1, "followed_up": 1}  # fmt: skip
    assert report["rows"] == [expected]
    client.force_login(world.quality_a)
    page = client.get(
        reverse("decisions:changes") + "?board=namnd-a&start=2025-01-01&end=2025-12-31"
    )
    assert list(page.context["page"]) == [lacking] and done not in page.context["page"]
    assert lacking.missing_steps() == ["ny bedömning", "åtgärd", "uppföljning"]


@pytest.mark.django_db
def test_a_change_needs_a_person_reference_and_steps_after_the_change(world):
    with pytest.raises(ValidationError) as error:
        services.service_change_create(
            actor=world.manager_a, node=world.unit_a, service_kind=f.kind(), kind="minskad",
            reason="Mindre behov.", changed_on=dt.date(2025, 3, 1),
            contacted_on=dt.date(2025, 2, 1),
        )  # fmt: skip
    assert set(error.value.message_dict) == {"person_code", "contacted_on"}


@pytest.mark.django_db
def test_a_followed_up_step_is_recorded_and_logged(world, client):
    item = change(world)
    client.force_login(world.manager_a)
    data = {"node": world.unit_a.pk, "person_code": "B-1", "service_kind": item.service_kind_id,
            "kind": "pausad", "reason": "Bad om uppehåll.", "changed_on": "2025-03-01",
            "contacted_on": "2025-03-04", "version": item.version}  # fmt: skip
    response = client.post(reverse("decisions:change_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.contacted_on == dt.date(2025, 3, 4) and item.version == 2
    data["contacted_on"] = "2025-02-01"
    page = client.post(reverse("decisions:change_edit", args=[item.pk]), {**data, "version": 2})
    assert "Datumet kan inte ligga före förändringen." in page.content.decode()


@pytest.mark.django_db
def test_managers_see_decisions_that_cross_three_months_within_30_days(world):
    today = dt.date.today()
    soon = f.decision(world, decided_on=today - dt.timedelta(days=80))
    f.decision(world, decided_on=today - dt.timedelta(days=10))
    [group] = decisions_near_the_limit(world.manager_a)
    assert [item.url for item in group.items] == [soon.get_absolute_url()]
    assert group.items[0].due == soon.execution_due_on
    assert decisions_near_the_limit(world.staff_a) == []
    assert decisions_near_the_limit(world.manager_b) == []
    assert any(g.title.startswith("Beslut som snart") for g in tasks_for(world.quality_a))


@pytest.mark.django_db
def test_an_update_keeps_what_was_typed_and_names_the_bad_field(world, client):
    decision = f.decision(world, decided_on=dt.date(2025, 3, 1))
    client.force_login(world.manager_a)
    response = client.post(
        reverse("decisions:edit", args=[decision.pk]),
        {"executed_on": "2025-02-01", "consequences": "Anhöriga hjälper.", "version": 1},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Verkställt kan inte ligga före beslutsdatum." in body and "Anhöriga hjälper." in body
