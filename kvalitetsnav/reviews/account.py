"""Redovisning av vidtagna åtgärder: the account of measures sent to the reviewer.

Built from the review's findings and the actions linked to them in the register, as
plain rows (for the page and the tests) and as a Word document ready to send.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.accounts.models import RoleAssignment
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core.models import OrgNode

from .models import Finding, Review, Severity


@dataclass
class ActionRow:
    title: str
    description: str
    status: str
    responsible: str
    due: str
    done: str
    effect: str


@dataclass
class FindingSection:
    number: int
    finding: Finding
    actions: list[ActionRow] = field(default_factory=list)


def _date(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else "–"


def _responsible_roles(actions: list[Action]) -> dict[tuple[str, str], str]:
    """The owner's role at the action's level, e.g. "Enhetschef" (one query for all)."""
    owners = {a.owner_id for a in actions if a.owner_id}
    by_owner: dict[str, list[tuple[str, str]]] = {}
    for user_id, role, path in RoleAssignment.objects.filter(user_id__in=owners).values_list(
        "user_id", "role", "node__path"
    ):
        by_owner.setdefault(str(user_id), []).append((path, role))
    labels = dict(RoleAssignment._meta.get_field("role").choices)
    result: dict[tuple[str, str], str] = {}
    for action in actions:
        if not action.owner_id:
            continue
        grants = sorted(by_owner.get(str(action.owner_id), []), key=lambda g: -len(g[0]))
        above = [role for path, role in grants if action.node.path.startswith(path)]
        role = (above or [role for _path, role in grants] or [""])[0]
        result[(str(action.pk), str(action.owner_id))] = str(labels.get(role, ""))
    return result


def _effect(action: Action) -> str:
    if action.effect_evaluated_on:
        verdict = _("räckte") if action.effect_sufficient else _("räckte inte")
        text = f"{_date(action.effect_evaluated_on)}: {verdict}"
        return f"{text}. {action.effect_result}" if action.effect_result else text
    return _("Inte utvärderad ännu")


def sections(review: Review) -> list[FindingSection]:
    """One section per finding (strengths left out), with its actions: three queries."""
    findings = [f for f in review.findings.all() if f.severity != Severity.STRENGTH]
    actions = list(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Finding),
            source_id__in=[str(f.pk) for f in findings],
        ).select_related("node")
    )
    roles = _responsible_roles(actions)
    by_finding: dict[str, list[ActionRow]] = {}
    for action in actions:
        role = roles.get((str(action.pk), str(action.owner_id)), "")
        by_finding.setdefault(action.source_id, []).append(
            ActionRow(
                title=action.title,
                description=action.description,
                status=str(action.get_status_display()),
                responsible=role or (_("Ej utsedd") if not action.owner_id else _("Utsedd")),
                due=_date(action.due_date),
                done=_date(action.completed_on),
                effect=_effect(action),
            )
        )
    return [
        FindingSection(number, finding, by_finding.get(str(finding.pk), []))
        for number, finding in enumerate(findings, start=1)
    ]


def account_due(review: Review) -> dt.date | None:
    """The reviewer's deadline: the earliest date a finding's account is still due."""
    findings = [f for f in review.findings.all() if f.response_required and f.response_due]
    open_dates = [f.response_due for f in findings if f.responded_on is None]
    dates = open_dates or [f.response_due for f in findings]
    return min(dates) if dates else None


def _units(review: Review) -> str:
    names = [unit.name for unit in review.units.all()]
    return ", ".join(names) if names else _("Hela %(node)s") % {"node": review.node.name}


def _board(review: Review) -> str:
    parts = [p for p in review.node.path.split("/") if p]
    board = OrgNode.objects.filter(pk=parts[1]).first() if len(parts) > 1 else None
    return board.name if board else review.node.name


def build_docx(review: Review) -> bytes:
    """The account as a Word document, ready to send (or to paste into IVO's e-service)."""
    from docx import Document

    document = Document()
    document.core_properties.title = _("Redovisning av vidtagna åtgärder")
    document.add_heading(_("Redovisning av vidtagna åtgärder"), level=1)
    facts = [
        (_("Till"), str(review.get_reviewer_display())),
        (_("Diarienummer"), review.reference or "–"),
        (_("Ärende"), review.subject),
        (_("Från"), _board(review)),
        (_("Ansvarig nivå"), review.node.name),
        (_("Granskade enheter"), _units(review)),
        (_("Granskningen började"), _date(review.started_on)),
        (_("Beslut eller rapport"), _date(review.decided_on)),
        (_("Redovisas senast"), _date(account_due(review))),
        (_("Upprättad"), _date(timezone.localdate())),
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    document.add_paragraph(
        _(
            "Nedan redovisas de åtgärder som har vidtagits eller planeras med anledning av "
            "granskarens iakttagelser. Redovisningen innehåller inga uppgifter om enskilda."
        )
    )
    head = [_("Åtgärd"), _("Ansvarig"), _("Status"), _("Klart senast"), _("Genomförd"), _("Effekt")]
    for section in sections(review):
        finding = section.finding
        document.add_heading(
            _("Iakttagelse %(n)s: %(kind)s")
            % {"n": section.number, "kind": finding.get_severity_display()},
            level=2,
        )
        document.add_paragraph(finding.text)
        if finding.requirement:
            paragraph = document.add_paragraph()
            paragraph.add_run(_("Krav: ")).bold = True
            paragraph.add_run(finding.requirement)
        if finding.response:
            paragraph = document.add_paragraph()
            paragraph.add_run(_("Redovisning: ")).bold = True
            paragraph.add_run(finding.response)
        document.add_heading(_("Vidtagna och planerade åtgärder"), level=3)
        if not section.actions:
            document.add_paragraph(_("Inga åtgärder registrerade."))
            continue
        grid = document.add_table(rows=1, cols=len(head))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, head, strict=True):
            cell.text = text
        for row in section.actions:
            title = f"{row.title}\n{row.description}" if row.description else row.title
            values = [title, row.responsible, row.status, row.due, row.done, row.effect]
            for cell, text in zip(grid.add_row().cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(review: Review) -> str:
    reference = "".join(c if c.isalnum() or c in "-." else "-" for c in review.reference)
    return f"Redovisning-{reference or f'{review.started_on:%Y-%m-%d}'}.docx"
