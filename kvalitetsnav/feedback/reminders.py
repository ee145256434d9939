"""E-mail the handler when a reply is due within two days or late (once per item)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Feedback

logger = logging.getLogger(__name__)
DAYS_AHEAD = 2


def send_feedback_reply_reminders(today: dt.date) -> int:
    """Remind each handler of an open item whose reply is due soon; returns the number sent."""
    candidates = (
        Feedback.objects.open()
        .filter(
            reply_due__lte=today + dt.timedelta(days=DAYS_AHEAD),
            reminded_at__isnull=True,
            handler__is_active=True,
        )
        .exclude(handler__email="")
        .select_related("handler", "node")
    )
    sent = 0
    for item in candidates.iterator(chunk_size=200):
        # Claim the row: only one worker wins the conditional UPDATE.
        claimed = Feedback.objects.filter(pk=item.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        body = render_to_string(
            "feedback/email/reply_due.txt",
            {
                "item": item,
                "overdue": item.reply_due < today,
                "url": settings.KVN_BASE_URL.rstrip("/") + item.get_absolute_url(),
            },
        )
        try:
            send_mail(
                _("Synpunkt att återkoppla: %(number)s") % {"number": item.receipt_number},
                body,
                None,
                [item.handler.email],
            )
        except OSError:
            logger.exception("Could not send the reminder for feedback %s", item.pk)
            Feedback.objects.filter(pk=item.pk).update(reminded_at=None)
            continue
        sent += 1
    return sent
