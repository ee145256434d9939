"""E-mail the responsible person once when an inspection becomes late."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Inspection

logger = logging.getLogger(__name__)


def send_late_inspection_reminders(today: dt.date) -> int:
    """Remind each responsible of a late inspection once; returns the number sent."""
    candidates = (
        Inspection.objects.late(today)
        .filter(reminded_at__isnull=True, responsible__is_active=True)
        .exclude(responsible__email="")
        .select_related("responsible", "node", "template_version__template")
    )
    sent = 0
    for inspection in candidates.iterator(chunk_size=200):
        # Claim the row: only one worker wins the conditional UPDATE.
        claimed = Inspection.objects.filter(pk=inspection.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        body = render_to_string(
            "inspections/email/late.txt",
            {
                "inspection": inspection,
                "url": settings.KVN_BASE_URL.rstrip("/") + inspection.get_absolute_url(),
            },
        )
        try:
            send_mail(
                _("Försenad egenkontroll: %(title)s")
                % {"title": inspection.template_version.template.name},
                body,
                None,
                [inspection.responsible.email],
            )
        except OSError:
            logger.exception("Could not send the reminder for inspection %s", inspection.pk)
            Inspection.objects.filter(pk=inspection.pk).update(reminded_at=None)
            continue
        sent += 1
    return sent
