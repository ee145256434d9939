"""The pages: the one-minute report, the receipt, the lists, the detail page and the statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.deviations.models import Category, Deviation, DeviationStatus

from .conftest import analyse, answer, report

PERSONNUMMER = "811218-9876"


def _form(world, **changes):
    data = {
        "node": str(world.unit_a.pk),
        "occurred_at": (timezone.localtime() - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "category": str(Category.objects.get(name="Läkemedel").pk),
        "description": "Kvällsdosen saknades i dosettasken.",
        "immediate_action": "Ringde sjuksköterskan som ordnade dosen.",
        "person_ref": "B-1042",
    }
    data.update(changes)
    return data


def test_the_report_form_preselects_the_own_unit_and_now(client, world):
    client.force_login(world.staff_a)
    response = client.get(reverse("deviations:report"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["node"].value() == world.unit_a.pk
    assert form["occurred_at"].value().date() == timezone.localdate()


def test_a_report_leads_to_a_receipt_with_the_number_and_what_happens_next(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("deviations:report"), _form(world), follow=True)
    deviation = Deviation.objects.get()
    assert response.redirect_chain[-1][0] == reverse("deviations:receipt", args=[deviation.pk])
    html = response.content.decode()
    assert deviation.number in html
    assert "Vad händer nu?" in html
    mine = client.get(reverse("deviations:mine")).content.decode()
    assert deviation.number in mine


def test_a_personal_identity_number_is_refused_and_the_typed_text_kept(client, world):
    client.force_login(world.staff_a)
    text = f"Brukaren {PERSONNUMMER} fick fel dos."
    response = client.post(reverse("deviations:report"), _form(world, description=text))
    assert response.status_code == 200
    html = response.content.decode()
    assert "personnummer" in html
    assert text in html
    assert "Ringde sjuksköterskan som ordnade dosen." in html
    assert not Deviation.objects.exists()


def test_a_future_time_and_missing_fields_get_messages_at_the_fields(client, world):
    client.force_login(world.staff_a)
    future = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("deviations:report"), _form(world, occurred_at=future, category="")
    )
    form = response.context["form"]
    assert "framtiden" in str(form.errors["occurred_at"])
    assert "category" in form.errors
    response = client.post(reverse("deviations:report"), _form(world, occurred_at="i går"))
    assert response.status_code == 200 and "occurred_at" in response.context["form"].errors


def test_a_unit_outside_the_reporters_access_is_not_offered(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("deviations:report"), _form(world, node=str(world.unit_b.pk)))
    assert "node" in response.context["form"].errors


def _many(world, n):
    for i in range(n):
        report(world.staff_a, description=f"Händelse nummer {i}.")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["deviations:list", "deviations:mine"])
def test_the_lists_use_the_same_number_of_queries_whatever_the_rows(client, world, name):
    client.force_login(world.manager_a if name == "deviations:list" else world.staff_a)
    _many(world, 2)
    few = _queries(client, reverse(name))
    _many(world, 20)
    assert _queries(client, reverse(name)) == few


def test_the_list_filters_by_status_category_and_period(client, world):
    new = report(world.staff_a)
    closed = answer(analyse(report(world.staff_a), world.manager_a), world.manager_a)
    from kvalitetsnav.deviations import services

    services.deviation_close(actor=world.manager_a, deviation=closed, version=closed.version)
    old = report(world.staff_a, when=timezone.now() - dt.timedelta(days=400))
    client.force_login(world.manager_a)
    url = reverse("deviations:list")
    page = client.get(url, {"status": "open"}).context["page"]
    assert set(page) == {new, old}
    today = timezone.localdate().isoformat()
    page = client.get(url, {"fran": today, "till": today}).context["page"]
    assert set(page) == {new, closed}
    other = Category.objects.get(name="Bemötande").pk
    assert list(client.get(url, {"category": other}).context["page"]) == []
    assert client.get(url, {"fran": "inte ett datum"}).status_code == 200


def test_the_reporter_sees_the_feedback_and_reading_it_clears_the_task(client, world):
    deviation = answer(report(world.staff_a), world.manager_a, "Tack, vi har ändrat rutinen.")
    groups = [g.title for g in tasks_for(world.staff_a)]
    assert "Ny återkoppling på dina avvikelser" in groups
    client.force_login(world.staff_a)
    html = client.get(deviation.get_absolute_url()).content.decode()
    assert "Tack, vi har ändrat rutinen." in html
    assert "Registrera analys" not in html
    assert not [g for g in tasks_for(world.staff_a) if g.title.startswith("Ny återkoppling")]


def test_managers_get_new_deviations_under_mina_uppgifter(world):
    deviation = report(world.staff_a)
    group = next(g for g in tasks_for(world.manager_a) if g.title == "Avvikelser att hantera")
    assert [item.url for item in group.items] == [deviation.get_absolute_url()]
    assert not [g for g in tasks_for(world.manager_b) if g.title == "Avvikelser att hantera"]


def test_the_handler_analyses_creates_an_action_answers_and_closes_on_the_page(client, world):
    deviation = report(world.staff_a)
    client.force_login(world.manager_a)
    url = deviation.get_absolute_url()
    factor = deviation.factors.model.objects.get(code="bemanning")
    client.post(
        reverse("deviations:analysis", args=[deviation.pk]),
        {"version": 1, "analysis_why": "Ingen dubbelkontroll på kvällen.", "factors": [factor.pk]},
    )
    client.post(
        reverse("deviations:create_action", args=[deviation.pk]),
        {"title": "Inför dubbelkontroll av dosetter"},
    )
    deviation.refresh_from_db()
    client.post(
        reverse("deviations:feedback", args=[deviation.pk]),
        {"version": deviation.version, "feedback": "Vi inför dubbelkontroll."},
    )
    deviation.refresh_from_db()
    response = client.post(
        reverse("deviations:close", args=[deviation.pk]), {"version": deviation.version}
    )
    assert response.status_code == 200
    assert "inte är genomförda" in response.content.decode()
    response = client.post(
        reverse("deviations:close", args=[deviation.pk]),
        {"version": deviation.version, "reason": "Följs upp i åtgärdsregistret."},
    )
    assert response.status_code == 302
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.CLOSED
    html = client.get(url).content.decode()
    assert "Inför dubbelkontroll av dosetter" in html and "Bemanning" in html


def test_the_board_gets_404_on_a_record_and_figures_on_the_statistics(client, world):
    deviation = report(world.staff_a)
    client.force_login(world.politician_a)
    assert client.get(deviation.get_absolute_url()).status_code == 404
    response = client.get(reverse("deviations:statistics"))
    assert response.status_code == 200
    assert response.context["stats"].total == 1
    # Figures only: no link to the records for the board.
    assert response.context["stats"].units[0].url == ""


def test_the_statistics_need_a_bounded_number_of_queries_whatever_the_cases(client, world):
    client.force_login(world.quality_a)
    url = reverse("deviations:statistics")
    report(world.staff_a)
    few = _queries(client, url)
    for category in Category.objects.all()[:6]:
        for _ in range(3):
            report(world.manager_a, category=category)
    report(world.manager_a2, node=world.unit_a2)
    assert _queries(client, url) == few
    stats = client.get(url).context["stats"]
    assert stats.total == 20
    assert {u.label: u.count for u in stats.units} == {"Hemtjänst A": 19, "Boende A": 1}
    assert [d.count for d in stats.departments] == [20]
    assert stats.units[0].url.startswith(reverse("deviations:list"))


def test_bad_statistics_input_is_a_message_not_an_error(client, world):
    client.force_login(world.quality_a)
    response = client.get(reverse("deviations:statistics"), {"year": "tjugo", "board": "okänd"})
    assert response.status_code == 200
    assert response.context["form"].errors
