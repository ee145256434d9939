"""E-mail a risk's owner when its review date comes (once per review date)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import Risk

logger = logging.getLogger(__name__)


def _not_reminded() -> Q:
    return Q(reminded_for__isnull=True) | ~Q(reminded_for=F("review_date"))


def send_risk_review_reminders(today: dt.date) -> int:
    """Remind each owner of a risk due for review once per review date; returns the count."""
    candidates = (
        Risk.objects.due_for_review(today)
        .filter(_not_reminded(), owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner", "node")
    )
    sent = 0
    for risk in candidates.iterator(chunk_size=200):
        # Claim the row: only one worker wins the conditional UPDATE.
        claimed = (
            Risk.objects.filter(pk=risk.pk, review_date=risk.review_date)
            .filter(_not_reminded())
            .update(reminded_for=F("review_date"))
        )
        if not claimed:
            continue
        body = render_to_string(
            "risks/email/review_due.txt",
            {"risk": risk, "url": settings.KVN_BASE_URL.rstrip("/") + risk.get_absolute_url()},
        )
        try:
            send_mail(
                _("Risk att följa upp: %(title)s") % {"title": risk.title},
                body,
                None,
                [risk.owner.email],
            )
        except OSError:
            logger.exception("Could not send the review reminder for risk %s", risk.pk)
            Risk.objects.filter(pk=risk.pk).update(reminded_for=None)
            continue
        sent += 1
    return sent
