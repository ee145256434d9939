"""Key figures computed from the other registers, per org node and month, in SQL.

Each function answers one aggregate query for the subtree of ``root`` over ``periods``
(first days of months, oldest first) and returns rows ``(node_path, period, n, d)``:
``n`` the count (or the part of a share) and ``d`` the whole of a share (None for counts).
States at a month's end (actions past due, reportable decisions) are conditional counts,
one per month, in the same query. Routines past review can only be known now: they are
counted for the running month alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.decisions.models import Decision
from kvalitetsnav.decisions.rules import Quarter, reportable_q
from kvalitetsnav.deviations.models import Deviation
from kvalitetsnav.feedback.models import Feedback, Kind
from kvalitetsnav.inspections.models import Inspection, InspectionStatus
from kvalitetsnav.routines.models import Routine

from .models import ComputedKind

Row = tuple[str, dt.date, int, int | None]


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def last_day_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_end(period: dt.date, today: dt.date) -> dt.date:
    return min(last_day_of_month(period), today)


def _after(periods: list[dt.date]) -> dt.date:
    last = periods[-1]
    return (last + dt.timedelta(days=32)).replace(day=1)


def deviations(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    start = timezone.make_aware(dt.datetime.combine(periods[0], dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(_after(periods), dt.time.min))
    rows = (
        Deviation.objects.filter(
            node__path__startswith=root.path, occurred_at__gte=start, occurred_at__lt=end
        )
        .annotate(month=TruncMonth("occurred_at"))
        .values("node__path", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(r["node__path"], _as_date(r["month"]), r["n"], None) for r in rows]


def complaints_in_time(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    """Complaints by the month their reply was due (up to yesterday): replied by then, of all."""
    rows = (
        Feedback.objects.filter(
            kind=Kind.COMPLAINT,
            node__path__startswith=root.path,
            reply_due__gte=periods[0],
            reply_due__lt=min(_after(periods), today),
        )
        .annotate(month=TruncMonth("reply_due"))
        .values("node__path", "month")
        .annotate(
            d=Count("id"),
            n=Count("id", filter=Q(replied_on__isnull=False, replied_on__lte=F("reply_due"))),
        )
        .order_by()
    )
    return [(r["node__path"], _as_date(r["month"]), r["n"], r["d"]) for r in rows]


def inspections_done(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    """Self-inspections planned for each month up to this one: done, of all planned."""
    rows = (
        Inspection.objects.filter(
            node__path__startswith=root.path,
            due_month__gte=periods[0],
            due_month__lte=min(periods[-1], today.replace(day=1)),
        )
        .values("node__path", "due_month")
        .annotate(d=Count("id"), n=Count("id", filter=Q(status=InspectionStatus.DONE)))
        .order_by()
    )
    return [(r["node__path"], r["due_month"], r["n"], r["d"]) for r in rows]


def _per_month_counts(queryset, conditions: dict[dt.date, Q]) -> list[Row]:
    aggregates = {f"m{i}": Count("id", filter=q) for i, q in enumerate(conditions.values())}
    rows = queryset.values("node__path").annotate(**aggregates).order_by()
    keys = list(conditions)
    return [
        (r["node__path"], period, r[f"m{i}"], None)
        for r in rows
        for i, period in enumerate(keys)
        if r[f"m{i}"]
    ]


def actions_past_due(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    """Actions open past their due date at each month's end (today for the running month).

    Cancelled actions are left out: when they were cancelled is not kept.
    """
    conditions: dict[dt.date, Q] = {}
    for period in periods:
        if period > today:
            continue
        end = _month_end(period, today)
        conditions[period] = Q(due_date__lt=end, created_at__date__lte=end) & (
            Q(completed_on__isnull=True) | Q(completed_on__gt=end)
        )
    queryset = Action.objects.filter(node__path__startswith=root.path).exclude(
        status=ActionStatus.CANCELLED
    )
    return _per_month_counts(queryset, conditions) if conditions else []


def decisions_reportable(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    """Decisions reportable to IVO for each quarter, on the quarter's first month."""
    conditions: dict[dt.date, Q] = {}
    for period in periods:
        if period.month in (1, 4, 7, 10) and period <= today:
            conditions[period] = reportable_q(Quarter.containing(period))
    queryset = Decision.objects.filter(node__path__startswith=root.path)
    return _per_month_counts(queryset, conditions) if conditions else []


def routines_past_review(root: OrgNode, periods: list[dt.date], today: dt.date) -> list[Row]:
    """Routines in force that apply here (or above) and are past their review date, now."""
    running = today.replace(day=1)
    if running not in periods:
        return []
    ancestors = [f"/{'/'.join(root.ancestor_ids()[:i])}/" for i in range(1, root.depth + 1)]
    n = (
        Routine.objects.past_due(today)
        .filter(Q(applies_to__path__startswith=root.path) | Q(applies_to__path__in=ancestors))
        .values("id")
        .distinct()
        .count()
    )
    return [(root.path, running, n, None)] if n else []


COMPUTE: dict[str, Callable[[OrgNode, list[dt.date], dt.date], list[Row]]] = {
    ComputedKind.DEVIATIONS: deviations,
    ComputedKind.COMPLAINTS_IN_TIME: complaints_in_time,
    ComputedKind.DECISIONS_REPORTABLE: decisions_reportable,
    ComputedKind.INSPECTIONS_DONE: inspections_done,
    ComputedKind.ROUTINES_PAST_REVIEW: routines_past_review,
    ComputedKind.ACTIONS_PAST_DUE: actions_past_due,
}


def records_url(kind: str, node: OrgNode, period: dt.date | None = None) -> str:
    """The other module's filtered list of the records behind a computed figure."""
    month = {}
    if period is not None:
        month = {"from": period.isoformat(), "to": last_day_of_month(period).isoformat()}
    node_id = str(node.pk)
    if kind == ComputedKind.DEVIATIONS:
        query = {"node": node_id, **({"fran": month["from"], "till": month["to"]} if month else {})}
        return f"{reverse('deviations:list')}?{urlencode(query)}"
    if kind == ComputedKind.COMPLAINTS_IN_TIME:
        query = {"node": node_id, "kind": Kind.COMPLAINT}
        return f"{reverse('feedback:list')}?{urlencode(query)}"
    if kind == ComputedKind.INSPECTIONS_DONE:
        query = {"node": node_id, **({"year": str(period.year)} if period else {})}
        return f"{reverse('inspections:list')}?{urlencode(query)}"
    if kind == ComputedKind.ACTIONS_PAST_DUE:
        return f"{reverse('actions:list')}?{urlencode({'node': node_id, 'overdue': 'on'})}"
    if kind == ComputedKind.DECISIONS_REPORTABLE:
        return f"{reverse('decisions:list')}?status=over"
    return f"{reverse('routines:home')}"


def counted_periods(kind: str, periods: list[dt.date], today: dt.date) -> list[dt.date]:
    """The months a computed count exists for: a month without records there counts 0."""
    running = today.replace(day=1)
    if kind == ComputedKind.ROUTINES_PAST_REVIEW:
        return [running] if running in periods else []
    if kind == ComputedKind.DECISIONS_REPORTABLE:
        return [p for p in periods if p <= today and p.month in (1, 4, 7, 10)]
    if kind in (ComputedKind.DEVIATIONS, ComputedKind.ACTIONS_PAST_DUE):
        return [p for p in periods if p <= today]
    return []
