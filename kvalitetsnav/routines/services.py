"""Every state change of the management system: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode

from . import search
from .models import (
    Activity,
    Process,
    ReadRequest,
    Routine,
    RoutineVersion,
    VersionStatus,
)
from .policies import routine_policy


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` ahead; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# Roles that make someone staff of a unit, asked to read its routines.
STAFF_ROLES = [
    Role.MEDARBETARE,
    Role.ENHETSCHEF,
    Role.AVDELNINGSCHEF,
    Role.FORVALTNINGSLEDNING,
    Role.KVALITETSUTVECKLARE,
    Role.MAS,
]


def _conflict_message() -> str:
    return _("Någon annan har ändrat dokumentet medan du arbetade. Ladda om sidan och försök igen.")


def _check_nodes(actor: User, nodes: list[OrgNode]) -> None:
    if not nodes:
        raise ValidationError(
            {"applies_to": _("Välj minst en enhet eller nivå som det gäller för.")}
        )
    if not all(has_cap(actor, Cap.MANAGE_RECORDS, node) for node in nodes):
        raise ValidationError(
            {"applies_to": _("Du kan bara ge ut styrdokument för enheter där du är chef.")}
        )


def _check_owner(owner: User) -> None:
    if owner is None or not owner.is_active:
        raise ValidationError({"owner": _("Välj en aktiv ägare.")})


def _check_interval(months: int) -> None:
    if not 1 <= months <= 60:
        raise ValidationError(
            {"review_interval_months": _("Ange ett intervall mellan 1 och 60 månader.")}
        )


# Processes -------------------------------------------------------------------------------


def process_create(
    *,
    actor: User | None,
    name: str,
    applies_to: Iterable[OrgNode],
    description: str = "",
    owner: User | None = None,
    order: int = 0,
    activities: Iterable[str] = (),
) -> Process:
    """A process of the operation with its activities in order (set up by quality staff)."""
    nodes = list(applies_to)
    if actor is not None:
        _check_nodes(actor, nodes)
    with transaction.atomic():
        process = Process(
            name=name.strip(), description=description.strip(), owner=owner, order=order
        )
        process.full_clean()
        process.save()
        process.applies_to.set(nodes)
        audit.record_create(actor, process)
        for index, activity_name in enumerate(activities, start=1):
            activity = Activity.objects.create(
                process=process, name=activity_name.strip(), order=index, owner=owner
            )
            audit.record_create(actor, activity)
    return process


# Routines ------------------------------------------------------------------------------


def routine_create(
    *,
    actor: User,
    title: str,
    kind: str,
    owner: User,
    applies_to: Iterable[OrgNode],
    activities: Iterable[Activity] = (),
    review_interval_months: int = 12,
    body: str = "",
) -> Routine:
    """A new governing document with its first version as a draft."""
    nodes = list(applies_to)
    _check_nodes(actor, nodes)
    _check_owner(owner)
    _check_interval(review_interval_months)
    routine = Routine(
        title=title.strip(),
        kind=kind,
        owner=owner,
        review_interval_months=review_interval_months,
        created_by=actor,
    )
    routine.full_clean(exclude=["current_version"])
    with transaction.atomic():
        routine.save()
        routine.applies_to.set(nodes)
        routine.activities.set(list(activities))
        audit.record_create(actor, routine)
        version = RoutineVersion.objects.create(
            routine=routine,
            number=1,
            body=body,
            change_note=_("Första versionen."),
            created_by=actor,
        )
        audit.record_create(actor, version)
        search.index_version(version)
    return routine


def routine_update(
    *,
    actor: User,
    routine: Routine,
    version: int,
    title: str,
    kind: str,
    owner: User,
    applies_to: Iterable[OrgNode],
    activities: Iterable[Activity],
    review_interval_months: int,
) -> Routine:
    """Change a routine's details (its text changes only through a new version)."""
    if not routine_policy.can(actor, "change", routine):
        raise PermissionDenied
    nodes = list(applies_to)
    _check_nodes(actor, nodes)
    _check_owner(owner)
    _check_interval(review_interval_months)
    with transaction.atomic():
        before = audit.snapshot(routine)
        title_changed = routine.title != title.strip()
        if review_interval_months != routine.review_interval_months and routine.current_version:
            approved_on = routine.current_version.approved_at
            routine.next_review_date = add_months(
                timezone.localdate(approved_on), review_interval_months
            )
            routine.review_reminded_for = None
        routine.title = title.strip()
        routine.kind = kind
        routine.owner = owner
        routine.review_interval_months = review_interval_months
        routine.full_clean(exclude=["current_version"])
        save_versioned(routine, version, _conflict_message())
        routine.applies_to.set(nodes)
        routine.activities.set(list(activities))
        audit.record_update(actor, routine, before)
        if title_changed:
            for live in routine.versions.exclude(status=VersionStatus.ARCHIVED):
                search.index_version(live)
    return routine


def routine_mark_reviewed(
    *, actor: User, routine: Routine, today: dt.date | None = None
) -> Routine:
    """The owner has reviewed the routine and it holds as it is: a new review date."""
    if not routine_policy.can(actor, "change", routine):
        raise PermissionDenied
    if routine.current_version_id is None:
        raise ValidationError(_("Det finns ingen godkänd version att revidera."))
    today = today or timezone.localdate()
    with transaction.atomic():
        before = audit.snapshot(routine)
        routine.next_review_date = add_months(today, routine.review_interval_months)
        routine.review_reminded_for = None
        save_versioned(routine, routine.version, _conflict_message())
        audit.record_update(actor, routine, before)
    return routine


# Versions ------------------------------------------------------------------------------


def _locked_version(version: RoutineVersion) -> RoutineVersion:
    return RoutineVersion.objects.select_for_update().select_related("routine").get(pk=version.pk)


def version_update(
    *, actor: User, version: RoutineVersion, body: str, change_note: str, seen_updated_at: str = ""
) -> RoutineVersion:
    """Change the text of a draft. An approved or archived version is never changed.

    ``seen_updated_at`` is when the draft was saved as the user opened it: a conflict if
    someone saved it since.
    """
    if not routine_policy.can(actor, "change", version.routine):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked_version(version)
        if current.status != VersionStatus.DRAFT:
            raise ValidationError(
                _("Bara ett utkast kan ändras. Skapa en ny version för att ändra texten.")
            )
        if seen_updated_at and current.updated_at.isoformat() != seen_updated_at:
            raise ValidationError(_conflict_message())
        before = audit.snapshot(current)
        current.body = body
        current.change_note = change_note.strip()
        current.save(update_fields=["body", "change_note", "updated_at"])
        audit.record_update(actor, current, before)
        search.index_version(current)
    return current


def version_new(*, actor: User, routine: Routine, change_note: str = "") -> RoutineVersion:
    """Start a change: a new draft holding a copy of the latest text."""
    if not routine_policy.can(actor, "change", routine):
        raise PermissionDenied
    with transaction.atomic():
        Routine.objects.select_for_update().filter(pk=routine.pk).first()
        if routine.versions.filter(status__in=VersionStatus.open_values()).exists():
            raise ValidationError(
                _(
                    "Det finns redan ett utkast eller en version för granskning. "
                    "Arbeta vidare i den."
                )
            )
        latest = routine.versions.order_by("-number").first()
        number = (routine.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = RoutineVersion.objects.create(
            routine=routine,
            number=number,
            body=latest.body if latest else "",
            change_note=change_note.strip(),
            created_by=actor,
        )
        audit.record_create(actor, version)
        search.index_version(version)
    return version


def version_submit(*, actor: User, version: RoutineVersion) -> RoutineVersion:
    """Send a draft for review by an approver."""
    if not routine_policy.can(actor, "change", version.routine):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked_version(version)
        if current.status != VersionStatus.DRAFT:
            raise ValidationError(_("Bara ett utkast kan skickas för granskning."))
        errors = {}
        if not current.body.strip():
            errors["body"] = _("Skriv texten innan du skickar den för granskning.")
        if current.number > 1 and not current.change_note.strip():
            errors["change_note"] = _("Beskriv vad som har ändrats.")
        if errors:
            raise ValidationError(errors)
        before = audit.snapshot(current)
        current.status = VersionStatus.IN_REVIEW
        current.submitted_at = timezone.now()
        current.save(update_fields=["status", "submitted_at", "updated_at"])
        audit.record_update(actor, current, before)
    return current


def version_return(*, actor: User, version: RoutineVersion) -> RoutineVersion:
    """The approver sends a version back to its author as a draft."""
    if not routine_policy.can(actor, "change", version.routine):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked_version(version)
        if current.status != VersionStatus.IN_REVIEW:
            raise ValidationError(_("Bara en version för granskning kan skickas tillbaka."))
        before = audit.snapshot(current)
        current.status = VersionStatus.DRAFT
        current.submitted_at = None
        current.save(update_fields=["status", "submitted_at", "updated_at"])
        audit.record_update(actor, current, before)
    return current


def staff_to_ask(routine: Routine) -> dict[Any, Any]:
    """``{user_id: node_id}`` for the active staff of the units the routine applies to."""
    nodes = list(routine.applies_to.all())
    if not nodes:
        return {}
    where = Q(pk__in=[])
    for node in nodes:
        where |= Q(node__path__startswith=node.path)
    rows = (
        RoleAssignment.objects.filter(where, role__in=STAFF_ROLES, user__is_active=True)
        .filter(node__is_active=True)
        .order_by("user_id", "-node__path")
        .values_list("user_id", "node_id")
    )
    asked: dict[Any, Any] = {}
    for user_id, node_id in rows:
        asked.setdefault(user_id, node_id)  # the lowest node: the user's own unit
    return asked


def version_approve(
    *, actor: User, version: RoutineVersion, today: dt.date | None = None
) -> RoutineVersion:
    """Approve a version under review: it comes into force, the previous one is archived,
    and the staff concerned are asked to read it."""
    routine = version.routine
    if not routine_policy.can(actor, "approve", routine):
        raise PermissionDenied(_("Bara ägarens chef eller en kvalitetsutvecklare kan godkänna."))
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        current = _locked_version(version)
        if current.status != VersionStatus.IN_REVIEW:
            raise ValidationError(_("Bara en version som är skickad för granskning kan godkännas."))
        for previous in routine.versions.filter(status=VersionStatus.APPROVED):
            before = audit.snapshot(previous)
            RoutineVersion.objects.filter(pk=previous.pk).update(
                status=VersionStatus.ARCHIVED, archived_at=now
            )
            previous.status, previous.archived_at = VersionStatus.ARCHIVED, now
            audit.record_update(actor, previous, before)
            search.unindex_version(previous)
        before = audit.snapshot(current)
        current.status = VersionStatus.APPROVED
        current.approved_by = actor
        current.approved_at = now
        current.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        audit.record_update(actor, current, before)

        locked = Routine.objects.select_for_update().get(pk=routine.pk)
        before = audit.snapshot(locked)
        locked.current_version = current
        locked.next_review_date = add_months(today, locked.review_interval_months)
        locked.review_reminded_for = None
        save_versioned(locked, locked.version, _conflict_message())
        audit.record_update(actor, locked, before)

        asked = staff_to_ask(locked)
        asked.pop(actor.pk, None)  # the approver has just read it
        ReadRequest.objects.bulk_create(
            [ReadRequest(version=current, user_id=u, node_id=n) for u, n in asked.items()],
            ignore_conflicts=True,
        )
        search.index_version(current)
    routine.refresh_from_db()
    return current


def read_confirm(*, actor: User, version: RoutineVersion) -> ReadRequest:
    """The staff member has read and understood the approved version."""
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Bara den gällande versionen kan läsbekräftas."))
    if not routine_policy.can(actor, "view", version.routine):
        raise PermissionDenied
    with transaction.atomic():
        request = ReadRequest.objects.filter(version=version, user=actor).first()
        if request is None:
            # Someone who was not asked (new in the unit) may confirm all the same.
            node = actor.home_unit or version.routine.applies_to.order_by("path").first()
            request = ReadRequest.objects.create(version=version, user=actor, node=node)
        if request.confirmed_at is None:
            before = audit.snapshot(request)
            ReadRequest.objects.filter(pk=request.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now()
            )
            request.refresh_from_db()
            audit.record_update(actor, request, before)
    return request
