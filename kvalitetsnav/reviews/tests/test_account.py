import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from kvalitetsnav.actions import services as action_services
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.reviews import services
from kvalitetsnav.reviews.models import Finding, Severity, Theme

from .url_policy import new_review


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_account_of_measures_is_a_word_document_with_each_finding_and_its_actions(
    client, world
):
    review, finding = new_review(world)
    services.finding_update(
        actor=world.manager_a,
        finding=finding,
        version=finding.version,
        requirement="Riskanalys enligt 5 kap. 1 § SOSFS 2011:9.",
        theme=Theme.RISK_ANALYSIS,
    )
    services.finding_add(
        actor=world.manager_a,
        review=review,
        text="Kontakt med enskilda vid förändrade insatser saknas.",
        severity=Severity.SHORTCOMING,
    )
    action = services.finding_create_action(
        actor=world.manager_a,
        finding=finding,
        title="Årlig riskanalys på arbetsplatsträff",
        owner=world.manager_a,
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    action_services.action_advance(actor=world.manager_a, action=action, version=action.version)
    client.force_login(world.staff_a)
    response = client.get(reverse("reviews:account_docx", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="Redovisning-3.5.1-00001-2025.docx"'
    )
    text = _docx_text(response.content)
    assert "Redovisning av vidtagna åtgärder" in text
    assert "IVO – tillsyn" in text and "3.5.1-00001/2025" in text and "Hemtjänst A" in text
    assert "Iakttagelse 1: Brist" in text and "Iakttagelse 2: Brist" in text
    assert "Enheten har brustit i arbetet med riskanalys." in text
    assert "Riskanalys enligt 5 kap. 1 § SOSFS 2011:9." in text
    assert "Årlig riskanalys på arbetsplatsträff" in text and "Pågår" in text
    assert "Enhetschef" in text  # the responsible role, not the person
    assert "Inga åtgärder registrerade." in text  # the second finding
    assert AuditEvent.objects.filter(object_id=str(review.pk), action="read").exists()


def test_sending_the_account_answers_the_findings_and_clears_the_task(world):
    review, finding = new_review(world, due_in_days=3)
    services.finding_create_action(actor=world.manager_a, finding=finding, title="Gör riskanalys")
    assert any(i.title == str(finding) for g in tasks_for(world.manager_a) for i in g.items)
    today = timezone.localdate()
    services.review_account_sent(
        actor=world.manager_a, review=review, version=review.version, sent_on=today
    )
    finding = Finding.objects.get(pk=finding.pk)
    assert finding.responded_on == today
    assert "Gör riskanalys (planerad)" in finding.response
    assert review.account_sent_on == today
    assert not any(i.title == str(finding) for g in tasks_for(world.manager_a) for i in g.items)
    services.review_close(
        actor=world.manager_a,
        review=review,
        version=review.version,
        closed_on=today,
        closing_note="IVO avslutar ärendet, alla krav uppfyllda.",
    )
    with pytest.raises(ValidationError):
        services.review_account_sent(
            actor=world.manager_a, review=review, version=review.version, sent_on=today
        )


def test_an_account_sent_in_the_future_is_refused_on_the_page(client, world):
    review, _finding = new_review(world)
    client.force_login(world.manager_a)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        reverse("reviews:account_sent", args=[review.pk]),
        {"version": review.version, "sent_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert "Datumet kan inte ligga i framtiden." in response.content.decode()
    assert response.context["sent_form"]["sent_on"].value() == tomorrow.isoformat()


def test_the_review_page_shows_the_account_deadline_and_download(client, world):
    review, finding = new_review(world, due_in_days=5)
    client.force_login(world.manager_a)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Redovisning senast" in page
    assert finding.response_due.isoformat() in page
    assert reverse("reviews:account_docx", args=[review.pk]) in page
