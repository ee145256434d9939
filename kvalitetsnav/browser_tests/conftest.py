"""A real browser for the browser tests: Debian's Chromium, driven by Playwright.

One browser per test session; each test gets fresh contexts (cookies, storage)
at a phone's width. Playwright's own browser downloads are never used.

Outside CI the tests skip with a clear message when Chromium is missing; with
``CI`` set in the environment they fail instead, so CI can never go green by
silently skipping them.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_django.plugin import blocking_manager_key

# Playwright's sync API keeps an asyncio event loop in the main thread; without
# this, Django refuses ORM calls from the test (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("KVN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=sv-SE",  # date fields and file pickers as on a Swedish phone
]
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "sv-SE",
    "timezone_id": "Europe/Stockholm",
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


_append_only = importlib.import_module("kvalitetsnav.core.migrations.0002_audit_log_append_only")


def _run_on_test_database(item: pytest.Item, statements_by_vendor: dict[str, list[str]]) -> None:
    from django.db import connection

    with item.config.stash[blocking_manager_key].unblock():
        try:
            with connection.cursor() as cursor:
                for statement in statements_by_vendor.get(connection.vendor, []):
                    cursor.execute(statement)
        finally:
            # With Playwright running, this may not be the connection pytest-django
            # closes before dropping the test database; close it here.
            connection.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """Let pytest-django empty the database after a live-server test.

    The database refuses to delete audit log entries (core migration 0002), so
    the flush that ends every transactional test would fail. The triggers are
    dropped just for that flush and put back, from the same migration, at once.
    After the last test the test database itself is gone, so nothing is put back.
    """
    if "live_server" not in getattr(item, "fixturenames", ()):
        return (yield)
    _run_on_test_database(
        item, {"sqlite": _append_only.SQLITE_REVERSE, "postgresql": _append_only.POSTGRESQL_REVERSE}
    )
    try:
        return (yield)
    finally:
        if nextitem is not None:
            _run_on_test_database(
                item, {"sqlite": _append_only.SQLITE, "postgresql": _append_only.POSTGRESQL}
            )


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium was not found at {CHROMIUM}. Install Debian's package "
            "(apt-get install chromium) or set KVN_CHROMIUM to its path."
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} Browser tests may not be skipped in CI.", pytrace=False)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Once Playwright runs, this thread sees Django's connections in another context;
    # one opened before it started would never be closed and would keep PostgreSQL
    # from dropping the test database at the end.
    connections.close_all()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_phone(browser, live_server) -> Iterator[Callable]:
    """Open a fresh browser context at 375 px, as a separate person on their own phone."""
    contexts = []

    def open_phone():
        context = browser.new_context(base_url=live_server.url, **PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_phone):
    return new_phone()


@pytest.fixture
def screenshot() -> Callable:
    """Save a full-page screenshot into test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def log_in() -> Callable:
    """Log in through the real login form, as a person would."""

    def submit(page, username: str, password: str) -> None:
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Logga in").click()

    return submit


@pytest.fixture
def fits_phone() -> Callable:
    """Assert that the page needs no sideways scrolling at the phone's width."""

    def check(page) -> None:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at 375 px"

    return check
