"""E-mail the responsible manager a week before a finding's account is due (once per date)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import Finding

logger = logging.getLogger(__name__)
DAYS_BEFORE = 7


def _not_reminded() -> Q:
    return Q(reminded_for__isnull=True) | ~Q(reminded_for=F("response_due"))


def send_finding_reminders(today: dt.date) -> int:
    """Remind once per due date, from a week before it; returns the number sent."""
    candidates = (
        Finding.objects.awaiting_response()
        .filter(response_due__lte=today + dt.timedelta(days=DAYS_BEFORE))
        .filter(_not_reminded(), review__responsible__is_active=True)
        .exclude(review__responsible__email="")
        .select_related("review", "review__responsible")
    )
    sent = 0
    for finding in candidates.iterator(chunk_size=200):
        claimed = (
            Finding.objects.filter(pk=finding.pk, response_due=finding.response_due)
            .filter(_not_reminded())
            .update(reminded_for=F("response_due"))
        )
        if not claimed:
            continue
        body = render_to_string(
            "reviews/email/finding_due.txt",
            {
                "finding": finding,
                "url": settings.KVN_BASE_URL.rstrip("/") + finding.get_absolute_url(),
            },
        )
        try:
            send_mail(
                _("Redovisning till %(reviewer)s senast %(date)s")
                % {
                    "reviewer": finding.review.get_reviewer_display(),
                    "date": finding.response_due.isoformat(),
                },
                body,
                None,
                [finding.review.responsible.email],
            )
        except OSError:
            logger.exception("Could not send the reminder for finding %s", finding.pk)
            Finding.objects.filter(pk=finding.pk).update(reminded_for=None)
            continue
        sent += 1
    return sent
