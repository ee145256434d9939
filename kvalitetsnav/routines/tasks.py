"""Mina uppgifter: routines to read and confirm, and routines due for review."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import ReadRequest, Routine, VersionStatus

MAX_ITEMS = 20


def pending_reads(user):
    """The user's unconfirmed requests for versions still in force."""
    return ReadRequest.objects.filter(
        user=user, confirmed_at__isnull=True, version__status=VersionStatus.APPROVED
    )


def to_read(user) -> list[TaskGroup]:
    """Approved routines the user is asked to read and confirm (two queries)."""
    pending = pending_reads(user)
    total = pending.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=request.version.routine.title,
            url=request.version.routine.get_absolute_url(),
            kind=_("Att läsa"),
            detail=_("Version %(n)s · %(unit)s")
            % {"n": request.version.number, "unit": request.node.name},
        )
        for request in pending.select_related("version__routine", "node").order_by("created_at")[
            :MAX_ITEMS
        ]
    ]
    url = reverse("routines:home") + "#att-lasa"
    return [TaskGroup(title=_("Att läsa"), items=items, more_url=url, total=total)]


def to_review(user) -> list[TaskGroup]:
    """Routines the user owns that are due for review within 30 days, or past due."""
    today = timezone.localdate()
    due = Routine.objects.review_due(today).filter(owner=user)
    total = due.count()
    if not total:
        return []
    items = [
        TaskItem(
            title=routine.title,
            url=routine.get_absolute_url(),
            kind=_("Revidera"),
            due=routine.next_review_date,
            overdue=routine.is_past_due(today),
            detail=routine.get_kind_display(),
        )
        for routine in due.order_by("next_review_date", "title")[:MAX_ITEMS]
    ]
    url = reverse("routines:home") + "?mina=revidera"
    return [TaskGroup(title=_("Styrdokument att revidera"), items=items, more_url=url, total=total)]


def training_below(user) -> list[TaskGroup]:
    """A unit manager's units whose share of trained staff is below a requirement."""
    from kvalitetsnav.access.roles import Role
    from kvalitetsnav.accounts.models import RoleAssignment
    from kvalitetsnav.core.models import OrgNode

    from .training import unit_shares

    managed = RoleAssignment.objects.filter(user=user, role=Role.ENHETSCHEF).values("node_id")
    if not managed.exists():
        return []
    below = [row for row in unit_shares(OrgNode.objects.filter(pk__in=managed)) if row.below]
    if not below:
        return []
    items = [
        TaskItem(
            title=_("%(training)s: %(unit)s")
            % {"training": row.requirement.training.name, "unit": row.unit.name},
            url=reverse("routines:training_unit", args=[row.unit.pk]),
            kind=_("Utbildningskrav"),
            overdue=True,
            detail=_("%(share)s %% av personalen, kravet är %(req)s %%")
            % {"share": row.share, "req": row.requirement.required_percent},
        )
        for row in below[:MAX_ITEMS]
    ]
    return [
        TaskGroup(
            title=_("Utbildningskrav som inte är uppfyllda"),
            items=items,
            more_url=reverse("routines:training"),
            total=len(below),
        )
    ]
