"""Write a board's quality report for a year to a Word file, for scheduled runs.

The stored report is written if there is one (an approved report as frozen);
otherwise the figures are computed from the registers now, with the proposed texts.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.qualityreport import export, sections
from kvalitetsnav.qualityreport.models import QualityReport, ReportSection


class Command(BaseCommand):
    help = "Writes the quality report (kvalitetsberättelse) of a board and year as .docx."

    def add_arguments(self, parser):
        parser.add_argument("--board", required=True, help="The board's code, e.g. jarva.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True, help="The .docx file to write.")

    def handle(self, *args, board, year, output, **options):
        node = OrgNode.objects.filter(code=board, level=OrgLevel.NAMND).first()
        if node is None:
            raise CommandError(f"No board with the code {board!r}.")
        started = time.monotonic()
        report = QualityReport.objects.filter(board=node, year=year).first()
        if report is not None:
            parts = list(report.sections.all())
            origin = f"stored report ({report.get_status_display().lower()})"
        else:
            report = QualityReport(board=node, year=year, generated_at=timezone.now())
            computed = sections.compute(node, year)
            parts = [
                ReportSection(
                    key=key,
                    position=position,
                    title=title,
                    text=computed[key]["proposal"],
                    figures={"tables": computed[key]["tables"], "charts": computed[key]["charts"]},
                )
                for position, (key, title) in enumerate(sections.SECTIONS, start=1)
            ]
            origin = "figures computed now (no stored report)"
        with open(output, "wb") as out:
            export.write_docx(report, parts, out)
        seconds = time.monotonic() - started
        self.stdout.write(f"Wrote {output} from the {origin} in {seconds:.1f} s.")
