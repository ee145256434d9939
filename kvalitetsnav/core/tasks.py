"""Mina uppgifter: every module adds what a user must act on.

A module registers a *task source*: a function from a user to a list of
:class:`TaskGroup`. Each source should answer with a fixed number of queries,
whatever the number of items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TaskItem:
    title: str
    url: str
    kind: str
    due: dt.date | None = None
    overdue: bool = False
    detail: str = ""


@dataclass
class TaskGroup:
    title: str
    items: list[TaskItem] = field(default_factory=list)
    more_url: str = ""
    total: int = 0

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)


TaskSource = Callable[[Any], list[TaskGroup]]
_SOURCES: list[TaskSource] = []


def register(source: TaskSource) -> TaskSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def tasks_for(user: Any) -> list[TaskGroup]:
    groups: list[TaskGroup] = []
    for source in _SOURCES:
        groups.extend(source(user))
    return groups
