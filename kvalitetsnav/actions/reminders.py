"""E-mail the owner of an action the day it becomes overdue (once per due date)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Action

logger = logging.getLogger(__name__)


def send_overdue_action_reminders(today: dt.date) -> int:
    """Remind each owner of an overdue open action once; returns the number sent."""
    candidates = (
        Action.objects.overdue(today)
        .filter(reminded_at__isnull=True, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner", "node")
    )
    sent = 0
    for action in candidates.iterator(chunk_size=200):
        # Claim the row: only one worker wins the conditional UPDATE.
        claimed = Action.objects.filter(pk=action.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        body = render_to_string(
            "actions/email/overdue.txt",
            {
                "action": action,
                "url": settings.KVN_BASE_URL.rstrip("/") + action.get_absolute_url(),
            },
        )
        try:
            send_mail(
                _("Försenad åtgärd: %(title)s") % {"title": action.title},
                body,
                None,
                [action.owner.email],
            )
        except OSError:
            logger.exception("Could not send the reminder for action %s", action.pk)
            Action.objects.filter(pk=action.pk).update(reminded_at=None)  # try again next round
            continue
        sent += 1
    return sent
