"""Browser journeys: a seeded throwaway site served by runserver on a free loopback port, and
Debian's headless chromium driven by Playwright (browsers are never downloaded).

Helpers: `shoot(page, name)` saves docs/screenshots/<name>-phone.png (390 px) and -desktop.png
(1280 px); `axe_scan(page, name)` injects axe-core from tests/e2e/node_modules and returns the
serious/critical violations (all findings are written to var/e2e/axe/<name>.json).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE_JS = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
AXE_OUT = ROOT / "var" / "e2e" / "axe"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-1405")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Site:
    url: str
    env: dict
    workdir: Path

    def manage(self, *args: str, check: bool = True) -> str:
        """Run a management command against the site's database; returns stdout."""
        out = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if check and out.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{out.stderr[-2000:]}")
        return out.stdout

    def shell(self, code: str) -> str:
        """Run Python in the site's Django (for checks the UI cannot show); returns what it prints."""
        return self.manage("shell", "--no-imports", "-v", "0", "-c", code).strip()


@pytest.fixture(scope="session")
def site():
    workdir = Path(tempfile.mkdtemp(prefix="desk-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.bench",
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "BENCH_PRIVATE_ROOT": str(workdir / "private"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    port = _free_port()
    env["BASE_URL"] = f"http://127.0.0.1:{port}"
    s = Site(f"http://127.0.0.1:{port}", env, workdir)
    s.manage("migrate", "--noinput", "-v", "0")
    s.manage("seed_demo", "--requests", "24")
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{s.url}/bench/hello/", timeout=3).read()  # noqa: S310
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"e2e server did not start; see {workdir / 'server.log'}")
                time.sleep(0.3)
        yield s
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
        if not os.environ.get("E2E_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Every Content-Security-Policy violation a page reports (securitypolicyviolation events and the console
# messages chromium prints for them), by page URL; shoot() asserts none on each key page, and the whole
# session's list is written to var/e2e/csp-violations.json.
CSP_OUT = ROOT / "var" / "e2e" / "csp-violations.json"
CSP_SEEN: list[dict] = []
CSP_PAGES: set[str] = set()
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__deskCspViolation({
    url: document.location.href, directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample,
  });
});
"""


def _watch_csp(context, pg) -> None:
    pg.csp_violations = []

    def report(_source, violation: dict) -> None:
        pg.csp_violations.append(violation)
        CSP_SEEN.append(violation)

    def console(message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            entry = {"url": pg.url, "console": message.text[:500]}
            pg.csp_violations.append(entry)
            CSP_SEEN.append(entry)

    context.expose_binding("__deskCspViolation", report)
    context.add_init_script(CSP_LISTENER)
    pg.on("console", console)


@pytest.fixture(scope="session", autouse=True)
def _csp_report():
    yield
    CSP_OUT.parent.mkdir(parents=True, exist_ok=True)
    CSP_OUT.write_text(
        json.dumps({"pages_checked": sorted(CSP_PAGES), "violations": CSP_SEEN}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )


def assert_no_csp_violations(page) -> None:
    """No Content-Security-Policy violation so far on this page (called by shoot() on every key page)."""
    page.wait_for_timeout(50)  # violation events are dispatched asynchronously
    CSP_PAGES.add(page.url)
    assert page.csp_violations == [], page.csp_violations


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=DESKTOP, locale="fa-IR", base_url=site.url, accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    _watch_csp(context, pg)
    yield pg
    violations = list(pg.csp_violations)
    context.close()
    assert violations == [], violations


def shoot(page, name: str) -> None:
    """Full-page screenshots of the current page at phone and desktop widths (and no CSP violation)."""
    assert_no_csp_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.wait_for_timeout(100)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


def axe_scan(page, name: str) -> list[dict]:
    """Serious and critical axe-core violations of the current page (everything is saved for the report)."""
    AXE_OUT.mkdir(parents=True, exist_ok=True)
    # Evaluated through the DevTools protocol: an injected <script> would (rightly) be blocked by our CSP.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;window.axe = axe;")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "html": n["html"][:300], "summary": n.get("failureSummary", "")[:300]}
                for n in v["nodes"]
            ][:10],
        }
        for v in result["violations"]
    ]
    (AXE_OUT / f"{name}.json").write_text(
        json.dumps({"url": page.url, "violations": violations}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def login(page, username: str, password: str = PASSWORD, next_path: str = "/workflow/") -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    pass_second_factor(page)


# Demo accounts are enrolled with this key (settings.DESK_DEMO_TOTP_KEY); the code is computed as an
# authenticator app would (RFC 6238, django_otp.oath), never read from the server.
DEMO_TOTP_KEY = bytes.fromhex(os.environ.get("DEMO_TOTP_KEY", "6465736b2d64656d6f2d746f74702d3134303521"))
MFA_VERIFY = "/accounts/mfa/verify/"


def totp_code(at: float) -> str:
    from django_otp.oath import TOTP

    generator = TOTP(DEMO_TOTP_KEY, step=30, t0=0, digits=6, drift=0)
    generator.time = at
    return f"{generator.token():06d}"


def pass_second_factor(page) -> None:
    """On the two-step sign-in page, type the demo authenticator's code. A code is accepted once, so a second
    sign-in in the same 30 s tries the next step's code (within the server's tolerance), then waits a step."""
    failures = 0
    deadline = time.time() + 80
    while MFA_VERIFY in page.url and time.time() < deadline:
        step = int(time.time() // 30)
        for ahead in (0, 1):
            if failures:  # django-otp doubles its wait after each wrong code
                page.wait_for_timeout(1000 * 2 ** (failures - 1) + 200)
            page.fill("#id_otp_token", totp_code((step + ahead) * 30))
            page.click("main form button[type=submit]")
            page.wait_for_load_state("networkidle")
            if MFA_VERIFY not in page.url:
                return
            failures += 1
        page.wait_for_timeout(max(0.0, (step + 1) * 30 - time.time()) * 1000 + 200)
    assert MFA_VERIFY not in page.url, "the second factor was not accepted"
