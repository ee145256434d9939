"""The statistics page draws waiting times and counts per quarter as accessible inline SVG."""

import datetime as dt

import pytest
from django.urls import reverse

from kvalitetsnav.decisions import charts, reports
from kvalitetsnav.decisions.rules import Quarter

from . import factories as f


def test_a_bar_chart_scales_its_bars_to_a_round_top_and_reads_out_every_value():
    chart = charts.bar_chart([("2025Q1", 3), ("2025Q2", None), ("2025Q3", 7.5)], title="Väntan")
    first, gap, last = chart["bars"]
    assert [g.text for g in chart["grid"]] == ["0", "5", "10"]
    assert last.height == pytest.approx(148 * 0.75, abs=0.1) and gap.height == 0
    assert (first.label, first.sublabel, gap.text, last.text) == ("Q1", "2025", "–", "7,5")
    assert chart["description"] == "2025Q1: 3, 2025Q2: –, 2025Q3: 7,5"
    assert all(b.x >= 0 and b.x + b.width <= charts.WIDTH for b in chart["bars"])


@pytest.mark.django_db
def test_the_dashboard_counts_waits_per_quarter_of_execution(world):
    f.decision(world, decided_on=dt.date(2025, 1, 10), executed_on=dt.date(2025, 2, 9))
    f.decision(world, decided_on=dt.date(2025, 1, 10), executed_on=dt.date(2025, 5, 20))
    f.decision(world, decided_on=dt.date(2025, 3, 1), executed_on=dt.date(2025, 4, 10))
    waits = reports.dashboard(world.board_a, Quarter(2025, 2), count=2)["waits"]
    assert waits == [
        {"quarter": "2025Q1", "executed": 1, "median_days": 30, "late": 0},
        {"quarter": "2025Q2", "executed": 2, "median_days": 85, "late": 1},
    ]


@pytest.mark.django_db
def test_the_statistics_page_shows_both_charts_with_a_table_alternative(world, client):
    f.decision(world, decided_on=dt.date(2025, 1, 10), executed_on=dt.date(2025, 2, 9))
    client.force_login(world.politician_a)
    page = client.get(reverse("decisions:statistics"), {"quarter": "2025Q1"}).content.decode()
    assert page.count('role="img"') == 2
    assert '<title id="chart-waits-title">Mediantid i dagar' in page
    assert "2025Q1: 30 dagar" in page  # the description reads the values out
    assert "Väntetid per kvartal som tabell" in page
