"""Every change to key figures: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode

from .models import ImplementationPlanFigure


def _check_unit(actor: User | None, unit: OrgNode, field: str = "unit") -> None:
    if not unit.is_unit:
        raise ValidationError({field: _("Välj en enhet, inte en högre nivå.")})
    if actor is not None and not has_cap(actor, Cap.MANAGE_RECORDS, unit):
        raise PermissionDenied


def implementation_plan_figure_record(
    *,
    actor: User | None,
    unit: OrgNode,
    measured_on: dt.date,
    plans_total: int,
    plans_in_time: int,
) -> ImplementationPlanFigure:
    """Record how many implementation plans a unit has and how many were made in time.

    A second count for the same unit and date replaces the first (logged as a change).
    ``actor`` is None only for the demo and imports run by the system.
    """
    _check_unit(actor, unit)
    errors: dict[str, str] = {}
    if measured_on > timezone.localdate():
        errors["measured_on"] = _("Mätdatumet kan inte ligga i framtiden.")
    if plans_total < 0:
        errors["plans_total"] = _("Antalet kan inte vara negativt.")
    if plans_in_time < 0:
        errors["plans_in_time"] = _("Antalet kan inte vara negativt.")
    elif plans_in_time > plans_total:
        errors["plans_in_time"] = _("Fler i tid än totalt: kontrollera siffrorna.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        figure = (
            ImplementationPlanFigure.objects.select_for_update()
            .filter(unit=unit, measured_on=measured_on)
            .first()
        )
        if figure is None:
            figure = ImplementationPlanFigure.objects.create(
                unit=unit,
                measured_on=measured_on,
                plans_total=plans_total,
                plans_in_time=plans_in_time,
            )
            audit.record_create(actor, figure)
        else:
            before = audit.snapshot(figure)
            figure.plans_total = plans_total
            figure.plans_in_time = plans_in_time
            figure.save(update_fields=["plans_total", "plans_in_time", "updated_at"])
            audit.record_update(actor, figure, before)
    return figure
