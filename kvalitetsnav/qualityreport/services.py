"""Every state change of a quality report: typed, keyword-only, atomic, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from . import sections as section_defs
from .models import QualityReport, ReportSection, ReportStatus, SectionStatus
from .policies import coordinates, report_policy, section_policy

MAX_TEXT = 60_000


def report_generate(*, actor: User, board: OrgNode, year: int) -> QualityReport:
    """Create the board's report for ``year`` with every section's figures from the registers."""
    if board.level != OrgLevel.NAMND:
        raise ValidationError({"board": _("Välj en nämnd.")})
    if not coordinates(actor, board):
        raise PermissionDenied
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Ange ett år som har börjat, från 2000.")})
    if QualityReport.objects.filter(board=board, year=year).exists():
        raise ValidationError(
            {"year": _("Det finns redan en kvalitetsberättelse för %(year)s.") % {"year": year}}
        )
    computed = section_defs.compute(board, year)
    try:
        with transaction.atomic():
            report = QualityReport.objects.create(
                board=board, year=year, generated_at=timezone.now(), generated_by=actor
            )
            sections = [
                ReportSection(
                    report=report,
                    key=key,
                    position=position,
                    title=title,
                    figures=_figures(computed[key]),
                    proposal=computed[key]["proposal"],
                    text=computed[key]["proposal"],
                )
                for position, (key, title) in enumerate(section_defs.SECTIONS, start=1)
            ]
            ReportSection.objects.bulk_create(sections)
            audit.record_create(actor, report)
    except IntegrityError:
        raise ValidationError(
            {"year": _("Det finns redan en kvalitetsberättelse för %(year)s.") % {"year": year}}
        ) from None
    return report


def _figures(computed: dict[str, Any]) -> dict[str, Any]:
    return {"tables": computed["tables"], "charts": computed["charts"]}


def report_regenerate(*, actor: User, report: QualityReport) -> QualityReport:
    """Fetch the figures again; a text nobody has changed follows the new proposal."""
    if report.is_frozen:
        raise ValidationError(_("Kvalitetsberättelsen är godkänd och kan inte längre ändras."))
    if not report_policy.can(actor, "regenerate", report):
        raise PermissionDenied
    computed = section_defs.compute(report.board, report.year)
    with transaction.atomic():
        locked = QualityReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_frozen:
            raise ValidationError(_("Kvalitetsberättelsen är godkänd och kan inte längre ändras."))
        sections = list(locked.sections.all())
        for section in sections:
            new = computed.get(section.key, {"tables": [], "charts": [], "proposal": ""})
            if section.text.strip() == section.proposal.strip():
                section.text = new["proposal"]
            section.proposal = new["proposal"]
            section.figures = _figures(new)
            # A writer who opened the section before this sees a conflict, not stale figures.
            section.version = F("version") + 1
        ReportSection.objects.bulk_update(sections, ["text", "proposal", "figures", "version"])
        before = audit.snapshot(locked)
        locked.generated_at = timezone.now()
        locked.generated_by = actor
        locked.version += 1
        locked.save()
        audit.record_update(actor, locked, before)
    return locked


def section_assign(
    *, actor: User, section: ReportSection, writer: User | None, version: int
) -> ReportSection:
    if not section_policy.can(actor, "assign", section):
        raise PermissionDenied
    if writer is not None and not writer.is_active:
        raise ValidationError({"writer": _("Användaren är inte längre aktiv.")})
    with transaction.atomic():
        before = audit.snapshot(section)
        section.writer = writer
        save_versioned(section, version)
        audit.record_update(actor, section, before)
    return section


def section_save(
    *, actor: User, section: ReportSection, version: int, text: str, submit: bool = False
) -> ReportSection:
    """Save the writer's draft; ``submit`` sends it for review."""
    if not section_policy.can(actor, "write", section):
        raise PermissionDenied
    text = text.replace("\r\n", "\n").strip()
    errors = []
    if len(text) > MAX_TEXT:
        errors.append(_("Texten får vara högst %(n)s tecken.") % {"n": MAX_TEXT})
    try:
        validate_no_identity_number(text)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if submit and not text:
        errors.append(_("Skriv en text innan du skickar avsnittet för granskning."))
    if errors:
        raise ValidationError({"text": errors})
    with transaction.atomic():
        before = audit.snapshot(section)
        section.text = text
        section.status = SectionStatus.SUBMITTED if submit else SectionStatus.DRAFTING
        save_versioned(section, version)
        audit.record_update(actor, section, before)
    return section


def section_review(
    *, actor: User, section: ReportSection, version: int, accept: bool, comment: str = ""
) -> ReportSection:
    """Mark a section reviewed, or send it back to its writer with a comment."""
    if not section_policy.can(actor, "review", section):
        raise PermissionDenied
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("Skriv vad skribenten ska ändra.")})
    _check_text("comment", comment)
    with transaction.atomic():
        before = audit.snapshot(section)
        section.review_comment = comment
        section.status = SectionStatus.REVIEWED if accept else SectionStatus.DRAFTING
        section.reviewed_by = actor if accept else None
        section.reviewed_at = timezone.now() if accept else None
        save_versioned(section, version)
        audit.record_update(actor, section, before)
    return section


def _check_text(field: str, text: str) -> None:
    try:
        validate_no_identity_number(text)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def report_approve(
    *, actor: User, report: QualityReport, version: int, note: str = ""
) -> QualityReport:
    """The administration approves the report: it becomes the year's frozen version."""
    if report.is_frozen:
        raise ValidationError(_("Kvalitetsberättelsen är redan godkänd."))
    if not report_policy.can(actor, "approve", report):
        raise PermissionDenied
    pending = [s.title for s in report.sections.exclude(status=SectionStatus.REVIEWED)]
    if pending:
        raise ValidationError(
            {
                "note": _("Alla avsnitt måste vara granskade först. Kvar: %(titles)s.")
                % {"titles": ", ".join(pending)}
            }
        )
    _check_text("note", note)
    with transaction.atomic():
        before = audit.snapshot(report)
        report.status = ReportStatus.APPROVED
        report.approved_at = timezone.now()
        report.approved_by = actor
        report.approval_note = note.strip()
        save_versioned(report, version)
        audit.record_update(actor, report, before)
    return report
