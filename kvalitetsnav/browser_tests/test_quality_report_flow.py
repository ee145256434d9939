"""The quality report: a kvalitetsutvecklare generates Järva's 2025 report from the demo
data and edits the avvikelser section, förvaltningsledningen approves it, and the Word
file holds the demo's figures."""

import docx
import pytest
from playwright.sync_api import expect

from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.core.demo import seed_demo
from kvalitetsnav.deviations import demo as deviations_demo
from kvalitetsnav.deviations.shipped import ensure_shipped
from kvalitetsnav.keyfigures import demo as keyfigures_demo
from kvalitetsnav.qualityreport.models import QualityReport

pytestmark = pytest.mark.browser


def test_the_quality_report_is_generated_edited_approved_and_downloaded(
    new_phone, log_in, screenshot, fits_phone, tmp_path
):
    ensure_shipped()  # an earlier live-server test's flush may have emptied the lists
    seed_demo()
    deviations_demo.seed()
    keyfigures_demo.seed()

    quality = new_phone()
    log_in(quality, "kvalitet.jarva", DEMO_PASSWORD)
    quality.get_by_text("Meny", exact=True).click()
    quality.get_by_role("link", name="Kvalitetsberättelse", exact=True).click()
    quality.get_by_label("Nämnd").select_option(label="Järva stadsdelsnämnd")
    quality.get_by_label("År").fill("2025")
    screenshot(quality, "kvalitetsberattelse-01-skapa")
    quality.get_by_role("button", name="Skapa ur registren").click()
    expect(quality.get_by_role("heading", name="Kvalitetsberättelse 2025", level=1)).to_be_visible()
    expect(quality.get_by_text("Kvalitetsberättelsen är skapad ur registren.")).to_be_visible()
    fits_phone(quality)
    screenshot(quality, "kvalitetsberattelse-02-rapport")

    quality.get_by_role("link", name="Avvikelser", exact=True).last.click()
    expect(quality.get_by_role("heading", name="Avvikelser", level=1)).to_be_visible()
    text = quality.get_by_label("Text")
    expect(text).to_contain_text("26 avvikelser vid")
    text.fill(
        text.input_value()
        + "\n\nAlla avvikelser har utretts och följts upp på respektive enhet och "
        "diskuterats i arbetsgrupperna för ett lärande."
    )
    quality.get_by_role("button", name="Spara utkast").click()
    expect(quality.get_by_text("Utkastet är sparat.")).to_be_visible()
    quality.get_by_role("button", name="Skicka för granskning").click()
    expect(quality.get_by_text("Avsnittet är skickat för granskning.")).to_be_visible()
    fits_phone(quality)
    screenshot(quality, "kvalitetsberattelse-03-avsnitt")

    report = QualityReport.objects.get(board__code="jarva", year=2025)
    for section in report.sections.all():
        quality.goto(quality.url.split("/kvalitetsberattelse/")[0] + section.get_absolute_url())
        quality.get_by_role("button", name="Markera som granskad").click()
        expect(quality.get_by_text("Avsnittet är granskat.")).to_be_visible()

    director = new_phone()
    log_in(director, "ledning.jarva", DEMO_PASSWORD)
    director.goto(quality.url.split("/kvalitetsberattelse/")[0] + report.get_absolute_url())
    director.get_by_role("button", name="Godkänn och lås").click()
    expect(director.get_by_text("Kvalitetsberättelsen är godkänd och låst.")).to_be_visible()
    fits_phone(director)
    screenshot(director, "kvalitetsberattelse-04-godkand")

    director.get_by_role("link", name="Utskrift och PDF").click()
    expect(director.get_by_role("heading", name="Innehåll")).to_be_visible()
    expect(director.locator("#avsnitt-avvikelser")).to_contain_text("Avvikelser")
    screenshot(director, "kvalitetsberattelse-05-utskrift")
    director.go_back()

    with director.expect_download() as download:
        director.get_by_role("link", name="Ladda ner Word-fil").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "kvalitetsberattelse-jarva-2025.docx"

    document = docx.Document(path)
    rows = [[c.text.strip() for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Rinkeby vård- och omsorgsboende", "0", "26"] in rows
    assert ["Totalt", "", "492", "310", "63,01 %"] in rows
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "26 avvikelser vid" in paragraphs
    assert "diskuterats i arbetsgrupperna" in paragraphs
    assert "Godkänd av förvaltningsledningen" in paragraphs
