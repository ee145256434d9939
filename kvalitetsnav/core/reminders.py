"""Deadline reminders: every module registers a function that sends its own.

A reminder function takes today's date and returns how many reminders it sent.
It must claim each row with a conditional UPDATE before sending, so that any
number of workers can run ``send_reminders --loop`` against one database
without sending the same reminder twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

ReminderSource = Callable[[dt.date], int]
_SOURCES: list[ReminderSource] = []


def register(source: ReminderSource) -> ReminderSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def send_all(today: dt.date) -> dict[str, int]:
    return {f"{source.__module__}.{source.__name__}": source(today) for source in _SOURCES}
