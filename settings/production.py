"""Production: PostgreSQL, Redis, HTTPS. Refuses to start with insecure values."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if env_bool("DEBUG", False):  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")
DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
if not os.environ.get("DESK_SIGNING_KEY"):
    raise ImproperlyConfigured("DESK_SIGNING_KEY must be set (see docs/deploy.md: receipts are signed with it).")
DESK_SIGNING_KEY = os.environ["DESK_SIGNING_KEY"]
DESK_LOOKUP_KEY = os.environ.get("DESK_LOOKUP_KEY", "")
if (
    len(DESK_LOOKUP_KEY) < 32
    or DESK_LOOKUP_KEY.startswith(("dev-", "test-", "bench-"))
    or DESK_LOOKUP_KEY == SECRET_KEY
):
    raise ImproperlyConfigured(
        "DESK_LOOKUP_KEY must be a random value of at least 32 characters, not the SECRET_KEY (see docs/deploy.md)."
    )
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured("REDIS_URL must be set in production: rate limits and sessions are shared through it.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cache" if os.environ.get("REDIS_URL") else "django.contrib.sessions.backends.db"
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# Optional S3-compatible storage for public media (guides' documents and images).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"default_acl": "private", "querystring_auth": True, "location": "private"},
    }
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DESK_ALLOW_DEMO_DATA = False
