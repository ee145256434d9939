"""Search answers inflected Swedish words from the index, on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection

from kvalitetsnav.routines import search, services
from kvalitetsnav.routines.models import RoutineVersion
from kvalitetsnav.routines.stemmer import stem

from .conftest import make_routine

MEDICINE = "## Läkemedelshantering\nSignera varje given dos av läkemedel i signeringslistan."
KEYS = "Nycklar till brukarnas bostäder kvitteras ut och lämnas tillbaka samma dag."


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("fallet", "fall"),
        ("fallrisker", "fallrisk"),
        ("läkemedlen", "läkemedel"),
        ("avvikelser", "avvikelse"),
        ("nycklar", "nyckel"),
        ("hembesöken", "hembesök"),
    ],
)
def test_inflected_words_share_their_stem(inflected, base):
    assert stem(inflected) == stem(base)


@pytest.fixture
def library(world):
    return {
        "fall": make_routine(world),
        "medicine": make_routine(world, title="Läkemedelshantering", body=MEDICINE),
        "keys": make_routine(world, title="Nyckelhantering i hemtjänsten", body=KEYS),
    }


def _titles(q):
    versions = RoutineVersion.objects.filter(status="godkand").select_related("routine")
    return [v.routine.title for v in search.search(versions, q)]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("fallet", "Rutin för fallprevention"),
        ("fallrisker", "Rutin för fallprevention"),
        ("läkemedlen", "Läkemedelshantering"),
        ("nycklarna", "Nyckelhantering i hemtjänsten"),
        ("Signeringslistan dos", "Läkemedelshantering"),
    ],
)
def test_an_inflected_word_finds_the_routine(library, q, expected):
    assert expected in _titles(q)


def test_words_that_are_not_there_find_nothing(library):
    assert _titles("brandlarm") == []
    assert _titles("   ") == []


def test_every_word_must_match(library):
    assert _titles("läkemedel nycklar") == []


def test_a_title_match_ranks_above_a_match_in_the_text(library):
    # "läkemedel" is in the fall routine's text and in the medicine routine's title.
    assert _titles("läkemedel")[0] == "Läkemedelshantering"


def test_an_archived_version_leaves_the_index(library, world):
    routine = library["keys"]
    draft = services.version_new(actor=world.manager_a, routine=routine, change_note="Nytt")
    draft = services.version_update(
        actor=world.manager_a, version=draft, body="Porttelefonen används.", change_note="Nytt"
    )
    services.version_submit(actor=world.manager_a, version=draft)
    services.version_approve(actor=world.dept_head_a, version=draft)
    assert _titles("kvitteras") == []
    assert _titles("porttelefonen") == ["Nyckelhantering i hemtjänsten"]


def test_the_search_uses_the_database_index(library):
    versions = RoutineVersion.objects.all()
    sql = str(search.search(versions, "fallet").query)
    assert ("routines_fts" in sql) if connection.vendor == "sqlite" else ("@@" in sql)


def test_the_snippet_marks_the_words_and_escapes_the_text():
    text = "Inledning. <b>Fet</b> text om fallrisker hos äldre."
    snippet = search.snippet(text, "fallet")
    assert "<mark>fallrisker</mark>" in snippet
    assert "<b>" not in snippet and "&lt;b" in snippet
