import datetime as dt

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.risks import services
from kvalitetsnav.risks.models import Risk
from kvalitetsnav.risks.reminders import send_risk_review_reminders
from kvalitetsnav.risks.statistics import heat_map


def _add_risks(world, analysis, n, probability=3, consequence=2):
    for i in range(n):
        services.risk_add(
            actor=world.manager_a,
            analysis=analysis,
            title=f"Risk {i}",
            probability=probability,
            consequence=consequence,
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_heat_map_counts_in_one_query(world, analysis_a):
    _add_risks(world, analysis_a, 2)
    with CaptureQueriesContext(connection) as ctx:
        counts = heat_map(world.dept_a).counts
    assert len(ctx.captured_queries) == 1
    assert counts == {(2, 4): 1, (3, 2): 2}


def test_the_heat_map_page_needs_as_many_queries_for_3_risks_as_for_12(client, world, analysis_a):
    client.force_login(world.dept_head_a)
    url = reverse("risks:heatmap") + f"?node={world.dept_a.pk}"
    _add_risks(world, analysis_a, 2)
    few = _queries(client, url)
    _add_risks(world, analysis_a, 9, probability=4, consequence=4)
    assert _queries(client, url) == few


def test_a_heat_map_cell_links_to_its_risks(client, world, analysis_a):
    _add_risks(world, analysis_a, 2)
    client.force_login(world.manager_a)
    page = client.get(reverse("risks:heatmap") + f"?node={world.unit_a.pk}").content.decode()
    link = f"?node={world.unit_a.pk}&amp;probability=3&amp;consequence=2"
    assert link in page
    listed = client.get(
        reverse("risks:risk_list"), {"node": world.unit_a.pk, "probability": 3, "consequence": 2}
    )
    assert listed.context["page"].paginator.count == 2


def test_the_board_sees_the_counts_without_links(client, world, analysis_a):
    client.force_login(world.politician_a)
    response = client.get(reverse("risks:heatmap"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<table" in page and 'scope="row"' in page
    assert reverse("risks:risk_list") not in page
    assert client.get(analysis_a.get_absolute_url()).status_code == 404


def test_the_risk_list_needs_the_same_queries_for_2_and_12_risks(client, world, analysis_a):
    client.force_login(world.manager_a)
    _add_risks(world, analysis_a, 1)
    few = _queries(client, reverse("risks:risk_list"))
    _add_risks(world, analysis_a, 10)
    assert _queries(client, reverse("risks:risk_list")) == few


def test_a_template_prefills_the_new_risk(client, world, analysis_a):
    client.force_login(world.manager_a)
    url = reverse("risks:risk_create", args=[analysis_a.pk])
    response = client.get(url, {"mall": "avbrott-vatten"})
    assert response.context["form"].initial["title"] == "Avbrott i vattenförsörjningen"
    response = client.post(
        url,
        {"mall": "avbrott-vatten", "title": "Avbrott i vattenförsörjningen", "probability": "2",
         "consequence": "4"},
    )  # fmt: skip
    risk = Risk.objects.get(template_key="avbrott-vatten")
    assert response.status_code == 302 and risk.score == 8


def test_a_probability_of_5_is_refused_and_nothing_typed_is_lost(client, world, analysis_a):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("risks:risk_create", args=[analysis_a.pk]),
        {
            "title": "Läkemedel förväxlas",
            "causes": "Stress",
            "probability": "5",
            "consequence": "2",
        },
    )
    assert response.status_code == 200
    assert "Välj ett värde från 1 till 4." in response.content.decode()
    assert response.context["form"]["causes"].value() == "Stress"


def test_risks_past_review_are_listed_for_their_owner(world, risk_a):
    Risk.objects.filter(pk=risk_a.pk).update(
        review_date=timezone.localdate() - dt.timedelta(days=1)
    )
    groups = tasks_for(world.manager_a)
    titles = [item.title for group in groups for item in group.items]
    assert risk_a.title in titles
    assert not any(risk_a.title == i.title for g in tasks_for(world.staff_a) for i in g.items)


def test_the_review_reminder_is_sent_once_per_review_date(world, risk_a):
    world.manager_a.email = "chef.a@example.org"
    world.manager_a.save()
    today = timezone.localdate()
    Risk.objects.filter(pk=risk_a.pk).update(review_date=today)
    assert send_risk_review_reminders(today) == 1
    assert send_risk_review_reminders(today) == 0
    assert mail.outbox[0].to == ["chef.a@example.org"]
    risk = Risk.objects.select_related("analysis").get(pk=risk_a.pk)
    services.risk_update(actor=world.manager_a, risk=risk, version=risk.version, review_date=today)
    assert send_risk_review_reminders(today) == 0
    later = today + dt.timedelta(days=1)
    Risk.objects.filter(pk=risk_a.pk).update(review_date=later)
    assert send_risk_review_reminders(later) == 1


def test_the_api_lists_risks_and_gives_heat_map_counts(client, world, analysis_a):
    client.force_login(world.staff_a)
    data = client.get(reverse("api-v1:list_risks"), {"probability": 2}).json()
    assert data["count"] == 1 and data["items"][0]["score"] == 8
    client.force_login(world.auditor_a)
    assert client.get(reverse("api-v1:list_risks")).status_code == 403
    data = client.get(reverse("api-v1:risk_heatmap"), {"node": world.unit_a.pk}).json()
    cell = next(c for c in data["cells"] if (c["probability"], c["consequence"]) == (2, 4))
    assert cell["count"] == 1 and data["total"] == 1
    assert client.get(reverse("api-v1:risk_heatmap"), {"node": world.unit_b.pk}).status_code == 400


def test_the_heat_map_counts_the_rating_after_actions_where_there_is_one(client, world, risk_a):
    services.risk_add(
        actor=world.manager_a,
        analysis=risk_a.analysis,
        title="Fall vid förflyttning",
        probability=4,
        consequence=4,
        residual_probability=2,
        residual_consequence=3,
    )
    assert heat_map(world.unit_a, "efter_atgarder").counts == {(2, 4): 1, (2, 3): 1}
    assert heat_map(world.unit_a, "nuvarande").counts == {(2, 4): 1, (4, 4): 1}
    client.force_login(world.manager_a)
    page = client.get(reverse("risks:heatmap"), {"node": world.unit_a.pk}).content.decode()
    assert "Efter åtgärder där det är bedömt, annars nuvarande" in page
    assert "probability=2&amp;consequence=3&amp;rating=efter_atgarder" in page
    listed = client.get(
        reverse("risks:risk_list"),
        {"node": world.unit_a.pk, "probability": 2, "consequence": 3, "rating": "efter_atgarder"},
    )
    assert [r.title for r in listed.context["page"]] == ["Fall vid förflyttning"]
    page = client.get(
        reverse("risks:heatmap"), {"node": world.unit_a.pk, "rating": "nuvarande"}
    ).content.decode()
    assert "probability=4&amp;consequence=4&amp;rating=nuvarande" in page
    data = client.get(reverse("api-v1:risk_heatmap"), {"node": world.unit_a.pk}).json()
    assert data["rating"] == "efter_atgarder"
    assert {(c["probability"], c["consequence"]) for c in data["cells"] if c["count"]} == {
        (2, 4),
        (2, 3),
    }
