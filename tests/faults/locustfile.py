"""Citizens reading guides, searching, submitting and tracking: the 60-second mix of `make faults`.

Reads the prepare plan (tests.perf.prepare) named by $DESK_PLAN for guide paths, tracking pairs and
what a submission needs. Only ever pointed at 127.0.0.1 by tests/faults/run.py.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

from tests.perf.endpoints import make_pdf, multipart

PLAN = json.loads(open(os.environ["DESK_PLAN"], encoding="utf-8").read())
SMALL_PDF = make_pdf(50_000, "locust")
SEARCHES = ["گذرنامه", "پروانه", "شهرداری", "گواهی", "پروانه ساختمان"]


class Citizen(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.codes: list[str] = []

    @task(6)
    def read_guide(self):
        path = random.choice(PLAN["guides"]["paths"])  # noqa: S311
        self.client.get(path, name="guide page")

    @task(2)
    def home_and_search(self):
        self.client.get("/", name="home")
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="search")  # noqa: S311

    @task(3)
    def track(self):
        body = random.choice(PLAN["lookup"]["bodies"])  # noqa: S311
        self.client.post(PLAN["lookup"]["path"], data=body, headers={"Content-Type": "application/json"}, name="lookup")

    @task(1)
    def submit(self):
        spec = PLAN["submission"]
        who = random.choice(spec["applicants"])  # noqa: S311
        files = {key: (f"{key}.pdf", "application/pdf", SMALL_PDF) for key in spec["document_keys"]}
        body, ctype = multipart({**spec["fields"], **who}, files)
        with self.client.post(
            spec["path"], data=body, headers={"Content-Type": ctype}, name="submit", catch_response=True
        ) as r:
            if r.status_code == 201:
                r.success()
            else:
                r.failure(f"{r.status_code}: {r.text[:120]}")
