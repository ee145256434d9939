"""``make bench``: generate (or reuse) the district and city databases, measure, write the results.

Run as ``python -m kvalitetsnav.bench.run``; settings come from the environment:

- ``BENCH_SCALES`` (``district city``): the scales, smallest first; the load test and the
  import run on the last one.
- ``BENCH_REGENERATE=1``: drop and generate the databases again (otherwise a database that
  holds complete scale data is reused; generation is all or nothing, so it is complete).
- ``BENCH_REPEAT`` (30), ``BENCH_LOAD_USERS`` (50), ``BENCH_LOAD_SECONDS`` (300, 0 skips),
  ``BENCH_IMPORT_ROWS`` (100000, 0 skips), ``BENCH_SEED`` (1).
- ``BENCH_PG`` (``postgres://kvalitetsnav:kvalitetsnav-ci-only@127.0.0.1:5432``): the server;
  each scale gets its own database ``kvn_bench_<scale>``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench"
PAGE_TARGET_MS = 150
SQL_RATIO_TARGET = 2.0
GROWTH_TARGET = 1.3


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def manage(db_url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_DEBUG": "false"}
    subprocess.run([sys.executable, "manage.py", *args, "--skip-checks"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip


def ensure_database(server: str, name: str, regenerate: bool) -> bool:
    """Create the database if missing (or again); True when it was created empty."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and regenerate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
            return True
    with psycopg.connect(f"{server}/{name}") as conn:
        try:
            found = conn.execute("SELECT 1 FROM core_orgnode WHERE code = 'bench-stad'").fetchone()
        except psycopg.errors.UndefinedTable:
            found = None
    return not found


def main() -> None:
    server = os.environ.get(
        "BENCH_PG", "postgres://kvalitetsnav:kvalitetsnav-ci-only@127.0.0.1:5432"
    )
    scales = os.environ.get("BENCH_SCALES", "district city").split()
    regenerate = os.environ.get("BENCH_REGENERATE") == "1"
    OUT.mkdir(exist_ok=True)
    previous = {}
    if (OUT / "results.json").exists():
        previous = json.loads((OUT / "results.json").read_text()).get("generate_seconds", {})
    results: dict = {"scales": {}, "generate_seconds": dict(previous)}
    for i, scale in enumerate(scales):
        name = f"kvn_bench_{scale}"
        db_url = f"{server}/{name}"
        manage_needed = ensure_database(server, name, regenerate)
        manage(db_url, "migrate", "--no-input", "-v", "0")
        if manage_needed:
            print(f"==> generating {scale} in {name}", flush=True)
            started = time.perf_counter()
            manage(db_url, "generate_scale_data", "--scale", scale,
                   "--seed", str(env_int("BENCH_SEED", 1)))  # fmt: skip
            results["generate_seconds"][scale] = round(time.perf_counter() - started, 1)
        else:
            print(f"==> reusing {name} (BENCH_REGENERATE=1 makes it again)", flush=True)
        vacuum(db_url)
        last = i == len(scales) - 1
        out = OUT / f"{scale}.json"
        args = ["run_benchmarks", "--output", str(out), "--http",
                "--repeat", str(env_int("BENCH_REPEAT", 30))]  # fmt: skip
        if last:
            args += ["--load-seconds", str(env_int("BENCH_LOAD_SECONDS", 300)),
                     "--load-users", str(env_int("BENCH_LOAD_USERS", 50)),
                     "--import-rows", str(env_int("BENCH_IMPORT_ROWS", 100_000))]  # fmt: skip
        print(f"==> measuring {scale}", flush=True)
        manage(db_url, *args)
        results["scales"][scale] = json.loads(out.read_text())
    results["growth"] = growth(results["scales"], scales)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    table = render_table(results, scales)
    (OUT / "results.md").write_text(table)
    print(table)


def vacuum(db_url: str) -> None:
    """Measure a settled database: no dead rows left by an earlier run's rolled-back import,
    and fresh statistics for the planner."""
    print(f"==> VACUUM ANALYZE {db_url.rsplit('/', 1)[-1]}", flush=True)
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def growth(by_scale: dict, scales: list[str]) -> dict:
    if len(scales) < 2:
        return {}
    small, large = by_scale[scales[0]]["pages"], by_scale[scales[-1]]["pages"]
    return {
        key: round(large[key]["in_process"]["median_ms"] / small[key]["in_process"]["median_ms"], 2)
        for key in large
        if key in small
    }


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def render_table(results: dict, scales: list[str]) -> str:
    big = scales[-1]
    data = results["scales"][big]
    lines = [
        f"# Benchmarks ({big} scale, PostgreSQL, {data['machine']['cpus']} cores, "
        f"measured {data['measured_at']})",
        "",
        "✗ marks a missed target (p95 < 150 ms; page ≤ 2× its SQL; growth ≤ 1.3×).",
        "",
        "| page | in-process median / p95 ms | HTTP median / p95 ms | queries | SQL ms "
        "| page − SQL ms | page/SQL | growth " + "→".join(scales) + " |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, page in data["pages"].items():
        ip, web = page["in_process"], page.get("http", {})
        g = results["growth"].get(key)
        lines.append(
            f"| {page['title']} | {ip['median_ms']} / {ip['p95_ms']}"
            f"{_mark(ip['p95_ms'] < PAGE_TARGET_MS)} | "
            f"{web.get('median_ms', '–')} / {web.get('p95_ms', '–')} | {ip['queries']} | "
            f"{ip['sql_median_ms']} | {ip['median_ms'] - ip['sql_median_ms']:.1f} | "
            f"{ip['ratio_to_sql']}"
            f"{_mark(ip['ratio_to_sql'] <= SQL_RATIO_TARGET)}"
            f" | {g if g is not None else '–'}{_mark(g is None or g <= GROWTH_TARGET)} |"
        )
    q = data["queries_constant"]
    lines += [
        "",
        f"Queries on a unit's deviation list: busiest unit {q['busiest_unit']}, quietest "
        f"{q['quietest_unit']}, page 2 {q['page_2']} (constant: {q['constant']}).",
    ]
    load = data.get("load")
    if load and "requests" in load:
        lines += [
            "",
            f"Load: {load['users']} users for {load['seconds']} s (think time "
            f"{load['think_seconds'][0]}–{load['think_seconds'][1]} s): "
            f"{load['requests']} requests, {load['requests_per_s']} req/s, "
            f"median {load['median_ms']} ms, p95 {load['p95_ms']} ms, "
            f"errors {load['errors']}; server RSS {load['server_rss_mib_start']} → "
            f"{load['server_rss_mib_end']} MiB ({load['rss_growth_percent']:+} %).",
        ]
        cores = load.get("cores_used")
        if cores:
            lines.append(
                f"Cores busy during the load: gunicorn {cores['gunicorn']}, PostgreSQL (and "
                f"the rest) {cores['postgresql']}, locust {cores['locust']} "
                f"(of {data['machine']['cpus']}); "
                f"server CPU per request {load['server_cpu_ms_per_request']} ms."
            )
        lines += [
            f"Failure: {f['page']}: {f['error']} ×{f['count']}" for f in load.get("failures", [])
        ]
        per_page = load.get("per_page", {})
        if per_page:
            lines.append(
                "Under load, median / p95 ms: "
                + ", ".join(
                    f"{data['pages'][k]['title'] if k in data['pages'] else k} "
                    f"{v['median_ms']:g} / {v['p95_ms']:g}"
                    for k, v in per_page.items()
                )
                + "."
            )
    elif load:
        lines += ["", f"Load: {load.get('status')}"]
    ivo = data["ivo_report"]
    lines += ["", f"IVO report, board-quarter {ivo['quarter']} ({ivo['rows']} rows): "
              f"median {ivo['median_ms']} ms (target < 1 s)."]  # fmt: skip
    quality = data["quality_report"]
    if "seconds" in quality:
        lines.append(
            f"Quality report, board-year {quality['year']}: generated in {quality['seconds']} s "
            f"(target < 10 s), exported to Word in {quality['docx_seconds']} s."
        )
    else:
        lines.append(f"Quality report, board-year: {quality.get('status')}.")
    imp = data.get("import")
    if imp:
        lines.append(
            f"Import of {imp['rows']} decisions from Excel: {imp['seconds']} s "
            f"({imp['created']} created, {imp['errors']} errors; target < 30 s)."
        )
    gen = results.get("generate_seconds", {})
    if gen:
        lines.append("Generation: " + ", ".join(f"{k} {v} s" for k, v in gen.items()) + ".")
    rows = data["rows"]
    lines.append(
        "Rows (estimates): " + ", ".join(f"{k.split('.')[-1]} {v:,}" for k, v in rows.items()) + "."
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
