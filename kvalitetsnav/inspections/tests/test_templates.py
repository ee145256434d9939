"""Versioned checklists: a published version never changes; answers keep their question."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kvalitetsnav.inspections import services
from kvalitetsnav.inspections.models import Question
from kvalitetsnav.inspections.tests.factories import make_done, make_inspection


def test_a_published_version_refuses_new_questions(world, checklist):
    version = checklist.latest_published()
    with pytest.raises(ValidationError, match="publicerad version ändras aldrig"):
        services.section_add(actor=world.quality_a, version=version, title="Nytt")


def test_editing_makes_a_new_draft_version_with_copied_questions(world, checklist):
    draft = services.template_draft(actor=world.quality_a, template=checklist)
    assert draft.number == 2 and not draft.published
    assert Question.objects.filter(section__version=draft).count() == 3
    assert services.template_draft(actor=world.quality_a, template=checklist) == draft


def test_a_recorded_answer_keeps_its_question_text_after_the_template_changes(world, checklist):
    inspection = make_done(world, make_inspection(world, checklist))
    draft = services.template_draft(actor=world.quality_a, template=checklist)
    question = Question.objects.filter(section__version=draft).first()
    services.question_update(actor=world.quality_a, question=question, text="Helt ny fråga?")
    services.version_publish(actor=world.quality_a, version=draft)
    texts = {a.question.text for a in inspection.answers.select_related("question")}
    assert "Är planen upprättad i tid?" in texts and "Helt ny fråga?" not in texts


def test_only_the_owner_level_may_build_the_template(world, checklist):
    with pytest.raises(PermissionDenied):
        services.template_draft(actor=world.manager_b, template=checklist)


def test_moving_a_question_up_swaps_it_with_its_neighbour(world, checklist):
    draft = services.template_draft(actor=world.quality_a, template=checklist)
    second = list(draft.questions())[1]
    services.item_move(actor=world.quality_a, item=second, direction="up")
    assert list(draft.questions())[0].pk == second.pk


def test_a_reason_can_only_be_required_for_answers_the_question_has(world, checklist):
    draft = services.template_draft(actor=world.quality_a, template=checklist)
    with pytest.raises(ValidationError):
        services.question_add(
            actor=world.quality_a,
            section=draft.sections.first(),
            text="Datum för senaste uppföljning",
            answer_type="datum",
            reason_required_for=["nej"],
        )


def test_the_builder_page_adds_a_section_and_publishes_without_javascript(client, world, checklist):
    draft = services.template_draft(actor=world.quality_a, template=checklist)
    client.force_login(world.quality_a)
    url = f"/egenkontroll/versioner/{draft.pk}/bygg/"
    assert client.post(url, {"op": "add_section", "title": "Journal"}).status_code == 302
    assert draft.sections.filter(title="Journal").exists()
    client.post(url, {"op": "publish"})
    draft.refresh_from_db()
    assert draft.published
