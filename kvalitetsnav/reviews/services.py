"""Every change of a review, finding or follow-up: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import Finding, ProviderFollowUp, Review, ReviewerKind, Severity, Theme
from .policies import finding_policy, followup_policy, review_policy

_CONFLICT = _(
    "Någon annan har ändrat posten medan du arbetade. Ladda om sidan och gör om ändringen."
)


def _free_text(**fields: str) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        try:
            validate_no_identity_number(value or "")
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def _check_review(
    *,
    reviewer: str,
    subject: str,
    node: OrgNode,
    started_on: dt.date | None,
    decided_on: dt.date | None,
    units: list[OrgNode],
    responsible: User | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if reviewer not in ReviewerKind.values:
        errors["reviewer"] = [_("Välj vem som granskade.")]
    if not subject.strip():
        errors["subject"] = [_("Beskriv vad som granskades.")]
    if started_on is None:
        errors["started_on"] = [_("Ange när granskningen började.")]
    if decided_on and started_on and decided_on < started_on:
        errors["decided_on"] = [_("Beslutet kan inte vara före granskningen började.")]
    if any(not unit.path.startswith(node.path) for unit in units):
        errors["units"] = [_("Välj enheter inom den ansvariga nivån.")]
    if responsible is not None and not responsible.is_active:
        errors["responsible"] = [_("Den ansvariga användaren är inte längre aktiv.")]
    if errors:
        raise ValidationError(errors)
    _free_text(subject=subject)


def review_create(
    *,
    actor: User,
    reviewer: str,
    subject: str,
    node: OrgNode,
    started_on: dt.date,
    reference: str = "",
    units: Iterable[OrgNode] = (),
    decided_on: dt.date | None = None,
    responsible: User | None = None,
) -> Review:
    """Register an external review of ``node`` (and some of its units)."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    units = list(units)
    _check_review(
        reviewer=reviewer,
        subject=subject,
        node=node,
        started_on=started_on,
        decided_on=decided_on,
        units=units,
        responsible=responsible,
    )
    review = Review(
        reviewer=reviewer,
        reference=reference.strip(),
        subject=subject.strip(),
        node=node,
        started_on=started_on,
        decided_on=decided_on,
        responsible=responsible,
        created_by=actor,
    )
    review.full_clean()
    with transaction.atomic():
        review.save()
        review.units.set(units)
        audit.record_create(actor, review)
    return review


REVIEW_FIELDS = (
    "reviewer", "reference", "subject", "node", "units", "started_on", "decided_on", "responsible",
)  # fmt: skip


def review_update(*, actor: User, review: Review, version: int, **changes: Any) -> Review:
    """Change a review's details; ``version`` is the one the user saw (else a conflict)."""
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not review_policy.can(actor, "change", review):
        raise PermissionDenied
    new_node = changes.get("node", review.node)
    if not has_cap(actor, Cap.MANAGE_RECORDS, new_node):
        raise ValidationError({"node": [_("Du kan inte flytta granskningen dit.")]})
    units = list(changes.pop("units", review.units.all()))
    merged = {
        name: changes.get(name, getattr(review, name)) for name in REVIEW_FIELDS if name != "units"
    }
    _check_review(
        reviewer=merged["reviewer"],
        subject=merged["subject"],
        node=new_node,
        started_on=merged["started_on"],
        decided_on=merged["decided_on"],
        units=units,
        responsible=merged["responsible"] if "responsible" in changes else None,
    )
    if review.findings.filter(response_due__lt=merged["started_on"]).exists():
        raise ValidationError(
            {"started_on": [_("En iakttagelse ska redovisas före det datumet. Ändra den först.")]}
        )
    with transaction.atomic():
        before = audit.snapshot(review)
        for name, value in changes.items():
            setattr(review, name, value.strip() if isinstance(value, str) else value)
        review.full_clean()
        save_versioned(review, version, _CONFLICT)
        review.units.set(units)
        audit.record_update(actor, review, before)
    return review


def review_close(
    *, actor: User, review: Review, version: int, closed_on: dt.date, closing_note: str
) -> Review:
    """Record the reviewer's closing decision, e.g. "IVO avslutar ärendet, alla krav uppfyllda"."""
    if not review_policy.can(actor, "change", review):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if review.closed_on:
        raise ValidationError(_("Granskningen är redan avslutad."))
    if not closing_note.strip():
        errors["closing_note"] = [_("Skriv granskarens besked.")]
    if closed_on < review.started_on:
        errors["closed_on"] = [_("Datumet kan inte vara före granskningen började.")]
    elif closed_on > timezone.localdate():
        errors["closed_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if errors:
        raise ValidationError(errors)
    _free_text(closing_note=closing_note)
    with transaction.atomic():
        before = audit.snapshot(review)
        review.closed_on = closed_on
        review.closing_note = closing_note.strip()
        save_versioned(review, version, _CONFLICT)
        audit.record_update(actor, review, before)
    return review


def _check_finding(
    *,
    review: Review,
    text: str,
    severity: str,
    theme: str,
    requirement: str,
    response_required: bool,
    response_due: dt.date | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Skriv vad granskaren fann.")]
    if severity not in Severity.values:
        errors["severity"] = [_("Välj slag av iakttagelse.")]
    if theme and theme not in Theme.values:
        errors["theme"] = [_("Välj ett tema i listan.")]
    if response_required and response_due is None:
        errors["response_due"] = [_("Ange när åtgärderna ska redovisas.")]
    if response_due and response_due < review.started_on:
        errors["response_due"] = [_("Datumet kan inte vara före granskningen började.")]
    if errors:
        raise ValidationError(errors)
    _free_text(text=text, requirement=requirement)


def finding_add(
    *,
    actor: User,
    review: Review,
    text: str,
    severity: str,
    requirement: str = "",
    theme: str = "",
    response_required: bool = False,
    response_due: dt.date | None = None,
) -> Finding:
    if not review_policy.can(actor, "change", review):
        raise PermissionDenied
    _check_finding(
        review=review,
        text=text,
        severity=severity,
        theme=theme,
        requirement=requirement,
        response_required=response_required,
        response_due=response_due,
    )
    finding = Finding(
        review=review,
        text=text.strip(),
        severity=severity,
        requirement=requirement.strip(),
        theme=theme,
        response_required=response_required,
        response_due=response_due if response_required else None,
    )
    finding.full_clean()
    with transaction.atomic():
        finding.save()
        audit.record_create(actor, finding)
    return finding


FINDING_FIELDS = ("text", "severity", "requirement", "theme", "response_required", "response_due")


def finding_update(*, actor: User, finding: Finding, version: int, **changes: Any) -> Finding:
    """Change a finding's wording, kind, theme or deadline (the version the user saw)."""
    unknown = set(changes) - set(FINDING_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not finding_policy.can(actor, "change", finding):
        raise PermissionDenied
    merged = {name: changes.get(name, getattr(finding, name)) for name in FINDING_FIELDS}
    _check_finding(review=finding.review, **merged)
    if not merged["response_required"] and finding.responded_on:
        raise ValidationError(
            {"response_required": [_("Redovisningen är redan registrerad för iakttagelsen.")]}
        )
    with transaction.atomic():
        before = audit.snapshot(finding)
        for name, value in merged.items():
            setattr(finding, name, value.strip() if isinstance(value, str) else value)
        if not finding.response_required:
            finding.response_due = None
        if finding.response_due != before["response_due"]:
            finding.reminded_for = None  # a new deadline earns a new reminder
        finding.full_clean()
        save_versioned(finding, version, _CONFLICT)
        audit.record_update(actor, finding, before)
    return finding


def finding_respond(
    *, actor: User, finding: Finding, version: int, response: str, responded_on: dt.date
) -> Finding:
    """Record the account of measures sent to the reviewer for a finding."""
    if not finding_policy.can(actor, "change", finding):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not response.strip():
        errors["response"] = [_("Skriv vad ni redovisade.")]
    if responded_on > timezone.localdate():
        errors["responded_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if errors:
        raise ValidationError(errors)
    _free_text(response=response)
    with transaction.atomic():
        before = audit.snapshot(finding)
        finding.response = response.strip()
        finding.responded_on = responded_on
        save_versioned(finding, version, _CONFLICT)
        audit.record_update(actor, finding, before)
    return finding


def _summary_of_actions(actions: list[Action]) -> str:
    if not actions:
        return _("Redovisat i redovisningen av vidtagna åtgärder.")
    return _("Redovisat i redovisningen av vidtagna åtgärder: %(actions)s.") % {
        "actions": "; ".join(f"{a.title} ({a.get_status_display().lower()})" for a in actions)
    }


def review_account_sent(*, actor: User, review: Review, version: int, sent_on: dt.date) -> Review:
    """Record that the account of measures was sent to the reviewer on ``sent_on``.

    Every finding still awaiting an account is marked as answered that day; its
    answer, if none was written, names the actions the account listed.
    """
    if not review_policy.can(actor, "change", review):
        raise PermissionDenied
    if review.closed_on:
        raise ValidationError(_("Granskningen är redan avslutad."))
    errors: dict[str, list[str]] = {}
    if sent_on < review.started_on:
        errors["sent_on"] = [_("Datumet kan inte vara före granskningen började.")]
    elif sent_on > timezone.localdate():
        errors["sent_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if errors:
        raise ValidationError(errors)
    findings = list(review.findings.awaiting_response())
    linked: dict[str, list[Action]] = {}
    for action in Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Finding),
        source_id__in=[str(f.pk) for f in findings],
    ):
        linked.setdefault(action.source_id, []).append(action)
    with transaction.atomic():
        before = audit.snapshot(review)
        review.account_sent_on = sent_on
        save_versioned(review, version, _CONFLICT)
        audit.record_update(actor, review, before)
        for finding in findings:
            finding_before = audit.snapshot(finding)
            finding.response = finding.response or _summary_of_actions(
                linked.get(str(finding.pk), [])
            )
            finding.responded_on = sent_on
            save_versioned(finding, finding.version, _CONFLICT)
            audit.record_update(actor, finding, finding_before)
    return review


def _action_for(*, actor, source, node, title, description, owner, due_date) -> Action:
    _free_text(title=title, description=description)
    if not title.strip():
        raise ValidationError({"title": [_("Beskriv åtgärden.")]})
    return action_services.action_create(
        actor=actor,
        title=title,
        description=description,
        node=node,
        owner=owner,
        due_date=due_date,
        source=source,
    )


def finding_create_action(
    *,
    actor: User,
    finding: Finding,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """An action in the register against the finding, linked back to it."""
    if not finding_policy.can(actor, "change", finding):
        raise PermissionDenied
    return _action_for(
        actor=actor,
        source=finding,
        node=finding.review.node,
        title=title,
        description=description,
        owner=owner,
        due_date=due_date,
    )


def followup_plan(
    *, actor: User, node: OrgNode, year: int, planned_on: dt.date
) -> ProviderFollowUp:
    """Plan the year's follow-up of a unit (one per unit and year)."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not node.is_unit:
        errors["node"] = [_("Välj en enhet.")]
    if planned_on.year != year:
        errors["planned_on"] = [_("Datumet ska ligga inom det planerade året.")]
    if ProviderFollowUp.objects.filter(node=node, year=year).exists():
        errors["node"] = [_("Enheten har redan en planerad uppföljning det året.")]
    if errors:
        raise ValidationError(errors)
    followup = ProviderFollowUp(node=node, year=year, planned_on=planned_on)
    followup.full_clean()
    with transaction.atomic():
        followup.save()
        audit.record_create(actor, followup)
    return followup


def followup_record(
    *,
    actor: User,
    followup: ProviderFollowUp,
    version: int,
    done_on: dt.date | None,
    not_done_reason: str = "",
    strengths: str = "",
    development_areas: str = "",
    shortcomings: str = "",
) -> ProviderFollowUp:
    """Record what the follow-up found, or why it was not done (e.g. the contract ended)."""
    if not followup_policy.can(actor, "change", followup):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if done_on is None and not not_done_reason.strip():
        errors["not_done_reason"] = [
            _("Ange när uppföljningen gjordes, eller varför den inte blev av.")
        ]
    if done_on and done_on > timezone.localdate():
        errors["done_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if errors:
        raise ValidationError(errors)
    _free_text(strengths=strengths, development_areas=development_areas, shortcomings=shortcomings)
    with transaction.atomic():
        before = audit.snapshot(followup)
        followup.done_on = done_on
        followup.not_done_reason = not_done_reason.strip()
        followup.strengths = strengths.strip()
        followup.development_areas = development_areas.strip()
        followup.shortcomings = shortcomings.strip()
        save_versioned(followup, version, _CONFLICT)
        audit.record_update(actor, followup, before)
    return followup


def followup_create_action(
    *,
    actor: User,
    followup: ProviderFollowUp,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    if not followup_policy.can(actor, "change", followup):
        raise PermissionDenied
    return _action_for(
        actor=actor,
        source=followup,
        node=followup.node,
        title=title,
        description=description,
        owner=owner,
        due_date=due_date,
    )
