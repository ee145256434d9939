"""Ledningens genomgång: the yearly meeting record and its decisions (each an action)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import Fitness, ManagementReview, QualityReport, ReviewDecision
from .policies import records_reviews, review_policy

_FIELDS = ("held_on", "participants", "material", "fitness", "fitness_reasoning")


def _validate(*, year: int, held_on: dt.date, participants: str, fitness: str, **texts) -> None:
    errors: dict[str, list[str]] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Ange ett år från 2000.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("Mötet kan inte ha hållits i framtiden.")]
    if not participants.strip():
        errors["participants"] = [_("Ange vilka som deltog.")]
    if fitness not in Fitness.values:
        errors["fitness"] = [_("Välj ja, delvis eller nej.")]
    if not texts.get("fitness_reasoning", "").strip():
        errors["fitness_reasoning"] = [_("Motivera bedömningen.")]
    for field, text in {"participants": participants, **texts}.items():
        try:
            validate_no_identity_number(text)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def management_review_create(
    *,
    actor: User,
    board: OrgNode,
    year: int,
    held_on: dt.date,
    participants: str,
    fitness: str,
    fitness_reasoning: str,
    material: str = "",
) -> ManagementReview:
    if board.level != OrgLevel.NAMND:
        raise ValidationError({"board": _("Välj en nämnd.")})
    if not records_reviews(actor, board):
        raise PermissionDenied
    _validate(
        year=year,
        held_on=held_on,
        participants=participants,
        fitness=fitness,
        fitness_reasoning=fitness_reasoning,
        material=material,
    )
    review = ManagementReview(
        board=board,
        year=year,
        held_on=held_on,
        participants=participants.strip(),
        material=material.strip(),
        fitness=fitness,
        fitness_reasoning=fitness_reasoning.strip(),
        report=QualityReport.objects.filter(board=board, year=year).first(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            review.save()
            audit.record_create(actor, review)
    except IntegrityError:
        raise ValidationError(
            {"year": _("Ledningens genomgång för %(year)s finns redan.") % {"year": year}}
        ) from None
    return review


def management_review_update(
    *, actor: User, review: ManagementReview, version: int, **changes
) -> ManagementReview:
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not review_policy.can(actor, "change", review):
        raise PermissionDenied
    values = {f: changes.get(f, getattr(review, f)) for f in _FIELDS}
    _validate(year=review.year, **values)
    with transaction.atomic():
        before = audit.snapshot(review)
        for field, value in values.items():
            setattr(review, field, value.strip() if isinstance(value, str) else value)
        if review.report_id is None:
            review.report = QualityReport.objects.filter(
                board=review.board, year=review.year
            ).first()
        save_versioned(review, version)
        audit.record_update(actor, review, before)
    return review


def review_decision_create(
    *,
    actor: User,
    review: ManagementReview,
    text: str,
    node: OrgNode,
    due_date: dt.date | None = None,
) -> ReviewDecision:
    """Record a decision and create its action in the register, linked back to it."""
    if not review_policy.can(actor, "decide", review):
        raise PermissionDenied
    text = text.strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Skriv beslutet.")]
    try:
        validate_no_identity_number(text)
    except ValidationError as exc:
        errors.setdefault("text", []).extend(exc.messages)
    if not node.path.startswith(review.board.path):
        errors["node"] = [_("Välj en nivå eller enhet inom nämnden.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = ReviewDecision.objects.create(
            review=review, text=text, node=node, due_date=due_date, created_by=actor
        )
        audit.record_create(actor, decision)
        try:
            action = action_services.action_create(
                actor=actor,
                title=text,
                node=node,
                due_date=due_date,
                description=_("Beslut i %(review)s.") % {"review": review},
                source=decision,
            )
        except PermissionDenied:
            raise ValidationError(
                {"node": _("Du kan inte skapa åtgärder där. Välj en annan nivå.")}
            ) from None
        decision.action = action
        decision.save(update_fields=["action"])
    return decision
