import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.reviews import services, statistics
from kvalitetsnav.reviews.models import ReviewerKind, Severity, Theme


def _review(world, *, actor, node, reviewer, themes):
    review = services.review_create(
        actor=actor,
        reviewer=reviewer,
        subject="Tillsyn",
        node=node,
        started_on=timezone.localdate() - dt.timedelta(days=30),
    )
    for theme in themes:
        services.finding_add(
            actor=actor, review=review, text="Brist", severity=Severity.SHORTCOMING, theme=theme
        )
    return review


def _city(world):
    _review(
        world,
        actor=world.manager_a,
        node=world.unit_a,
        reviewer=ReviewerKind.IVO_SUPERVISION,
        themes=[Theme.RISK_ANALYSIS, Theme.RISK_ANALYSIS, Theme.CONTACT],
    )
    _review(
        world,
        actor=world.manager_b,
        node=world.unit_b,
        reviewer=ReviewerKind.IVO_SUPERVISION,
        themes=[Theme.RISK_ANALYSIS],
    )
    closed = _review(
        world,
        actor=world.manager_b,
        node=world.unit_b,
        reviewer=ReviewerKind.CITY_AUDITORS,
        themes=[Theme.FOLLOW_UP],
    )
    services.review_close(
        actor=world.manager_b,
        review=closed,
        version=closed.version,
        closed_on=timezone.localdate(),
        closing_note="Avslutad.",
    )


def test_open_findings_are_counted_per_district_by_reviewer_and_theme(world):
    _city(world)
    with CaptureQueriesContext(connection) as ctx:
        view = statistics.open_findings_by_district(world.inspector)
    assert len(ctx.captured_queries) <= 3  # the roles, the counts, the districts' names
    assert [name for _id, name in view.boards] == ["Nämnd A", "Nämnd B"]
    assert [(r.label, r.counts) for r in view.by_reviewer] == [("IVO – tillsyn", [3, 1])]
    themes = {r.label: r.counts for r in view.by_theme}
    assert themes == {"Riskanalys": [2, 1], "Kontakt med och delaktighet för enskilda": [1, 0]}
    narrowed = statistics.open_findings_by_district(world.inspector, theme=Theme.RISK_ANALYSIS)
    assert narrowed.total == 3


def test_a_count_on_the_city_view_links_to_the_findings_behind_it(client, world):
    _city(world)
    client.force_login(world.inspector)
    response = client.get(reverse("reviews:city"))
    page = response.content.decode()
    link = f"?node={world.board_a.pk.hex}&amp;theme=riskanalys&amp;reviewer=&amp;status=oppna"
    assert link in page
    listed = client.get(
        reverse("reviews:finding_list"),
        {"node": world.board_a.pk, "theme": "riskanalys", "status": "oppna"},
    )
    assert listed.context["page"].paginator.count == 2


def test_the_board_sees_its_own_districts_counts_without_links(client, world):
    _city(world)
    client.force_login(world.politician_a)
    page = client.get(reverse("reviews:city")).content.decode()
    assert "Nämnd A" in page and "Nämnd B" not in page
    assert reverse("reviews:finding_list") not in page
    assert client.get(reverse("reviews:finding_list")).status_code == 403


def test_the_city_view_and_the_findings_list_need_the_same_queries_for_more_rows(client, world):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.inspector)
    _city(world)
    few = count(reverse("reviews:city")), count(reverse("reviews:finding_list"))
    for _ in range(3):
        _city(world)
    assert (count(reverse("reviews:city")), count(reverse("reviews:finding_list"))) == few


def test_the_api_lists_open_findings_by_theme_and_gives_the_city_counts(client, world):
    _city(world)
    client.force_login(world.inspector)
    data = client.get(reverse("api-v1:list_findings"), {"theme": "riskanalys"}).json()
    assert data["count"] == 3 and data["items"][0]["review"]["reviewer"] == "ivo_tillsyn"
    assert client.get(reverse("api-v1:list_findings"), {"open": "false"}).json()["count"] == 5
    client.force_login(world.auditor_a)
    assert client.get(reverse("api-v1:list_findings")).status_code == 403
    data = client.get(reverse("api-v1:city_counts")).json()
    assert data["total"] == 3 and [d["name"] for d in data["districts"]] == ["Nämnd A"]
