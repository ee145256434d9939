"""The report to IVO, generated from the case: as a Word document and as a print view.

It holds every field IVO's form asks for (the appendix to SOSFS 2011:5 for lex Sarah;
the lex Maria form under HSLF-FS 2017:41), so that the person filing in IVO's
e-service only copies it. Both outputs are built from :func:`report_sections`, so
they always say the same thing. The person's identity is never in Kvalitetsnav:
the form's personal identity number is filled in directly in the e-service.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.accounts.models import RoleAssignment
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.models import OrgLevel

from .models import AnalysisSection, EntryTopic, LexCase
from .responsibility import ancestor_paths

DEFAULT_LEGAL_REFERENCES = {
    "lex_sarah": "Socialtjänstlagen och 24 f § LSS; SOSFS 2011:5",
    "lex_maria": "3 kap. 5 § patientsäkerhetslagen (2010:659); HSLF-FS 2017:41",
}


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    table_head: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)


def legal_reference(kind: str) -> str:
    """Configurable: the new Social Services Act (2025:400) renumbered the old one."""
    setting = {
        "lex_sarah": "KVN_LEX_SARAH_LEGAL_REFERENCE",
        "lex_maria": "KVN_LEX_MARIA_LEGAL_REFERENCE",
    }[kind]
    return getattr(settings, setting, DEFAULT_LEGAL_REFERENCES[kind])


def _date(value) -> str:
    if value is None:
        return _("Uppgift saknas")
    if hasattr(value, "hour"):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def _text(value: str) -> str:
    return value.strip() or _("Uppgift saknas")


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else _("Uppgift saknas")


def report_sections(case: LexCase) -> list[Section]:
    """The report's content, section by section (a fixed handful of queries)."""
    maria = case.is_maria
    node = case.node
    ancestors = {n.level: n for n in node.ancestors()}
    entries = list(case.entries.select_related("written_by"))
    items = list(case.analysis_items.all())
    actions = list(Action.objects.linked_to(case).select_related("owner"))
    decider_roles = ""
    if case.decided_by_id:
        decider_roles = ", ".join(
            sorted(
                {
                    str(a.get_role_display())
                    for a in RoleAssignment.objects.filter(
                        user_id=case.decided_by_id, node__path__in=ancestor_paths(node.path)
                    )
                }
            )
        )

    def topic(which: str) -> str:
        return "\n".join(
            f"{e.entry_date:%Y-%m-%d} ({e.get_nature_display().lower()}, {e.source}): {e.text}"
            for e in entries
            if e.topic == which
        )

    root = _(" (grundorsak)")
    causes = "\n".join(
        f"{i.get_factor_display()}{root if i.is_root_cause else ''}: {i.text}"
        for i in items
        if i.section == AnalysisSection.CAUSE
    )
    board = ancestors.get(OrgLevel.NAMND)
    administration = ancestors.get(OrgLevel.FORVALTNING)
    private = node.provider_type in ("lov", "upphandlad")
    provider_rows = [
        (
            _("Huvudman (nämnd)") if not maria else _("Vårdgivare"),
            board.name if board else _("Uppgift saknas"),
        ),
        (_("Förvaltning"), administration.name if administration else _("Uppgift saknas")),
        (_("Regiform"), node.get_provider_type_display() or _("Uppgift saknas")),
    ]
    if private:
        provider_rows += [
            (_("Utförare"), node.provider_name or _("Uppgift saknas")),
            (
                _("Den ansvariga nämnden informerad"),
                _("Ja, genom detta ärende i nämndens kvalitetssystem"),
            ),
        ]
    sections = [
        Section(
            _("Anmälan"),
            [
                (
                    _("Avser"),
                    _("Anmälan enligt lex Maria") if maria else _("Anmälan enligt lex Sarah"),
                ),
                (_("Lagrum"), legal_reference(case.kind)),
                (_("Ärendenummer hos oss"), case.reference),
                (
                    _("Anmälan skickad till IVO"),
                    _date(case.ivo_sent_at) if case.ivo_sent_at else _("Inte skickad ännu"),
                ),
                (_("IVO:s diarienummer"), case.ivo_reference or _("Inte känt ännu")),
            ],
        ),
        Section(_("Vårdgivare och huvudman") if maria else _("Huvudman"), provider_rows),
        Section(
            _("Verksamheten"),
            [
                (_("Enhet"), node.name),
                (
                    _("Avdelning"),
                    ancestors[OrgLevel.AVDELNING].name
                    if OrgLevel.AVDELNING in ancestors
                    else _("Uppgift saknas"),
                ),
                (_("Verksamhetstyp"), node.get_operation_kind_display() or _("Uppgift saknas")),
            ],
        ),
        Section(
            _("Den enskilda") if not maria else _("Patienten"),
            [
                (_("Kodad referens"), case.person_ref or _("Uppgift saknas")),
                (
                    _("Personnummer"),
                    _("Fylls i direkt i IVO:s e-tjänst. Kvalitetsnav sparar aldrig personnummer."),
                ),
            ],
        ),
        Section(
            _("Händelsen"),
            [
                (_("Vad hände"), _text(case.description)),
                (
                    _("Konsekvenser för patienten")
                    if maria
                    else _("Konsekvenser för den enskilda"),
                    _text(case.consequences),
                ),
                (_("När inträffade det"), _date(case.occurred_at)),
                (_("När upptäcktes det"), _date(case.noticed_at)),
                (_("Hur upptäcktes det"), _text(case.how_noticed)),
                (_("När togs rapporten emot"), _date(case.received_at)),
                (_("Vad gjordes direkt"), _text(case.immediate_measures)),
            ],
        ),
        Section(
            _("Utredningen"),
            [
                (
                    _("Orsaker"),
                    _text("\n".join(filter(None, [topic(EntryTopic.CAUSES), causes]))),
                ),
                (
                    _("Barriärer som inte fungerade"),
                    _text("\n".join(i.text for i in items if i.section == AnalysisSection.BARRIER)),
                ),
                (
                    _("Har det hänt tidigare, och varför upprepades det"),
                    _text(
                        "\n".join(
                            filter(None, [case.previous_occurrences, topic(EntryTopic.PREVIOUS)])
                        )
                    ),
                ),
                (_("Kan det hända igen"), _text(topic(EntryTopic.RECURRENCE))),
                (_("Övriga iakttagelser"), _text(topic(EntryTopic.OTHER))),
                (
                    _("Utredningens status"),
                    _("Klar %(date)s; utredningen bifogas.")
                    % {"date": _date(case.investigation_completed_at)}
                    if case.investigation_completed_at
                    else _("Pågår; utredningen skickas till IVO när den är klar."),
                ),
                (
                    _("Deltagare i analysen"),
                    _text(
                        ", ".join(i.text for i in items if i.section == AnalysisSection.PARTICIPANT)
                    ),
                ),
            ],
            table_head=[_("Tidpunkt"), _("Händelseförlopp")],
            table=[
                [_date(i.happened_at), i.text]
                for i in items
                if i.section == AnalysisSection.TIMELINE
            ],
        ),
        Section(
            _("Åtgärder"),
            [
                (_("Åtgärder som vidtogs direkt"), _text(case.immediate_measures)),
                (
                    _("Åtgärder för att förhindra att det händer igen"),
                    _("Se tabellen.") if actions else _("Inga registrerade ännu."),
                ),
            ],
            table_head=[_("Åtgärd"), _("Status"), _("Klart senast"), _("Genomförd")],
            table=[
                [
                    a.title,
                    str(a.get_status_display()),
                    f"{a.due_date:%Y-%m-%d}" if a.due_date else "–",
                    f"{a.completed_on:%Y-%m-%d}" if a.completed_on else "–",
                ]
                for a in actions
            ],
        ),
    ]
    if maria:
        sections.append(
            Section(
                _("Information till patienten"),
                [
                    (
                        _("Patienten eller närstående informerad"),
                        _date(case.patient_informed_on)
                        if case.patient_informed_on
                        else _("Inte informerad ännu"),
                    ),
                    (_("Patientens eller närståendes beskrivning"), _text(case.patient_experience)),
                    (
                        _("Anmälan antecknad i journalen"),
                        _("Ja") if case.journal_noted else _("Nej"),
                    ),
                ],
            )
        )
    sections.append(
        Section(
            _("Bedömning"),
            [
                (
                    case.serious_label,
                    _("Uppgift saknas")
                    if case.serious is None
                    else (_("Ja") if case.serious else _("Nej")),
                ),
                (_("Skäl"), _text(case.assessment_reasons)),
                (
                    _("Beslutat av"),
                    f"{_person(case.decided_by)}{f' ({decider_roles})' if decider_roles else ''}"
                    if case.decided_by_id
                    else _("Uppgift saknas"),
                ),
                (_("Beslutsdatum"), _date(case.decided_at)),
                (
                    _("Uppgiftslämnare och kontaktperson"),
                    _person(case.ivo_sent_by or case.decided_by),
                ),
            ],
        )
    )
    return sections


def build_docx(case: LexCase) -> bytes:
    """The report as a Word document, to copy from into IVO's e-service."""
    from docx import Document

    document = Document()
    document.core_properties.title = f"{case.get_kind_display()} {case.reference}"
    document.add_heading(
        _("Underlag för anmälan till IVO: %(kind)s %(reference)s")
        % {"kind": case.get_kind_display(), "reference": case.reference},
        level=1,
    )
    document.add_paragraph(
        _(
            "Upprättat %(date)s ur Kvalitetsnav. Innehåller ingen uppgift om den enskildas "
            "identitet."
        )
        % {"date": f"{timezone.localdate():%Y-%m-%d}"}
    )
    for section in report_sections(case):
        document.add_heading(section.title, level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in section.rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = value
        if section.table:
            document.add_paragraph("")
            grid = document.add_table(rows=1, cols=len(section.table_head))
            grid.style = "Table Grid"
            for cell, head in zip(grid.rows[0].cells, section.table_head, strict=True):
                cell.text = head
            for row in section.table:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
