"""E-mail a routine's owner when its review date is 30 days away or has passed (once per date)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import Routine

logger = logging.getLogger(__name__)


def send_review_reminders(today: dt.date) -> int:
    """Remind each owner once per review date; returns the number sent."""
    not_reminded = Q(review_reminded_for__isnull=True) | ~Q(
        review_reminded_for=F("next_review_date")
    )
    candidates = (
        Routine.objects.review_due(today)
        .filter(not_reminded, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner")
    )
    sent = 0
    for routine in candidates.iterator(chunk_size=200):
        # Claim the row: only one worker wins the conditional UPDATE.
        claimed = (
            Routine.objects.filter(pk=routine.pk, next_review_date=routine.next_review_date)
            .filter(not_reminded)
            .update(review_reminded_for=routine.next_review_date)
        )
        if not claimed:
            continue
        body = render_to_string(
            "routines/email/review_due.txt",
            {
                "routine": routine,
                "past_due": routine.is_past_due(today),
                "url": settings.KVN_BASE_URL.rstrip("/") + routine.get_absolute_url(),
            },
        )
        try:
            send_mail(
                _("Dags att revidera: %(title)s") % {"title": routine.title},
                body,
                None,
                [routine.owner.email],
            )
        except OSError:
            logger.exception("Could not send the review reminder for routine %s", routine.pk)
            Routine.objects.filter(pk=routine.pk).update(review_reminded_for=None)
            continue
        sent += 1
    return sent
