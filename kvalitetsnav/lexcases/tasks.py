"""Lex Sarah and lex Maria deadlines for Mina uppgifter, for whoever must act on them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.core.tasks import TaskGroup, TaskItem

from .models import DEADLINE_FIELDS, Deadline, LexCase
from .responsibility import deadlines_of, must_act_q

MAX_ITEMS = 20


def my_lex_tasks(user) -> list[TaskGroup]:
    """Open cases with a target the user must meet, oldest report first (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cases = LexCase.objects.filter(must_act_q(user))
    total = cases.count()
    if not total:
        return []
    today = timezone.localdate()
    items = []
    for case in cases.select_related("node").order_by("received_at")[:MAX_ITEMS]:
        pending = [d for d in deadlines_of(user, case) if _is_pending(case, d)]
        if not pending:
            continue
        deadline = min(pending, key=lambda d: getattr(case, DEADLINE_FIELDS[d][0]))
        due = getattr(case, DEADLINE_FIELDS[deadline][0])
        items.append(
            TaskItem(
                title=f"{case.reference} {case.title}",
                url=case.get_absolute_url(),
                kind=case.get_kind_display(),
                due=due,
                overdue=due < today,
                detail=_("%(node)s · mål: %(what)s")
                % {"node": case.node.name, "what": Deadline(deadline).label.lower()},
            )
        )
    items.sort(key=lambda item: item.due)
    return [
        TaskGroup(
            title=_("Lex Sarah och lex Maria"),
            items=items,
            more_url=reverse("lexcases:list") + "?todo=on",
            total=total,
        )
    ]


def _is_pending(case: LexCase, deadline: str) -> bool:
    """The Python twin of ``models.pending_q`` for one loaded case."""
    due_field, done_field = DEADLINE_FIELDS[deadline]
    if not case.is_open or getattr(case, done_field) is not None:
        return False
    return deadline != Deadline.IVO_REPORT or case.serious is True
