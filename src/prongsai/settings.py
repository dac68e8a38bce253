"""Settings, read from the environment by strict parsers: a bad value stops start-up."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is empty: give a comma-separated list, e.g. example.go.th")
    return items


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def env_secret(name: str, default: str | None) -> str:
    """A secret from NAME or from the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from None
    value = os.environ.get(name)
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is false")
    return default


DEBUG = env_bool("DEBUG", False)
# A development key only when DEBUG is on; production must set SECRET_KEY (or SECRET_KEY_FILE).
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-insecure-key-do-not-deploy" if DEBUG else None)
if not DEBUG and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 32 random characters")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATA_DIR = Path(os.environ.get("PRONGSAI_DATA_DIR", PROJECT_DIR / "var"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"

_db_url = os.environ.get("DATABASE_URL", "")
if not _db_url:
    # The default: one SQLite file in the data folder, made on first start.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _db_url = f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}"
try:
    _db = dj_database_url.parse(_db_url, conn_max_age=60)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL={_db_url!r} cannot be read: {exc}") from None
if _db["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
    raise ImproperlyConfigured(f"DATABASE_URL must be sqlite:// or postgres://, not {_db['ENGINE']}")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "prongsai.core",
    "prongsai.orgs",
    "prongsai.deadlines",
    "prongsai.measures",
    "prongsai.documents",
    "prongsai.complaints",
    "prongsai.ita",
    "prongsai.portal",
    "prongsai.oversight",
    "prongsai.imports",
    "prongsai.api",
]

MIDDLEWARE = [
    "prongsai.core.middleware.TrustedProxyMiddleware",
    # Each request's digit style starts from the default; the organisation's access helper sets it.
    "prongsai.core.middleware.DigitStyleMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused for too many failures into the Thai page (core/security.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

# Django's own limit messages (max_length, min_value, …) written in the organisation's digits (core/forms.py).
FORM_RENDERER = "prongsai.core.forms.FormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["prongsai.core.templatetags.thai"],
        },
    }
]

# django-axes first: it refuses a locked-out (account, address) before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploads: evidence files up to this size (MB); larger ones are refused with a message.
EVIDENCE_MAX_MB = env_int("PRONGSAI_EVIDENCE_MAX_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prongsai@localhost")
SITE_URL = os.environ.get("PRONGSAI_SITE_URL", "http://127.0.0.1:8000")

# Complaints: public intake limits. The rate limit is a sliding window counted in a database table
# (complaints.RateBucket), so it holds across gunicorn workers without a cache service.
COMPLAINT_RATE_LIMIT_PER_MINUTE = env_int("PRONGSAI_COMPLAINT_RATE_PER_MINUTE", 30)
COMPLAINT_TRACK_RATE_PER_MINUTE = env_int("PRONGSAI_COMPLAINT_TRACK_RATE_PER_MINUTE", 30)
COMPLAINT_ATTACHMENT_MAX_MB = env_int("PRONGSAI_COMPLAINT_ATTACHMENT_MAX_MB", 10)
COMPLAINT_MAX_ATTACHMENTS = env_int("PRONGSAI_COMPLAINT_MAX_ATTACHMENTS", 5)
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, e.g. 10.0.0.0/8).
TRUSTED_PROXIES = env_list("PRONGSAI_TRUSTED_PROXIES", [])
# The LINE Messaging API (tests point it at a local stub).
LINE_API_BASE = os.environ.get("PRONGSAI_LINE_API_BASE", "https://api.line.me")

# Login throttling (django-axes, counted in the database so it holds across gunicorn workers and
# servers sharing it): an (account, address) pair is locked after LOGIN_FAILURES failures, an address
# for every account after LOGIN_ADDRESS_FAILURES; never an account for everyone. Both for
# LOGIN_COOLOFF_MINUTES after the last failure. The address is the one resolved through
# PRONGSAI_TRUSTED_PROXIES; IPv6 counts by its /64.
LOGIN_FAILURES = env_int("PRONGSAI_LOGIN_FAILURES", 5)
LOGIN_ADDRESS_FAILURES = env_int("PRONGSAI_LOGIN_ADDRESS_FAILURES", 50)
LOGIN_COOLOFF_MINUTES = env_int("PRONGSAI_LOGIN_COOLOFF_MINUTES", 15)
if min(LOGIN_FAILURES, LOGIN_ADDRESS_FAILURES, LOGIN_COOLOFF_MINUTES) < 1:
    raise ImproperlyConfigured("PRONGSAI_LOGIN_FAILURES, _ADDRESS_FAILURES and _COOLOFF_MINUTES must be at least 1")
AXES_HANDLER = "prongsai.core.security.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "prongsai.core.addresses.throttle_address"
AXES_LOCKOUT_CALLABLE = "prongsai.core.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Failed bearer tokens on the API, per address, in the same cool-off window.
API_TOKEN_FAILURES = env_int("PRONGSAI_API_TOKEN_FAILURES", 20)

# HTTPS: secure cookies and HSTS by default when the site's address is https (behind a proxy that sets
# X-Forwarded-Proto; only a proxy listed in PRONGSAI_TRUSTED_PROXIES is believed, core/middleware.py).
_https = SITE_URL.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _https)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("PRONGSAI_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp), enforced in development too: scripts and styles only from this
# site's own files; no inline script, event handler, <style> element or style attribute anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The account recorded as the actor of command-line imports when no --as is given.
SYSTEM_USERNAME = "prongsai-system"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
