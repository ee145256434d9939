"""The year's quality report (kvalitetsberättelse) per board, and its sections.

A report is generated from the registers: each section stores its figures as a JSON
snapshot, a proposed first paragraph, and the text its writer drafts. Regenerating
refreshes the figures until the administration approves the report; from then on
the report is that year's frozen version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode

from .sections import SECTIONS


class ReportStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    APPROVED = "godkand", _("Godkänd")


class SectionStatus(models.TextChoices):
    TO_WRITE = "att_skriva", _("Att skriva")
    DRAFTING = "utkast", _("Utkast")
    SUBMITTED = "for_granskning", _("För granskning")
    REVIEWED = "granskad", _("Granskad")


class QualityReport(BaseModel):
    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    generated_at = models.DateTimeField(_("figurerna hämtade"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approval_note = models.TextField(_("kommentar vid godkännande"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("kvalitetsberättelse")
        verbose_name_plural = _("kvalitetsberättelser")
        ordering = ["-year", "board__name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="qualityreport_one_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="qualityreport_year_range"
            ),
            models.CheckConstraint(
                condition=Q(status="utkast") | Q(approved_at__isnull=False),
                name="qualityreport_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Kvalitetsberättelse {self.year}, {self.board.name}"

    def get_absolute_url(self) -> str:
        return reverse("qualityreport:detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == ReportStatus.APPROVED


class ReportSection(BaseModel):
    report = models.ForeignKey(QualityReport, models.CASCADE, related_name="sections")
    key = models.CharField(_("avsnitt"), max_length=30, choices=SECTIONS)
    position = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("rubrik"), max_length=200)
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skribent"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SectionStatus.choices, default=SectionStatus.TO_WRITE
    )
    text = models.TextField(_("text"), blank=True)
    proposal = models.TextField(_("föreslaget första stycke"), blank=True)
    figures = models.JSONField(_("siffror"), default=dict, blank=True)
    review_comment = models.TextField(_("granskarens kommentar"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="qualityreport_section_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qualityreport:section", args=[self.pk])


class Fitness(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "delvis", _("Delvis")
    NO = "nej", _("Nej")


class ManagementReview(BaseModel):
    """Ledningens genomgång: the yearly meeting that judges the management system."""

    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    year = models.PositiveSmallIntegerField(_("år som granskas"))
    held_on = models.DateField(_("mötesdatum"))
    participants = models.TextField(
        _("deltagare"), help_text=_("Namn och roller, en per rad. Aldrig personnummer.")
    )
    report = models.ForeignKey(
        QualityReport,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="management_reviews",
        verbose_name=_("kvalitetsberättelse"),
    )
    material = models.TextField(_("underlag och nyckeltal som gicks igenom"), blank=True)
    fitness = models.CharField(
        _("är ledningssystemet ändamålsenligt?"), max_length=10, choices=Fitness.choices
    )
    fitness_reasoning = models.TextField(_("motivering"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ledningens genomgång")
        verbose_name_plural = _("ledningens genomgångar")
        ordering = ["-year", "board__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year"], name="management_review_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Ledningens genomgång {self.year}, {self.board.name}"

    def get_absolute_url(self) -> str:
        return reverse("qualityreport:review_detail", args=[self.pk])


class ReviewDecision(BaseModel):
    """A decision of the management review; each one becomes an action in the register."""

    review = models.ForeignKey(ManagementReview, models.CASCADE, related_name="decisions")
    text = models.CharField(_("beslut"), max_length=200)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="+", verbose_name=_("ansvarig nivå eller enhet")
    )
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    action = models.ForeignKey(
        "actions.Action", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("beslut i ledningens genomgång")
        verbose_name_plural = _("beslut i ledningens genomgång")
        ordering = ["review", "created_at"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.review.get_absolute_url()
