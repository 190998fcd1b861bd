"""Settings shared by every environment. Values come from the environment;
the defaults are for development and hold no production secret."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Members' private notes are sealed with these Fernet keys (reading_room/sealing.py), newest first,
# comma-separated so a key can be rotated. Development and tests set a key of their own; in production
# a member's first note is refused with a clear error until READING_ROOM_NOTES_KEY is set.
READING_ROOM_NOTES_KEYS = env_list("READING_ROOM_NOTES_KEY", "")
# Part 2 papers kept for offline reading are removed from a device after this many days unopened.
READING_ROOM_OFFLINE_DAYS = int(os.environ.get("READING_ROOM_OFFLINE_DAYS", "30"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "committee",
    "members",
    "reports",
    "documents",
    "publishing",
    "web",
    "alerts",
    "reading_room",
    "opendata",
    "demo",
]

MIDDLEWARE = [
    # A read-only request reads the shared values every page asks for once, together (core/request_snapshot.py).
    "core.request_snapshot.SnapshotMiddleware",
    # The language the address names (/cy/… Welsh, else English), active from the start (core/language.py).
    "core.language.AddressLanguageMiddleware",
    # A NUL in the address is refused with a 400 before any view or cache sees it (core/bad_requests.py).
    "core.bad_requests.RefuseNulMiddleware",
    # A body larger than the largest upload is refused (413) before anything reads it (core/request_limits.py).
    "core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # Public pages: ETag and 304 Not Modified, then Cache-Control (web/caching.py).
    "django.middleware.http.ConditionalGetMiddleware",
    "web.caching.AnonymousPageCacheMiddleware",
    "web.caching.PublicCacheHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, but anonymous visitors without a session cookie never touch the session (no Vary: Cookie).
    "web.caching.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "web.context_processors.council",
            ],
            # Django's `date` filter, the format read once (core/dates.py): same output, a fifth of a
            # calendar page's rendering less.
            "builtins": ["core.dates", "core.bilingual", "core.script_words"],
        },
    },
]

# No DATABASE_URL: an embedded SQLite file, so a newcomer needs no server.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Security headers. SecurityMiddleware sets X-Content-Type-Options, Referrer-Policy and
# Cross-Origin-Opener-Policy; core/security.py adds the Content-Security-Policy (no inline
# script or style anywhere) and Permissions-Policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}
PERMISSIONS_POLICY = {"camera": "()", "microphone": "()", "geolocation": "()", "payment": "()", "usb": "()"}

CSRF_FAILURE_VIEW = "core.security.csrf_failure"
# Scripts never need the cookies; a signed-in session lasts a working day.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 10 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Sign-in throttling (django-axes): after 5 failed attempts for one user name from one
# address, signing in there is paused for 15 minutes (a governance officer can unlock
# sooner in the admin, under Axes). The throttle backend must come first.
AUTHENTICATION_BACKENDS = [
    "core.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# How many reverse proxies (load balancer, nginx) stand in front of gunicorn: sign-in throttling then
# counts failures by the client's address from X-Forwarded-For instead of the proxy's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
# The public site in English and Welsh: English addresses unprefixed, Welsh ones under /cy/ (config/urls.py).
# The address carries the reader's choice, so no cookie and nothing negotiated (core/language.py).
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# Ours first, so our Welsh wins over Django's where both translate a string ("yh", not "y.h.").
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files are private by default: they are served through a permission check,
# never from a public folder.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def redis_caches(url: str) -> dict:
    return {
        "default": {
            # Django's, except that Redis out of reach is a cache that keeps nothing, not an error
            # (core/redis_cache.py): pages are served uncached and sessions from the database.
            "BACKEND": "core.redis_cache.FailSafeRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cr"),
            "TIMEOUT": 3600,
        }
    }


# A shared cache for sessions and rendered fragments: Redis when REDIS_URL is set (production sets it),
# else each process's own memory. Sessions are also written to the database, so a Redis restart
# signs nobody out.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# How long shared caches and browsers may keep a public page before asking again (with its ETag).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "60"))
# Anonymous visitors' pages kept in the shared cache this long (web/caching.py); production: 60.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "0"))
# Signed-in readers' report, meeting and committee pages: their content kept this long for everyone who
# reads the same (web/fragments.py page_parts); 0 renders every time. Production: 60.
PAGE_PARTS_SECONDS = int(os.environ.get("PAGE_PARTS_SECONDS", "0"))
# The benchmark's baseline page (bench/views.py): off unless asked for, and then mounted by the
# benchmark's own URL root, so the app never imports the benchmark.
BENCH_MINIMAL_VIEW = env_bool("BENCH_MINIMAL_VIEW", False)
if BENCH_MINIMAL_VIEW:
    ROOT_URLCONF = "bench.urls"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "democratic.services@example.gov.uk")
# Links in e-mails: the address people reach this site at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (agenda packs, published PDFs) runs in `manage.py run_worker`, queued in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# The formatted-text box (core/text_boxes.py) looks like any other GOV.UK text box.
CRISPY_CLASS_CONVERTERS = {"formattedtextarea": "govuk-textarea"}

# The council this installation serves. England: agendas public 5 clear working
# days ahead; Wales: 3 clear days (COUNCIL_NATION=wales).
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "London Borough of Barnet")
COUNCIL_NATION = os.environ.get("COUNCIL_NATION", "england")
# Councillors register gifts and hospitality worth more than this, in pounds (the council's code of conduct).
GIFTS_THRESHOLD = Decimal(os.environ.get("GIFTS_THRESHOLD", "50"))
# Besides the Monitoring officers group's addresses, where the six-month rule's warnings also go.
MONITORING_OFFICER_EMAIL = os.environ.get("MONITORING_OFFICER_EMAIL", "")
COUNCIL_LOGO = os.environ.get("COUNCIL_LOGO", "img/council-logo.svg")
COUNCIL_WEBSITE = os.environ.get("COUNCIL_WEBSITE", "https://www.example.gov.uk/")
# Call-in of executive decisions: the clear working days after a decision notice is published
# (commonly 5, some councils 10), and whether a notice published after 5 pm counts from the next
# working day (the council's constitution says).
CALL_IN_CLEAR_WORKING_DAYS = int(os.environ.get("CALL_IN_CLEAR_WORKING_DAYS", "5"))
CALL_IN_LATE_NOTICE_COUNTS_NEXT_DAY = os.environ.get("CALL_IN_LATE_NOTICE_COUNTS_NEXT_DAY", "") == "1"
# How many councillors must sign a call-in request online before the decision is called in, and the
# scrutiny committee (its slug) call-ins are referred to; blank: the first active scrutiny committee.
CALL_IN_MEMBERS_REQUIRED = int(os.environ.get("CALL_IN_MEMBERS_REQUIRED", "3"))
CALL_IN_SCRUTINY_COMMITTEE = os.environ.get("CALL_IN_SCRUTINY_COMMITTEE", "")
# The scrutiny clerk's address, told by e-mail when a call-in request is started and when enough
# members have signed; blank: the governance officers.
CALL_IN_CLERK_EMAIL = os.environ.get("CALL_IN_CLERK_EMAIL", "")

# Appendices and background papers: refused above this size, with a clear message.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# Form fields other than files; Django refuses more with a 400 (RequestDataTooBig).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files above this go to a temporary file rather than memory, so a worker holds at most this much of each.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO, and axes announces itself at start-up.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Open data: how many objects an OParl list page holds (clients may ask for fewer with ?limit=).
OPARL_PAGE_SIZE = int(os.environ.get("OPARL_PAGE_SIZE", "100"))
# The licence open data is published under (the UK Open Government Licence unless the council says otherwise).
OPEN_DATA_LICENCE = os.environ.get(
    "OPEN_DATA_LICENCE", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)
