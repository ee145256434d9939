"""Import decisions from the case system: CSV or Excel, all or nothing, every bad row named.

The file is read (UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252, detected; ``;``, ``,``
or tab separated; or the first sheet of an .xlsx), every row is validated, and then
either nothing is written (the default, when any row is bad) or only the valid rows
(when asked). Rows are matched on the case system's reference within the board:
new ones are created, changed ones updated, unchanged ones are not touched (so a
second import of the same file changes nothing and writes nothing to the log).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit, bulk
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import contains_identity_number

from .models import DateFormat, Decision, DelayReason, Law, ServiceKind, person_code_problem

# Field → the column the default mapping reads.
DEFAULT_COLUMNS: dict[str, str] = {
    "reference": "beslut_id",
    "unit": "enhet",
    "law": "lag",
    "service_kind": "insats",
    "decided_on": "beslutsdatum",
    "sex": "kön",
    "birth_year": "födelseår",
    "executed_on": "verkställt_datum",
    "interrupted_from": "avbrott_från",
    "interrupted_to": "avbrott_till",
    "ended_on": "avslutat_datum",
    "reason": "orsak",
    "person_code": "personkod",
}
FIELDS = list(DEFAULT_COLUMNS)
REQUIRED = ["reference", "unit", "law", "service_kind", "decided_on", "sex", "birth_year"]
DATE_FIELDS = ["decided_on", "executed_on", "interrupted_from", "interrupted_to", "ended_on"]
# What an import sets on a decision (and compares to see whether a row changed anything).
WRITTEN = [
    "node_id",
    "law",
    "service_kind_id",
    "decided_on",
    "sex",
    "birth_year",
    "executed_on",
    "interrupted_from",
    "interrupted_to",
    "ended_on",
    "delay_reason",
    "delay_reason_text",
    "person_code",
]
# What compute_due_dates sets from those.
STORED_DATES = ["execution_due_on", "resume_due_on", "wait_ended_on"]
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# How often (in rows) a long import reports its progress.
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]
BeforeCommit = Callable[["ImportResult"], None]


@dataclass
class RowError:
    line: int
    reference: str
    messages: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "reference": self.reference, "messages": self.messages}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RowError:
        return cls(data["line"], data["reference"], list(data["messages"]))

    def __str__(self) -> str:
        ref = f" ({self.reference})" if self.reference else ""
        return _("Rad %(line)s%(ref)s: %(what)s") % {
            "line": self.line,
            "ref": ref,
            "what": " ".join(self.messages),
        }


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    refused: bool = False

    @property
    def skipped(self) -> int:
        return len(self.errors)

    def as_dict(self) -> dict[str, Any]:
        """What an import job keeps as its report (JSON)."""
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "errors": [e.as_dict() for e in self.errors],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        return cls(
            total=data.get("total", 0),
            created=data.get("created", 0),
            updated=data.get("updated", 0),
            unchanged=data.get("unchanged", 0),
            refused=data.get("refused", False),
            errors=[RowError.from_dict(e) for e in data.get("errors", [])],
        )


# Reading ----------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM), UTF-16 or Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def _excel_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    """The first sheet's rows, numbered as Excel numbers them (calamine: ten times openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several kinds for a file that is not a workbook
        raise ValidationError(
            {"file": _("Filen kunde inte läsas som en Excel-fil (.xlsx).")}
        ) from None
    return list(enumerate(rows, 1))


def read_rows(filename: str, data: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The header and the non-empty rows of a file, each row with its line number."""
    if not data:
        raise ValidationError({"file": _("Filen är tom.")})
    is_excel = filename.lower().endswith(EXCEL_SUFFIXES) or data[:2] == b"PK"
    rows = _excel_rows(data) if is_excel else _csv_rows(data)
    rows = [(n, r) for n, r in rows if any(str(v).strip() for v in r if v is not None)]
    if not rows:
        raise ValidationError({"file": _("Filen innehåller inga rader.")})
    (_line, header), body = rows[0], rows[1:]
    return [str(h or "").strip().lstrip("\ufeff").lower() for h in header], body


# Validating -------------------------------------------------------------------


class _Lookups:
    """The board's units and the kinds of service, loaded once per import."""

    def __init__(self, actor: User, board: OrgNode) -> None:
        self.units: dict[str, OrgNode] = {}
        for node in OrgNode.objects.filter(path__startswith=board.path, is_active=True):
            self.units[node.code.lower()] = node
            self.units.setdefault(node.name.strip().lower(), node)
        self.manageable = set(
            nodes_with(actor, Cap.MANAGE_RECORDS)
            .filter(path__startswith=board.path)
            .values_list("pk", flat=True)
        )
        self.kinds: dict[tuple[str, str], ServiceKind] = {}
        for kind in ServiceKind.objects.all():
            self.kinds[(kind.law, kind.name.lower())] = kind
            if kind.lss_number:
                for alias in (
                    f"9 § {kind.lss_number}",
                    f"9:{kind.lss_number}",
                    f"9 §{kind.lss_number}",
                ):
                    self.kinds[(kind.law, alias)] = kind
        self.reasons = {str(label).lower(): value for value, label in DelayReason.choices}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(
    value: Any, column: str, problems: list[str], fmt: str = DateFormat.ISO
) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        if fmt == DateFormat.ISO:
            return dt.date.fromisoformat(text)
        return dt.datetime.strptime(text, fmt).date()
    except ValueError:
        problems.append(
            _("%(column)s är inte ett giltigt datum: ”%(value)s” (ange %(format)s).")
            % {"column": column, "value": text, "format": DATE_HINTS.get(fmt, fmt)}
        )
        return None


DATE_HINTS = {
    DateFormat.ISO: "ÅÅÅÅ-MM-DD",
    DateFormat.COMPACT: "ÅÅÅÅMMDD",
    DateFormat.DAY_MONTH_DOT: "DD.MM.ÅÅÅÅ",
    DateFormat.DAY_MONTH_SLASH: "DD/MM/ÅÅÅÅ",
    DateFormat.SLASH_ISO: "ÅÅÅÅ/MM/DD",
}


def _validate_row(
    values: dict[str, Any],
    columns: dict[str, str],
    lookups: _Lookups,
    board: OrgNode,
    date_format: str = DateFormat.ISO,
) -> tuple[dict[str, Any], list[str], Decision | None]:
    """The row's field values, what is wrong with it, and (when nothing is) the new decision."""
    problems: list[str] = []
    get = {name: _text(values.get(name)) for name in FIELDS}
    for name in REQUIRED:
        if not get[name]:
            problems.append(_("%(column)s saknas.") % {"column": columns[name]})
    fields: dict[str, Any] = {}
    unit = lookups.units.get(get["unit"].lower()) if get["unit"] else None
    if get["unit"] and unit is None:
        problems.append(_("Okänd enhet ”%(value)s” i nämnden.") % {"value": get["unit"]})
    elif unit is not None and unit.pk not in lookups.manageable:
        problems.append(
            _("Du får inte registrera beslut för enheten %(unit)s.") % {"unit": unit.name}
        )
    fields["node_id"] = unit.pk if unit else None
    law = {"sol": Law.SOL, "lss": Law.LSS}.get(get["law"].lower())
    if get["law"] and law is None:
        problems.append(_("lag ska vara SoL eller LSS, inte ”%(value)s”.") % {"value": get["law"]})
    fields["law"] = law
    kind = lookups.kinds.get((law, get["service_kind"].lower())) if law else None
    if get["service_kind"] and law and kind is None:
        problems.append(
            _("Okänd insats ”%(value)s” för %(law)s.") % {"value": get["service_kind"], "law": law}
        )
    elif kind is not None and not kind.is_active:
        problems.append(_("Insatsen ”%(value)s” används inte längre.") % {"value": kind.name})
    fields["service_kind_id"] = kind.pk if kind else None
    for name in DATE_FIELDS:
        fields[name] = _date(values.get(name), columns.get(name, name), problems, date_format)
    sex = get["sex"].upper()
    if get["sex"] and sex not in ("K", "M"):
        problems.append(_("kön ska vara K eller M, inte ”%(value)s”.") % {"value": get["sex"]})
    fields["sex"] = sex
    try:
        fields["birth_year"] = int(get["birth_year"]) if get["birth_year"] else None
    except ValueError:
        problems.append(
            _("födelseår ska vara ett årtal, inte ”%(value)s”.") % {"value": get["birth_year"]}
        )
        fields["birth_year"] = None
    reason = get["reason"]
    fields["delay_reason"] = lookups.reasons.get(reason.lower(), "")
    fields["delay_reason_text"] = "" if fields["delay_reason"] else reason
    if contains_identity_number(reason):
        problems.append(_("orsak innehåller något som ser ut som ett personnummer."))
    fields["person_code"] = get["person_code"].upper()
    if fields["person_code"] and sex in ("K", "M"):
        problem = person_code_problem(fields["person_code"], sex)
        if problem:
            problems.append(problem)
    candidate = None
    if not problems:
        candidate = Decision(board=board, reference=get["reference"], **fields)
        candidate.service_kind = kind  # already loaded: no query per row
        try:
            candidate.clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                problems.extend(messages)
    return fields, problems, None if problems else candidate


# Writing ----------------------------------------------------------------------


def import_decisions(
    *,
    actor: User,
    board: OrgNode,
    filename: str,
    data: bytes,
    columns: dict[str, str] | None = None,
    valid_only: bool = False,
    date_format: str = DateFormat.ISO,
    progress: Progress | None = None,
    before_commit: BeforeCommit | None = None,
) -> ImportResult:
    """Validate a file's rows and write them: all or nothing unless ``valid_only``.

    ``progress(done, total)`` is called every :data:`PROGRESS_EVERY` rows while the
    rows are checked; ``before_commit(result)`` is called inside the transaction that
    writes them (an import job marks itself done there, so the rows and the job's
    status are committed together or not at all).
    """
    if not nodes_with(actor, Cap.MANAGE_RECORDS).filter(path__startswith=board.path).exists():
        raise PermissionDenied
    columns = {**DEFAULT_COLUMNS, **(columns or {})}
    header, body = read_rows(filename, data)
    missing = [columns[name] for name in REQUIRED if columns[name].lower() not in header]
    if missing:
        raise ValidationError(
            {"file": _("Kolumner saknas i filen: %(cols)s.") % {"cols": ", ".join(missing)}}
        )
    index = {
        name: header.index(columns[name].lower())
        for name in FIELDS
        if columns[name].lower() in header
    }
    lookups = _Lookups(actor, board)
    result = ImportResult(total=len(body))
    valid: dict[str, tuple[dict[str, Any], Decision]] = {}
    seen: dict[str, int] = {}
    for done, (line, row) in enumerate(body, 1):
        values = {name: row[i] if i < len(row) else None for name, i in index.items()}
        reference = _text(values.get("reference"))
        fields, problems, candidate = _validate_row(values, columns, lookups, board, date_format)
        if reference in seen:
            problems.append(
                _("beslut_id finns redan på rad %(line)s i filen.") % {"line": seen[reference]}
            )
        seen.setdefault(reference, line)
        if problems or candidate is None:  # a duplicate reference is found only here
            result.errors.append(RowError(line, reference, problems))
        else:
            valid[reference] = (fields, candidate)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, result.total)
    if progress:
        progress(result.total, result.total)
    if result.errors and not valid_only:
        result.refused = True
        return result
    _write(actor, board, valid, result, before_commit)
    return result


def _write(
    actor: User,
    board: OrgNode,
    rows: dict[str, tuple[dict[str, Any], Decision]],
    result: ImportResult,
    before_commit: BeforeCommit | None = None,
) -> None:
    refs = list(rows)
    with transaction.atomic():
        kinds = {kind.pk: kind for kind in ServiceKind.objects.all()}
        now = timezone.now()
        existing: dict[str, Decision] = {}
        for start in range(0, len(refs), 500):
            for decision in Decision.objects.filter(
                board=board, reference__in=refs[start : start + 500]
            ):
                existing[decision.reference] = decision
        new, changed = [], []
        for reference, (fields, candidate) in rows.items():
            decision = existing.get(reference)
            if decision is None:
                decision = candidate  # validated, with its kind of service already set
                decision.created_at = decision.updated_at = now
                decision.compute_due_dates()
                new.append(decision)
                continue
            if not fields["person_code"]:
                fields["person_code"] = decision.person_code  # kept the same across quarters
            if all(getattr(decision, name) == value for name, value in fields.items()):
                result.unchanged += 1
                continue
            before = audit.snapshot(decision)
            for name, value in fields.items():
                setattr(decision, name, value)
            decision.service_kind = kinds[decision.service_kind_id]
            decision.compute_due_dates()
            decision.updated_at = now
            decision.version += 1
            changed.append((decision, before))
        bulk.insert_objects(new)
        Decision.objects.bulk_update(
            [d for d, _before in changed],
            [*WRITTEN, *STORED_DATES, "version", "updated_at"],
            batch_size=500,
        )
        entries = [audit.created_entry(decision) for decision in new]
        entries += [e for d, before in changed if (e := audit.updated_entry(d, before))]
        audit.record_many(actor, entries)
        result.created, result.updated = len(new), len(changed)
        if before_commit:
            before_commit(result)
