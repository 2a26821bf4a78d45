"""Settings shared by every environment; values that differ come from the environment."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Reverse proxies whose X-Forwarded-For is believed (CIDRs, comma-separated); see core.client.
DESK_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("DESK_TRUSTED_PROXIES", "").split(",") if p.strip()]
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # ours, first so our templates and translations win
    "core",
    "cms",
    "workflows",
    "notifications.apps.NotificationsConfig",
    "correspondence.apps.CorrespondenceConfig",
    "citizen_portal",
    # wagtail
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # workflow engine and friends
    "viewflow",
    "viewflow.workflow",
    "guardian",
    "reversion",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "csp",
    # staff sign-in: lockout and second factor (core/staff_auth)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core.staff_auth.apps.StaffAuthConfig",
    # django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on every response (core/headers.py)
    "core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle/absolute session limits, then the second factor on the staff prefixes (core/staff_auth).
    "core.staff_auth.middleware.StaffSessionMiddleware",
    "core.staff_auth.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.page_cache.PageCacheMiddleware",  # anonymous public pages from the cache, before routing
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Viewflow's officer frontend needs site/app on request.resolver_match (workflows/urls.py).
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Last: turns a locked-out sign-in into the lockout page (core.staff_auth.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["core.templatetags.persian", "core.templatetags.people"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout keep concurrent writers from failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "desk"}
    )
}

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username or address is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("DESK_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/workflow/"

# --- Staff sign-in (core/staff_auth, docs/deploy.md "Staff sign-in, MFA and admin prefixes") ---
# Admin URL prefixes, so a deployment can move them and keep them off the public interface.
DESK_CMS_ADMIN_PREFIX = os.environ.get("DESK_CMS_ADMIN_PREFIX", "cms-admin/").strip("/") + "/"
DESK_DJANGO_ADMIN_PREFIX = os.environ.get("DESK_DJANGO_ADMIN_PREFIX", "django-admin/").strip("/") + "/"
# Paths where a signed-in account must have passed its second factor (TOTP or a recovery code).
DESK_MFA_PROTECTED_PREFIXES = [
    "/workflow/",
    "/counter/",
    "/" + DESK_CMS_ADMIN_PREFIX,
    "/" + DESK_DJANGO_ADMIN_PREFIX,
]
# Days an account without an authenticator may still work, counted from the later of its creation and
# DESK_MFA_REQUIRED_FROM (an ISO date: the day MFA was switched on); 0 = enrol at the next sign-in.
DESK_MFA_ENROLMENT_GRACE_DAYS = int(os.environ.get("DESK_MFA_ENROLMENT_GRACE_DAYS", "0"))
DESK_MFA_REQUIRED_FROM = os.environ.get("DESK_MFA_REQUIRED_FROM", "")
DESK_MFA_RECOVERY_CODES = 10
# Signed-in sessions end after this much inactivity, and in any case this long after sign-in.
DESK_STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("DESK_STAFF_SESSION_IDLE_MINUTES", "30"))
DESK_STAFF_SESSION_MAX_HOURS = int(os.environ.get("DESK_STAFF_SESSION_MAX_HOURS", "10"))
SESSION_COOKIE_AGE = DESK_STAFF_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "میز خدمت الکترونیک")
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next is checked
OTP_STATIC_THROTTLE_FACTOR = 1
# django-axes: lock per username and, separately, per client address (core.client.client_ip).
# An office behind one NAT address shares the per-address count, hence its higher limit.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "core.staff_auth.lockout.StaffLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("DESK_LOCKOUT_USERNAME_LIMIT", "5"))
DESK_LOCKOUT_IP_LIMIT = int(os.environ.get("DESK_LOCKOUT_IP_LIMIT", "20"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DESK_LOCKOUT_COOLOFF_MINUTES", "30")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True  # hammering a locked account keeps it locked
AXES_CLIENT_IP_CALLABLE = "core.staff_auth.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "core.staff_auth.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Persian first, English second.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own catalogue (docs/adr/0003)
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
FONT_DIR = Path(os.environ.get("FONT_DIR", BASE_DIR / "var" / "fonts"))
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", FONT_DIR)]
# Uploaded citizen files live outside the web root and are served only by permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "میز خدمت الکترونیک")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "odt", "ods", "zip"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # DRF's own get_ident believes any X-Forwarded-For; 0 makes it REMOTE_ADDR for any throttle that
    # is not ours. Ours (citizen_portal.throttles) use core.client.client_ip (DESK_TRUSTED_PROXIES).
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Electronic service desk API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["core.api.public_api_only"],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Working-day calendar: ISO weekday numbers (Mon=0 … Sun=6); Friday by default.
DESK_WEEKEND_DAYS = [int(d) for d in env_list("DESK_WEEKEND_DAYS", "4")]
DESK_DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-1405")
# How long a unit (and an officer personally) keeps reading a request after its last step on it
# (workflows.permissions.visible_requests); 0 = only while the unit holds the request.
DESK_FORMER_UNIT_ACCESS_DAYS = int(os.environ.get("DESK_FORMER_UNIT_ACCESS_DAYS", "30"))
# Demo accounts come enrolled with this TOTP key (hex; base32 MRSX G2ZN MRSW 23ZN ORXX I4BN GE2D ANJB for an
# authenticator app, or `manage.py demo_totp_code`). Demo data only: production refuses it (DESK_ALLOW_DEMO_DATA).
DESK_DEMO_TOTP_KEY = os.environ.get("DEMO_TOTP_KEY", "6465736b2d64656d6f2d746f74702d3134303521")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and django-tasks every task run at INFO: too chatty for a console.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # django-axes logs every attempt at INFO; lockouts (WARNING) still show. Sign-ins are in the audit log.
        "axes": {"level": "WARNING"},
    },
}

# Messages: one way to pick the SMS backend (a dotted class path): core.sms Console/File/Locmem,
# notifications.backends for the generic HTTP gateway and Kavenegar.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "core.sms.ConsoleBackend")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.log"))
SMS_HTTP_URL = os.environ.get("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = os.environ.get("SMS_HTTP_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "")
KAVENEGAR_API_KEY = os.environ.get("KAVENEGAR_API_KEY", "")
SMS_TIMEOUT = float(os.environ.get("SMS_TIMEOUT", "10"))
SMS_INBOUND_TOKEN = os.environ.get("SMS_INBOUND_TOKEN", "")

# Office automation (correspondence) connector: empty URL = off.
CORRESPONDENCE_URL = os.environ.get("CORRESPONDENCE_URL", "")
# Signs our outbound letters only; each partner's inbound webhook calls use its own secret (PartnerToken).
CORRESPONDENCE_SECRET = os.environ.get("CORRESPONDENCE_SECRET", "")
CORRESPONDENCE_TIMEOUT = float(os.environ.get("CORRESPONDENCE_TIMEOUT", "10"))

# Receipts and letters are signed with Ed25519 (core.signing); production requires the key.
DESK_SIGNING_KEY = os.environ.get("DESK_SIGNING_KEY", "")

# Keyed digests for look-ups (national ID, mobile, codes; core.digests): their own key, not SECRET_KEY.
# During a rotation the old key stays in DESK_LOOKUP_KEY_PREVIOUS until `rekey_lookups` has run.
DESK_LOOKUP_KEY = os.environ.get("DESK_LOOKUP_KEY", "")
DESK_LOOKUP_KEY_PREVIOUS = os.environ.get("DESK_LOOKUP_KEY_PREVIOUS", "")

# django-guardian: anonymous visitors never hold object permissions, so no AnonymousUser row is needed
# (that row, re-created on every flush, also clashes with serialized rollbacks in tests).
ANONYMOUS_USER_NAME = None


# --- Browser hardening (core/headers.py; docs/deploy.md "Content-Security-Policy and dependency hashes") ---
# No 'unsafe-inline' anywhere but the admin prefixes: templates keep scripts and styles in static files.
from csp.constants import NONCE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The nonce appears only on pages that ask for it: the officer pages, for Turbo's progress bar.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's and Django's admin ship inline scripts and style attributes: only there, allow them.
CSP_ADMIN_PREFIXES = [DESK_CMS_ADMIN_PREFIX, DESK_DJANGO_ADMIN_PREFIX]
CSP_ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}
CSP_ADMIN_REPLACE = {"frame-ancestors": ["'self'"]}  # Wagtail's live preview frames the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar images (img-src 'self'), no staff e-mail hashes sent out
# Permissions-Policy: core.headers.DEFAULT_PERMISSIONS_POLICY (every powerful feature off); override with PERMISSIONS_POLICY.
SECURE_REFERRER_POLICY = "same-origin"
