"""Import key figure values from CSV or Excel: all or nothing, every bad row named.

Columns (the header row names them, in any order; case does not matter):
``nyckeltal`` (the key figure's code), ``enhet`` (the unit's code), ``månad``
(ÅÅÅÅ-MM or a date in the month), ``värde``, and optionally ``uppfyller`` and
``totalt`` (a share as counts) and ``kommentar``. CSV may be UTF-8 (with or without
BOM) or Windows-1252, separated by semicolons, commas or tabs; decimals may use a comma.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.decisions.importer import read_rows

from . import services
from .models import KeyFigure

ALIASES = {
    "nyckeltal": "key_figure",
    "enhet": "unit",
    "månad": "period",
    "manad": "period",
    "värde": "value",
    "varde": "value",
    "uppfyller": "numerator",
    "totalt": "denominator",
    "kommentar": "comment",
}
REQUIRED = ("key_figure", "unit", "period")
MAX_ROWS = 20_000


@dataclass
class RowError:
    line: int
    messages: list[str]

    def __str__(self) -> str:
        return _("Rad %(line)s: %(what)s") % {"line": self.line, "what": " ".join(self.messages)}


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _period(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = _text(value)
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(f"{text}-01")
        return dt.date.fromisoformat(text).replace(day=1)
    except ValueError:
        raise ValueError(
            _("Månaden ”%(value)s” kunde inte läsas (ange ÅÅÅÅ-MM).") % {"value": text}
        ) from None


def _decimal(value: Any, column: str) -> Decimal | None:
    text = _text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(
            _("%(column)s är inte ett tal: ”%(value)s”.") % {"column": column, "value": value}
        ) from None
    if not number.is_finite():
        raise ValueError(_("%(column)s är inte ett tal.") % {"column": column})
    return number.quantize(Decimal("0.01"))


def _count(value: Any, column: str) -> int | None:
    number = _decimal(value, column)
    if number is None:
        return None
    if number != int(number) or number < 0:
        raise ValueError(_("%(column)s ska vara ett heltal, minst 0.") % {"column": column})
    return int(number)


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = ALIASES.get(name.strip().lower())
        if key and key not in columns:
            columns[key] = index
    missing = [name for name in REQUIRED if name not in columns]
    if "value" not in columns and not {"numerator", "denominator"} <= set(columns):
        missing.append("value")
    if missing:
        labels = {
            "key_figure": "nyckeltal",
            "unit": "enhet",
            "period": "månad",
            "value": "värde",
        }
        raise ValidationError(
            {
                "file": _("Kolumner saknas i första raden: %(names)s.")
                % {"names": ", ".join(labels[m] for m in missing)}
            }
        )
    return columns


def import_values(*, actor: User, filename: str, data: bytes) -> ImportResult:
    """Check every row; write them all (in one transaction) only if every row is good."""
    header, rows = read_rows(filename, data)
    columns = _columns(header)
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            {"file": _("Filen har fler än %(max)s rader: dela upp den.") % {"max": MAX_ROWS}}
        )

    def cell(row: list[Any], key: str) -> Any:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    codes = {_text(cell(r, "key_figure")).lower() for _n, r in rows}
    units = {_text(cell(r, "unit")) for _n, r in rows}
    figures = {f.code: f for f in KeyFigure.objects.filter(code__in=codes).select_related("node")}
    nodes = {n.code: n for n in OrgNode.objects.filter(code__in=units)}
    result = ImportResult(total=len(rows))
    checked: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, dt.date], int] = {}
    today = timezone.localdate()
    for line, row in rows:
        problems: list[str] = []
        figure = figures.get(_text(cell(row, "key_figure")).lower())
        unit = nodes.get(_text(cell(row, "unit")))
        if figure is None:
            problems.append(
                _("Okänt nyckeltal ”%(code)s”.") % {"code": _text(cell(row, "key_figure"))}
            )
        if unit is None:
            problems.append(_("Okänd enhet ”%(code)s”.") % {"code": _text(cell(row, "unit"))})
        elif not has_cap(actor, Cap.MANAGE_RECORDS, unit):
            problems.append(_("Du får inte registrera värden för %(unit)s.") % {"unit": unit})
        values: dict[str, Any] = {"comment": _text(cell(row, "comment"))}
        for key, parse, label in (
            ("period", lambda v, _c: _period(v), "månad"),
            ("value", _decimal, "värde"),
            ("numerator", _count, "uppfyller"),
            ("denominator", _count, "totalt"),
        ):
            try:
                values[key] = parse(cell(row, key), label)
            except ValueError as error:
                problems.append(str(error))
        if figure is not None and unit is not None and "period" in values:
            key3 = (figure.code, unit.code, values["period"])
            if key3 in seen:
                problems.append(
                    _("Samma nyckeltal, enhet och månad som rad %(line)s.") % {"line": seen[key3]}
                )
            seen.setdefault(key3, line)
            if not problems:
                try:
                    services.check_value(
                        figure,
                        unit,
                        values["period"],
                        values["value"],
                        values["numerator"],
                        values["denominator"],
                        today,
                    )
                    services.validate_no_identity_number(values["comment"])
                except ValidationError as error:
                    problems.extend(error.messages)
        if problems:
            result.errors.append(RowError(line, problems))
        else:
            checked.append({"key_figure": figure, "unit": unit, **values})
    if result.errors:
        return result
    with transaction.atomic():
        for values in checked:
            _row, created = services.key_figure_value_record(actor=actor, **values)
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
