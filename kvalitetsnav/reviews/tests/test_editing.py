import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.core.concurrency import ConflictError
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.reviews import services
from kvalitetsnav.reviews.models import Finding, Review

from .url_policy import new_review


def _review_post(review, **changes):
    data = {
        "reviewer": review.reviewer,
        "reference": review.reference,
        "subject": review.subject,
        "node": review.node_id,
        "started_on": review.started_on.isoformat(),
        "decided_on": "",
        "responsible": review.responsible_id or "",
        "version": review.version,
    }
    return {**data, **changes}


def test_a_manager_edits_a_review_and_the_change_is_audited(client, world):
    review, _finding = new_review(world)
    client.force_login(world.manager_a)
    url = reverse("reviews:edit", args=[review.pk])
    assert client.get(url).context["form"]["subject"].value() == review.subject
    response = client.post(url, _review_post(review, reference="3.5.1-00002/2025"))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.reference == "3.5.1-00002/2025" and review.version == 2
    event = AuditEvent.objects.filter(object_id=str(review.pk), action="update").get()
    assert event.changes["reference"] == ["3.5.1-00001/2025", "3.5.1-00002/2025"]


def test_an_edit_of_a_review_someone_else_changed_is_a_conflict_that_keeps_the_text(client, world):
    review, _finding = new_review(world)
    old_version = review.version
    services.review_update(
        actor=world.dept_head_a, review=review, version=review.version, subject="Ny rubrik"
    )
    client.force_login(world.manager_a)
    response = client.post(
        reverse("reviews:edit", args=[review.pk]),
        _review_post(review, subject="Min rubrik", version=old_version),
    )
    assert response.status_code == 200
    assert "Någon annan har ändrat posten" in response.content.decode()
    assert response.context["form"]["subject"].value() == "Min rubrik"
    assert Review.objects.get(pk=review.pk).subject == "Ny rubrik"


def test_a_decision_before_the_start_is_refused_when_editing(client, world):
    review, _finding = new_review(world)
    client.force_login(world.manager_a)
    before = (review.started_on - dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("reviews:edit", args=[review.pk]),
        _review_post(review, decided_on=before, subject="Behåll mig"),
    )
    assert response.status_code == 200
    assert "Beslutet kan inte vara före granskningen började." in response.content.decode()
    assert response.context["form"]["subject"].value() == "Behåll mig"


def test_a_finding_is_edited_with_its_requirement_and_theme(client, world):
    review, finding = new_review(world)
    client.force_login(world.manager_a)
    due = (timezone.localdate() + dt.timedelta(days=40)).isoformat()
    response = client.post(
        reverse("reviews:finding_edit", args=[finding.pk]),
        {
            "severity": "brist",
            "text": "Riskanalys saknas för förändrade insatser.",
            "requirement": "5 kap. 1 § SOSFS 2011:9",
            "theme": "riskanalys",
            "response_required": "on",
            "response_due": due,
            "version": finding.version,
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.theme == "riskanalys" and finding.response_due.isoformat() == due
    assert finding.requirement == "5 kap. 1 § SOSFS 2011:9"


def test_a_finding_edit_without_text_keeps_what_was_typed(client, world):
    _review, finding = new_review(world)
    client.force_login(world.manager_a)
    response = client.post(
        reverse("reviews:finding_edit", args=[finding.pk]),
        {"severity": "brist", "text": "", "requirement": "Lagrum", "version": finding.version},
    )
    assert response.status_code == 200
    assert "Skriv vad granskaren fann." in response.content.decode()
    assert response.context["form"]["requirement"].value() == "Lagrum"


def test_a_stale_finding_edit_is_a_conflict(world):
    _review, finding = new_review(world)
    services.finding_update(
        actor=world.manager_a, finding=finding, version=finding.version, theme="riskanalys"
    )
    stale = Finding.objects.get(pk=finding.pk)
    with pytest.raises(ConflictError):
        services.finding_update(actor=world.manager_a, finding=stale, version=1, text="Ny text")


def test_a_personal_identity_number_in_a_requirement_is_refused(world):
    _review, finding = new_review(world)
    with pytest.raises(ValidationError) as exc:
        services.finding_update(
            actor=world.manager_a,
            finding=finding,
            version=finding.version,
            requirement="Gäller 19121212-1212",
        )
    assert "requirement" in exc.value.message_dict
