"""Every change to key figures: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import (
    COMPUTED_MEASURE,
    ImplementationPlanFigure,
    KeyFigure,
    KeyFigureValue,
    Measure,
    Source,
)


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


# Key figures ------------------------------------------------------------------

_FIGURE_FIELDS = (
    "name",
    "code",
    "description",
    "node",
    "measure",
    "target",
    "higher_is_better",
    "source",
    "computed_kind",
    "is_active",
)


def _clean_figure(figure: KeyFigure) -> None:
    figure.name = figure.name.strip()
    figure.description = figure.description.strip()
    if figure.source == Source.COMPUTED:
        if not figure.computed_kind:
            raise ValidationError({"computed_kind": _("Välj vad som ska beräknas.")})
        figure.measure = COMPUTED_MEASURE[figure.computed_kind]
    else:
        figure.computed_kind = ""
    if (
        figure.measure == Measure.PERCENT
        and figure.target is not None
        and not 0 <= figure.target <= 100
    ):
        raise ValidationError({"target": _("Ett mål i procent ligger mellan 0 och 100.")})
    figure.full_clean()


def key_figure_create(
    *,
    actor: User,
    name: str,
    code: str,
    node: OrgNode,
    description: str = "",
    measure: str = Measure.COUNT,
    target: Decimal | None = None,
    higher_is_better: bool = True,
    source: str = Source.MANUAL,
    computed_kind: str = "",
) -> KeyFigure:
    """Define a key figure for the units under ``node``."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise ValidationError({"node": _("Du kan inte definiera nyckeltal för den nivån.")})
    figure = KeyFigure(
        name=name,
        code=code.strip().lower(),
        description=description,
        node=node,
        measure=measure,
        target=target,
        higher_is_better=higher_is_better,
        source=source,
        computed_kind=computed_kind,
        created_by=actor,
    )
    _clean_figure(figure)
    with transaction.atomic():
        figure.save()
        audit.record_create(actor, figure)
    return figure


def key_figure_update(
    *, actor: User, key_figure: KeyFigure, version: int, **changes: Any
) -> KeyFigure:
    """Change a key figure's definition; ``version`` is the one the user saw."""
    unknown = set(changes) - set(_FIGURE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not has_cap(actor, Cap.MANAGE_RECORDS, key_figure.node):
        raise PermissionDenied
    new_node = changes.get("node", key_figure.node)
    if not has_cap(actor, Cap.MANAGE_RECORDS, new_node):
        raise ValidationError({"node": _("Du kan inte flytta nyckeltalet dit.")})
    if (
        "source" in changes
        and changes["source"] != key_figure.source
        and key_figure.values.exists()
    ):
        raise ValidationError(
            {"source": _("Källan kan inte ändras när nyckeltalet redan har värden.")}
        )
    with transaction.atomic():
        before = audit.snapshot(key_figure)
        for name, value in changes.items():
            setattr(key_figure, name, value)
        if "code" in changes:
            key_figure.code = key_figure.code.strip().lower()
        _clean_figure(key_figure)
        save_versioned(
            key_figure,
            version,
            _(
                "Någon annan har ändrat nyckeltalet medan du arbetade. "
                "Ladda om sidan och gör om ändringen."
            ),
        )
        audit.record_update(actor, key_figure, before)
    return key_figure


# Values -----------------------------------------------------------------------


def check_value(
    figure: KeyFigure,
    unit: OrgNode,
    period: dt.date,
    value: Decimal | None,
    numerator: int | None,
    denominator: int | None,
    today: dt.date,
) -> tuple[dt.date, Decimal]:
    """The month and value to store, or a ValidationError naming every field at fault."""
    errors: dict[str, list[str]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if figure.source == Source.COMPUTED:
        fail("key_figure", _("Nyckeltalet beräknas från registren och kan inte registreras."))
    if not figure.is_active:
        fail("key_figure", _("Nyckeltalet används inte längre."))
    if not unit.is_unit:
        fail("unit", _("Välj en enhet, inte en högre nivå."))
    elif not unit.path.startswith(figure.node.path):
        fail("unit", _("Nyckeltalet gäller inte den enheten."))
    period = period.replace(day=1)
    if period > today.replace(day=1):
        fail("period", _("Månaden kan inte ligga i framtiden."))
    if (numerator is None) != (denominator is None):
        fail(
            "denominator", _("Ange både antal som uppfyller och antal totalt, eller inget av dem.")
        )
    elif numerator is not None and denominator is not None:
        if numerator < 0 or denominator < 0:
            fail("numerator", _("Antalen kan inte vara negativa."))
        elif numerator > denominator:
            fail("numerator", _("Fler som uppfyller än totalt: kontrollera siffrorna."))
        elif figure.measure != Measure.PERCENT:
            fail("numerator", _("Antal av totalt anges bara för nyckeltal i procent."))
        elif denominator == 0:
            fail("denominator", _("Antal totalt måste vara minst 1."))
        else:
            value = (Decimal(numerator) * 100 / denominator).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
    if value is None:
        if not errors:
            fail("value", _("Ange ett värde."))
    elif figure.measure == Measure.PERCENT and not 0 <= value <= 100:
        fail("value", _("En andel ligger mellan 0 och 100 procent."))
    elif figure.measure == Measure.COUNT and (value < 0 or value != int(value)):
        fail("value", _("Ett antal är ett heltal som inte är negativt."))
    elif figure.measure == Measure.DAYS and value < 0:
        fail("value", _("Antalet dagar kan inte vara negativt."))
    elif abs(value) >= Decimal("10000000000"):
        fail("value", _("Värdet är för stort."))
    if errors:
        raise ValidationError(errors)
    return period, value  # type: ignore[return-value]


def key_figure_value_record(
    *,
    actor: User | None,
    key_figure: KeyFigure,
    unit: OrgNode,
    period: dt.date,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    comment: str = "",
) -> tuple[KeyFigureValue, bool]:
    """Record a unit's value for a month; a second value for that month replaces the first.

    A share may be given as counts (``numerator`` of ``denominator``) and its value is then
    computed from them. Returns the value and whether it was created.
    """
    if actor is not None and not has_cap(actor, Cap.MANAGE_RECORDS, unit):
        raise PermissionDenied
    period, value = check_value(
        key_figure, unit, period, value, numerator, denominator, timezone.localdate()
    )
    comment = comment.strip()
    try:
        validate_no_identity_number(comment)
    except ValidationError as error:
        raise ValidationError({"comment": error.messages}) from None
    with transaction.atomic():
        row = (
            KeyFigureValue.objects.select_for_update()
            .filter(key_figure=key_figure, unit=unit, period=period)
            .first()
        )
        if row is None:
            row = KeyFigureValue.objects.create(
                key_figure=key_figure,
                unit=unit,
                period=period,
                value=value,
                numerator=numerator,
                denominator=denominator,
                comment=comment,
                entered_by=actor,
            )
            audit.record_create(actor, row)
            return row, True
        before = audit.snapshot(row)
        row.value, row.numerator, row.denominator = value, numerator, denominator
        row.comment, row.entered_by = comment, actor
        row.version += 1
        row.save()
        audit.record_update(actor, row, before)
        return row, False


def key_figure_value_delete(*, actor: User, value: KeyFigureValue) -> None:
    """Remove a value entered by mistake (logged with what it was)."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, value.unit):
        raise PermissionDenied
    with transaction.atomic():
        audit.record_delete(actor, value)
        value.delete()
