"""The trends page: counts per theme and unit over months, real changes marked."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.feedback import services
from kvalitetsnav.feedback.models import Feedback
from kvalitetsnav.feedback.trends import compile_trends, month_starts


def _register(world, month, n, node=None, theme="bemotande"):
    ids = []
    for _ in range(n):
        f, _code = services.feedback_register(
            actor=world.dept_head_a, node=node or world.unit_a, kind="klagomal",
            channel="telefon", sender_type="enskild", description="Ingen ringde tillbaka.",
            received_on=month,
        )  # fmt: skip
        ids.append(f.pk)
    Feedback.objects.filter(pk__in=ids).update(theme=theme)


def _a_spike_last_month(world):
    """One a month for ten months, then five in the latest complete month."""
    months = month_starts(timezone.localdate(), 12)
    for month in months[:10]:
        _register(world, month, 1)
    _register(world, months[10], 5)
    return months


def test_a_spike_against_the_units_own_history_is_marked_high(world):
    _a_spike_last_month(world)
    _register(world, timezone.localdate(), 1, node=world.unit_a2, theme="")
    report = compile_trends(world.quality_a, today=timezone.localdate())
    units = {r.label: r for r in report.units}
    assert [c.n for c in units["Hemtjänst A"].cells] == [1] * 10 + [5, 0]
    assert units["Hemtjänst A"].cells[10].reasons == ["high"]
    assert not units["Boende A"].flagged
    themes = {r.label: r for r in report.themes}
    assert themes["Bemötande"].cells[10].reasons == ["high"]
    assert themes["Tema ej satt"].total == 1 and themes["Tema ej satt"].url == ""
    assert report.flagged == 2


def test_a_higher_bar_within_the_limits_is_not_marked(world):
    months = month_starts(timezone.localdate(), 12)
    for month in months[:10]:
        _register(world, month, 1)
    _register(world, months[10], 3)  # three times the mean, within 1 + 3·1 = 4
    report = compile_trends(world.quality_a, today=timezone.localdate())
    assert report.flagged == 0


def test_the_page_marks_with_text_and_links_counts_for_those_who_see_records(client, world):
    months = _a_spike_last_month(world)
    client.force_login(world.quality_a)
    html = client.get(reverse("feedback:trends")).content.decode()
    assert "▲ ovanligt högt" in html and 'class="stack trends"' in html
    assert f"node={world.unit_a.pk}" in html and "theme=bemotande" in html
    assert f"period_from={months[10].isoformat()}" in html
    client.force_login(world.politician_a)
    html = client.get(reverse("feedback:trends")).content.decode()
    assert "▲ ovanligt högt" in html
    assert 'href="/synpunkter/?' not in html  # nämnd sees numbers only


def test_the_page_takes_the_same_number_of_queries_for_more_items(client, world):
    client.force_login(world.director_a)
    months = month_starts(timezone.localdate(), 12)
    _register(world, months[0], 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("feedback:trends")).status_code == 200
    _register(world, months[3], 3, node=world.unit_a2, theme="information")
    _register(world, months[7], 3, theme="beslut")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("feedback:trends"))
    assert len(many) == len(few)
    assert "Boende A" in response.content.decode()


def test_the_board_and_the_period_narrow_the_figures_and_bad_input_falls_back(client, world):
    _register(world, timezone.localdate(), 1)
    client.force_login(world.inspector)
    board_b = world.unit_b.path  # unit B's board is not unit A's
    assert not board_b.startswith(world.board_a.path)
    html = client.get(reverse("feedback:trends"), {"namnd": world.board_a.code}).content.decode()
    assert "Hemtjänst A" in html
    other = next(b for b in type(world.board_a).objects.boards() if b.pk != world.board_a.pk)
    html = client.get(reverse("feedback:trends"), {"namnd": other.code}).content.decode()
    assert "Hemtjänst A" not in html
    response = client.get(reverse("feedback:trends"), {"manader": "x", "namnd": "nope"})
    assert response.status_code == 200 and response.context["months"] == 12
    response = client.get(reverse("feedback:trends"), {"manader": "24"})
    assert len(response.context["report"].months) == 24


def test_the_statistics_page_links_to_the_trends(client, world):
    client.force_login(world.auditor_a)
    html = client.get(reverse("feedback:statistics")).content.decode()
    assert reverse("feedback:trends") in html
