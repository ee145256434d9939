"""Finding Swedish personal identity numbers and coordination numbers in free text.

Free text in Kvalitetsnav must never hold a *personnummer* or *samordningsnummer*:
the person is referred to by a pseudonymous reference only. A number counts when
it has the shape (``YYMMDD-NNNN``, ``YYMMDDNNNN``, ``YYYYMMDD-NNNN``,
``YYYYMMDDNNNN``, with ``-``, ``+`` or a space as separator), a possible date
(a coordination number adds 60 to the day) and a correct Luhn check digit.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CANDIDATE = re.compile(
    r"(?<![\d])"
    r"(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"[-+ ]?"
    r"(?P<serial>\d{3})(?P<check>\d)"
    r"(?![\d])"
)


def luhn_ok(digits: str) -> bool:
    """The Luhn check over a string of digits (the last one being the check digit)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _plausible_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    day = int(dd)
    if day > 60:  # samordningsnummer
        day -= 60
    years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
    for year in years:
        try:
            dt.date(year, int(mm), day)
        except ValueError:
            continue
        return True
    return False


def find_identity_numbers(text: str) -> list[str]:
    """Every personnummer or samordningsnummer in ``text``, as written."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        parts = match.groupdict()
        if parts["century"] and parts["century"] not in {"18", "19", "20"}:
            continue
        if not _plausible_date(parts["century"], parts["yy"], parts["mm"], parts["dd"]):
            continue
        ten = parts["yy"] + parts["mm"] + parts["dd"] + parts["serial"] + parts["check"]
        if luhn_ok(ten):
            found.append(match.group(0))
    return found


def contains_identity_number(text: str) -> bool:
    return bool(find_identity_numbers(text))


def validate_no_identity_number(text: str) -> None:
    """A form or model validator: refuses text holding a personnummer, and says why."""
    if contains_identity_number(text):
        raise ValidationError(
            _(
                "Texten innehåller något som ser ut som ett personnummer eller "
                "samordningsnummer. Ta bort det: den enskilda får bara anges med sin "
                "kodade referens, aldrig med namn eller personnummer."
            ),
            code="identity_number",
        )
