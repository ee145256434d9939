"""Statistics in a bounded number of queries, and the JSON API."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.feedback import services
from kvalitetsnav.feedback.statistics import compile_report


def _many(world, n, kind="klagomal", node=None, replied=False):
    for _ in range(n):
        f, _code = services.feedback_register(
            actor=world.dept_head_a, node=node or world.unit_a, kind=kind, channel="telefon",
            sender_type="enskild", description="Handläggningen tog lång tid.",
        )  # fmt: skip
        if replied:
            services.feedback_reply(
                actor=world.dept_head_a, feedback=f, version=f.version,
                replied_on=f.received_on, reply_method="telefon", reply_text="Vi har svarat.",
            )  # fmt: skip


def test_the_report_counts_per_unit_department_kind_and_month(world):
    _many(world, 3, replied=True)
    _many(world, 1, kind="berom", node=world.unit_a2)
    report = compile_report(world.quality_a, year=timezone.localdate().year)
    assert report.total.total == 4
    assert report.total.share_in_time == 100
    units = {r.label: r for r in report.units}
    assert units["Hemtjänst A"].by_kind["klagomal"] == 3
    assert units["Boende A"].by_kind["berom"] == 1
    assert [r.label for r in report.departments] == ["Avdelning äldre A"]
    assert sum(r.total for r in report.months) == 4


def test_the_statistics_page_takes_the_same_number_of_queries_for_more_items(client, world):
    client.force_login(world.politician_a)
    _many(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("feedback:statistics")).status_code == 200
    _many(world, 10, node=world.unit_a2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("feedback:statistics"))
    assert len(many) == len(few)
    # Nämnd sees numbers, no links to the records.
    assert 'href="/synpunkter/?' not in response.content.decode()


def test_counts_link_to_the_filtered_list_for_those_who_may_see_it(client, world):
    _many(world, 2)
    client.force_login(world.manager_a)
    html = client.get(reverse("feedback:statistics")).content.decode()
    assert f"node={world.unit_a.pk}" in html and "kind=klagomal" in html


def test_the_api_statistics_for_a_board_and_year(client, world):
    _many(world, 2, replied=True)
    year = timezone.localdate().year
    client.force_login(world.auditor_a)
    response = client.get(f"/api/v1/feedback/statistics?board=namnd-a&year={year}")
    assert response.status_code == 200
    body = response.json()
    assert body["total"]["total"] == 2 and body["total"]["share_replied_in_time"] == 100
    assert body["units"][0]["name"] == "Hemtjänst A"
    assert "contact" not in str(body)
    assert client.get("/api/v1/feedback/statistics?board=nope").status_code == 400
    assert client.get("/api/v1/feedback").status_code == 403  # aggregates only


def test_the_api_lists_and_reads_items_without_contact_details(client, world, phoned_in):
    client.force_login(world.inspector)
    listing = client.get("/api/v1/feedback?kind=klagomal").json()
    assert listing["count"] == 1
    item = client.get(f"/api/v1/feedback/{phoned_in.pk}").json()
    assert item["receipt_number"] == phoned_in.receipt_number
    assert "contact_phone" not in item and "08-123" not in str(item)
    assert client.get(f"/api/v1/feedback?year={dt.date.today().year - 1}").json()["count"] == 0
