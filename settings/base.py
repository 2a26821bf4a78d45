"""Settings shared by every environment; values that differ come from the environment."""

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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.page_cache.PageCacheMiddleware",  # anonymous public pages from the cache, before routing
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Viewflow's officer frontend needs site/app on request.resolver_match (workflows/urls.py).
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
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
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/workflow/"

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
