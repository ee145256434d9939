"""Personnummer and samordningsnummer are found in free text, with or without century."""

import pytest
from django.core.exceptions import ValidationError

from kvalitetsnav.lib.personnummer import (
    find_identity_numbers,
    luhn_ok,
    validate_no_identity_number,
)

# Skatteverket's test numbers: valid Luhn digits, not real people.
VALID = [
    "811218-9876",
    "8112189876",
    "19811218-9876",
    "198112189876",
    "811218+9876",  # over 100 years old
    "811218 9876",
    "19121212-1212",  # Tolvan Tolvansson, the test person
    "701063-2391",  # samordningsnummer: day 63 = 3rd
    "197010632391",
]


@pytest.mark.parametrize("number", VALID)
def test_it_finds_a_valid_number_in_a_sentence(number):
    assert find_identity_numbers(f"Brukaren ({number}) föll i badrummet.") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",  # wrong check digit
        "811318-9876",  # month 13
        "Telefon 08-508 00 000",
        "Dnr 3.1.1-2025-1234",
        "Ordernummer 1234567890123",  # thirteen digits
        "Klockan 14:30 den 2025-11-23",
        "Rum 12, avdelning 4",
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert find_identity_numbers(text) == []


def test_the_luhn_digit_is_checked():
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189877")


def test_the_validator_explains_why_in_swedish():
    with pytest.raises(ValidationError) as error:
        validate_no_identity_number("Gäller 19811218-9876")
    assert "personnummer" in error.value.messages[0]
    assert "kodade referens" in error.value.messages[0]
    validate_no_identity_number("Gäller brukare B-1042")
