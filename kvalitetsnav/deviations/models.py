"""Avvikelser: deviations reported by staff, handled by the unit's manager."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number


class Category(BaseModel):
    """A kind of deviation (bemötande, fall, läkemedel…), editable by the administrator."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    ordering = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avvikelsekategori")
        verbose_name_plural = _("avvikelsekategorier")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name


class ContributingFactor(BaseModel):
    """A contributing factor in the system (rutiner, bemanning…), never a person to blame."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    ordering = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("bidragande orsak")
        verbose_name_plural = _("bidragande orsaker")
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name


class DeviationStatus(models.TextChoices):
    NEW = "ny", _("Ny")
    INVESTIGATING = "under_utredning", _("Under utredning")
    REMEDIED = "atgardad", _("Åtgärdad")
    CLOSED = "avslutad", _("Avslutad")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.NEW, cls.INVESTIGATING, cls.REMEDIED]


class DeviationCounter(models.Model):
    """The last receipt number handed out for one board and year (claimed with an UPDATE)."""

    id = models.BigAutoField(primary_key=True)
    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="deviation_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.board_id} {self.year}: {self.last_number}"


class DeviationQuerySet(models.QuerySet["Deviation"]):
    def open(self) -> DeviationQuerySet:
        return self.filter(status__in=DeviationStatus.open_values())

    def reported_by(self, user) -> DeviationQuerySet:
        return self.filter(reported_by=user)

    def in_year(self, year: int) -> DeviationQuerySet:
        return self.filter(occurred_at__year=year)


class Deviation(BaseModel):
    """An avvikelse: something that went wrong or could have, reported so it can be learnt from."""

    # A deviation concerns a person: every read through get_for_user is logged.
    audit_reads = True

    number = models.CharField(_("nummer"), max_length=20, editable=False)
    board = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="+", editable=False, verbose_name=_("nämnd")
    )
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="deviations", verbose_name=_("enhet")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="reported_deviations",
        verbose_name=_("rapporterad av"),
    )
    occurred_at = models.DateTimeField(_("när hände det?"))
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="deviations", verbose_name=_("kategori")
    )
    description = models.TextField(_("vad hände?"), validators=[validate_no_identity_number])
    immediate_action = models.TextField(
        _("vad gjordes direkt?"), validators=[validate_no_identity_number]
    )
    person_ref = models.CharField(
        _("den enskildes kodade referens"),
        max_length=40,
        blank=True,
        validators=[validate_no_identity_number],
        help_text=_("T.ex. B-1042. Aldrig namn eller personnummer."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeviationStatus.choices, default=DeviationStatus.NEW
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_deviations",
        verbose_name=_("handläggare"),
    )
    investigation_started_at = models.DateTimeField(_("utredning påbörjad"), null=True, blank=True)

    # The analysis looks for causes in the system, not for someone to blame.
    analysis_what = models.TextField(
        _("vad hände (analys)"), blank=True, validators=[validate_no_identity_number]
    )
    analysis_why = models.TextField(
        _("varför hände det – orsaker i verksamheten"),
        blank=True,
        validators=[validate_no_identity_number],
    )
    factors = models.ManyToManyField(
        ContributingFactor,
        blank=True,
        related_name="deviations",
        verbose_name=_("bidragande orsaker"),
    )
    analysis_recorded_at = models.DateTimeField(_("analys registrerad"), null=True, blank=True)
    analysis_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    remedied_at = models.DateTimeField(_("åtgärdad"), null=True, blank=True)

    feedback_to_reporter = models.TextField(
        _("återkoppling till den som rapporterade"),
        blank=True,
        validators=[validate_no_identity_number],
    )
    feedback_given_at = models.DateTimeField(_("återkoppling given"), null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback_read_at = models.DateTimeField(_("återkoppling läst"), null=True, blank=True)

    close_reason = models.TextField(
        _("skäl att avsluta med öppna åtgärder"),
        blank=True,
        validators=[validate_no_identity_number],
    )
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Optimistic locking: an edit based on an old version is refused, not silently applied.
    version = models.PositiveIntegerField(default=1)

    objects = DeviationQuerySet.as_manager()

    class Meta:
        verbose_name = _("avvikelse")
        verbose_name_plural = _("avvikelser")
        ordering = ["-occurred_at", "-created_at"]
        indexes = [
            models.Index(fields=["node", "status"], name="deviation_node_status_idx"),
            models.Index(fields=["reported_by", "status"], name="deviation_reporter_idx"),
            models.Index(fields=["board", "occurred_at"], name="deviation_board_time_idx"),
            # Statistics of a department or unit for a year: a range per unit, not a table scan.
            models.Index(fields=["node", "occurred_at"], name="deviation_node_time_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["board", "number"], name="deviation_number_unique"),
            models.CheckConstraint(condition=~Q(number=""), name="deviation_has_number"),
            models.CheckConstraint(
                condition=~Q(status="avslutad")
                | (
                    Q(closed_at__isnull=False)
                    & Q(analysis_recorded_at__isnull=False)
                    & Q(feedback_given_at__isnull=False)
                ),
                name="deviation_closed_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(status="avslutad"),
                name="deviation_closed_at_only_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(feedback_given_at__isnull=True) | ~Q(feedback_to_reporter=""),
                name="deviation_feedback_has_text",
            ),
            models.CheckConstraint(
                condition=Q(analysis_recorded_at__isnull=True) | ~Q(analysis_why=""),
                name="deviation_analysis_has_causes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.category}" if self.category_id else self.number

    def get_absolute_url(self) -> str:
        return reverse("deviations:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in DeviationStatus.open_values()

    @property
    def has_analysis(self) -> bool:
        return self.analysis_recorded_at is not None

    @property
    def has_feedback(self) -> bool:
        return self.feedback_given_at is not None

    @property
    def feedback_unread(self) -> bool:
        return self.has_feedback and self.feedback_read_at is None

    def age_days(self, now: dt.datetime | None = None) -> int:
        return ((now or timezone.now()) - self.created_at).days
