"""The actions pages as their users meet them."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.actions import services
from kvalitetsnav.actions.models import Action


def _many_actions(world, n):
    for i in range(n):
        services.action_create(
            actor=world.manager_a,
            title=f"Åtgärd {i}",
            node=world.unit_a,
            owner=world.staff_a,
            due_date=timezone.localdate() + dt.timedelta(days=i),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_needs_the_same_number_of_queries_for_2_rows_and_25(client, world):
    client.force_login(world.manager_a)
    _many_actions(world, 2)
    few = _queries(client, reverse("actions:list"))
    _many_actions(world, 23)
    many = _queries(client, reverse("actions:list"))
    assert few == many


def test_mina_uppgifter_needs_the_same_number_of_queries_for_2_actions_and_20(client, world):
    client.force_login(world.staff_a)
    _many_actions(world, 2)
    few = _queries(client, reverse("core:my_tasks"))
    _many_actions(world, 18)
    assert _queries(client, reverse("core:my_tasks")) == few


def test_the_list_is_paginated(client, world):
    _many_actions(world, 30)
    client.force_login(world.manager_a)
    first = client.get(reverse("actions:list")).content.decode()
    assert "30 åtgärder" in first
    assert "Sida 1 av 2" in first
    second = client.get(reverse("actions:list") + "?sida=2").content.decode()
    assert second.count('class="title"') == 5


def test_the_list_filters_on_unit_owner_status_and_overdue(client, world, action_a):
    late = services.action_create(
        actor=world.manager_a2,
        title="Sen åtgärd i boendet",
        node=world.unit_a2,
        due_date=timezone.localdate(),
    )
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=2))
    client.force_login(world.dept_head_a)
    url = reverse("actions:list")
    assert "Sen åtgärd" not in client.get(url, {"node": world.unit_a.pk}).content.decode()
    overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert "Sen åtgärd" in overdue and "nyckelhantering" not in overdue
    assert (
        "1 åtgärd"
        in client.get(url, {"status": "planerad", "node": world.unit_a2.pk}).content.decode()
    )
    client.force_login(world.staff_a)
    mine = client.get(url, {"owner": "me"}).content.decode()
    assert "nyckelhantering" in mine and "Sen åtgärd" not in mine


def test_htmx_filtering_answers_with_the_results_only(client, world, action_a):
    client.force_login(world.manager_a)
    response = client.get(reverse("actions:list"), {"q": "nyckel"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "nyckelhantering" in body and "<html" not in body


def test_a_manager_in_another_district_never_sees_unit_a_in_the_list(client, world, action_a):
    client.force_login(world.manager_b)
    body = client.get(reverse("actions:list"), {"q": "nyckel"}).content.decode()
    assert "nyckelhantering" not in body


def test_a_form_with_errors_keeps_what_was_typed_and_says_why_in_swedish(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("actions:create"),
        {
            "title": "",
            "description": "Beskrivning som inte får försvinna",
            "node": world.unit_a.pk,
            "due_date": "2020-01-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beskrivning som inte får försvinna" in body
    assert "Detta fält måste fyllas i." in body
    assert "Datumet har redan passerat" in body
    assert not Action.objects.exists()


def test_a_malformed_date_gets_a_message_not_an_error_page(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("actions:create"), {"title": "T", "node": world.unit_a.pk, "due_date": "31/31/2026"}
    )
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_a_manager_creates_an_action_that_lands_in_the_owners_tasks(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("actions:create"),
        {
            "title": "Uppdatera larmrutinen",
            "node": world.unit_a.pk,
            "owner": world.staff_a.pk,
            "due_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    client.force_login(world.staff_a)
    assert "Uppdatera larmrutinen" in client.get(reverse("core:my_tasks")).content.decode()


def test_a_manager_cannot_make_someone_from_another_district_responsible(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("actions:create"),
        {
            "title": "T",
            "node": world.unit_a.pk,
            "owner": world.staff_b.pk,
        },
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_an_edit_conflict_is_explained_and_the_typed_text_kept(client, world, action_a):
    client.force_login(world.manager_a)
    stale_version = action_a.version
    services.action_update(
        actor=world.dept_head_a,
        action=action_a,
        version=stale_version,
        description="Avdelningschefens ändring",
    )
    response = client.post(
        reverse("actions:edit", args=[action_a.pk]),
        {
            "title": "Min nya rubrik",
            "node": world.unit_a.pk,
            "version": stale_version,
        },
    )
    body = response.content.decode()
    assert "Någon annan har ändrat åtgärden" in body
    assert "Min nya rubrik" in body
    assert Action.objects.get(pk=action_a.pk).title == "Ny rutin för nyckelhantering"


def test_cancelling_without_a_reason_keeps_the_page_and_explains(client, world, action_a):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("actions:cancel", args=[action_a.pk]), {"version": action_a.version, "reason": ""}
    )
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert Action.objects.get(pk=action_a.pk).is_open


def test_the_history_is_shown_in_words_to_managers_but_not_to_staff(client, world, action_a):
    services.action_update(
        actor=world.manager_a, action=action_a, version=action_a.version, owner=world.manager_a
    )
    client.force_login(world.manager_a)
    body = client.get(action_a.get_absolute_url()).content.decode()
    assert (
        "Historik" in body and "Ansvarig: Stina Testsson → <strong>Maja Testsson</strong>" in body
    )
    client.force_login(world.inspector)
    assert "Historik" in client.get(action_a.get_absolute_url()).content.decode()


def test_the_overview_shows_counts_but_never_a_title(client, world, action_a, action_b):
    client.force_login(world.politician_a)
    body = client.get(reverse("actions:overview")).content.decode()
    assert "Hemtjänst A" in body
    assert "nyckelhantering" not in body
    assert "Hemtjänst B" not in body  # another board's figures


def test_a_manager_clicks_a_count_through_to_the_actions_behind_it(client, world, action_a):
    client.force_login(world.manager_a)
    body = client.get(reverse("actions:overview")).content.decode()
    link = f"{reverse('actions:list')}?node={world.unit_a.pk}&amp;status=planerad"
    assert link in body
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "nyckelhantering" in listed


def test_the_board_sees_counts_without_links_to_records(client, world, action_a):
    client.force_login(world.politician_a)
    body = client.get(reverse("actions:overview")).content.decode()
    assert reverse("actions:list") + "?node=" not in body
