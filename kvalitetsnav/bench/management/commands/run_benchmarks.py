"""Measure this database's scale data: pages, SQL, queries, HTTP, load, imports and reports."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from kvalitetsnav.bench import load, measure, reports
from kvalitetsnav.bench.generate import already_generated
from kvalitetsnav.bench.pages import busiest_unit, pages
from kvalitetsnav.bench.server import Gunicorn
from kvalitetsnav.deviations.models import Deviation


class Command(BaseCommand):
    help = "Mäter sidor, SQL, frågor per sida, HTTP, last, import och rapporter (JSON ut)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", required=True, help="the JSON file to write")
        parser.add_argument("--repeat", type=int, default=30, help="requests per page")
        parser.add_argument("--http", action="store_true", help="also over HTTP with gunicorn")
        parser.add_argument("--load-seconds", type=int, default=0, help="0: no load test")
        parser.add_argument("--load-users", type=int, default=50)
        parser.add_argument("--import-rows", type=int, default=0, help="0: no import")

    def handle(self, *args, output: str, repeat: int, http: bool, load_seconds: int,
               load_users: int, import_rows: int, **options) -> None:  # fmt: skip
        if not already_generated():
            raise CommandError("No scale data here: run generate_scale_data first.")
        say = self.stdout.write
        found = pages()
        result: dict = {
            "database": connection.vendor,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "load_average": os.getloadavg(),
            },  # fmt: skip
            "rows": _row_counts(),
            "pages": {},
        }
        for page in found:
            figures = measure.in_process(page, repeat)
            result["pages"][page.key] = {"title": page.title, "url": page.url,
                                         "in_process": figures}  # fmt: skip
            say(f"{page.key}: {figures}")
        result["queries_constant"] = _queries_constant(found)
        say(f"queries per page, many rows vs few: {result['queries_constant']}")
        if http or load_seconds:
            with Gunicorn() as server:
                result["server"] = {"workers": server.workers, "threads": server.threads}
                if http:
                    for page in found:
                        cookie = load.session_for(page.user)
                        figures = measure.over_http(server.port, page, cookie, repeat)
                        result["pages"][page.key]["http"] = figures
                        say(f"{page.key} over HTTP: {figures}")
                if load_seconds:
                    result["load"] = load.run(server, found, load_users, load_seconds)
                    say(f"load: {result['load']}")
        board = busiest_unit().board()
        result["ivo_report"] = reports.ivo_report(board)
        say(f"IVO report: {result['ivo_report']}")
        result["quality_report"] = reports.quality_report(board)
        say(f"quality report: {result['quality_report']}")
        if import_rows:
            result["import"] = reports.import_decisions(board, import_rows)
            say(f"import: {result['import']}")
        result["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        Path(output).write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label in ["core.AuditEvent", "accounts.User", "core.OrgNode", "deviations.Deviation",
                  "actions.Action", "feedback.Feedback", "decisions.Decision",
                  "inspections.Inspection", "inspections.Answer", "routines.Routine",
                  "routines.RoutineVersion", "routines.ReadRequest", "risks.Risk"]:  # fmt: skip
        model = apps.get_model(label)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the planner's estimate: no full count
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [model._meta.db_table],
                )
                counts[label] = cursor.fetchone()[0]
        else:
            counts[label] = model.objects.count()
    return counts


def _queries_constant(found) -> dict:
    """The deviation list of the busiest unit and of the quietest: the same number of queries."""
    by_key = {p.key: p for p in found}
    page = by_key["unit_deviations"]
    busiest = busiest_unit()
    quiet = (
        Deviation.objects.filter(board=busiest.board())
        .values("node")
        .annotate(n=Count("id"))
        .order_by("n", "node")
        .first()
    )
    other = f"{reverse('deviations:list')}?{urlencode({'node': quiet['node']})}"
    many, few = measure.query_counts(page, other)
    second = f"{page.url}&page=2"
    _, page_two = measure.query_counts(page, second)
    return {"busiest_unit": many, "quietest_unit": few, "page_2": page_two,
            "constant": many == few == page_two}  # fmt: skip
