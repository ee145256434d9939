"""Nyckeltal: key figures per unit and month, and implementation plans in time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number


class ImplementationPlanFigure(BaseModel):
    """A count of a unit's implementation plans (*genomförandeplaner*) on a date.

    ``plans_in_time`` are those drawn up and approved in time.
    """

    unit = models.ForeignKey(
        OrgNode,
        models.PROTECT,
        related_name="implementation_plan_figures",
        verbose_name=_("enhet"),
    )
    measured_on = models.DateField(_("mätdatum"))
    plans_total = models.PositiveIntegerField(_("genomförandeplaner totalt"))
    plans_in_time = models.PositiveIntegerField(_("upprättade och godkända i tid"))

    class Meta:
        verbose_name = _("mätning av genomförandeplaner")
        verbose_name_plural = _("mätningar av genomförandeplaner")
        ordering = ["unit__path", "-measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "measured_on"], name="implplan_one_per_unit_and_date"
            ),
            models.CheckConstraint(
                condition=Q(plans_in_time__lte=F("plans_total")),
                name="implplan_in_time_at_most_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.measured_on:%Y-%m-%d}"


class Measure(models.TextChoices):
    """The unit of measure of a key figure, which also decides its control chart."""

    COUNT = "antal", _("Antal")
    PERCENT = "procent", _("Andel i procent")
    DAYS = "dagar", _("Dagar")
    VALUE = "varde", _("Värde")


class Source(models.TextChoices):
    MANUAL = "manuell", _("Registreras för hand")
    IMPORT = "import", _("Importeras från fil")
    COMPUTED = "beraknad", _("Beräknas från registren")


class ComputedKind(models.TextChoices):
    """What a computed key figure counts in the other registers, per unit and month."""

    DEVIATIONS = "avvikelser", _("Avvikelser per månad")
    COMPLAINTS_IN_TIME = "klagomal_i_tid", _("Andel klagomål återkopplade i tid")
    DECISIONS_REPORTABLE = "ej_verkstallda", _("Rapporteringspliktiga ej verkställda beslut")
    INSPECTIONS_DONE = "egenkontroller", _("Genomförda egenkontroller av planerade")
    ROUTINES_PAST_REVIEW = "rutiner_ej_reviderade", _("Styrdokument som passerat revidering")
    ACTIONS_PAST_DUE = "atgarder_forsenade", _("Försenade åtgärder")


# What each computed kind measures in: shares are percent, the rest counts.
COMPUTED_MEASURE: dict[str, str] = {
    ComputedKind.DEVIATIONS: Measure.COUNT,
    ComputedKind.COMPLAINTS_IN_TIME: Measure.PERCENT,
    ComputedKind.DECISIONS_REPORTABLE: Measure.COUNT,
    ComputedKind.INSPECTIONS_DONE: Measure.PERCENT,
    ComputedKind.ROUTINES_PAST_REVIEW: Measure.COUNT,
    ComputedKind.ACTIONS_PAST_DUE: Measure.COUNT,
}


class KeyFigure(BaseModel):
    """A key figure (*nyckeltal*): what is measured, how, and what the goal is.

    It applies to the units under ``node`` (a board, a department or the whole city).
    """

    name = models.CharField(_("namn"), max_length=200)
    code = models.SlugField(
        _("kod"),
        max_length=60,
        unique=True,
        help_text=_("Kort kod som används i importfiler, t.ex. brukarnojdhet."),
    )
    description = models.TextField(_("vad räknas"), blank=True)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="key_figures", verbose_name=_("gäller för")
    )
    measure = models.CharField(
        _("måttenhet"), max_length=10, choices=Measure.choices, default=Measure.COUNT
    )
    target = models.DecimalField(
        _("målvärde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("högre är bättre"), default=True)
    source = models.CharField(
        _("källa"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    computed_kind = models.CharField(
        _("beräknas som"), max_length=30, choices=ComputedKind.choices, blank=True
    )
    is_active = models.BooleanField(_("aktivt"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source="beraknad") & ~Q(computed_kind=""))
                | (~Q(source="beraknad") & Q(computed_kind="")),
                name="keyfigure_computed_kind_iff_computed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("keyfigures:detail", args=[self.pk])

    @property
    def is_computed(self) -> bool:
        return self.source == Source.COMPUTED

    @property
    def symbol(self) -> str:
        return {Measure.PERCENT: "%", Measure.DAYS: _("dagar")}.get(self.measure, "")


class KeyFigureValue(BaseModel):
    """A key figure's value for one unit and month, entered by hand or imported.

    A share may carry its counts (``numerator`` of ``denominator``): the value is then
    computed from them and the control chart can be a p-chart.
    """

    key_figure = models.ForeignKey(
        KeyFigure, models.CASCADE, related_name="values", verbose_name=_("nyckeltal")
    )
    unit = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="key_figure_values", verbose_name=_("enhet")
    )
    period = models.DateField(_("månad"), help_text=_("Den första dagen i månaden."))
    value = models.DecimalField(_("värde"), max_digits=12, decimal_places=2)
    numerator = models.PositiveIntegerField(_("antal som uppfyller"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("antal totalt"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, validators=[validate_no_identity_number])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("värde för nyckeltal")
        verbose_name_plural = _("värden för nyckeltal")
        ordering = ["key_figure", "unit__path", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_figure", "unit", "period"], name="keyfigurevalue_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=False),
                name="keyfigurevalue_numerator_needs_denominator",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="keyfigurevalue_numerator_at_most_denominator",
            ),
        ]
        indexes = [models.Index(fields=["key_figure", "period"], name="kfvalue_figure_period_idx")]

    def __str__(self) -> str:
        return f"{self.key_figure} {self.unit} {self.period:%Y-%m}"
