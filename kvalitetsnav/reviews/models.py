"""Granskningar: external reviews with their findings, and provider follow-ups."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode


class ReviewerKind(models.TextChoices):
    IVO_SUPERVISION = "ivo_tillsyn", _("IVO – tillsyn")
    IVO_INSPECTION = "ivo_inspektion", _("IVO – inspektion")
    CITY_AUDITORS = "stadens_revisorer", _("Stadens revisorer")
    SOCIAL_INSPECTORS = "socialtjanstinspektorer", _("Socialtjänstinspektörer")
    DISABILITY_INSPECTORS = "funktionshinderinspektorer", _("Funktionshinderinspektörer")
    WORK_ENVIRONMENT = "arbetsmiljoverket", _("Arbetsmiljöverket")
    ENVIRONMENT_OFFICE = "miljoforvaltningen", _("Miljöförvaltningen")
    PHARMACY = "apoteket", _("Apoteket")
    INFECTION_CONTROL = "vardhygien", _("Vårdhygien")
    ELDERLY_OFFICE = "aldreforvaltningen", _("Äldreförvaltningen")
    OTHER = "annan", _("Annan")


class Theme(models.TextChoices):
    """What a finding (or a lesson) is about, for the city-level view across districts."""

    RISK_ANALYSIS = "riskanalys", _("Riskanalys")
    MANAGEMENT_SYSTEM = "ledningssystem", _("Ledningssystem och rutiner")
    CASEWORK = "handlaggning", _("Handläggning och dokumentation")
    CONTACT = "kontakt", _("Kontakt med och delaktighet för enskilda")
    FOLLOW_UP = "uppfoljning", _("Uppföljning av insatser")
    CHILD_PROTECTION = "barn_skydd", _("Barns och ungas skydd")
    SELF_INSPECTION = "egenkontroll", _("Egenkontroll")
    STAFF = "personal", _("Bemanning och kompetens")
    MEDICINES = "lakemedel", _("Läkemedel")
    HYGIENE = "hygien", _("Hygien och smittskydd")
    SAFETY = "hot_vald", _("Hot, våld och säkerhet")
    WORK_ENVIRONMENT = "arbetsmiljo", _("Arbetsmiljö")
    FOOD = "livsmedel", _("Livsmedel och måltider")
    OTHER = "annat", _("Annat")


class Review(BaseModel):
    """An external review (*granskning*, *tillsyn*, *revision*) of a board or its units."""

    reviewer = models.CharField(_("granskare"), max_length=40, choices=ReviewerKind.choices)
    reference = models.CharField(
        _("diarienummer"), max_length=80, blank=True, help_text=_("Till exempel IVO:s dnr.")
    )
    subject = models.CharField(_("vad granskades"), max_length=300)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="reviews", verbose_name=_("ansvarig nivå")
    )
    units = models.ManyToManyField(
        OrgNode, blank=True, related_name="+", verbose_name=_("granskade enheter")
    )
    started_on = models.DateField(_("granskningen började"))
    decided_on = models.DateField(_("beslut eller rapport"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig chef"),
    )
    closed_on = models.DateField(_("ärendet avslutat"), null=True, blank=True)
    closing_note = models.TextField(_("granskarens avslutande besked"), blank=True)
    account_sent_on = models.DateField(
        _("redovisning av vidtagna åtgärder skickad"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        ordering = ["-started_on", "subject"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("started_on")),
                name="review_decided_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reviewer_display()}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])


class Severity(models.TextChoices):
    SHORTCOMING = "brist", _("Brist")
    REMARK = "anmarkning", _("Anmärkning")
    RECOMMENDATION = "rekommendation", _("Rekommendation")
    DEVELOPMENT = "utvecklingsomrade", _("Utvecklingsområde")
    OBSERVATION = "iakttagelse", _("Iakttagelse")
    STRENGTH = "styrka", _("Styrka")


class FindingQuerySet(models.QuerySet["Finding"]):
    def awaiting_response(self) -> FindingQuerySet:
        return self.filter(response_required=True, responded_on__isnull=True)

    def overdue(self, today: dt.date | None = None) -> FindingQuerySet:
        return self.awaiting_response().filter(response_due__lt=today or timezone.localdate())


class Finding(BaseModel):
    """One finding of a review, and the unit's answer to it."""

    review = models.ForeignKey(
        Review, models.CASCADE, related_name="findings", verbose_name=_("granskning")
    )
    text = models.TextField(_("iakttagelse"))
    severity = models.CharField(_("slag"), max_length=20, choices=Severity.choices)
    requirement = models.TextField(
        _("krav och lagrum"),
        blank=True,
        help_text=_(
            "Vad granskaren kräver, till exempel: riskanalys enligt 5 kap. 1 § SOSFS 2011:9."
        ),
    )
    theme = models.CharField(_("tema"), max_length=30, choices=Theme.choices, blank=True)
    response_required = models.BooleanField(_("kräver redovisning av åtgärder"), default=False)
    response_due = models.DateField(_("redovisas senast"), null=True, blank=True)
    response = models.TextField(_("redovisning"), blank=True)
    responded_on = models.DateField(_("redovisad den"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("iakttagelse")
        verbose_name_plural = _("iakttagelser")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["responded_on", "response_due"], name="finding_due_idx"),
            models.Index(fields=["theme"], name="finding_theme_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_required=False) | Q(response_due__isnull=False),
                name="finding_required_response_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | ~Q(response=""),
                name="finding_response_has_text",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.review_id]) + f"#finding-{self.pk}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return bool(
            self.response_required
            and self.responded_on is None
            and self.response_due
            and self.response_due < (today or timezone.localdate())
        )


class ProviderFollowUp(BaseModel):
    """A planned follow-up (*verksamhetsuppföljning*) of a unit, in-house or contracted."""

    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="follow_ups", verbose_name=_("enhet")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    planned_on = models.DateField(_("planerad"))
    done_on = models.DateField(_("genomförd"), null=True, blank=True)
    not_done_reason = models.CharField(
        _("skäl till att den inte blev av"), max_length=300, blank=True
    )
    strengths = models.TextField(_("styrkor"), blank=True)
    development_areas = models.TextField(_("utvecklingsområden"), blank=True)
    shortcomings = models.TextField(_("brister"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verksamhetsuppföljning")
        verbose_name_plural = _("verksamhetsuppföljningar")
        ordering = ["year", "planned_on"]
        constraints = [
            models.UniqueConstraint(fields=["node", "year"], name="followup_one_per_unit_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="followup_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:followup_detail", args=[self.pk])
