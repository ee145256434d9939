"""E-mail whoever must act a few days before a lex case's internal target passes (once each)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import DEADLINE_FIELDS, Deadline, LexCase, LexDeadlineReminder, pending_q
from .responsibility import responsible_users

logger = logging.getLogger(__name__)


def days_before() -> int:
    return int(getattr(settings, "KVN_LEX_REMINDER_DAYS_BEFORE", 2))


def _claim(case: LexCase, deadline: str) -> LexDeadlineReminder | None:
    """Insert the reminder's row; the unique (case, deadline) lets only one worker win."""
    try:
        with transaction.atomic():
            return LexDeadlineReminder.objects.create(case=case, deadline=deadline)
    except IntegrityError:
        return None


def send_lex_deadline_reminders(today: dt.date) -> int:
    """Remind the responsible people of every target due within a few days; returns mails sent."""
    horizon = today + dt.timedelta(days=days_before())
    sent = 0
    for deadline in Deadline.values:
        due_field = DEADLINE_FIELDS[deadline][0]
        candidates = (
            LexCase.objects.filter(pending_q(deadline), **{f"{due_field}__lte": horizon})
            .exclude(reminders__deadline=deadline)
            .select_related("node")
        )
        for case in candidates.iterator(chunk_size=200):
            recipients = [user.email for user in responsible_users(case, deadline)]
            if not recipients:
                continue
            claimed = _claim(case, deadline)
            if claimed is None:
                continue
            due = getattr(case, due_field)
            body = render_to_string(
                "lexcases/email/deadline.txt",
                {
                    "case": case,
                    "what": Deadline(deadline).label,
                    "due": due,
                    "overdue": due < today,
                    "url": settings.KVN_BASE_URL.rstrip("/") + case.get_absolute_url(),
                },
            )
            try:
                send_mail(
                    _("%(kind)s %(reference)s: mål %(due)s")
                    % {
                        "kind": case.get_kind_display(),
                        "reference": case.reference,
                        "due": due.isoformat(),
                    },
                    body,
                    None,
                    recipients,
                )
            except OSError:
                logger.exception("Could not send the reminder for lex case %s", case.pk)
                claimed.delete()  # try again next round
                continue
            sent += 1
    return sent
