"""Nyckeltal: key figures per unit and month, and implementation plans in time."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode


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
