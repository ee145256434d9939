"""The load test: locust, headless, on loopback, for a bounded time, against gunicorn."""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from kvalitetsnav.accounts.models import User
from kvalitetsnav.deviations.models import Deviation

from .pages import Page
from .server import machine_cpu_seconds

# How often each page is opened, relative to the others: what a working day looks like.
WEIGHTS = {
    "my_tasks": 25,
    "unit_deviations": 20,
    "deviation": 25,
    "department_statistics": 8,
    "ivo_report": 4,
    "routine_search": 10,
    "heat_map": 8,
}


def session_for(user: User) -> str:
    """A logged-in session of its own (as after a login), for a request from outside."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that logs in
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def plan(found: list[Page], users: int) -> dict[str, Any]:
    """One session per simulated person; each opens the pages its user may open."""
    by_user: dict[str, list[Page]] = {}
    for page in found:
        by_user.setdefault(page.username, []).append(page)
    people = []
    deviation_page = next(p for p in found if p.key == "deviation")
    unit_id = Deviation.objects.get(pk=deviation_page.url.rstrip("/").split("/")[-1]).node_id
    recent = [
        f"/avvikelser/{pk}/"
        for pk in Deviation.objects.filter(node_id=unit_id)
        .order_by("-occurred_at")
        .values_list("pk", flat=True)[:30]
    ]
    for username in _people_per_user(by_user, users):
        user = User.objects.get(username=username)
        entries = []
        for page in by_user[username]:
            if page.key == "deviation":
                share = WEIGHTS[page.key] / len(recent)
                entries += [[url, share, page.key] for url in recent]
            else:
                entries.append([page.url, WEIGHTS[page.key], page.key])
        people.append({"session": session_for(user), "pages": entries})
    return {"people": people, "think_seconds": [1, 3]}


def _people_per_user(by_user: dict[str, list[Page]], users: int) -> list[str]:
    """Usernames for ``users`` people, each user as often as its pages weigh in the mix."""
    weight = {name: sum(WEIGHTS[p.key] for p in pages) for name, pages in by_user.items()}
    total = sum(weight.values())
    shares = {name: users * w / total for name, w in weight.items()}
    counts = {name: max(1, int(share)) for name, share in shares.items()}
    for name in sorted(shares, key=lambda n: shares[n] - int(shares[n]), reverse=True):
        if sum(counts.values()) >= users:
            break
        counts[name] += 1
    return [name for name in sorted(counts) for _ in range(counts[name])][:users]


def run(server, found: list[Page], users: int, seconds: int) -> dict[str, Any]:
    locust = Path(sys.executable).with_name("locust")
    if not locust.exists():
        return {"status": "skipped: locust is not installed (pip install -e '.[bench]')"}
    with tempfile.TemporaryDirectory() as tmp:
        plan_file = Path(tmp) / "plan.json"
        plan_file.write_text(json.dumps(plan(found, users)))
        command = [str(locust), "-f", str(Path(__file__).with_name("locustfile.py")),
                   "--headless", "--users", str(users), "--spawn-rate", str(max(1, users // 5)),
                   "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{server.port}",
                   "--csv", f"{tmp}/load", "--only-summary", "--stop-timeout", "10",
                   "--loglevel", "WARNING"]  # fmt: skip
        env = {"KVN_BENCH_PLAN": str(plan_file), "PATH": "/usr/bin:/bin"}
        memory = _run_sampling_memory(command, env, server, seconds, Path(tmp) / "stderr")
        stats = Path(f"{tmp}/load_stats.csv")
        if not stats.exists():
            return {"status": f"locust failed: {memory['stderr'][-2000:]}"}
        rows = list(csv.DictReader(stats.open(encoding="utf-8")))
        failures = [
            {"page": row["Name"], "error": row["Error"][:300], "count": int(row["Occurrences"])}
            for row in csv.DictReader(
                Path(f"{tmp}/load_failures.csv").read_text(encoding="utf-8").splitlines()
            )
        ]
    per_page = {}
    total: dict[str, Any] = {}
    for row in rows:
        figures = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "median_ms": float(row["Median Response Time"]),
            "p95_ms": float(row["95%"]),
            "requests_per_s": round(float(row["Requests/s"]), 1),
        }
        if row["Name"] == "Aggregated":
            total = figures
        else:
            per_page[row["Name"]] = figures
    return {
        "users": users,
        "seconds": seconds,
        "think_seconds": [1, 3],
        **total,
        "per_page": per_page,
        "failures": failures,
        "server_rss_mib_start": memory["start_mib"],
        "server_rss_mib_end": memory["end_mib"],
        "rss_growth_percent": memory["growth_percent"],
        "rss_samples_mib": memory["samples"],
        "cores_used": memory["cores_used"],
        "server_cpu_ms_per_request": round(
            1000
            * (memory["cores_used"]["gunicorn"] + memory["cores_used"]["postgresql"])
            / max(total.get("requests_per_s", 0), 0.1),
            1,
        ),
    }


# Memory is compared from the moment every simulated person is clicking (the workers have
# then loaded what they keep: templates, translations, connections) to the end: what
# grows after that is what a leak would look like.
WARM_UP_SECONDS = 30
SAMPLE_EVERY_SECONDS = 10


def _run_sampling_memory(
    command: list[str], env: dict, server, seconds: int, log: Path
) -> dict[str, Any]:
    with log.open("w") as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
    started = time.monotonic()
    samples: list[tuple[int, float]] = []
    cpu_before = {**_cpu(server), "locust": _children_cpu()}
    try:
        while process.poll() is None and time.monotonic() - started < seconds + 120:
            time.sleep(SAMPLE_EVERY_SECONDS)
            samples.append((round(time.monotonic() - started), round(server.rss_kib() / 1024, 1)))
    finally:
        if process.poll() is None:
            process.kill()
        cpu_after = _cpu(server)
        process.wait()  # locust's own CPU time is counted once it has been waited for
    cpu_after["locust"] = _children_cpu()
    elapsed = time.monotonic() - started
    during = [mib for at, mib in samples if WARM_UP_SECONDS <= at <= seconds] or [
        mib for _at, mib in samples
    ]
    start, end = (during[0], during[-1]) if during else (0.0, 0.0)
    return {
        "stderr": log.read_text(errors="replace"),
        "start_mib": start,
        "end_mib": end,
        "growth_percent": round(100 * (end - start) / max(start, 0.1), 1),
        "samples": samples,
        "cores_used": _cores_used(cpu_before, cpu_after, elapsed),
    }


def _cpu(server) -> dict[str, float]:
    # PostgreSQL's backends come and go with the connections, so its share is what the whole
    # machine used less gunicorn and locust (the rest of an idle machine is near nothing).
    return {"gunicorn": server.cpu_seconds(), "machine": machine_cpu_seconds()}


def _cores_used(before: dict, after: dict, elapsed: float) -> dict[str, float]:
    """Cores busy on average during the run: how much of the machine each side used."""
    used = {side: (after[side] - before[side]) / elapsed for side in before}
    used["postgresql"] = used.pop("machine") - used["gunicorn"] - used["locust"]
    return {side: round(max(value, 0.0), 2) for side, value in used.items()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
