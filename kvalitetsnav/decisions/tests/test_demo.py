"""The Järva demo: two years of decisions with the rise of seed 004, and changed services."""

import pytest
from django.db.models import Q

from kvalitetsnav.core.demo import seed_demo
from kvalitetsnav.decisions import demo, reports
from kvalitetsnav.decisions.models import Decision, ImportMapping, ServiceChange
from kvalitetsnav.decisions.rules import Quarter


@pytest.mark.django_db
def test_the_demo_shows_more_waits_in_disability_and_social_psychiatry_and_runs_once():
    seed_demo()
    summary = demo.seed()
    assert "400 new" in summary and "0 refused" in summary
    from kvalitetsnav.core.models import OrgNode

    board = OrgNode.objects.get(code="jarva")
    fs = Q(service_kind__area__in=["lss", "ifo_socialpsykiatri", "funktionsnedsattning_sol"])
    early = Decision.objects.in_board(board).reportable(Quarter(2025, 2)).filter(fs).count()
    late = Decision.objects.in_board(board).reportable(Quarter(2026, 2)).filter(fs).count()
    assert late > early
    assert ServiceChange.objects.lacking_a_step().exists()
    assert ServiceChange.objects.exclude(pk__in=ServiceChange.objects.lacking_a_step()).exists()
    assert "0 new, 0 changed" in demo.seed()
    assert ServiceChange.objects.count() == 30
    assert ServiceChange.objects.filter(decision__isnull=False).count() > 0
    assert ImportMapping.objects.filter(board__code="jarva").count() == 1
    assert reports.changes_report(board, Quarter(2025, 1).start, Quarter(2026, 4).end)["rows"]
