"""A complaint that may reveal misconduct becomes a lex Sarah case, and both keep the link."""

from django.urls import reverse

from kvalitetsnav.feedback.tests.url_policy import new_feedback
from kvalitetsnav.lexcases.models import LexCase, LexKind


def test_a_manager_opens_a_lex_sarah_case_from_a_complaint_prefilled_from_it(client, world):
    feedback = new_feedback(world)
    client.force_login(world.manager_a)
    page = client.get(feedback.get_absolute_url()).content.decode()
    url = reverse("lexcases:create_from_feedback", args=[feedback.pk])
    assert url in page and "Öppna lex Sarah-ärende" in page
    form = client.get(url).content.decode()
    assert "Hemtjänsten kom inte på morgonbesöket." in form
    assert feedback.receipt_number in form


def test_the_case_keeps_the_link_and_the_complaint_shows_the_case(client, world):
    feedback = new_feedback(world)
    client.force_login(world.manager_a)
    response = client.post(
        reverse("lexcases:create_from_feedback", args=[feedback.pk]),
        {
            "kind": LexKind.LEX_SARAH,
            "node": world.unit_a.pk,
            "title": "Missat morgonbesök",
            "received_at": "2026-11-20T08:00",
            "description": "Hemtjänsten kom inte på morgonbesöket.",
        },
    )
    case = LexCase.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert case.feedback == feedback and case.kind == LexKind.LEX_SARAH
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert case.reference in page


def test_the_inspector_reads_the_complaint_but_cannot_open_a_case_from_it(client, world):
    feedback = new_feedback(world)
    client.force_login(world.inspector)
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert reverse("lexcases:create_from_feedback", args=[feedback.pk]) not in page
