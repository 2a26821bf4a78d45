"""Production settings refuse insecure values and pass Django's deployment checks."""

import os
import secrets
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "desk.example.ir",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DESK_SIGNING_KEY": "",
    "DESK_LOOKUP_KEY": secrets.token_urlsafe(48),
}


def run_with(env_overrides: dict, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env.update(GOOD_ENV)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    env["DJANGO_SETTINGS_MODULE"] = "settings.production"
    command = args or ("-c", "import django; django.setup(); print('started')")
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def signing_key() -> str:
    result = run_with({}, "-c", "from core.signing import generate_key; print(generate_key())")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_starts_with_secure_values(signing_key):
    result = run_with({"DESK_SIGNING_KEY": signing_key})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_refuses_missing_secret_key(signing_key):
    result = run_with({"SECRET_KEY": None, "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_short_secret_key(signing_key):
    result = run_with({"SECRET_KEY": "short", "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug(signing_key):
    result = run_with({"DEBUG": "true", "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_missing_allowed_hosts(signing_key):
    result = run_with({"ALLOWED_HOSTS": None, "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_missing_signing_key():
    result = run_with({"DESK_SIGNING_KEY": None})
    assert result.returncode != 0
    assert "DESK_SIGNING_KEY" in result.stderr


def test_check_deploy_reports_no_issues(signing_key):
    result = run_with({"DESK_SIGNING_KEY": signing_key}, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_seed_demo_refuses_under_production(signing_key):
    result = run_with({"DESK_SIGNING_KEY": signing_key}, "manage.py", "seed_demo")
    assert result.returncode != 0
    assert "never created under production" in result.stderr


def test_production_refuses_sqlite(signing_key):
    result = run_with({"DATABASE_URL": "sqlite:////tmp/desk.sqlite3", "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_refuses_missing_redis(signing_key):
    result = run_with({"REDIS_URL": None, "DESK_SIGNING_KEY": signing_key})
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def _redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def empty_postgres_url():
    """A throwaway PostgreSQL database on the server DATABASE_URL names, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://…")
    if not _redis_answers(GOOD_ENV["REDIS_URL"]):
        pytest.skip(f"production settings need Redis at {GOOD_ENV['REDIS_URL']}")
    import psycopg

    name = f"desk_bootstrap_{uuid.uuid4().hex[:12]}"
    server = urlsplit(url)
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(server._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_bootstrap_runs_under_production_on_a_freshly_migrated_database(signing_key, empty_postgres_url):
    env = {"DESK_SIGNING_KEY": signing_key, "DATABASE_URL": empty_postgres_url}
    migrate = run_with(env, "manage.py", "migrate", "--noinput", "-v", "0", timeout=600)
    assert migrate.returncode == 0, migrate.stderr
    first = run_with(env, "manage.py", "bootstrap")
    assert first.returncode == 0, first.stderr
    assert "groups: Editors, Moderators, Clerks, Managers" in first.stdout
    assert "home page created: 1" in first.stdout
    again = run_with(env, "manage.py", "bootstrap")
    assert again.returncode == 0, again.stderr
    for line in ("holidays created: 0", "message templates created: 0", "home page created: 0"):
        assert line in again.stdout
