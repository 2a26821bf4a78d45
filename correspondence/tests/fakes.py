"""A loopback HTTP server playing the office-automation system: checks our signature, numbers letters,
dedupes by Idempotency-Key (same key → same number) and can be down for a while."""

import json
from collections import Counter

from correspondence import signing
from notifications.tests.fakes import FakeServer, Outage

from .conftest import SECRET


class FakeCorrespondence(FakeServer):
    def __init__(self, outage: Outage | None = None):
        super().__init__()
        self.outage = outage
        self.numbers: dict[str, str] = {}  # idempotency key -> letter number
        self.letters: dict[str, dict] = {}  # letter number -> body
        self.raw = Counter()
        self.bad_signatures = 0
        self.failed_calls = 0

    def handle(self, path, headers, body):
        try:
            signing.verify(headers, body, key=SECRET.encode())
        except signing.SignatureError:
            self.bad_signatures += 1
            return 401, {"error": "signature"}, 0
        key = headers.get("Idempotency-Key", "")
        with self.lock:
            self.raw[key] += 1
            if self.outage is not None and self.outage.active():
                self.failed_calls += 1
                return 503, {"error": "maintenance"}, 0
            if key not in self.numbers:
                number = f"1404/{len(self.numbers) + 1:05d}"
                self.numbers[key] = number
                self.letters[number] = json.loads(body)
            return 201, {"letter_number": self.numbers[key]}, 0
