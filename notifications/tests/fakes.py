"""Real HTTP servers on loopback playing the SMS gateway and the correspondence system.

They are test doubles of OTHER systems; none of our code is replaced. Outages are defined on the
outbox clock (notifications.clock), which the tests advance to compress time.
"""

import json
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from notifications import clock


class FakeServer:
    """Starts a ThreadingHTTPServer on 127.0.0.1:<free port>; subclasses implement handle()."""

    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                code, payload, delay = owner.handle(self.path, dict(self.headers), body)
                if delay:
                    time.sleep(delay)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def handle(self, path: str, headers: dict, body: bytes):
        raise NotImplementedError


class Outage:
    """Down from `start` for `seconds` on the outbox clock: every `timeout_every`-th call hangs
    past the client's timeout (after accepting the message: the worst case), the rest answer 500."""

    def __init__(self, seconds: float, *, timeout_every: int = 0, hang: float = 0.0):
        self.start = clock.now()
        self.seconds = seconds
        self.timeout_every = timeout_every
        self.hang = hang
        self.calls = 0

    def active(self) -> bool:
        return (clock.now() - self.start).total_seconds() < self.seconds


class FakeSmsGateway(FakeServer):
    """Generic JSON gateway and Kavenegar on one server; dedupes by idempotency key."""

    def __init__(self, outage: Outage | None = None):
        super().__init__()
        self.outage = outage
        self.raw = Counter()  # idempotency key -> calls that reached the gateway
        self.delivered = {}  # idempotency key -> (mobile, text): what phones received (once per key)
        self.per_phone = Counter()
        self.repeats_after_acceptance = 0  # retries of a message the gateway had already accepted
        self.failed_calls = 0
        self.hung_calls = 0
        self.requests = []

    def handle(self, path, headers, body):
        if "/sms/send.json" in path:
            form = urllib.parse.parse_qs(body.decode())
            key, mobile, text = form["localid"][0], form["receptor"][0], form["message"][0]
        else:
            data = json.loads(body)
            key, mobile, text = headers.get("Idempotency-Key", ""), data["to"], data["text"]
        with self.lock:
            self.requests.append({"path": path, "headers": headers, "body": body})
            self.raw[key] += 1
            outage = self.outage
            if outage is not None and outage.active():
                outage.calls += 1
                if outage.timeout_every and outage.calls % outage.timeout_every == 0:
                    # Accepted, but the answer comes too late: the client will retry with the same key.
                    self._deliver(key, mobile, text)
                    self.hung_calls += 1
                    return 200, {"id": key}, outage.hang
                self.failed_calls += 1
                return 500, {"error": "down"}, 0
            self._deliver(key, mobile, text)
        if "/sms/send.json" in path:
            return (
                200,
                {
                    "return": {"status": 200, "message": "تایید شد"},
                    "entries": [{"messageid": 1000 + len(self.delivered)}],
                },
                0,
            )
        return 200, {"id": key}, 0

    def _deliver(self, key, mobile, text):
        if key in self.delivered:
            self.repeats_after_acceptance += 1
        else:
            self.delivered[key] = (mobile, text)
            self.per_phone[mobile] += 1
