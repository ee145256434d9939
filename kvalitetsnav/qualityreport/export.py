"""The quality report as a Word file: headings, tables, charts, page numbers, contents.

Only the stored snapshot is written (titles, texts and counts), never a record or a
person; each table says which register it comes from.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .charts import bar_chart_png, legend
from .models import QualityReport, ReportSection


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC …) that Word fills in when the document is opened."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


def _status_line(report: QualityReport) -> str:
    if report.is_frozen and report.approved_at:
        day = date_format(timezone.localtime(report.approved_at).date(), "j F Y")
        return f"Godkänd av förvaltningsledningen den {day}."
    generated = date_format(timezone.localtime(report.generated_at).date(), "j F Y")
    return f"Utkast. Siffrorna hämtade ur registren den {generated}."


def _table(document, table: dict[str, Any]) -> None:
    document.add_paragraph(table["title"], style="Heading 3")
    grid = document.add_table(rows=1, cols=len(table["columns"]))
    grid.style = "Light Grid Accent 1"
    for cell, heading in zip(grid.rows[0].cells, table["columns"], strict=True):
        cell.text = str(heading)
    for row in table["rows"]:
        cells = grid.add_row().cells
        label = row["label"] if row["kind"] != "unit" else f"   {row['label']}"
        cells[0].text = label
        for cell, value in zip(cells[1:], row["values"], strict=False):
            cell.text = str(value)
        if row["kind"] in ("department", "total"):
            for cell in cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    source = document.add_paragraph()
    run = source.add_run(f"Källa: {table['source']}")
    run.italic = True
    run.font.size = Pt(8)


def _chart(document, chart: dict[str, Any]) -> None:
    if not chart["labels"]:
        return
    document.add_picture(io.BytesIO(bar_chart_png(chart)), width=Cm(15))
    values = "; ".join(
        f"{i + 1} {label}: " + " / ".join(str(s["values"][i]) for s in chart["series"])
        for i, label in enumerate(chart["labels"])
    )
    caption = document.add_paragraph()
    run = caption.add_run(f"Diagram: {chart['title']} ({legend(chart)}). {values}.")
    run.italic = True
    run.font.size = Pt(8)


def write_docx(report: QualityReport, sections: Iterable[ReportSection], out) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{report.board.name}, Kvalitetsberättelse {report.year} – sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES", "1")

    document.add_heading(f"Kvalitetsberättelse {report.year}", level=0)
    document.add_paragraph(report.board.name)
    document.add_paragraph(_status_line(report))
    document.add_heading("Innehåll", level=1)
    _field(
        document.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Högerklicka och välj Uppdatera fält för att visa innehållsförteckningen.",
    )
    document.add_page_break()

    for section in sections:
        document.add_heading(section.title, level=1)
        for paragraph in section.text.split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        figures = section.figures or {}
        for table in figures.get("tables", []):
            _table(document, table)
        for chart in figures.get("charts", []):
            _chart(document, chart)
    document.core_properties.title = f"Kvalitetsberättelse {report.year}, {report.board.name}"
    document.core_properties.author = report.board.name
    document.save(out)


def docx_bytes(report: QualityReport) -> bytes:
    buffer = io.BytesIO()
    write_docx(report, report.sections.all(), buffer)
    return buffer.getvalue()


def filename(report: QualityReport) -> str:
    return f"kvalitetsberattelse-{report.board.code}-{report.year}.docx"
