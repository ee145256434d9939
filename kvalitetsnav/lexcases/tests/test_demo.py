"""The demo holds the seed 004 volumes for 2025, and open cases for Mina uppgifter."""

import pytest

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.demo import seed_demo
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.lexcases import demo
from kvalitetsnav.lexcases.models import LexCase
from kvalitetsnav.lexcases.statistics import board_statistics

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_volumes_of_the_quality_report_and_is_idempotent():
    seed_demo()
    assert demo.seed() == "Lex Sarah/Maria: 39 case(s) for 2025 and 2 open case(s) added."
    assert demo.seed() == "Lex Sarah/Maria: 0 case(s) for 2025 and 0 open case(s) added."
    stats = board_statistics(
        User.objects.get(username="namnd.jarva"), OrgNode.objects.get(code="jarva"), 2025
    )
    assert stats.totals == {"lex_sarah": 37, "lex_maria": 2}
    assert stats.reported == {"lex_sarah": 1, "lex_maria": 2}
    areas = {row.name: (row.by_kind["lex_sarah"], row.reported["lex_sarah"]) for row in stats.areas}
    assert areas["Funktionsnedsättning och socialpsykiatri"] == (15, 0)
    assert areas["Äldreomsorg"] == (5, 0)
    departments = {row.name: row.by_kind["lex_sarah"] for row in stats.departments}
    assert departments["Avdelningen individ och familj"] == 17
    assert LexCase.objects.open().filter(received_at__year=2025).count() == 1


def test_the_open_cases_are_on_the_deciders_lists():
    seed_demo()
    demo.seed()
    for username in ("avdchef.aldre", "mas.jarva", "chef.mittjarva"):
        titles = [
            item.kind
            for group in tasks_for(User.objects.get(username=username))
            for item in group.items
        ]
        assert "Lex Sarah" in titles or "Lex Maria" in titles, username
