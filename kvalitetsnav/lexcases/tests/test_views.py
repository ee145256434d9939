"""The pages: reading is logged, forms keep what was typed, lists do not grow in queries."""

import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.lexcases.models import LexCase, LexKind

from . import factories as f


def test_every_read_of_a_case_is_in_the_audit_log(client, world):
    case = f.open_case(world)
    client.force_login(world.inspector)
    response = client.get(reverse("lexcases:detail", args=[case.pk]))
    assert response.status_code == 200
    read = AuditEvent.objects.for_object(case).filter(action="read")
    assert read.filter(actor=world.inspector).count() == 1


def test_a_staff_member_sees_the_cases_they_reported_and_no_one_elses(client, world):
    mine = f.open_case(world)
    others = f.open_case(world, by=world.manager_a, title="Annan rapport")
    client.force_login(world.staff_a)
    page = client.get(reverse("lexcases:list")).content.decode()
    assert mine.reference in page
    assert others.reference not in page
    assert client.get(reverse("lexcases:detail", args=[others.pk])).status_code == 404


def test_reporting_with_a_personnummer_keeps_the_text_and_says_why(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("lexcases:create"),
        {
            "kind": "lex_sarah",
            "node": world.unit_a.pk,
            "title": "Kränkande bemötande",
            "description": "Gäller 19121212-1212 som blev utskälld.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ser ut som ett personnummer" in page
    assert "Kränkande bemötande" in page
    assert not LexCase.objects.exists()


def test_reporting_directly_opens_a_case_received_now(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("lexcases:create"),
        {
            "kind": "lex_sarah",
            "node": world.unit_a.pk,
            "title": "Larm besvarades inte",
            "description": "Trygghetslarmet besvarades inte på 40 minuter.",
        },
    )
    case = LexCase.objects.get()
    assert response.status_code == 302
    assert case.opened_by == world.staff_a
    assert timezone.now() - case.received_at < dt.timedelta(minutes=1)


def test_the_assessment_form_keeps_the_reasons_when_the_answer_is_missing(client, world):
    case = f.open_case(world)
    client.force_login(world.dept_head_a)
    response = client.post(
        reverse("lexcases:assess", args=[case.pk]),
        {"version": case.version, "reasons": "Mina skäl står kvar."},
    )
    assert response.status_code == 200
    assert "Mina skäl står kvar." in response.content.decode()


def test_the_list_uses_the_same_number_of_queries_for_many_cases(client, world):
    client.force_login(world.dept_head_a)
    f.open_case(world)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("lexcases:list"))
    for _ in range(6):
        f.open_case(world, kind=LexKind.LEX_MARIA)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("lexcases:list"))
    assert len(many) == len(few)


def test_the_ivo_report_opens_in_word_with_every_field(client, world):
    case = f.reported(world)
    client.force_login(world.dept_head_a)
    response = client.get(reverse("lexcases:ivo_docx", args=[case.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="IVO-{case.reference}.docx"'
    document = Document(io.BytesIO(response.content))
    cells = {
        row.cells[0].text: row.cells[1].text
        for table in document.tables
        for row in table.rows
        if len(row.cells) == 2
    }
    assert cells["Huvudman (nämnd)"] == "Nämnd A"
    assert cells["Enhet"] == "Hemtjänst A"
    assert cells["Ärendenummer hos oss"] == case.reference
    assert cells["Vad hände"] == case.description
    assert cells["Konsekvenser för den enskilda"] == case.consequences
    assert "överlämning" in cells["Orsaker"]
    assert cells["Vad gjordes direkt"] == case.immediate_measures
    assert cells[case.serious_label] == "Ja"
    assert cells["Beslutat av"] == "Anders Testsson (Avdelningschef)"
    assert cells["IVO:s diarienummer"] == "IVO 3.5.1-12345/2026"
    assert "personnummer" not in cells["Kodad referens"].lower()
    assert "IVO:s e-tjänst" in cells["Personnummer"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert case.reference in text
    assert AuditEvent.objects.for_object(case).filter(action="read").exists()


def test_the_lex_maria_report_asks_about_informing_the_patient(client, world):
    case = f.reported(world, kind=LexKind.LEX_MARIA)
    client.force_login(world.mas_a)
    page = client.get(reverse("lexcases:ivo_print", args=[case.pk])).content.decode()
    assert "Patienten eller närstående informerad" in page
    assert "Anmälan antecknad i journalen" in page
    assert "Vårdgivare" in page


def test_the_overdue_list_shows_cases_past_a_target(client, world):
    late = f.open_case(world)
    LexCase.objects.filter(pk=late.pk).update(start_due=timezone.localdate() - dt.timedelta(days=3))
    on_time = f.open_case(world, title="I tid")
    client.force_login(world.director_a)
    page = client.get(reverse("lexcases:overdue")).content.decode()
    assert late.reference in page
    assert on_time.reference not in page


def test_the_statistics_page_shows_counts_to_the_board(client, world):
    f.reported(world)
    f.open_case(world)
    client.force_login(world.politician_a)
    response = client.get(reverse("lexcases:statistics"), {"namnd": "namnd-a"})
    page = response.content.decode()
    assert "2 rapporter, varav 1 anmälda till IVO" in page
    assert "Avdelning äldre A" in page
