"""Case review over several districts at once: the draw, the review and the fair comparison."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.inspections import comparison, planning, services
from kvalitetsnav.inspections.models import Inspection, ReviewRound, Sample
from kvalitetsnav.inspections.tests.factories import answers_for, make_round, make_template


@pytest.fixture
def review_template(world):
    return make_template(world, purpose="aktgranskning", name="Aktgranskning barn")


def _finish(world, review_round, choices):
    """Sign off every protocol; ``choices[node_pk]`` is the answer given in that unit."""
    for inspection in Inspection.objects.filter(sample__round=review_round).select_related("node"):
        services.inspection_save(
            actor=world.inspector,
            inspection=inspection,
            version=inspection.version,
            answers=answers_for(inspection, choices[inspection.node_id], "Se akten."),
            complete=True,
        )


def test_an_inspector_draws_the_same_number_in_each_district_with_one_recorded_seed(
    world, review_template
):
    review_round = make_round(world, review_template, size=2, count=5, seed=42)

    samples = list(review_round.samples.order_by("node__name"))
    assert [s.node for s in samples] == [world.unit_a, world.unit_b]
    assert review_round.scope == world.city
    assert review_round.seed == 42
    for sample in samples:
        assert sample.size == 2 and len(sample.drawn) == 2
        assert sample.seed == planning.derived_seed(42, sample.node)
        assert all(ref.startswith(sample.node.code) for ref in sample.drawn)
        assert sample.drawn == planning.draw(sample.population, 2, sample.seed)
        assert set(sample.inspections.values_list("case_reference", flat=True)) == set(sample.drawn)
    assert (
        Inspection.objects.filter(sample__round=review_round, responsible=world.inspector).count()
        == 4
    )
    assert samples[0].seed != samples[1].seed


def test_the_same_seed_and_lists_draw_the_same_cases_again(world, review_template):
    first = make_round(world, review_template, size=3, count=10, seed=2022)
    second = make_round(world, review_template, size=3, count=10, seed=2022)
    drawn = lambda r: [s.drawn for s in r.samples.order_by("node__name")]  # noqa: E731
    assert drawn(first) == drawn(second)


def test_a_sample_larger_than_a_districts_cases_names_the_district_and_draws_nothing(
    world, review_template
):
    populations = {world.unit_a.pk: ["A-1", "A-2", "A-3"], world.unit_b.pk: ["B-1"]}
    with pytest.raises(ValidationError) as exc:
        planning.round_draw(
            actor=world.inspector,
            version=review_template.latest_published(),
            title="Granskning",
            nodes=[world.unit_a, world.unit_b],
            populations=populations,
            size_per_node=2,
            due_month=dt.date.today(),
        )
    assert "Hemtjänst B (1)" in exc.value.message_dict["population"][0]
    assert not ReviewRound.objects.exists() and not Sample.objects.exists()


def test_only_reviewers_of_every_chosen_district_may_draw(world, review_template):
    nodes = [world.unit_a, world.unit_b]
    kwargs = dict(
        version=review_template.latest_published(),
        title="Granskning",
        nodes=nodes,
        populations=planning.round_population_from_count(nodes, 3),
        size_per_node=1,
        due_month=dt.date.today(),
    )
    for persona in (world.staff_a, world.manager_a, world.politician_a):
        with pytest.raises(PermissionDenied):
            planning.round_draw(actor=persona, **kwargs)


def test_the_pasted_list_is_grouped_per_district_and_bad_lines_are_refused(world):
    nodes = [world.unit_a, world.unit_b]
    grouped = planning.parse_round_population(
        "hemtjanst-a;BoU-1\nhemtjanst-b;BoU-9\n\nhemtjanst-a\tBoU-2\n", nodes
    )
    assert grouped == {world.unit_a.pk: ["BoU-1", "BoU-2"], world.unit_b.pk: ["BoU-9"]}
    for text, fragment in (
        ("okand;BoU-1", "okand"),
        ("hemtjanst-a;BoU-1\nhemtjanst-a;BoU-1", "Dubbletter"),
        ("hemtjanst-a", "saknar kod eller referens"),
        ("hemtjanst-a;19121212-1212", "personnummer"),
    ):
        with pytest.raises(ValidationError) as exc:
            planning.parse_round_population(text, nodes)
        assert fragment in exc.value.message_dict["population"][0]


def test_the_inspector_fills_in_and_signs_off_the_drawn_protocols(world, review_template):
    review_round = make_round(world, review_template, size=1)
    protocol = Inspection.objects.filter(sample__round=review_round, node=world.unit_b).get()
    services.inspection_save(
        actor=world.inspector,
        inspection=protocol,
        version=protocol.version,
        answers=answers_for(protocol, "ja", ""),
        complete=True,
    )
    protocol.refresh_from_db()
    assert protocol.is_done and protocol.completed_by == world.inspector


def test_the_comparison_marks_a_difference_only_when_the_interval_excludes_the_average(
    world, review_template
):
    review_round = make_round(world, review_template, size=6, count=6)
    _finish(world, review_round, {world.unit_a.pk: "ja", world.unit_b.pk: "nej"})

    result = comparison.compare(review_round)

    unit_a, unit_b = result.districts
    safety = [a.name for a in result.areas].index("Trygghet och säkerhet")
    assert (unit_a.cells[safety].yes, unit_a.cells[safety].n, unit_a.cells[safety].cases) == (
        6,
        6,
        6,
    )
    assert result.average[safety].share == 0.5
    assert unit_a.cells[safety].difference == "over"
    assert unit_b.cells[safety].difference == "under"
    assert unit_a.done == unit_a.drawn == 6
    question = result.questions[0]
    assert [c.percent for c in question.cells] == [100, 0]
    assert question.total.cases == 12


def test_with_few_cases_no_share_is_shown_and_no_difference_is_marked(world, review_template):
    review_round = make_round(world, review_template, size=2, count=3)
    _finish(world, review_round, {world.unit_a.pk: "ja", world.unit_b.pk: "nej"})

    result = comparison.compare(review_round)

    for row in result.districts:
        assert all(not c.enough and c.difference == "" for c in row.cells if c.n)
    assert not result.any_marked


def test_the_comparison_takes_the_same_queries_for_two_or_twelve_cases(world, review_template):
    small = make_round(world, review_template, size=1, count=6)
    large = make_round(world, review_template, size=6, count=6, seed=3)
    for review_round in (small, large):
        _finish(world, review_round, {world.unit_a.pk: "ja", world.unit_b.pk: "delvis"})
    counts = []
    for review_round in (small, large):
        with CaptureQueriesContext(connection) as queries:
            comparison.compare(review_round)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 7


def test_the_inspector_draws_over_two_districts_in_the_form_and_sees_the_lists(
    client, world, review_template
):
    client.force_login(world.inspector)
    data = {
        "template": review_template.pk,
        "title": "Aktgranskning barn 0–12",
        "nodes": [world.unit_a.pk, world.unit_b.pk],
        "size_per_node": 3,
        "population": "hemtjanst-a;BoU-1\nhemtjanst-a;BoU-2\nhemtjanst-b;BoU-7",
        "due_month": dt.date.today().isoformat(),
        "responsible": world.inspector.pk,
    }
    response = client.post(reverse("inspections:round_create"), data)
    assert response.status_code == 200
    assert "Urvalet (3 per enhet) är större" in response.content.decode()
    assert "hemtjanst-b;BoU-7" in response.content.decode()  # nothing typed is lost

    data.update(population="", count=40, seed=99)
    response = client.post(reverse("inspections:round_create"), data)
    review_round = ReviewRound.objects.get()
    assert response.status_code == 302 and response.url == review_round.get_absolute_url()
    page = client.get(response.url).content.decode()
    for sample in review_round.samples.all():
        for reference in sample.drawn:
            assert reference in page
    assert "Jämförelse per kvalitetsområde" in page
    assert "Sammanställning per fråga" in page


def test_a_district_manager_does_not_see_the_city_wide_round_but_sees_their_sample(
    client, world, review_template
):
    review_round = make_round(world, review_template)
    sample_a = review_round.samples.get(node=world.unit_a)
    client.force_login(world.manager_a)
    assert client.get(review_round.get_absolute_url()).status_code == 404
    page = client.get(sample_a.get_absolute_url()).content.decode()
    assert "Sammanställning per fråga" in page and review_round.title not in page


def test_the_api_gives_the_draw_and_the_comparison_per_district(client, world, review_template):
    review_round = make_round(world, review_template, size=6, count=6)
    _finish(world, review_round, {world.unit_a.pk: "ja", world.unit_b.pk: "nej"})
    client.force_login(world.inspector)
    response = client.get(f"/api/v1/inspections/rounds/{review_round.pk}")
    body = response.json()
    assert response.status_code == 200
    assert body["seed"] == 11 and [d["name"] for d in body["districts"]] == [
        "Hemtjänst A",
        "Hemtjänst B",
    ]
    area = next(a for a in body["districts"][0]["areas"] if a["name"] == "Trygghet och säkerhet")
    assert (area["yes"], area["n"], area["cases"], area["difference"]) == (6, 6, 6, "over")


def test_an_integration_draws_a_round_through_the_api_and_bad_input_is_a_field_error(
    client, world, review_template
):
    client.force_login(world.inspector)
    body = {
        "template": str(review_template.pk),
        "title": "Aktgranskning via API",
        "nodes": [str(world.unit_a.pk), str(world.unit_b.pk)],
        "size_per_node": 2,
        "populations": {str(world.unit_a.pk): ["A-1", "A-2", "A-3"], str(world.unit_b.pk): ["B-1"]},
        "seed": 5,
        "due_month": dt.date.today().isoformat(),
    }
    url = "/api/v1/inspections/rounds"
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 400
    assert "Hemtjänst B (1)" in refused.json()["errors"]["populations"][0]

    body["populations"][str(world.unit_b.pk)] = ["B-1", "B-2"]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["seed"] == 5
    review_round = ReviewRound.objects.get(pk=response.json()["id"])
    assert sorted(review_round.samples.get(node=world.unit_b).drawn) == ["B-1", "B-2"]
