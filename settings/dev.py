"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
DESK_LOOKUP_KEY = DESK_LOOKUP_KEY or "dev-only-insecure-lookup-key"  # noqa: F405
DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
