import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.qualityreport import services
from kvalitetsnav.qualityreport.export import docx_bytes
from kvalitetsnav.qualityreport.models import ReportStatus, SectionStatus


def _rows(section, key):
    table = next(t for t in section.figures["tables"] if t["key"] == key)
    return {row["label"]: row["values"] for row in table["rows"]}


def _review_all(report, actor):
    for section in report.sections.all():
        services.section_review(actor=actor, section=section, version=section.version, accept=True)


def test_the_report_counts_deviations_per_unit_with_the_year_before(world, deviate, year):
    deviate(world.unit_a, year, n=3)
    deviate(world.unit_a2, year - 1, n=2, actor=world.manager_a2)
    deviate(world.unit_b, year, n=4, actor=world.manager_b)

    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)

    section = report.sections.get(key="avvikelser")
    rows = _rows(section, "deviations")
    assert rows["Hemtjänst A"] == [0, 3]
    assert rows["Boende A"] == [2, 0]
    assert rows["Avdelning äldre A"] == [2, 3]
    assert rows["Totalt"] == [2, 3]
    assert f"Under {year} upprättades totalt 3 avvikelser" in section.text
    assert "3 avvikelser vid Hemtjänst A" in section.text
    assert [s.title for s in report.sections.all()][:2] == ["Inledning", "Sammanfattning"]


def test_generating_takes_the_same_number_of_queries_for_more_units_and_records(
    world, deviate, year
):
    deviate(world.unit_a, year, n=1)
    with CaptureQueriesContext(connection) as few:
        services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    deviate(world.unit_a, year, n=6)
    deviate(world.unit_a2, year - 1, n=6, actor=world.manager_a2)
    with CaptureQueriesContext(connection) as many:
        services.report_generate(actor=world.quality_a, board=world.board_a, year=year - 1)
    assert len(many) <= len(few)  # the first run also warms caches (content types)


def test_an_approved_report_keeps_its_figures_when_the_registers_change(world, deviate, year):
    deviate(world.unit_a, year, n=2)
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    _review_all(report, world.quality_a)
    report = services.report_approve(actor=world.director_a, report=report, version=report.version)
    deviate(world.unit_a, year, n=5)

    assert report.status == ReportStatus.APPROVED
    assert _rows(report.sections.get(key="avvikelser"), "deviations")["Hemtjänst A"] == [0, 2]
    with pytest.raises(ValidationError):
        services.report_regenerate(actor=world.quality_a, report=report)


def test_regenerating_a_draft_refreshes_figures_but_keeps_written_text(world, deviate, year):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    written = report.sections.get(key="avvikelser")
    services.section_save(
        actor=world.quality_a, section=written, version=written.version, text="Egen text."
    )
    deviate(world.unit_a, year, n=2)

    services.report_regenerate(actor=world.quality_a, report=report)

    written.refresh_from_db()
    assert written.text == "Egen text."
    assert _rows(written, "deviations")["Hemtjänst A"] == [0, 2]
    assert "Under" in report.sections.get(key="synpunkter").text


def test_only_the_administration_approves_and_only_when_every_section_is_reviewed(world, year):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    with pytest.raises(ValidationError) as pending:
        services.report_approve(actor=world.director_a, report=report, version=report.version)
    assert "note" in pending.value.error_dict
    _review_all(report, world.quality_a)
    for user in (world.quality_a, world.dept_head_a, world.politician_a):
        with pytest.raises(PermissionDenied):
            services.report_approve(actor=user, report=report, version=report.version)
    services.report_approve(actor=world.director_a, report=report, version=report.version)


def test_a_writer_drafts_and_submits_only_the_assigned_section(world, year):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    section = report.sections.get(key="avvikelser")
    other = report.sections.get(key="synpunkter")
    services.section_assign(
        actor=world.quality_a, section=section, writer=world.dept_head_a, version=section.version
    )
    services.section_save(
        actor=world.dept_head_a, section=section, version=section.version, text="Ny.", submit=True
    )
    assert section.status == SectionStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.section_save(actor=world.dept_head_a, section=other, version=1, text="X")
    with pytest.raises(ValidationError) as refused:
        services.section_save(
            actor=world.dept_head_a,
            section=section,
            version=section.version,
            text="Gäller 19121212-1212.",
        )
    assert "text" in refused.value.error_dict


def test_a_conflicting_save_keeps_what_was_typed(client, world, year):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    section = report.sections.get(key="avvikelser")
    stale = section.version
    services.section_save(actor=world.director_a, section=section, version=stale, text="Först.")
    client.force_login(world.quality_a)

    response = client.post(
        section.get_absolute_url(), {"version": stale, "text": "Min långa text.", "save": "1"}
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "Min långa text." in body
    assert "Först." in body


def test_the_word_file_has_contents_page_numbers_tables_and_the_figures(world, deviate, year):
    deviate(world.unit_a, year, n=3)
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)

    document = docx.Document(io.BytesIO(docx_bytes(report)))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Innehåll", "Inledning", "Sammanfattning"]
    body = document.element.body.xml
    assert "TOC \\o" in body
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["   Hemtjänst A", "0", "3"] in cells
    assert any(p.text.startswith("Källa: Avvikelseregistret") for p in document.paragraphs)
    assert len(document.inline_shapes) >= 1
    assert "Testsson" not in body


def test_the_board_sees_the_approved_report_with_numbers_only(client, world, deviate, year):
    deviate(world.unit_a, year, n=3)
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    client.force_login(world.politician_a)
    assert client.get(report.get_absolute_url()).status_code == 404

    _review_all(report, world.quality_a)
    services.report_approve(actor=world.director_a, report=report, version=report.version)
    page = client.get(report.get_absolute_url()).content.decode()

    assert "Hemtjänst A" in page
    assert reverse("deviations:list") + "?" not in page
    assert "Lena" not in page  # the approver's name (the board member's own is in the header)
    client.force_login(world.quality_a)
    assert (
        reverse("deviations:list") + "?node="
        in client.get(report.get_absolute_url()).content.decode()
    )


def test_the_command_writes_the_word_file_without_a_stored_report(world, deviate, year, tmp_path):
    deviate(world.unit_a, year, n=3)
    out = tmp_path / "rapport.docx"

    call_command(
        "quality_report", board="namnd-a", year=year, output=str(out), stdout=io.StringIO()
    )

    cells = [[c.text for c in row.cells] for t in docx.Document(out).tables for row in t.rows]
    assert ["   Hemtjänst A", "0", "3"] in cells


def test_an_assigned_writer_sees_the_draft_and_the_api_lists_drafts_only_to_workers(
    client, world, year
):
    report = services.report_generate(actor=world.quality_a, board=world.board_a, year=year)
    section = report.sections.get(key="inledning")
    client.force_login(world.staff_a)
    assert client.get(report.get_absolute_url()).status_code == 404

    services.section_assign(
        actor=world.quality_a, section=section, writer=world.staff_a, version=section.version
    )

    assert client.get(report.get_absolute_url()).status_code == 200
    client.force_login(world.politician_a)
    assert client.get("/api/v1/quality-reports").json()["count"] == 0
    client.force_login(world.quality_a)
    listed = client.get("/api/v1/quality-reports").json()
    assert [(r["board_code"], r["year"], r["status"]) for r in listed["items"]] == [
        ("namnd-a", year, "utkast")
    ]
