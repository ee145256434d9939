"""Importing decisions: encodings, bad rows named, all or nothing, valid only, idempotence."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.decisions import services
from kvalitetsnav.decisions.importer import import_decisions
from kvalitetsnav.decisions.models import Decision

from . import factories as f

HEADER = (
    "beslut_id;enhet;lag;insats;beslutsdatum;kön;födelseår;"
    "verkställt_datum;avbrott_från;avbrott_till;avslutat_datum;orsak"
)
GOOD = [
    "B-1;hemtjanst-a;SoL;Hemtjänst;2025-01-15;K;1938;;;;;Väntar på ledig personal i Åkersberga",
    "B-2;Hemtjänst A;SoL;Hemtjänst;2025-02-01;M;1941;2025-03-01;;;;",
]


def csv_bytes(rows, encoding="utf-8", bom=False):
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append([v or None for v in row.split(";")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(world, data, name="beslut.csv", **kwargs):
    f.kind()  # the shipped kinds exist
    return import_decisions(
        actor=world.quality_a, board=world.board_a, filename=name, data=data, **kwargs
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False)]
)
def test_it_reads_utf8_with_and_without_bom_and_windows_1252_with_swedish_letters(
    world, encoding, bom
):
    result = run(world, csv_bytes(GOOD, encoding, bom))
    assert (result.created, result.errors) == (2, [])
    decision = Decision.objects.get(reference="B-1")
    assert decision.delay_reason_text == "Väntar på ledig personal i Åkersberga"
    assert decision.node == world.unit_a


@pytest.mark.django_db
def test_it_names_every_bad_row_and_writes_nothing_by_default(world):
    bad = [
        *GOOD,
        "B-3;hemtjanst-a;SoL;Hemtjänst;2025-03-10;K;1950;2025-02-01;;;;",
        "B-4;Okänd enhet;SoL;Trädgårdsskötsel;2025-13-01;X;;;;;;",
    ]
    result = run(world, csv_bytes(bad))
    assert result.refused and Decision.objects.count() == 0
    assert [e.line for e in result.errors] == [4, 5]
    assert "Verkställt kan inte ligga före beslutsdatum." in str(result.errors[0])
    text = str(result.errors[1])
    for expected in ("Rad 5 (B-4)", "Okänd enhet", "beslutsdatum är inte ett giltigt datum",
                     "kön ska vara K eller M", "födelseår saknas"):  # fmt: skip
        assert expected in text


@pytest.mark.django_db
def test_it_refuses_an_unknown_kind_of_service_by_name(world):
    result = run(world, csv_bytes(["B-9;hemtjanst-a;LSS;Hemtjänst;2025-01-01;K;1990;;;;;"]))
    assert "Okänd insats ”Hemtjänst” för LSS." in str(result.errors[0])


@pytest.mark.django_db
def test_it_imports_only_the_valid_rows_when_asked_and_reports_the_rest(world):
    rows = [*GOOD, "B-3;hemtjanst-a;SoL;Hemtjänst;inte ett datum;K;1950;;;;;"]
    result = run(world, csv_bytes(rows), valid_only=True)
    assert not result.refused
    assert (result.created, result.skipped) == (2, 1)
    assert Decision.objects.count() == 2


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_and_logs_nothing(world):
    data = csv_bytes(GOOD)
    run(world, data)
    events = AuditEvent.objects.count()
    versions = list(Decision.objects.order_by("reference").values_list("version", "updated_at"))
    again = run(world, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == events
    assert (
        list(Decision.objects.order_by("reference").values_list("version", "updated_at"))
        == versions
    )


@pytest.mark.django_db
def test_a_changed_row_updates_its_decision_and_logs_the_change(world):
    run(world, csv_bytes(GOOD))
    changed = [GOOD[0].replace(";;;;;Väntar", ";2025-05-02;;;;Väntar"), GOOD[1]]
    result = run(world, csv_bytes(changed))
    assert (result.updated, result.unchanged) == (1, 1)
    decision = Decision.objects.get(reference="B-1")
    assert decision.executed_on.isoformat() == "2025-05-02" and decision.version == 2
    last = AuditEvent.objects.filter(object_id=str(decision.pk)).order_by("-id").first()
    assert last.changes["executed_on"] == [None, "2025-05-02"]


@pytest.mark.django_db
def test_it_reads_an_excel_file_and_names_its_bad_row(world):
    rows = [*GOOD, "B-3;hemtjanst-a;SoL;Hemtjänst;2025-03-10;K;1950;2025-02-01;;;;"]
    result = run(world, xlsx_bytes(rows), name="beslut.xlsx")
    assert result.refused and [e.line for e in result.errors] == [4]
    result = run(world, xlsx_bytes(GOOD), name="beslut.xlsx")
    assert result.created == 2


@pytest.mark.django_db
def test_it_uses_a_saved_mapping_for_another_source(world):
    mapping = services.mapping_save(
        actor=world.quality_a, board=world.board_a, name="Paraplyet",
        columns={"reference": "Id", "decided_on": "Datum"},
    )  # fmt: skip
    data = csv_bytes(GOOD).replace(b"beslut_id", b"Id").replace(b"beslutsdatum", b"Datum")
    assert run(world, data, columns=mapping.columns).created == 2


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_or_rows_is_refused_with_a_message(world):
    with pytest.raises(ValidationError) as error:
        run(world, b"id;datum\r\n1;2025-01-01\r\n")
    assert "Kolumner saknas i filen" in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        run(world, b"")
    with pytest.raises(ValidationError):
        run(world, b"not a workbook", name="beslut.xlsx")


@pytest.mark.django_db
def test_a_personnummer_in_the_reason_is_refused(world):
    row = "B-5;hemtjanst-a;SoL;Hemtjänst;2025-01-15;K;1938;;;;;Gäller 19121212-1212"
    assert "personnummer" in str(run(world, csv_bytes([row])).errors[0])


@pytest.mark.django_db
def test_a_unit_manager_may_not_import_for_another_unit_and_staff_not_at_all(world):
    f.kind()
    result = import_decisions(
        actor=world.manager_a2, board=world.board_a, filename="b.csv", data=csv_bytes(GOOD[:1])
    )
    assert "Du får inte registrera beslut för enheten Hemtjänst A." in str(result.errors[0])
    with pytest.raises(PermissionDenied):
        import_decisions(
            actor=world.staff_a, board=world.board_a, filename="b.csv", data=csv_bytes(GOOD)
        )


@pytest.mark.django_db
def test_the_command_imports_and_exits_non_zero_listing_bad_rows(world, tmp_path, capsys):
    f.kind()
    good = tmp_path / "ok.csv"
    good.write_bytes(csv_bytes(GOOD, "cp1252"))
    call_command("import_decisions", str(good), "--board", "namnd-a")
    assert Decision.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(["B-7;hemtjanst-a;SoL;Hemtjänst;2025-03-10;K;1950;2025-02-01;;;;"]))
    with pytest.raises(CommandError, match="1 felaktiga rader"):
        call_command("import_decisions", str(bad), "--board", "namnd-a")
    assert "Rad 2 (B-7)" in capsys.readouterr().err
