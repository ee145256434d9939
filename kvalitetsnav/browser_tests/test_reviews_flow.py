"""Granskningar on a phone: register an IVO decision, link actions, download the account."""

import datetime as dt

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from kvalitetsnav.actions.models import Action
from kvalitetsnav.conftest import TEST_PASSWORD
from kvalitetsnav.reviews.models import Finding, Review

pytestmark = pytest.mark.browser

FINDINGS = [
    ("Kommunen har brustit i arbetet med riskanalys.", "riskanalys",
     "Riskanalys enligt 5 kap. 1 § SOSFS 2011:9."),
    ("Kommunen har brustit i arbetet med kontakt med enskilda vid förändrade insatser.",
     "kontakt", "3 kap. 5 § SoL."),
    ("Kommunen har brustit i arbetet med åtgärder för att tillgodose enskildas behov.",
     "kontakt", "4 kap. 1 § SoL."),
    ("Kommunen har brustit i att följa upp enskildas behov vid förändrade insatser.",
     "uppfoljning", "3 kap. 3 § SoL."),
]  # fmt: skip


def test_a_kvalitetsutvecklare_registers_an_ivo_decision_links_actions_and_downloads_the_account(
    world, page, log_in, screenshot, fits_phone
):
    today = timezone.localdate()
    due = today + dt.timedelta(days=30)
    log_in(page, world.quality_a.username, TEST_PASSWORD)
    page.goto("/granskningar/ny/")
    page.get_by_label("Granskare").select_option(label="IVO – tillsyn")
    page.get_by_label("Diarienummer").fill("3.5.1-06913/2021")
    page.get_by_label("Vad granskades").fill("Enskildas behov vid förändrade insatser")
    page.get_by_label("Ansvarig nivå").select_option(value=str(world.board_a.pk))
    page.get_by_label("Granskningen började").fill((today - dt.timedelta(days=90)).isoformat())
    page.get_by_label("Beslut eller rapport").fill((today - dt.timedelta(days=5)).isoformat())
    fits_phone(page)
    screenshot(page, "reviews-01-ny-granskning")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Granskningen är registrerad.")).to_be_visible()
    review = Review.objects.get()

    add = page.locator("details", has_text="Lägg till iakttagelse")
    for text, theme, requirement in FINDINGS:
        if not add.get_attribute("open"):
            add.locator("summary").click()
        add.get_by_label("Slag").select_option(label="Brist")
        add.get_by_label("Iakttagelse").fill(text)
        add.get_by_label("Krav och lagrum").fill(requirement)
        add.get_by_label("Tema").select_option(value=theme)
        add.get_by_label("Kräver redovisning av åtgärder").check()
        add.get_by_label("Redovisas senast").fill(due.isoformat())
        add.get_by_role("button", name="Lägg till").click()
        expect(page.get_by_text("Iakttagelsen är tillagd.")).to_be_visible()
    assert review.findings.count() == 4
    expect(page.locator("dl.facts")).to_contain_text(f"Redovisning senast{due.isoformat()}")

    for finding, title in zip(
        Finding.objects.filter(review=review).order_by("created_at")[:2],
        ["Riskanalys på varje arbetsplatsträff", "Ring alla med pausade insatser"],
        strict=True,
    ):
        section = page.locator(f"#finding-{finding.pk}")
        section.get_by_text("Ny åtgärd").click()
        section.get_by_label("Åtgärd").fill(title)
        section.get_by_label("Ansvarig").select_option(label=str(world.quality_a))
        section.get_by_label("Klart senast").fill((today + dt.timedelta(days=20)).isoformat())
        section.get_by_role("button", name="Registrera åtgärden").click()
        expect(page.get_by_text("Åtgärden är registrerad i åtgärdsregistret.")).to_be_visible()
    assert Action.objects.count() == 2
    fits_phone(page)
    screenshot(page, "reviews-02-granskning-med-iakttagelser")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hämta redovisningen (Word)").click()
    download = download_info.value
    assert download.suggested_filename == "Redovisning-3.5.1-06913-2021.docx"
    document = Document(str(download.path()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "Redovisning av vidtagna åtgärder",
        "Iakttagelse 1: Brist",
        "Vidtagna och planerade åtgärder",
    ]
    assert sum(h.startswith("Iakttagelse ") for h in headings) == 4
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "3.5.1-06913/2021" in cells and "IVO – tillsyn" in cells
    assert "Riskanalys på varje arbetsplatsträff" in cells
    assert "Kvalitetsutvecklare" in cells  # the responsible role
    texts = [p.text for p in document.paragraphs]
    assert FINDINGS[3][0] in texts

    page.goto("/granskningar/staden/")
    expect(page.get_by_text("4 öppna iakttagelser.")).to_be_visible()
    fits_phone(page)
    screenshot(page, "reviews-04-staden")
    page.locator("table").last.get_by_role("link", name="2").click()  # theme kontakt
    expect(page.get_by_text("2 iakttagelser")).to_be_visible()
    page.goto(review.get_absolute_url())

    page.get_by_label("Redovisningen skickad den").fill(today.isoformat())
    page.get_by_role("button", name="Registrera att redovisningen är skickad").click()
    expect(page.get_by_text("Redovisningen är registrerad som skickad.")).to_be_visible()
    review.refresh_from_db()
    assert review.account_sent_on == today
    assert not Finding.objects.filter(review=review, responded_on__isnull=True).exists()
    fits_phone(page)
    screenshot(page, "reviews-03-redovisning-skickad")

    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Dela som lärdom").first.click()
    page.get_by_label("Rubrik").fill("Riskanalys innan insatser ändras")
    page.get_by_label("Lärdomen").fill("Vi gör riskanalysen på arbetsplatsträffen först.")
    page.get_by_label("Verksamhetsområde").select_option(label="Hemtjänst")
    fits_phone(page)
    screenshot(page, "reviews-05-dela-lardom")
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Lärdomen är publicerad för alla stadsdelar.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Riskanalys")  # the finding's theme
    fits_phone(page)
    screenshot(page, "reviews-06-lardom")
