"""Timing the pages in-process and over HTTP, their SQL on its own, and the reports and imports."""

from __future__ import annotations

import http.client
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .pages import Page

# Statements of the page's transactions, not of its work: the replay has its own transaction.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT")
DECLARE = re.compile(
    r'^DECLARE\s+"?[\w]+"?\s+.*?CURSOR\s+(?:WITH(?:OUT)?\s+HOLD\s+)?FOR\s+(.*)$', re.S
)


def summary(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "n": len(ordered),
    }


def timed(fn: Callable[[], Any], repeat: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def client_for(page: Page) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")  # a host ALLOWED_HOSTS accepts outside tests
    client.force_login(page.user)
    return client


def in_process(page: Page, repeat: int) -> dict[str, Any]:
    """Latency through the whole Django stack (middleware, views, templates), no network."""
    client = client_for(page)

    def get() -> None:
        response = client.get(page.url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.key}: {page.url} answered {response.status_code}")

    get()
    with CaptureQueriesContext(connection) as captured:
        get()
    # A copy: every request clears the connection's query log.
    queries = list(captured.captured_queries)
    page_time = summary(timed(get, repeat))
    sql_time = summary(timed(lambda: run_sql(queries), repeat))
    return {
        **page_time,
        "queries": len(queries),
        "sql_median_ms": sql_time["median_ms"],
        "ratio_to_sql": round(page_time["median_ms"] / max(sql_time["median_ms"], 0.1), 2),
    }


def run_sql(captured: list[dict[str, str]]) -> None:
    """The page's queries again, as the database received them, straight through a cursor.

    Writes (the session, the read log) are run in a transaction that is rolled back.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if sql.startswith(TRANSACTION_CONTROL):
                continue
            declared = DECLARE.match(sql)
            if declared:  # a server-side cursor (.iterator()): its query, fetched at once
                sql = declared.group(1)
            if sql.startswith(("INSERT", "UPDATE", "DELETE")):
                # A write again (the read log's next entry): it may clash with the one the page
                # made; the database has still done the work of trying it.
                try:
                    with transaction.atomic():
                        cursor.execute(sql)
                        if cursor.description:  # INSERT … RETURNING: read, or SQLite is busy
                            cursor.fetchall()
                except IntegrityError:
                    pass
                continue
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()
        transaction.set_rollback(True)


def query_counts(page: Page, other_url: str) -> tuple[int, int]:
    """Queries for the page and for the same page showing other rows."""
    client = client_for(page)
    counts = []
    for url in (page.url, other_url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    return counts[0], counts[1]


def over_http(port: int, page: Page, session_cookie: str, repeat: int) -> dict[str, Any]:
    """Latency over loopback HTTP against the real server, one keep-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={session_cookie}", "Host": "127.0.0.1"}

    def get() -> None:
        conn.request("GET", page.url, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{page.key} over HTTP answered {response.status}")

    try:
        return summary(timed(get, repeat))
    finally:
        conn.close()
