"""Åtgärder: the register of improvement actions that every module links its findings to."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode


class ActionStatus(models.TextChoices):
    PLANNED = "planerad", _("Planerad")
    IN_PROGRESS = "pagar", _("Pågår")
    DONE = "genomford", _("Genomförd")
    EFFECT_EVALUATED = "effekt_utvarderad", _("Effekt utvärderad")
    CANCELLED = "avbruten", _("Avbruten")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.PLANNED, cls.IN_PROGRESS]


# The way forward through the statuses; any open action may also be cancelled.
NEXT_STATUS: dict[str, str] = {
    ActionStatus.PLANNED: ActionStatus.IN_PROGRESS,
    ActionStatus.IN_PROGRESS: ActionStatus.DONE,
    ActionStatus.DONE: ActionStatus.EFFECT_EVALUATED,
}


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=ActionStatus.open_values())

    def overdue(self, today: dt.date | None = None) -> ActionQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def owned_by(self, user) -> ActionQuerySet:
        return self.filter(owner=user)

    def linked_to(self, record: models.Model) -> ActionQuerySet:
        return self.filter(
            source_type=ContentType.objects.get_for_model(record), source_id=str(record.pk)
        )


class Action(BaseModel):
    """An improvement action (*åtgärd*): who does what by when, and did it help."""

    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="actions", verbose_name=_("enhet eller nivå")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("ansvarig"),
    )
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    cancel_reason = models.TextField(_("skäl till avbrott"), blank=True)
    completed_on = models.DateField(_("genomförd den"), null=True, blank=True)

    # The finding that led to the action: a deviation, complaint, risk, review finding…
    source_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    effect_evaluated_on = models.DateField(_("effekten utvärderad den"), null=True, blank=True)
    effect_result = models.TextField(_("resultat av utvärderingen"), blank=True)
    effect_sufficient = models.BooleanField(_("räckte åtgärden?"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Optimistic locking: an edit based on an old version is refused, not silently applied.
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = [models.F("due_date").asc(nulls_last=True), "created_at"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="action_status_due_idx"),
            models.Index(fields=["owner", "status"], name="action_owner_status_idx"),
            models.Index(fields=["source_type", "source_id"], name="action_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="avbruten") | ~Q(cancel_reason=""),
                name="action_cancel_needs_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="effekt_utvarderad")
                | (Q(effect_evaluated_on__isnull=False) & Q(effect_sufficient__isnull=False)),
                name="action_evaluation_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in ActionStatus.open_values()

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return bool(
            self.is_open and self.due_date and self.due_date < (today or timezone.localdate())
        )

    def next_status(self) -> str | None:
        return NEXT_STATUS.get(self.status)
