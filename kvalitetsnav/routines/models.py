"""Ledningssystemet: processes and activities, routines with versions, read receipts.

SOSFS 2011:9 chapter 4: the processes of the operation, the activities of each, and
for each activity a routine saying how it is done and who is responsible.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OperationKind, OrgNode

# A routine due within this many days is listed for its owner and reminded.
REVIEW_WARNING_DAYS = 30


class Process(BaseModel):
    """A process of the operation (handläggning, genomförande, uppföljning …)."""

    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processägare"),
    )
    applies_to = models.ManyToManyField(
        OrgNode, related_name="processes", verbose_name=_("gäller för")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processer")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Activity(BaseModel):
    """One step of a process, in order; its routines say how it is done."""

    process = models.ForeignKey(
        Process, models.CASCADE, related_name="activities", verbose_name=_("process")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["process__order", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("routines:activity", args=[self.pk])


class RoutineKind(models.TextChoices):
    RUTIN = "rutin", _("Rutin")
    RIKTLINJE = "riktlinje", _("Riktlinje")
    INSTRUKTION = "instruktion", _("Instruktion")
    CHECKLISTA = "checklista", _("Checklista")


class VersionStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    IN_REVIEW = "granskning", _("För granskning")
    APPROVED = "godkand", _("Godkänd")
    ARCHIVED = "arkiverad", _("Arkiverad")

    @classmethod
    def open_values(cls) -> list[str]:
        """A version still being written or reviewed: at most one per routine."""
        return [cls.DRAFT, cls.IN_REVIEW]


class RoutineQuerySet(models.QuerySet["Routine"]):
    def in_force(self) -> RoutineQuerySet:
        return self.filter(current_version__isnull=False)

    def review_due(self, today: dt.date | None = None) -> RoutineQuerySet:
        """In force and due for review within the warning period, or past due."""
        limit = (today or timezone.localdate()) + dt.timedelta(days=REVIEW_WARNING_DAYS)
        return self.in_force().filter(next_review_date__lte=limit)

    def past_due(self, today: dt.date | None = None) -> RoutineQuerySet:
        return self.in_force().filter(next_review_date__lt=today or timezone.localdate())


class Routine(BaseModel):
    """A governing document: rutin, riktlinje, instruktion or checklista.

    Its text lives in :class:`RoutineVersion`; ``current_version`` is the approved one.
    """

    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(
        _("typ av dokument"), max_length=20, choices=RoutineKind.choices, default=RoutineKind.RUTIN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="owned_routines",
        verbose_name=_("ägare"),
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="routines", verbose_name=_("aktiviteter")
    )
    applies_to = models.ManyToManyField(
        OrgNode, related_name="routines", verbose_name=_("gäller för")
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("revideras var (månader)"), default=12
    )
    next_review_date = models.DateField(_("nästa revidering"), null=True, blank=True)
    current_version = models.ForeignKey(
        "RoutineVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("gällande version"),
    )
    # The review date a reminder was last sent for: one reminder per due date.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["owner", "next_review_date"], name="routine_owner_review_idx"),
            models.Index(fields=["next_review_date"], name="routine_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1) & Q(review_interval_months__lte=60),
                name="routine_review_interval_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("routines:detail", args=[self.pk])

    def is_past_due(self, today: dt.date | None = None) -> bool:
        return bool(
            self.current_version_id
            and self.next_review_date
            and self.next_review_date < (today or timezone.localdate())
        )

    def is_review_due(self, today: dt.date | None = None) -> bool:
        limit = (today or timezone.localdate()) + dt.timedelta(days=REVIEW_WARNING_DAYS)
        return bool(
            self.current_version_id and self.next_review_date and self.next_review_date <= limit
        )


class RoutineVersion(BaseModel):
    """One version of a routine's text. Approved and archived versions are never changed."""

    routine = models.ForeignKey(
        Routine, models.CASCADE, related_name="versions", verbose_name=_("styrdokument")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    body = models.TextField(_("text"), blank=True)
    change_note = models.TextField(_("vad har ändrats"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    submitted_at = models.DateTimeField(_("skickad för granskning"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    archived_at = models.DateTimeField(_("arkiverad"), null=True, blank=True)
    # PostgreSQL only (kept up to date by routines.search); always empty on SQLite,
    # where the FTS5 table routines_fts is the index.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["routine", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "number"], name="routine_version_unique"),
            models.UniqueConstraint(
                fields=["routine"],
                condition=Q(status="godkand"),
                name="routine_one_approved_version",
            ),
            models.UniqueConstraint(
                fields=["routine"],
                condition=Q(status__in=["utkast", "granskning"]),
                name="routine_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["utkast", "granskning"])
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="routine_version_approval_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["utkast", "granskning"]) | Q(approved_at__isnull=True),
                name="routine_version_open_not_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine.title}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("routines:version", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in VersionStatus.open_values()


class ReadRequest(BaseModel):
    """A staff member is asked to read an approved version; ``confirmed_at`` is the receipt."""

    version = models.ForeignKey(
        RoutineVersion, models.CASCADE, related_name="read_requests", verbose_name=_("version")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="routine_read_requests",
        verbose_name=_("medarbetare"),
    )
    # The unit through which the user was asked (for the manager's view per unit).
    node = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("enhet"))
    confirmed_at = models.DateTimeField(_("läst och förstått"), null=True, blank=True)

    class Meta:
        verbose_name = _("läsbekräftelse")
        verbose_name_plural = _("läsbekräftelser")
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="read_request_unique"),
        ]
        indexes = [
            models.Index(fields=["user", "confirmed_at"], name="read_request_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"


class RoutineCitation(BaseModel):
    """A record of another module (an action, a deviation, a self-inspection) cites a routine."""

    routine = models.ForeignKey(
        Routine, models.CASCADE, related_name="citations", verbose_name=_("styrdokument")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", models.CASCADE, related_name="+", verbose_name=_("typ")
    )
    # Text, so that any primary key fits; every record here has a UUID.
    object_id = models.CharField(_("post"), max_length=64)
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("hänvisad av"),
    )

    class Meta:
        verbose_name = _("hänvisning till styrdokument")
        verbose_name_plural = _("hänvisningar till styrdokument")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "content_type", "object_id"], name="routine_citation_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="routine_citation_record_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.routine} ← {self.content_type.model} {self.object_id}"


class Training(BaseModel):
    """A training staff may be required to have (demensutbildning, delegering …)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("utbildning")
        verbose_name_plural = _("utbildningar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TrainingRequirement(BaseModel):
    """The share of staff in every unit under ``node`` who must have completed a training."""

    training = models.ForeignKey(
        Training, models.CASCADE, related_name="requirements", verbose_name=_("utbildning")
    )
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="training_requirements", verbose_name=_("gäller för")
    )
    # Only units of this kind (for example vård- och omsorgsboende); empty: every unit.
    operation_kind = models.CharField(
        _("verksamhet"), max_length=40, choices=OperationKind.choices, blank=True
    )
    required_percent = models.PositiveSmallIntegerField(_("krav på andel (%)"), default=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("utbildningskrav")
        verbose_name_plural = _("utbildningskrav")
        ordering = ["training__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "node", "operation_kind"], name="training_requirement_unique"
            ),
            models.CheckConstraint(
                condition=Q(required_percent__gte=1) & Q(required_percent__lte=100),
                name="training_requirement_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training}: {self.required_percent} % · {self.node}"


class TrainingCompletion(BaseModel):
    """A staff member has completed a training (the latest completion date is kept)."""

    training = models.ForeignKey(
        Training, models.CASCADE, related_name="completions", verbose_name=_("utbildning")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="training_completions",
        verbose_name=_("medarbetare"),
    )
    completed_on = models.DateField(_("genomförd"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    class Meta:
        verbose_name = _("genomförd utbildning")
        verbose_name_plural = _("genomförda utbildningar")
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], name="training_completion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.training} {self.completed_on}"
