"""Every state change of a deviation: typed, keyword-only, atomic, audited.

ny → under utredning → åtgärdad → avslutad. Closing needs an analysis (causes in
the system, never someone to blame) and feedback to the reporter; a deviation
with open actions is closed only with a stated reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import subtree_q
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import (
    Category,
    ContributingFactor,
    Deviation,
    DeviationCounter,
    DeviationStatus,
)
from .policies import can_report, policy

# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
NUMBER_PREFIX = "AVV"


def reportable_units(user: User) -> QuerySet[OrgNode]:
    """Active units in the subtrees where the user works or manages: where they may report."""
    return (
        OrgNode.objects.units()
        .active()
        .filter(subtree_q(user, Cap.WORK_OWN, "path") | subtree_q(user, Cap.MANAGE_RECORDS, "path"))
    )


def _board_of(node: OrgNode) -> OrgNode:
    """The nämnd whose series the receipt number belongs to (the top node if there is none)."""
    board = node.board()
    if board is None:
        board = OrgNode.objects.filter(pk=node.ancestor_ids()[0]).get()
    return board


def _claim_number(board: OrgNode, year: int) -> str:
    """The next number in the board's series for ``year``, claimed with a conditional UPDATE.

    The UPDATE locks the counter row until the transaction ends, so two reports at
    the same moment never get the same number.
    """
    counter, _created = DeviationCounter.objects.get_or_create(board=board, year=year)
    DeviationCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    number = DeviationCounter.objects.values_list("last_number", flat=True).get(pk=counter.pk)
    return f"{NUMBER_PREFIX}-{year}-{number:04d}"


def _clean_text(errors: dict[str, list[str]], field: str, value: str, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(field, []).append(_("Fältet måste fyllas i."))
        return value
    try:
        validate_no_identity_number(value)
    except ValidationError as exc:
        errors.setdefault(field, []).extend(exc.messages)
    return value


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def deviation_report(
    *,
    actor: User,
    category: Category | None,
    occurred_at: dt.datetime | None,
    description: str,
    immediate_action: str,
    node: OrgNode | None = None,
    person_ref: str = "",
) -> Deviation:
    """Report a deviation on ``node`` (the reporter's own unit unless another is given)."""
    if not can_report(actor):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    node = node or actor.home_unit
    if node is None:
        errors["node"] = [_("Välj den enhet där det hände.")]
    elif not reportable_units(actor).filter(pk=node.pk).exists():
        errors["node"] = [_("Du kan bara rapportera för en aktiv enhet där du arbetar.")]
    if category is None:
        errors["category"] = [_("Välj en kategori.")]
    elif not category.is_active:
        errors["category"] = [_("Kategorin används inte längre. Välj en annan.")]
    if occurred_at is not None and timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if occurred_at is None:
        errors["occurred_at"] = [_("Ange när det hände.")]
    elif occurred_at > timezone.now() + FUTURE_TOLERANCE:
        errors["occurred_at"] = [_("Tidpunkten ligger i framtiden. Ange när det faktiskt hände.")]
    description = _clean_text(errors, "description", description, required=True)
    immediate_action = _clean_text(errors, "immediate_action", immediate_action, required=True)
    person_ref = _clean_text(errors, "person_ref", person_ref, required=False)
    _raise(errors)
    with transaction.atomic():
        board = _board_of(node)
        year = timezone.localtime(occurred_at).year
        deviation = Deviation(
            number=_claim_number(board, year),
            board=board,
            node=node,
            reported_by=actor,
            occurred_at=occurred_at,
            category=category,
            description=description,
            immediate_action=immediate_action,
            person_ref=person_ref,
        )
        deviation.full_clean()
        deviation.save()
        audit.record_create(actor, deviation)
    return deviation


def _check_handler(actor: User, deviation: Deviation) -> None:
    if not policy.can(actor, "handle", deviation):
        raise PermissionDenied


def _save(deviation: Deviation, version: int) -> None:
    save_versioned(
        deviation,
        version,
        _(
            "Någon annan har ändrat avvikelsen medan du arbetade. "
            "Ladda om sidan och gör om ändringen."
        ),
    )


def _require_open(deviation: Deviation) -> None:
    if not deviation.is_open:
        raise ValidationError(_("Avvikelsen är avslutad och kan inte ändras."))


def deviation_start_investigation(
    *, actor: User, deviation: Deviation, version: int, handler: User | None = None
) -> Deviation:
    """Take a new deviation on: ny → under utredning, with a handler (the actor by default)."""
    _check_handler(actor, deviation)
    if deviation.status != DeviationStatus.NEW:
        raise ValidationError(_("Bara en ny avvikelse kan börja utredas."))
    handler = handler or actor
    if not handler.is_active:
        raise ValidationError({"handler": _("Handläggaren är inte längre aktiv.")})
    with transaction.atomic():
        before = audit.snapshot(deviation)
        deviation.status = DeviationStatus.INVESTIGATING
        deviation.handler = handler
        deviation.investigation_started_at = timezone.now()
        _save(deviation, version)
        audit.record_update(actor, deviation, before)
    return deviation


def _factor_names(deviation: Deviation) -> list[str]:
    return sorted(deviation.factors.values_list("name", flat=True))


def deviation_record_analysis(
    *,
    actor: User,
    deviation: Deviation,
    version: int,
    analysis_what: str,
    analysis_why: str,
    factors: Iterable[ContributingFactor] = (),
) -> Deviation:
    """Record (or revise) the analysis: what happened and why, in the system's terms."""
    _check_handler(actor, deviation)
    _require_open(deviation)
    errors: dict[str, list[str]] = {}
    analysis_what = _clean_text(errors, "analysis_what", analysis_what, required=False)
    analysis_why = _clean_text(errors, "analysis_why", analysis_why, required=True)
    factors = list(factors)
    if any(not factor.is_active for factor in factors):
        errors["factors"] = [_("En av de valda orsakerna används inte längre.")]
    _raise(errors)
    with transaction.atomic():
        before = audit.snapshot(deviation)
        old_factors = _factor_names(deviation)
        if deviation.status == DeviationStatus.NEW:
            deviation.status = DeviationStatus.INVESTIGATING
            deviation.investigation_started_at = timezone.now()
        if deviation.handler_id is None:
            deviation.handler = actor
        deviation.analysis_what = analysis_what
        deviation.analysis_why = analysis_why
        deviation.analysis_recorded_at = timezone.now()
        deviation.analysis_by = actor
        _save(deviation, version)
        deviation.factors.set(factors)
        audit.record_update(actor, deviation, before)
        new_factors = _factor_names(deviation)
        if new_factors != old_factors:
            # The factors are a many-to-many relation, outside the record's snapshot.
            audit.record_changes(
                actor, deviation, {"factors": [", ".join(old_factors), ", ".join(new_factors)]}
            )
    return deviation


def deviation_mark_remedied(*, actor: User, deviation: Deviation, version: int) -> Deviation:
    """under utredning → åtgärdad: what was found has been put right (the analysis is done)."""
    _check_handler(actor, deviation)
    if deviation.status != DeviationStatus.INVESTIGATING:
        raise ValidationError(_("Bara en avvikelse under utredning kan markeras som åtgärdad."))
    if not deviation.has_analysis:
        raise ValidationError(_("Registrera analysen innan avvikelsen markeras som åtgärdad."))
    with transaction.atomic():
        before = audit.snapshot(deviation)
        deviation.status = DeviationStatus.REMEDIED
        deviation.remedied_at = timezone.now()
        _save(deviation, version)
        audit.record_update(actor, deviation, before)
    return deviation


def deviation_give_feedback(
    *, actor: User, deviation: Deviation, version: int, feedback: str
) -> Deviation:
    """Answer the reporter: what was found and what is done. They see it in Mina rapporter."""
    _check_handler(actor, deviation)
    _require_open(deviation)
    errors: dict[str, list[str]] = {}
    feedback = _clean_text(errors, "feedback", feedback, required=True)
    _raise(errors)
    with transaction.atomic():
        before = audit.snapshot(deviation)
        deviation.feedback_to_reporter = feedback
        deviation.feedback_given_at = timezone.now()
        deviation.feedback_by = actor
        deviation.feedback_read_at = None  # new feedback is unread
        _save(deviation, version)
        audit.record_update(actor, deviation, before)
    return deviation


def deviation_mark_feedback_read(*, actor: User, deviation: Deviation) -> Deviation:
    """The reporter has seen the feedback (no version check: the handler edits nothing here)."""
    if actor.pk != deviation.reported_by_id or not deviation.feedback_unread:
        return deviation
    with transaction.atomic():
        before = audit.snapshot(deviation)
        now = timezone.now()
        updated = Deviation.objects.filter(
            pk=deviation.pk, feedback_read_at__isnull=True, feedback_given_at__isnull=False
        ).update(feedback_read_at=now)
        if updated:
            deviation.feedback_read_at = now
            audit.record_update(actor, deviation, before)
    return deviation


def open_linked_actions(deviation: Deviation) -> QuerySet[Action]:
    return Action.objects.linked_to(deviation).open()


def deviation_close(
    *, actor: User, deviation: Deviation, version: int, reason: str = ""
) -> Deviation:
    """Close the deviation: it needs an analysis and feedback; open actions need a reason."""
    _check_handler(actor, deviation)
    _require_open(deviation)
    missing = []
    if not deviation.has_analysis:
        missing.append(_("en analys av orsakerna"))
    if not deviation.has_feedback:
        missing.append(_("en återkoppling till den som rapporterade"))
    if missing:
        raise ValidationError(
            _("Avvikelsen kan avslutas först när den har %(what)s.")
            % {"what": _(" och ").join(missing)}
        )
    errors: dict[str, list[str]] = {}
    reason = _clean_text(errors, "reason", reason, required=False)
    _raise(errors)
    if not reason and open_linked_actions(deviation).exists():
        raise ValidationError(
            {
                "reason": [
                    _(
                        "Det finns åtgärder som inte är genomförda. Ange varför avvikelsen "
                        "ändå kan avslutas."
                    )
                ]
            }
        )
    with transaction.atomic():
        before = audit.snapshot(deviation)
        deviation.status = DeviationStatus.CLOSED
        deviation.close_reason = reason
        deviation.closed_at = timezone.now()
        deviation.closed_by = actor
        _save(deviation, version)
        audit.record_update(actor, deviation, before)
    return deviation


def deviation_create_action(
    *,
    actor: User,
    deviation: Deviation,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """Register an action in the actions register, linked to this deviation as its source."""
    _check_handler(actor, deviation)
    _require_open(deviation)
    errors: dict[str, list[str]] = {}
    title = _clean_text(errors, "title", title, required=True)
    description = _clean_text(errors, "description", description, required=False)
    if due_date and due_date < timezone.localdate():
        errors["due_date"] = [_("Datumet har redan passerat. Välj ett datum från i dag.")]
    _raise(errors)
    return action_services.action_create(
        actor=actor,
        title=title,
        description=description,
        node=deviation.node,
        owner=owner,
        due_date=due_date,
        source=deviation,
    )
