"""Every state change of templates and inspections: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap, roles_of
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import (
    Answer,
    AnswerType,
    Choice,
    Inspection,
    InspectionStatus,
    Purpose,
    QualityArea,
    Question,
    Section,
    Template,
    TemplateVersion,
    last_day_of_month,
)
from .policies import may_build, may_review, policy

# Templates ----------------------------------------------------------------------------


def template_create(
    *,
    actor: User,
    name: str,
    purpose: str = Purpose.SELF_INSPECTION,
    owner: OrgNode | None,
    description: str = "",
) -> Template:
    """A new template with an empty draft version 1, owned by ``owner``."""
    if owner is None and Role.KVALITETSUTVECKLARE not in roles_of(actor):
        raise ValidationError({"owner": _("Välj den nivå som ska förvalta mallen.")})
    if owner is not None and not has_cap(actor, Cap.MANAGE_RECORDS, owner):
        raise ValidationError({"owner": _("Du kan inte skapa mallar för den nivån.")})
    template = Template(
        name=name.strip(),
        purpose=purpose,
        owner=owner,
        description=description.strip(),
        created_by=actor,
    )
    template.full_clean()
    with transaction.atomic():
        template.save()
        TemplateVersion.objects.create(template=template, number=1)
        audit.record_create(actor, template)
    return template


def template_update(
    *,
    actor: User,
    template: Template,
    version: int,
    name: str,
    description: str = "",
    owner: OrgNode | None,
    purpose: str | None = None,
) -> Template:
    """Change a template's details. Its versions, questions and results stay as they are.

    The purpose may change only while no inspection uses the template, since results are
    grouped by it. The new owner must be a level the actor manages (a shipped template,
    without owner, is kept by the quality developers).
    """
    _check_builder(actor, template)
    if owner != template.owner:
        if owner is None and Role.KVALITETSUTVECKLARE not in roles_of(actor):
            raise ValidationError({"owner": _("Välj den nivå som ska förvalta mallen.")})
        if owner is not None and not has_cap(actor, Cap.MANAGE_RECORDS, owner):
            raise ValidationError({"owner": _("Du kan inte lämna över mallen till den nivån.")})
    purpose = purpose or template.purpose
    if (
        purpose != template.purpose
        and Inspection.objects.filter(template_version__template=template).exists()
    ):
        raise ValidationError(
            {"purpose": _("Syftet kan inte ändras när mallen redan har använts.")}
        )
    with transaction.atomic():
        before = audit.snapshot(template)
        template.name = name.strip()
        template.description = description.strip()
        template.owner = owner
        template.purpose = purpose
        template.full_clean()
        save_versioned(template, version)
        audit.record_update(actor, template, before)
    return template


def _check_builder(actor: User, template: Template) -> None:
    if not may_build(actor, template):
        raise PermissionDenied


def _check_draft(version: TemplateVersion) -> None:
    if version.published:
        raise ValidationError(
            _("En publicerad version ändras aldrig. Skapa en ny version för att ändra mallen.")
        )


def template_draft(*, actor: User, template: Template) -> TemplateVersion:
    """The template's draft; if it has none, a copy of its latest published version."""
    _check_builder(actor, template)
    with transaction.atomic():
        template = Template.objects.select_for_update().get(pk=template.pk)
        draft = template.draft()
        if draft is not None:
            return draft
        source = template.latest_published()
        number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = TemplateVersion.objects.create(template=template, number=number)
        if source is not None:
            _copy_version(source, draft)
        audit.record_changes(actor, template, {"version": [number - 1, number]})
    return draft


def _copy_version(source: TemplateVersion, target: TemplateVersion) -> None:
    sections = list(source.sections.prefetch_related("questions__quality_areas"))
    for section in sections:
        copy = Section.objects.create(
            version=target, title=section.title, position=section.position
        )
        for question in section.questions.all():
            areas = list(question.quality_areas.all())
            question.pk = None
            question._state.adding = True
            question.section = copy
            question.save()
            question.quality_areas.set(areas)


def _next_position(queryset: models.QuerySet) -> int:
    return (queryset.aggregate(p=Max("position"))["p"] or 0) + 1


def section_add(*, actor: User, version: TemplateVersion, title: str) -> Section:
    _check_builder(actor, version.template)
    _check_draft(version)
    if not title.strip():
        raise ValidationError({"title": _("Ge avsnittet en rubrik.")})
    with transaction.atomic():
        section = Section.objects.create(
            version=version,
            title=title.strip(),
            position=_next_position(version.sections.all()),
        )
        audit.record_changes(actor, version.template, {"avsnitt": [None, section.title]})
    return section


def _clean_reason_choices(answer_type: str, chosen: Iterable[str]) -> list[str]:
    allowed = {
        AnswerType.CHOICE: list(Choice.values),
        AnswerType.SCALE: [str(n) for n in range(1, 6)],
    }.get(answer_type, [])
    chosen = list(chosen)
    if any(value not in allowed for value in chosen):
        raise ValidationError(
            {
                "reason_required_for": _(
                    "Motivering kan bara krävas för fasta svar på frågor med fasta svar."
                )
            }
        )
    return [value for value in allowed if value in chosen]


def question_add(
    *,
    actor: User,
    section: Section,
    text: str,
    answer_type: str = AnswerType.CHOICE,
    quality_areas: Iterable[QualityArea] = (),
    rule_cited: str = "",
    reason_required_for: Iterable[str] = (),
    help_text: str = "",
) -> Question:
    _check_builder(actor, section.version.template)
    _check_draft(section.version)
    question = Question(
        section=section,
        text=text.strip(),
        answer_type=answer_type,
        rule_cited=rule_cited.strip(),
        help_text=help_text.strip(),
        reason_required_for=_clean_reason_choices(answer_type, reason_required_for),
        position=_next_position(section.questions.all()),
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        question.quality_areas.set(list(quality_areas))
        audit.record_changes(actor, section.version.template, {"fråga": [None, question.text]})
    return question


def question_update(*, actor: User, question: Question, **changes: Any) -> Question:
    """Change a question of a draft; a published version's questions never change."""
    version = question.section.version
    _check_builder(actor, version.template)
    _check_draft(version)
    areas = changes.pop("quality_areas", None)
    allowed = {"text", "answer_type", "rule_cited", "reason_required_for", "help_text"}
    if set(changes) - allowed:
        raise TypeError(f"Not editable: {sorted(set(changes) - allowed)}")
    before = question.text
    for name, value in changes.items():
        setattr(question, name, value.strip() if isinstance(value, str) else value)
    question.reason_required_for = _clean_reason_choices(
        question.answer_type, question.reason_required_for
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        if areas is not None:
            question.quality_areas.set(list(areas))
        audit.record_changes(actor, version.template, {"fråga": [before, question.text]})
    return question


def question_delete(*, actor: User, question: Question) -> None:
    version = question.section.version
    _check_builder(actor, version.template)
    _check_draft(version)
    with transaction.atomic():
        audit.record_changes(actor, version.template, {"fråga": [question.text, None]})
        question.delete()


def item_move(*, actor: User, item: Section | Question, direction: str) -> None:
    """Swap a section or question with its neighbour ("up" or "down")."""
    version = item.version if isinstance(item, Section) else item.section.version
    _check_builder(actor, version.template)
    _check_draft(version)
    siblings = version.sections.all() if isinstance(item, Section) else item.section.questions.all()
    ordered = list(siblings.order_by("position", "created_at"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    with transaction.atomic():
        for position, obj in enumerate(ordered, start=1):
            if obj.position != position:
                type(obj).objects.filter(pk=obj.pk).update(position=position)


def version_publish(*, actor: User, version: TemplateVersion) -> TemplateVersion:
    """Publish a draft; from now on it never changes and new inspections use it."""
    _check_builder(actor, version.template)
    _check_draft(version)
    if not Question.objects.filter(section__version=version).exists():
        raise ValidationError(_("Lägg till minst en fråga innan du publicerar."))
    with transaction.atomic():
        before = audit.snapshot(version)
        version.published = True
        version.published_at = timezone.now()
        version.published_by = actor
        version.save()
        audit.record_update(actor, version, before)
    return version


# Inspections --------------------------------------------------------------------------


def _check_case_reference(reference: str) -> str:
    reference = reference.strip()
    try:
        validate_no_identity_number(reference)
    except ValidationError as exc:
        raise ValidationError({"case_reference": exc.messages}) from None
    return reference


def inspection_create(
    *,
    actor: User,
    version: TemplateVersion,
    node: OrgNode,
    due_month: dt.date,
    responsible: User | None = None,
    case_reference: str = "",
    plan=None,
    sample=None,
    audit_log: bool = True,
) -> Inspection:
    """Plan one inspection of a published version in ``node``.

    Managers plan; a case-review protocol of a sample may also be made by an inspector.
    """
    allowed = may_review(actor, node) if sample is not None else None
    if not (allowed or has_cap(actor, Cap.MANAGE_RECORDS, node)):
        raise PermissionDenied
    if not version.published:
        raise ValidationError({"template": _("Bara en publicerad mall kan planeras.")})
    if responsible is not None and not responsible.is_active:
        raise ValidationError({"responsible": _("Den ansvariga användaren är inte aktiv.")})
    inspection = Inspection(
        template_version=version,
        node=node,
        responsible=responsible,
        due_month=due_month.replace(day=1),
        case_reference=_check_case_reference(case_reference),
        plan=plan,
        sample=sample,
        created_by=actor,
    )
    inspection.due_date = last_day_of_month(due_month)
    inspection.full_clean()
    with transaction.atomic():
        inspection.save()
        if audit_log:
            audit.record_create(actor, inspection)
    return inspection


def _value_of(question: Question, raw: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"choice": "", "number": None, "date": None, "text": ""}
    if raw in (None, ""):
        return fields
    if question.answer_type in (AnswerType.CHOICE, AnswerType.SCALE):
        fields["choice"] = str(raw)
    elif question.answer_type == AnswerType.NUMBER:
        fields["number"] = Decimal(str(raw))
    elif question.answer_type == AnswerType.DATE:
        fields["date"] = raw
    else:
        fields["text"] = str(raw).strip()
    return fields


def _has_value(fields: dict[str, Any]) -> bool:
    return bool(fields["choice"] or fields["text"]) or any(
        fields[k] is not None for k in ("number", "date")
    )


def inspection_save(
    *,
    actor: User,
    inspection: Inspection,
    version: int,
    answers: dict[Any, dict[str, Any]],
    summary: str = "",
    complete: bool = False,
) -> Inspection:
    """Save the answers (``{question_id: {"value": …, "reason": …}}``); sign off when ``complete``.

    A half-done inspection may be saved at any time. Signing off needs every fixed
    answer, and a reason wherever the template requires one. Errors are keyed
    ``value_<question id>`` and ``reason_<question id>``; nothing is saved then.
    """
    if not policy.can(actor, "answer", inspection):
        raise PermissionDenied
    if inspection.is_done:
        raise ValidationError(_("Egenkontrollen är redan klarmarkerad och kan inte ändras."))
    questions = list(inspection.template_version.questions())
    errors: dict[str, list[str]] = {}
    rows: dict[Any, dict[str, Any]] = {}
    for question in questions:
        given = answers.get(question.pk) or answers.get(str(question.pk)) or {}
        fields = _value_of(question, given.get("value"))
        reason = (given.get("reason") or "").strip() if question.takes_reason else ""
        for key, text in (
            (f"value_{question.pk}", fields["text"]),
            (f"reason_{question.pk}", reason),
        ):
            try:
                validate_no_identity_number(text)
            except ValidationError as exc:
                errors.setdefault(key, []).extend(exc.messages)
        if complete and question.answer_type != AnswerType.TEXT and not _has_value(fields):
            errors.setdefault(f"value_{question.pk}", []).append(_("Svara på frågan."))
        if complete and question.reason_required(fields["choice"]) and not reason:
            label = (
                Choice(fields["choice"]).label
                if question.answer_type == AnswerType.CHOICE
                else fields["choice"]
            )
            errors.setdefault(f"reason_{question.pk}", []).append(
                _("Motivera svaret ”%(answer)s” i fritext.") % {"answer": label}
            )
        rows[question.pk] = {**fields, "reason": reason}
    try:
        validate_no_identity_number(summary)
    except ValidationError as exc:
        errors["summary"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = audit.snapshot(inspection)
        existing = {a.question_id: a for a in inspection.answers.all()}
        changes: dict[str, list[Any]] = {}
        to_create, to_update = [], []
        for position, question in enumerate(questions, start=1):
            row = rows[question.pk]
            answer = existing.get(question.pk)
            if answer is None:
                if not _has_value(row) and not row["reason"]:
                    continue
                to_create.append(Answer(inspection=inspection, question=question, **row))
                changes[f"Fråga {position}"] = [None, _summary(row)]
            elif any(getattr(answer, k) != v for k, v in row.items()):
                changes[f"Fråga {position}"] = [_summary(vars(answer)), _summary(row)]
                for k, v in row.items():
                    setattr(answer, k, v)
                to_update.append(answer)
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, ["choice", "number", "date", "text", "reason"])
        inspection.summary = summary.strip()
        if complete:
            inspection.status = InspectionStatus.DONE
            inspection.completed_at = timezone.now()
            inspection.completed_by = actor
        elif inspection.status == InspectionStatus.PLANNED:
            inspection.status = InspectionStatus.IN_PROGRESS
        save_versioned(
            inspection,
            version,
            _(
                "Någon annan har sparat egenkontrollen medan du arbetade. "
                "Ladda om sidan; det du skrev finns kvar i formuläret."
            ),
        )
        audit.record_update(actor, inspection, before)
        if changes:
            audit.record_changes(actor, inspection, changes)
    return inspection


def _summary(row: dict[str, Any]) -> str:
    value = row.get("choice") or row.get("text") or row.get("number") or row.get("date") or ""
    reason = row.get("reason") or ""
    return f"{value} – {reason}" if reason else str(value)


def finding_action_create(
    *,
    actor: User,
    inspection: Inspection,
    answer: Answer,
    title: str,
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """Turn a "nej" or "delvis" into an action in the actions register, linked back."""
    if answer.inspection_id != inspection.pk:
        raise ValidationError(_("Svaret hör inte till den här egenkontrollen."))
    if not answer.is_finding:
        raise ValidationError(_("Bara svaren nej och delvis blir åtgärder."))
    if answer.action_id is not None:
        raise ValidationError(_("Svaret har redan en åtgärd."))
    description = _("Fråga: %(question)s\nSvar: %(answer)s") % {
        "question": answer.question.text,
        "answer": answer.display_value(),
    }
    if answer.reason:
        description += "\n" + _("Motivering: %(reason)s") % {"reason": answer.reason}
    with transaction.atomic():
        action = action_services.action_create(
            actor=actor,
            title=title or answer.question.text[:200],
            node=inspection.node,
            description=description,
            owner=owner,
            due_date=due_date,
            source=inspection,
        )
        Answer.objects.filter(pk=answer.pk).update(action=action)
        answer.action = action
        audit.record_changes(actor, inspection, {"åtgärd": [None, action.title]})
    return action
