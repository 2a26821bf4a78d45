"""Production settings refuse insecure values and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "desk.example.ir",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DESK_SIGNING_KEY": "",
}


def run_with(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env.update(GOOD_ENV)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    env["DJANGO_SETTINGS_MODULE"] = "settings.production"
    command = args or ("-c", "import django; django.setup(); print('started')")
    return subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


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
