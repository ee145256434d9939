"""The rules for non-executed decisions (SoL, LSS 28 f–h §), in one place.

A decision is *reportable* for a quarter when, at some time in the quarter, it had
waited longer than three months for execution ("three months plus one day"), or an
interrupted service had waited longer than three months to be resumed. It stays
reportable every quarter until it is executed, resumed or ended, and the quarter in
which that happens reports it once more (the execution or end is reported too).

The same rule exists twice and a test holds them together: :func:`reportable_kinds`
(a Python predicate on one decision) and :func:`reportable_q` (a database filter for
a whole quarter, so the report over a huge table is one bounded query).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext as _

NOT_EXECUTED = "ej_verkstallt"
INTERRUPTED = "avbrott"

# IVO's reporting windows as last confirmed (DOMAIN.md); Q4 is reported the year after.
REPORTING_WINDOWS = {1: "april", 2: "juli–augusti", 3: "oktober", 4: "januari"}

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the last of the month when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def first_reportable_day(start: dt.date) -> dt.date:
    """The day a wait that began on ``start`` becomes reportable: three months plus one day."""
    return add_months(start, 3) + dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``"2025Q4"`` (also ``2025-Q4``, ``2025q4``); a Swedish ValidationError otherwise."""
        match = _QUARTER.match(text or "")
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise ValidationError(
                {"quarter": _("Ange kvartalet som ÅÅÅÅQN, till exempel 2025Q4.")},
                code="invalid_quarter",
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        return add_months(self.start, 3) - dt.timedelta(days=1)

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return _("kvartal %(n)s %(year)s") % {"n": self.number, "year": self.year}

    def reporting_window(self) -> str:
        """When IVO expects the report (configurable: ``KVN_IVO_REPORTING_WINDOWS``)."""
        windows = getattr(settings, "KVN_IVO_REPORTING_WINDOWS", REPORTING_WINDOWS)
        year = self.year + 1 if self.number == 4 else self.year
        return f"{windows[self.number]} {year}"


def _resolved_by(start: dt.date, ends: list[dt.date | None]) -> bool:
    """Whether the wait was over before ``start``: some end date falls before it."""
    return any(end is not None and end < start for end in ends)


def _reportable(began: dt.date | None, ends: list[dt.date | None], quarter: Quarter) -> bool:
    if began is None:
        return False
    due = first_reportable_day(began)
    if due > quarter.end:
        return False
    # It was still waiting on its first reportable day, and still (or first ended) in the
    # quarter: an execution, resumption or end in the quarter is itself reported.
    return not _resolved_by(max(due, quarter.start), ends)


def reportable_kinds(decision, quarter: Quarter) -> list[str]:
    """Why ``decision`` is reportable for ``quarter`` (empty when it is not)."""
    kinds = []
    if _reportable(decision.decided_on, [decision.executed_on, decision.ended_on], quarter):
        kinds.append(NOT_EXECUTED)
    if _reportable(
        decision.interrupted_from, [decision.interrupted_to, decision.ended_on], quarter
    ):
        kinds.append(INTERRUPTED)
    return kinds


def is_reportable(decision, quarter: Quarter) -> bool:
    return bool(reportable_kinds(decision, quarter))


def not_executed_q(quarter: Quarter) -> Q:
    """The database twin of the not-executed half of :func:`reportable_kinds`.

    It uses ``execution_due_on`` (stored from the date of decision) so that the
    filter is plain comparisons an index serves.
    """
    s = quarter.start
    return (
        Q(execution_due_on__lte=quarter.end)
        & (
            Q(executed_on__isnull=True)
            | (Q(executed_on__gte=s) & Q(executed_on__gte=F("execution_due_on")))
        )
        & (Q(ended_on__isnull=True) | (Q(ended_on__gte=s) & Q(ended_on__gte=F("execution_due_on"))))
    )


def interrupted_q(quarter: Quarter) -> Q:
    s = quarter.start
    return (
        Q(resume_due_on__lte=quarter.end)
        & (
            Q(interrupted_to__isnull=True)
            | (Q(interrupted_to__gte=s) & Q(interrupted_to__gte=F("resume_due_on")))
        )
        & (Q(ended_on__isnull=True) | (Q(ended_on__gte=s) & Q(ended_on__gte=F("resume_due_on"))))
    )


def _earliest(*days: dt.date | None) -> dt.date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def wait_ended_on(decision) -> dt.date | None:
    """The day the last wait for the decision ended; None while the person still waits.

    The wait for execution ends when the decision is executed or ended; a wait after an
    interruption ends when the service resumes or the decision ends.
    """
    executed = _earliest(decision.executed_on, decision.ended_on)
    if executed is None or decision.interrupted_from is None:
        return executed
    resumed = _earliest(decision.interrupted_to, decision.ended_on)
    return None if resumed is None else max(executed, resumed)


def reportable_q(quarter: Quarter) -> Q:
    """Both halves need a wait that had not ended when the quarter began, for a decision made
    long enough before its end (an interruption comes after the execution, which comes after
    the decision, so ``resume_due_on`` is never before ``execution_due_on``). The first
    conditions say so once more, in the form the index (board, wait_ended_on,
    execution_due_on) serves: the report reads what was waiting, not the board's history."""
    still_waiting = Q(wait_ended_on__isnull=True) | Q(wait_ended_on__gte=quarter.start)
    due = Q(execution_due_on__lte=quarter.end)
    return still_waiting & due & (not_executed_q(quarter) | interrupted_q(quarter))


def days_waited(decision, until: dt.date) -> int:
    """Days from the decision (or interruption) to execution (or resumption), end or ``until``."""
    if decision.interrupted_from and not decision.interrupted_to:
        start, stop = decision.interrupted_from, decision.ended_on
    else:
        start, stop = decision.decided_on, decision.executed_on or decision.ended_on
    return ((stop or until) - start).days
