"""The IVO report, its files, freezing a quarter, statistics and the API."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kvalitetsnav.decisions import reports, services
from kvalitetsnav.decisions.models import Offer, QuarterReport
from kvalitetsnav.decisions.rules import Quarter

from . import factories as f

Q4 = Quarter(2025, 4)
URL = reverse("decisions:ivo_report") + "?board=namnd-a&quarter=2025Q4"


def some(world, n):
    lss = f.kind("Daglig verksamhet", "LSS")
    for i in range(n):
        d = f.decision(world, decided_on=dt.date(2025, 3, 1) + dt.timedelta(days=i),
                       sex="KM"[i % 2], service_kind=lss if i % 3 else None)  # fmt: skip
        Offer.objects.create(decision=d, offered_on=dt.date(2025, 6, 1), declined=True)


@pytest.mark.django_db
def test_the_report_has_every_field_ivo_asks_for(world):
    f.decision(
        world,
        decided_on=dt.date(2025, 5, 2),
        person_code="19380312-T142",
        delay_reason="plats_saknas",
        consequences="Anhöriga hjälper till.",
        interim_help="Trygghetslarm.",
        protected_identity=True,
    )
    [row] = reports.ivo_rows(world.board_a, Q4)
    assert row["municipality"] == "Teststad" and row["board"] == "Nämnd A"
    assert row["person_code"] == "19380312-T142" and row["sex"] == "K"
    assert row["report_kind"] == "Ej verkställt beslut"
    assert row["area"] == "Äldreomsorg" and row["decided_on"] == "2025-05-02"
    assert "Plats eller resurs saknas" in row["delay_reason"]
    assert "Skyddad identitet" in row["delay_reason"]
    assert row["days_waited"] == str((dt.date(2025, 12, 31) - dt.date(2025, 5, 2)).days)
    assert {key for key, _label in reports.IVO_COLUMNS} == set(row)


@pytest.mark.django_db
def test_the_report_takes_the_same_number_of_queries_for_3_and_30_decisions(world, client):
    client.force_login(world.quality_a)
    some(world, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    some(world, 27)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert len(response.context["rows"]) == 30
    assert len(large) == len(small)


@pytest.mark.django_db
def test_the_page_shows_a_row_per_report_with_what_was_typed_escaped(world, client):
    f.decision(world, decided_on=dt.date(2025, 5, 2), consequences="<b>Väntar</b> & oroar sig")
    client.force_login(world.quality_a)
    html = client.get(URL).content.decode()
    assert (
        '<td data-label="Konsekvenser för den enskilda">&lt;b&gt;Väntar&lt;/b&gt; &amp; oroar'
        in html
    )
    assert '<td data-label="Beslutsdatum">2025-05-02</td>' in html
    assert "<b>Väntar</b>" not in html


@pytest.mark.django_db
def test_the_excel_file_opens_with_a_row_per_report(world, client):
    some(world, 3)
    client.force_login(world.quality_a)
    response = client.get(reverse("decisions:ivo_report_xlsx") + "?board=namnd-a&quarter=2025Q4")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kommun", "Nämnd", "Typ av rapport") and len(rows) == 4
    csv = client.get(reverse("decisions:ivo_report_csv") + "?board=namnd-a&quarter=2025Q4")
    assert csv.content.startswith(b"\xef\xbb\xbfKommun;N\xc3\xa4mnd")


@pytest.mark.django_db
def test_a_reported_quarter_shows_what_was_sent_even_when_the_data_changes(world, client):
    decision = f.decision(world, decided_on=dt.date(2025, 5, 2))
    client.force_login(world.quality_a)
    response = client.post(
        reverse("decisions:ivo_mark_reported"), {"board": "namnd-a", "quarter": "2025Q4"}
    )
    assert response.status_code == 302
    services.decision_update(
        actor=world.quality_a, decision=decision, version=1, ended_on=dt.date(2025, 6, 1)
    )
    page = client.get(URL)
    assert len(page.context["rows"]) == 1 and page.context["frozen"].reported_by == world.quality_a
    assert reports.ivo_rows(world.board_a, Q4) == []
    client.post(reverse("decisions:ivo_mark_reported"), {"board": "namnd-a", "quarter": "2025Q4"})
    assert QuarterReport.objects.count() == 1


@pytest.mark.django_db
def test_a_unit_manager_may_not_mark_the_board_reported(world, client):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("decisions:ivo_mark_reported"), {"board": "namnd-a", "quarter": "2025Q4"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_bad_quarter_is_a_field_error_on_the_page_and_in_the_api(world, client):
    client.force_login(world.quality_a)
    page = client.get(reverse("decisions:ivo_report") + "?quarter=2025Q9")
    assert page.status_code == 200
    assert "Ange kvartalet som ÅÅÅÅQN" in page.content.decode()
    for endpoint in ("ivo-report", "statistics"):
        api = client.get(f"/api/v1/decisions/{endpoint}?board=namnd-a&quarter=fjärde")
        assert api.status_code == 400
        assert api.json()["errors"]["quarter"] == [
            "Ange kvartalet som ÅÅÅÅQN, till exempel 2025Q4."
        ]
    api = client.get("/api/v1/decisions/statistics?board=namnd-b&quarter=2025Q4")
    assert api.status_code == 400 and "board" in api.json()["errors"]


@pytest.mark.django_db
def test_the_council_gets_statistics_by_kind_and_sex_without_personal_data(world, client):
    some(world, 4)
    f.decision(world, decided_on=dt.date(2025, 6, 1), person_code="19380312-T142")
    client.force_login(world.politician_a)
    data = client.get("/api/v1/decisions/statistics?board=namnd-a&quarter=2025Q4").json()
    assert data["total"] == {"label": "Totalt", "women": 3, "men": 2, "total": 5, "area": None}
    assert {line["label"] for line in data["by_kind"]} == {"Hemtjänst", "Daglig verksamhet"}
    assert "19380312" not in str(data) and "B-" not in str(data)
    page = client.get(reverse("decisions:statistics") + "?board=namnd-a&quarter=2025Q4")
    assert page.status_code == 200 and "B-" not in page.content.decode()
    assert (
        client.get("/api/v1/decisions/ivo-report?board=namnd-a&quarter=2025Q4").status_code == 403
    )
    assert client.get(reverse("decisions:list")).status_code == 403


@pytest.mark.django_db
def test_the_api_report_matches_the_page(world, client):
    some(world, 3)
    client.force_login(world.quality_a)
    api = client.get("/api/v1/decisions/ivo-report?board=namnd-a&quarter=2025Q4").json()
    assert api["rows"] == client.get(URL).context["rows"]
    assert api["reporting_window"] == "januari 2026"
    listed = client.get("/api/v1/decisions?page_size=2").json()
    assert listed["count"] == 3 and len(listed["items"]) == 2


@pytest.mark.django_db
def test_the_dashboard_counts_per_quarter_and_the_median_days(world):
    f.decision(world, decided_on=dt.date(2025, 1, 1), executed_on=dt.date(2025, 1, 11))
    f.decision(world, decided_on=dt.date(2025, 1, 1), executed_on=dt.date(2025, 5, 1))
    f.decision(world, decided_on=dt.date(2025, 2, 1))
    dash = reports.dashboard(world.board_a, Q4, count=4)
    assert dash["quarters"] == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
    assert [r["total"] for r in dash["rows"]] == [0, 2, 1, 1]
    assert dash["median_days_to_execution"] == (10 + 120) / 2
    assert dash["longest_waits"][0]["days"] == (dt.date(2025, 12, 31) - dt.date(2025, 2, 1)).days


@pytest.mark.django_db
def test_the_list_pages_in_the_database(world, client):
    client.force_login(world.quality_a)
    some(world, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("decisions:list"))
    some(world, 10)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("decisions:list"))
    assert len(large) == len(small)
