"""Riskanalys: risk analyses for an occasion, and the risks rated in them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode


class Occasion(models.TextChoices):
    YEARLY = "arlig", _("Enhetens årliga riskanalys")
    REORGANISATION = (
        "organisationsforandring",
        _("Förändring av organisation, bemanning eller arbetssätt"),
    )
    CRISIS = "kris", _("Kris, till exempel pandemi")
    CONTINUITY = "kontinuitet", _("Kontinuitetsplan för dygnetruntverksamhet (el, vatten, mat)")
    OTHER = "annat", _("Annat")


# The scale, written out so that everyone rates alike (shown as help text in the forms).
PROBABILITY_LEVELS: dict[int, tuple[str, str]] = {
    1: (_("Osannolik"), _("Kan hända men har inte hänt här; mer sällan än vart femte år.")),
    2: (_("Möjlig"), _("Har hänt någon gång; kan inträffa under de närmaste åren.")),
    3: (_("Sannolik"), _("Händer då och då; troligen någon gång under året.")),
    4: (_("Mycket sannolik"), _("Händer ofta; varje månad eller oftare.")),
}
CONSEQUENCE_LEVELS: dict[int, tuple[str, str]] = {
    1: (_("Försumbar"), _("Ingen eller obetydlig påverkan på den enskilda eller verksamheten.")),
    2: (_("Lindrig"), _("Tillfälligt obehag eller kortvarig brist som rättas till snabbt.")),
    3: (
        _("Betydande"),
        _("Märkbar skada eller brist i insatsen; den enskilda påverkas påtagligt."),
    ),
    4: (
        _("Allvarlig"),
        _("Allvarlig eller bestående skada, fara för liv och hälsa, allvarligt missförhållande."),
    ),
}
LEVEL_CHOICES = [(n, f"{n} – {PROBABILITY_LEVELS[n][0]}") for n in range(1, 5)]
CONSEQUENCE_CHOICES = [(n, f"{n} – {CONSEQUENCE_LEVELS[n][0]}") for n in range(1, 5)]


def level_help(levels: dict[int, tuple[str, str]]) -> str:
    return " ".join(f"{n} {name}: {meaning}" for n, (name, meaning) in levels.items())


def score_band(score: int) -> str:
    """low (1–3), medium (4–8), high (9–16): the band a score falls in."""
    if score >= 9:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


BAND_LABELS = {"low": _("låg"), "medium": _("medel"), "high": _("hög")}


class RiskAnalysis(BaseModel):
    """A risk analysis (*riskanalys*) of a unit or level, for one occasion."""

    title = models.CharField(_("rubrik"), max_length=200)
    occasion = models.CharField(_("anledning"), max_length=30, choices=Occasion.choices)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="risk_analyses", verbose_name=_("enhet eller nivå")
    )
    analysed_on = models.DateField(_("datum för analysen"))
    participants = models.TextField(
        _("deltagare"),
        blank=True,
        help_text=_("Roller eller namn på medarbetare som deltog. Aldrig uppgifter om enskilda."),
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd av"),
    )
    signed_off_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    # When a signed analysis is revised, the new draft takes over from it.
    replaced_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ersatt av"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("riskanalys")
        verbose_name_plural = _("riskanalyser")
        ordering = ["-analysed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | Q(signed_off_by__isnull=False),
                name="riskanalysis_signed_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:analysis_detail", args=[self.pk])

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class RiskQuerySet(models.QuerySet["Risk"]):
    def current(self) -> RiskQuerySet:
        """Risks of analyses that no later revision has replaced."""
        return self.filter(analysis__replaced_by__isnull=True)

    def due_for_review(self, today: dt.date | None = None) -> RiskQuerySet:
        return self.current().filter(review_date__lte=today or timezone.localdate())


class Risk(BaseModel):
    """One risk: what could happen, why, how likely and how bad, and what is done about it."""

    analysis = models.ForeignKey(
        RiskAnalysis, models.CASCADE, related_name="risks", verbose_name=_("riskanalys")
    )
    # The analysis's node, kept on the risk so that access and the heat map need no join.
    node = models.ForeignKey(OrgNode, models.PROTECT, related_name="risks", editable=False)
    title = models.CharField(_("vad kan hända?"), max_length=200)
    process = models.CharField(_("process eller verksamhet"), max_length=200, blank=True)
    causes = models.TextField(_("orsaker"), blank=True)
    probability = models.PositiveSmallIntegerField(_("sannolikhet"), choices=LEVEL_CHOICES)
    consequence = models.PositiveSmallIntegerField(_("konsekvens"), choices=CONSEQUENCE_CHOICES)
    score = models.PositiveSmallIntegerField(_("riskvärde"), editable=False)
    existing_controls = models.TextField(_("befintliga åtgärder och kontroller"), blank=True)
    residual_probability = models.PositiveSmallIntegerField(
        _("sannolikhet efter åtgärder"), choices=LEVEL_CHOICES, null=True, blank=True
    )
    residual_consequence = models.PositiveSmallIntegerField(
        _("konsekvens efter åtgärder"), choices=CONSEQUENCE_CHOICES, null=True, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_risks",
        verbose_name=_("riskägare"),
    )
    review_date = models.DateField(_("följs upp senast"), null=True, blank=True)
    template_key = models.CharField(max_length=60, blank=True, editable=False)
    # The review date a reminder was last sent for: one reminder per review date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["-score", "title"]
        indexes = [
            models.Index(fields=["probability", "consequence"], name="risk_rating_idx"),
            models.Index(fields=["owner", "review_date"], name="risk_owner_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=4), name="risk_probability_1_4"
            ),
            models.CheckConstraint(
                condition=Q(consequence__gte=1, consequence__lte=4), name="risk_consequence_1_4"
            ),
            models.CheckConstraint(
                condition=Q(score=F("probability") * F("consequence")),
                name="risk_score_is_product",
            ),
            models.CheckConstraint(
                condition=Q(residual_probability__isnull=True)
                | Q(residual_probability__gte=1, residual_probability__lte=4),
                name="risk_residual_probability_1_4",
            ),
            models.CheckConstraint(
                condition=Q(residual_consequence__isnull=True)
                | Q(residual_consequence__gte=1, residual_consequence__lte=4),
                name="risk_residual_consequence_1_4",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:risk_detail", args=[self.pk])

    @property
    def band(self) -> str:
        return score_band(self.score)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])

    @property
    def residual_score(self) -> int | None:
        if self.residual_probability and self.residual_consequence:
            return self.residual_probability * self.residual_consequence
        return None

    def is_review_due(self, today: dt.date | None = None) -> bool:
        return bool(self.review_date and self.review_date <= (today or timezone.localdate()))
