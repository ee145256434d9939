"""Importing values: all or nothing, every bad row named in Swedish, three encodings, Excel."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kvalitetsnav.keyfigures.importer import import_values
from kvalitetsnav.keyfigures.models import KeyFigureValue

from .conftest import months_ago


def _csv(lines: list[str]) -> str:
    return "\n".join(["nyckeltal;enhet;månad;värde;uppfyller;totalt;kommentar", *lines]) + "\n"


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_good_file_is_imported_in_every_accepted_encoding(world, satisfaction, falls, encoding):
    month = f"{months_ago(1):%Y-%m}"
    text = _csv(
        [
            f"nojda-brukare;hemtjanst-a;{month};;59;162;Enkät i hemtjänsten",
            f"fall;hemtjanst-a;{month};4;;;Två i köket, två i badrummet",
            f"fall;boende-a;{month};2;;;Förbättrad belysning",
        ]
    )
    result = import_values(actor=world.dept_head_a, filename="v.csv", data=text.encode(encoding))
    assert (result.refused, result.created, result.updated) == (False, 3, 0)
    share = KeyFigureValue.objects.get(key_figure=satisfaction)
    assert share.value == Decimal("36.42") and share.comment == "Enkät i hemtjänsten"
    assert KeyFigureValue.objects.get(key_figure=falls, unit=world.unit_a2).comment.startswith(
        "Förbättrad"
    )


@pytest.mark.django_db
def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_row(world, satisfaction, falls):
    month = f"{months_ago(1):%Y-%m}"
    text = _csv(
        [
            f"fall;hemtjanst-a;{month};4;;;",
            f"okand;hemtjanst-a;{month};4;;;",
            f"fall;hemtjanst-b;{month};4;;;",
            "fall;hemtjanst-a;maj;4;;;",
            f"nojda-brukare;hemtjanst-a;{month};;170;162;",
            f"fall;boende-a;{month};tre;;;",
            f"fall;hemtjanst-a;{month};5;;;",
        ]
    )
    result = import_values(actor=world.dept_head_a, filename="v.csv", data=text.encode())
    assert result.refused and not KeyFigureValue.objects.exists()
    lines = {error.line: str(error) for error in result.errors}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8]
    assert "Okänt nyckeltal" in lines[3]
    assert "inte registrera värden" in lines[4]
    assert "ÅÅÅÅ-MM" in lines[5]
    assert "Fler som uppfyller än totalt" in lines[6]
    assert "inte ett tal" in lines[7]
    assert "rad 2" in lines[8]
    assert lines[3].startswith("Rad 3:")


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_is_refused_whole(world, falls):
    with pytest.raises(ValidationError) as caught:
        import_values(actor=world.manager_a, filename="v.csv", data=b"enhet;varde\nx;1\n")
    assert "nyckeltal" in str(caught.value.message_dict["file"])


@pytest.mark.django_db
def test_an_excel_file_is_read_with_its_numbers_and_dates(world, falls):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nyckeltal", "Enhet", "Månad", "Värde"])
    sheet.append(["fall", "hemtjanst-a", months_ago(2), 3])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_values(actor=world.manager_a, filename="v.xlsx", data=buffer.getvalue())
    assert result.created == 1
    assert KeyFigureValue.objects.get().period == months_ago(2)
