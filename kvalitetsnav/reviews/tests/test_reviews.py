import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.reviews import services, statistics
from kvalitetsnav.reviews.models import Finding, ReviewerKind
from kvalitetsnav.reviews.reminders import send_finding_reminders

from .url_policy import new_followup, new_review


def test_a_decision_before_the_review_started_gets_a_clear_message(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            actor=world.manager_a,
            reviewer=ReviewerKind.CITY_AUDITORS,
            subject="Genomförandeplaner",
            node=world.unit_a,
            started_on=today,
            decided_on=today - dt.timedelta(days=1),
        )
    assert "decided_on" in exc.value.message_dict


def test_a_finding_without_text_is_refused_and_the_form_keeps_the_rest(client, world):
    review, _finding = new_review(world)
    client.force_login(world.manager_a)
    response = client.post(
        reverse("reviews:finding_add", args=[review.pk]),
        {"severity": "brist", "text": "", "response_required": "on", "response_due": "2030-01-01"},
    )
    assert response.status_code == 200
    assert "Skriv vad granskaren fann." in response.content.decode()
    assert response.context["finding_form"]["response_due"].value() == "2030-01-01"


def test_findings_due_are_listed_for_the_responsible_manager_and_reminded_once(world):
    world.manager_a.email = "chef.a@example.org"
    world.manager_a.save()
    _review, finding = new_review(world, due_in_days=3)
    titles = [i.title for g in tasks_for(world.manager_a) for i in g.items]
    assert str(finding) in titles
    today = timezone.localdate()
    assert send_finding_reminders(today) == 1
    assert send_finding_reminders(today) == 0
    assert "Redovisning" in mail.outbox[0].subject
    services.finding_respond(
        actor=world.manager_a,
        finding=finding,
        version=finding.version,
        response="Rutin för riskanalys är införd.",
        responded_on=today,
    )
    assert not [i for g in tasks_for(world.manager_a) for i in g.items if i.title == str(finding)]


def test_a_finding_far_from_its_due_date_is_not_reminded_yet(world):
    new_review(world, due_in_days=30)
    assert send_finding_reminders(timezone.localdate()) == 0


def test_actions_are_linked_to_a_finding_and_shown_on_the_review(client, world):
    review, finding = new_review(world)
    action = services.finding_create_action(actor=world.manager_a, finding=finding, title="Gör RSA")
    assert list(Action.objects.linked_to(finding)) == [action]
    client.force_login(world.staff_a)
    assert "Gör RSA" in client.get(review.get_absolute_url()).content.decode()


def test_the_overdue_list_shows_late_findings(client, world):
    _review, finding = new_review(world)
    Finding.objects.filter(pk=finding.pk).update(
        response_due=timezone.localdate() - dt.timedelta(days=2)
    )
    client.force_login(world.inspector)
    page = client.get(reverse("reviews:overdue")).content.decode()
    assert "Försenad" in page


def test_follow_ups_are_counted_planned_versus_done_per_board_and_year(world):
    done = [new_followup(world) for _ in range(3)]
    year = done[0].year
    services.followup_record(
        actor=world.manager_a2,
        followup=done[0],
        version=done[0].version,
        done_on=timezone.localdate(),
        development_areas="Introduktionsplanen",
    )
    services.followup_plan(
        actor=world.manager_a, node=world.unit_a, year=year, planned_on=dt.date(year, 3, 1)
    )
    with CaptureQueriesContext(connection) as ctx:
        rows = statistics.counts_by_board(world.politician_a)
    assert len(ctx.captured_queries) <= 5  # the roles, then four counts
    assert [(r.board_name, r.followups[year]) for r in rows] == [("Nämnd A", [2, 1])]


def test_a_follow_up_not_done_needs_a_reason(world):
    followup = new_followup(world)
    with pytest.raises(ValidationError) as exc:
        services.followup_record(
            actor=world.manager_a2, followup=followup, version=followup.version, done_on=None
        )
    assert "not_done_reason" in exc.value.message_dict


def test_the_board_sees_counts_only(client, world):
    review, _finding = new_review(world)
    client.force_login(world.politician_a)
    page = client.get(reverse("reviews:overview")).content.decode()
    assert "Nämnd A" in page
    assert f'href="{reverse("reviews:list")}"' not in page
    assert f'href="{reverse("reviews:overdue")}"' not in page
    assert client.get(review.get_absolute_url()).status_code == 404


def test_the_review_list_needs_the_same_queries_for_2_and_12_reviews(client, world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reviews:list")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.manager_a)
    for _ in range(2):
        new_review(world)
    few = count()
    for _ in range(10):
        new_review(world)
    assert count() == few


def test_the_api_gives_a_review_with_its_findings(client, world):
    review, _finding = new_review(world)
    client.force_login(world.inspector)
    assert client.get(reverse("api-v1:list_reviews")).json()["count"] == 1
    data = client.get(reverse("api-v1:get_review", args=[review.pk])).json()
    assert data["reference"] == "3.5.1-00001/2025"
    assert data["findings"][0]["severity"] == "brist"
    client.force_login(world.auditor_a)
    assert client.get(reverse("api-v1:list_reviews")).status_code == 403
