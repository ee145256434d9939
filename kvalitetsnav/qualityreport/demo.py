"""Järva's quality report 2025 as a draft, its sections assigned to the demo writers.

Generated from the other modules' demo data (so it runs after them); nothing is
written here but the assignment and one drafted section.
"""

from __future__ import annotations

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import QualityReport

YEAR = 2025
WRITERS = {
    "inledning": "kvalitet.jarva",
    "sammanfattning": "ledning.jarva",
    "kvalitetsarbete": "kvalitet.jarva",
    "resultat": "avdchef.aldre",
    "egenkontroll": "avdchef.aldre",
    "synpunkter": "avdchef.aldre",
    "avvikelser": "avdchef.aldre",
    "lex_sarah": "avdchef.aldre",
    "lex_maria": "mas.jarva",
    "riskanalys": "kvalitet.jarva",
    "forbattringsarbete": "kvalitet.jarva",
    "forbattringsomraden": "ledning.jarva",
}
LEX_MARIA_DRAFT = (
    "\n\nDe upprättade lex Maria-rapporterna har handlat om brister i rutiner och "
    "bristfällig kompetens. Åtgärder har satts in i form av samtal med personal, "
    "utbildning och reviderade rutiner."
)


def seed() -> str:
    board = OrgNode.objects.filter(code="jarva").first()
    coordinator = User.objects.filter(username="kvalitet.jarva").first()
    if board is None or coordinator is None:
        return "Kvalitetsberättelse: ingen demoorganisation."
    if QualityReport.objects.filter(board=board, year=YEAR).exists():
        return f"Kvalitetsberättelse: Järva {YEAR} fanns redan."
    report = services.report_generate(actor=coordinator, board=board, year=YEAR)
    writers = {u.username: u for u in User.objects.filter(username__in=set(WRITERS.values()))}
    for section in report.sections.all():
        writer = writers.get(WRITERS.get(section.key, ""))
        if writer is None:
            continue
        services.section_assign(
            actor=coordinator, section=section, writer=writer, version=section.version
        )
        if section.key == "lex_maria":
            services.section_save(
                actor=writer,
                section=section,
                version=section.version,
                text=section.text + LEX_MARIA_DRAFT,
                submit=True,
            )
    return f"Kvalitetsberättelse: Järva {YEAR} skapad som utkast med tilldelade skribenter."
