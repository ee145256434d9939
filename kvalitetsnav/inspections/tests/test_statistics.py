"""Fair comparison: shares of ja, n, the threshold, intervals, bounded queries, the API."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kvalitetsnav.inspections import statistics
from kvalitetsnav.inspections.tests.factories import make_done, make_inspection

YEAR = 2025


def _done(world, checklist, choice, node=None):
    inspection = make_inspection(world, checklist, node=node, month=dt.date(YEAR, 3, 1))
    return make_done(world, inspection, choice)


def test_the_share_counts_ja_among_applicable_answers_only(world, checklist):
    for choice in ("ja", "ja", "ja", "nej", "ej_aktuellt", "ja"):
        _done(world, checklist, choice)
    result = statistics.results(world.inspector, YEAR)
    safety = result.units[0].cells[[a.slug for a in result.areas].index("trygghet-sakerhet")]
    assert (safety.yes, safety.n, safety.percent) == (4, 5, 80)
    assert safety.enough


def test_no_share_is_shown_below_five_answers(world, checklist):
    _done(world, checklist, "ja")
    cell = statistics.results(world.inspector, YEAR).units[0].cells[0]
    assert cell.n == 1 and not cell.enough and cell.difference == ""


def test_a_difference_is_marked_only_when_the_interval_excludes_the_average():
    assert statistics.Share(yes=19, n=20, reference=0.5).difference == "over"
    assert statistics.Share(yes=12, n=20, reference=0.5).difference == ""
    low, high = statistics.wilson(12, 20)
    assert 0.38 < low < 0.40 and 0.77 < high < 0.79


def test_results_take_the_same_number_of_queries_for_more_rows(world, checklist):
    _done(world, checklist, "ja")
    statistics.results(world.inspector, YEAR)  # the persona's grants are cached per request
    with CaptureQueriesContext(connection) as few:
        statistics.results(world.inspector, YEAR)
    for node in (world.unit_a2, world.unit_a2, world.unit_a):
        _done(world, checklist, "nej", node=node)
    with CaptureQueriesContext(connection) as more:
        statistics.results(world.inspector, YEAR)
    assert len(more) == len(few)


def test_the_politician_sees_figures_but_no_links_to_records(client, world, checklist):
    for _ in range(5):
        _done(world, checklist, "ja")
    client.force_login(world.politician_a)
    page = client.get(f"/egenkontroll/resultat/?year={YEAR}").content.decode()
    assert "100 %" in page and "/egenkontroll/?node=" not in page
    client.force_login(world.quality_a)
    page = client.get(f"/egenkontroll/resultat/?year={YEAR}").content.decode()
    assert "/egenkontroll/?node=" in page


def test_the_inspection_list_takes_the_same_number_of_queries_for_more_rows(
    client, world, checklist
):
    make_inspection(world, checklist)
    client.force_login(world.manager_a)
    with CaptureQueriesContext(connection) as few:
        client.get("/egenkontroll/")
    for _ in range(4):
        make_inspection(world, checklist)
    with CaptureQueriesContext(connection) as more:
        client.get("/egenkontroll/")
    assert len(more) == len(few)


def test_the_api_gives_an_inspection_with_its_answers_and_results(client, world, checklist):
    inspection = _done(world, checklist, "nej")
    client.force_login(world.manager_a)
    body = client.get(f"/api/v1/inspections/{inspection.pk}").json()
    assert body["answers"][0]["question"] == "Är planen upprättad i tid?"
    assert body["answers"][0]["choice"] == "nej"
    listing = client.get(f"/api/v1/inspections?year={YEAR}").json()
    assert listing["count"] == 1
    results = client.get(f"/api/v1/inspections/results?year={YEAR}").json()
    assert results["units"][0]["areas"][0]["share"] is None  # n=1 is too few


def test_a_survey_is_summarised_per_question(client, world):
    from kvalitetsnav.inspections.tests.factories import make_template

    survey = make_template(world, purpose="brukarundersokning", name="Tillit")
    for choice in ("ja", "nej"):
        _done(world, survey, choice)
    count, summaries = statistics.survey_summary(
        world.quality_a, survey.latest_published(), with_texts=True
    )
    assert count == 2
    assert dict((v, n) for v, _l, n in summaries[0].counts)["nej"] == 1
    assert "Inget att tillägga." in summaries[2].texts
    _count, hidden = statistics.survey_summary(
        world.politician_a, survey.latest_published(), with_texts=False
    )
    assert hidden[2].texts == []
