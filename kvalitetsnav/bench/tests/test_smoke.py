"""A smoke run of the benchmark at a tiny scale: the generator and the measuring code keep working.

Nothing here is timed: the assertions are about validity (constraints, the audit chain,
pages that answer 200, queries that do not grow with rows), never about speed.
"""

import json

import pytest
from django.core.management import call_command
from django.db import transaction

from kvalitetsnav.bench.generate import already_generated, generate
from kvalitetsnav.bench.load import _people_per_user
from kvalitetsnav.bench.pages import Page
from kvalitetsnav.bench.run import growth, render_table
from kvalitetsnav.bench.scales import TINY
from kvalitetsnav.core.audit import verify_chain
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.decisions.models import Decision
from kvalitetsnav.deviations.models import Deviation
from kvalitetsnav.routines.models import Routine

pytestmark = pytest.mark.django_db


def test_the_tiny_scale_fills_every_module_with_valid_rows_and_an_intact_audit_chain():
    generate(TINY, seed=3)

    assert already_generated()
    assert OrgNode.objects.filter(code__startswith="bench-b", level="namnd").count() == 2
    units = OrgNode.objects.filter(code__startswith="bench-b", level="enhet")
    assert units.count() == TINY.units
    assert all(u.path.endswith(f"{u.pk.hex}/") and u.board() is not None for u in units)
    assert Deviation.objects.count() == TINY.deviations
    assert Decision.objects.count() == TINY.decisions
    stored = [
        (d.execution_due_on, d.resume_due_on, d.wait_ended_on) for d in Decision.objects.all()
    ]
    for decision, dates in zip(Decision.objects.all(), stored, strict=True):
        decision.compute_due_dates()  # as a save would store them
        assert dates == (decision.execution_due_on, decision.resume_due_on, decision.wait_ended_on)
    assert Routine.objects.exclude(current_version=None).count() == TINY.routines
    assert list(verify_chain()) == []


def _deviations():
    return sorted(Deviation.objects.values_list("id", "board__code", "number", "occurred_at"))


def test_the_same_seed_gives_the_same_records():
    with transaction.atomic():
        generate(TINY, seed=5)
        first = _deviations()
        transaction.set_rollback(True)
    generate(TINY, seed=5)

    assert _deviations() == first
    assert len({(board, number) for _, board, number, _ in first}) == TINY.deviations


def test_the_benchmark_command_measures_every_page_and_writes_its_results(tmp_path):
    generate(TINY, seed=1)
    out = tmp_path / "tiny.json"

    call_command("run_benchmarks", output=str(out), repeat=1, import_rows=20)

    result = json.loads(out.read_text())
    assert set(result["pages"]) == {
        "my_tasks", "unit_deviations", "deviation", "department_statistics",
        "ivo_report", "routine_search", "heat_map",
    }  # fmt: skip
    for page in result["pages"].values():
        assert page["in_process"]["queries"] > 0
        assert page["in_process"]["n"] == 1
    assert result["queries_constant"]["constant"] is True
    assert result["import"]["created"] == 20
    assert result["import"]["errors"] == 0
    assert Decision.objects.filter(reference__startswith="IMP-").count() == 0  # rolled back
    table = render_table({"scales": {"tiny": result}, "growth": growth({}, ["tiny"])}, ["tiny"])
    assert "Mina uppgifter" in table

    result["load"] = {
        "users": 50, "seconds": 60, "think_seconds": [1, 3], "requests": 1200,
        "requests_per_s": 20.0, "median_ms": 80.0, "p95_ms": 240.0, "errors": 1,
        "server_rss_mib_start": 400.0, "server_rss_mib_end": 404.0, "rss_growth_percent": 1.0,
        "cores_used": {"gunicorn": 0.8, "postgresql": 0.2, "locust": 0.1},
        "server_cpu_ms_per_request": 50.0,
        "failures": [{"page": "my_tasks", "error": "HTTPError('500')", "count": 1}],
        "per_page": {"my_tasks": {"median_ms": 90.0, "p95_ms": 250.0}},
    }  # fmt: skip
    table = render_table({"scales": {"tiny": result}, "growth": {}}, ["tiny"])
    assert "errors 1" in table and "Failure: my_tasks: HTTPError('500') ×1" in table
    assert "server CPU per request 50.0 ms" in table and "Mina uppgifter 90 / 250" in table


def test_the_load_test_gives_each_role_its_share_of_the_simulated_people():
    def page(key, username):
        return Page(key, key, f"/{key}/", username)

    by_user = {
        "chef": [page("my_tasks", "chef"), page("unit_deviations", "chef"),
                 page("deviation", "chef"), page("routine_search", "chef")],
        "avdchef": [page("department_statistics", "avdchef"), page("heat_map", "avdchef")],
        "kvalitet": [page("ivo_report", "kvalitet")],
    }  # fmt: skip

    people = _people_per_user(by_user, 50)

    assert len(people) == 50
    assert (people.count("chef"), people.count("avdchef"), people.count("kvalitet")) == (40, 8, 2)
