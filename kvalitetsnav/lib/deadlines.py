"""Working days and the internal targets for lex Sarah and lex Maria cases.

The law sets no day count for either (``../shared/product/DOMAIN.md``): it says
*at once*, *without delay* and *as soon as possible*. The targets here are the
defaults a careful municipality uses, and each can be changed in the settings:

============================================  =======  ===============================
setting (``KVN_LEX_SARAH_…``/``KVN_LEX_MARIA_…``)  default  counted from
============================================  =======  ===============================
``START_WORKING_DAYS``                        1        the report was received
``ASSESS_DAYS``                               14       the report was received
``IVO_REPORT_DAYS`` (only when serious)       14       the report was received
``COMPLETE_MONTHS``                           2        the report was received
============================================  =======  ===============================

They are shown as targets (*mål, inte lag*), never as the law.

Working days are Monday to Friday except Swedish public holidays
(``holidays.country_holidays("SE")``) and, unless ``KVN_EVES_ARE_WORKING_DAYS`` is
set, midsommarafton, julafton and nyårsafton, which Swedish working-time rules treat
as Sundays.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings

DEFAULTS = {
    "START_WORKING_DAYS": 1,
    "ASSESS_DAYS": 14,
    "IVO_REPORT_DAYS": 14,
    "COMPLETE_MONTHS": 2,
}
PREFIXES = {"lex_sarah": "KVN_LEX_SARAH_", "lex_maria": "KVN_LEX_MARIA_"}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("SE", years=year))


def _eves(year: int) -> set[dt.date]:
    """Midsommarafton (the Friday 19–25 June), julafton and nyårsafton."""
    midsummer_eve = next(
        dt.date(year, 6, day) for day in range(19, 26) if dt.date(year, 6, day).weekday() == 4
    )
    return {midsummer_eve, dt.date(year, 12, 24), dt.date(year, 12, 31)}


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, not a public holiday, and not one of the eves treated as a Sunday."""
    if day.weekday() >= 5 or day in _public_holidays(day.year):
        return False
    eves_off = not getattr(settings, "KVN_EVES_ARE_WORKING_DAYS", False)
    return not (eves_off and day in _eves(day.year))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def lex_setting(kind: str, name: str) -> int:
    """One of the configurable targets for ``kind`` ("lex_sarah" or "lex_maria")."""
    return int(getattr(settings, PREFIXES[kind] + name, DEFAULTS[name]))


@dataclass(frozen=True)
class LexTargets:
    """The dates by which each step of a lex case should be done."""

    start: dt.date  # the investigation has started
    assess: dt.date  # seriousness has been assessed
    ivo_report: dt.date  # reported to IVO, if serious
    complete: dt.date  # the investigation is completed


def lex_targets(kind: str, received: dt.date) -> LexTargets:
    """The internal targets of a lex Sarah or lex Maria case received on ``received``."""
    return LexTargets(
        start=add_working_days(received, lex_setting(kind, "START_WORKING_DAYS")),
        assess=received + dt.timedelta(days=lex_setting(kind, "ASSESS_DAYS")),
        ivo_report=received + dt.timedelta(days=lex_setting(kind, "IVO_REPORT_DAYS")),
        complete=add_months(received, lex_setting(kind, "COMPLETE_MONTHS")),
    )
