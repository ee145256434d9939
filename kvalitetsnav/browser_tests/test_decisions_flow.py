"""A kvalitetsutvecklare imports decisions from Excel, fixes a bad row, and reports to IVO."""

import io
import re

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.decisions import jobs
from kvalitetsnav.decisions.tests import factories as f

pytestmark = pytest.mark.browser

HEADER = [
    "beslut_id", "enhet", "lag", "insats", "beslutsdatum", "kön", "födelseår",
    "verkställt_datum", "avbrott_från", "avbrott_till", "avslutat_datum", "orsak",
]  # fmt: skip
ROWS = [
    ["JÄ-1", "Hemtjänst A", "SoL", "Hemtjänst", "2025-05-02", "K", 1938, None, None, None, None,
     "Väntar på ledig plats"],
    ["JÄ-2", "hemtjanst-a", "SoL", "Hemtjänst", "2025-06-10", "M", 1944, "2025-06-20"],
    ["JÄ-3", "hemtjanst-a", "LSS", "Daglig verksamhet", "2025-04-01", "K", 1990, "2025-03-01"],
]  # fmt: skip


def workbook(rows, path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_quality_developer_imports_fixes_a_bad_row_and_downloads_the_ivo_report(
    world, page, log_in, screenshot, fits_phone, tmp_path, monkeypatch
):
    f.kind()  # the live server's flush removed the shipped kinds of service
    log_in(page, world.quality_a.username, TEST_PASSWORD)
    page.goto(page.url.split("/mina-uppgifter")[0] + "/beslut/importera/")
    expect(page.get_by_role("heading", name="Importera beslut", level=1)).to_be_visible()

    page.get_by_label("Fil från verksamhetssystemet").set_input_files(
        workbook(ROWS, tmp_path / "beslut.xlsx")
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("heading", name="Filen importerades inte")).to_be_visible()
    expect(
        page.get_by_text("Rad 4 (JÄ-3): Verkställt kan inte ligga före beslutsdatum.")
    ).to_be_visible()
    fits_phone(page)
    screenshot(page, "decisions-01-felaktig-rad")

    fixed = [*ROWS[:2], [*ROWS[2][:7], "2025-04-20"]]
    page.get_by_label("Fil från verksamhetssystemet").set_input_files(
        workbook(fixed, tmp_path / "beslut-rattad.xlsx")
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("heading", name="Importen är klar")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("3")
    screenshot(page, "decisions-02-importerad")

    page.get_by_role("link", name="Rapport till IVO").click()
    page.get_by_role("textbox", name="Kvartal").fill("2025Q4")
    page.get_by_role("button", name="Visa").click()
    expect(page).to_have_url(re.compile(r"quarter=2025Q4"))
    expect(page.get_by_text("1 individrapport för Nämnd A, 2025Q4")).to_be_visible()
    expect(page.locator("table.stack")).to_contain_text("JÄ-1")
    fits_phone(page)
    screenshot(page, "decisions-03-ivo-rapport")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner Excel").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and "JÄ-1" in rows[1]

    # A large file runs in the background and the page follows it to the result. The
    # worker runs it here: a thread of its own could not share the in-memory test database.
    monkeypatch.setattr(jobs, "INLINE_BYTES", 100)
    monkeypatch.setattr(jobs, "start_in_thread", lambda job_id: None)
    page.goto(page.url.split("/beslut/")[0] + "/beslut/importera/")
    page.get_by_label("Fil från verksamhetssystemet").set_input_files(
        workbook(fixed, tmp_path / "beslut-igen.xlsx")
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("heading", name="Import av beslut", level=1)).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    fits_phone(page)
    screenshot(page, "decisions-04-import-i-ko")
    assert jobs.run_pending() == 1
    expect(page.get_by_role("heading", name="Importen är klar")).to_be_visible()
    expect(page.locator("dl.facts").last).to_contain_text("Oförändrade")
    fits_phone(page)
    screenshot(page, "decisions-05-bakgrundsimport-klar")

    page.get_by_role("link", name="Statistik").click()
    page.get_by_role("textbox", name="Kvartal").fill("2025Q4")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("img", name="Rapporterbara beslut per kvartal")).to_be_visible()
    fits_phone(page)
    screenshot(page, "decisions-06-statistik")
