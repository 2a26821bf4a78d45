"""Benchmark settings: production-like (DEBUG off), plus the hello baseline and a query-count header.

Used only by tests/perf (``make bench``) and tests/faults (``make faults``); never deployed.
"""

import os

from .base import *  # noqa: F403

SECRET_KEY = SECRET_KEY or "bench-only-insecure-key"  # noqa: F405
DESK_LOOKUP_KEY = DESK_LOOKUP_KEY or "bench-only-insecure-lookup-key"  # noqa: F405
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "settings.bench_urls"
MIDDLEWARE = ["tests.perf.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "perf" / "templates"]  # noqa: F405
if os.environ.get("BENCH_PRIVATE_ROOT"):
    PRIVATE_MEDIA_ROOT = Path(os.environ["BENCH_PRIVATE_ROOT"])  # noqa: F405
    STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # bench users only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
# Every bench client is the one loopback address: keep the limiters running, but with limits the
# load cannot reach, so the numbers measure the app and not the refusal path.
PORTAL_API_LOOKUP_RATE = "1000000/min"
PORTAL_API_SUBMIT_RATE = "1000000/hour"
PORTAL_TRACK_MAX_FAILURES = 1000000
PORTAL_OTP_SENDS_PER_IP = 1000000
