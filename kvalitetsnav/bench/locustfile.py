"""The load test's simulated people (locust): each logs in with a session of its own and opens
the pages of its role with a few seconds between clicks.

Started by ``manage.py run_benchmarks``; the plan (sessions and weighted pages) comes in the
JSON file named by ``KVN_BENCH_PLAN``.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["KVN_BENCH_PLAN"]).read_text(encoding="utf-8"))
_next = itertools.count()
THINK = PLAN.get("think_seconds", [1, 3])


class Person(HttpUser):
    wait_time = between(THINK[0], THINK[1])

    def on_start(self) -> None:
        person = PLAN["people"][next(_next) % len(PLAN["people"])]
        self.client.cookies.set("sessionid", person["session"])
        self.urls = [url for url, _weight, _name in person["pages"]]
        self.weights = [weight for _url, weight, _name in person["pages"]]
        self.names = [name for _url, _weight, name in person["pages"]]

    @task
    def open_a_page(self) -> None:
        i = random.choices(range(len(self.urls)), self.weights)[0]
        self.client.get(self.urls[i], name=self.names[i])
