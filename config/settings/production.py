"""Production: secrets must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, redis_caches

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Refuse to start with a missing or guessable key rather than run insecurely.
if len(SECRET_KEY) < 50 or SECRET_KEY == "dev-only-not-secret-change-me":
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (50 characters or more) in production.")
DEBUG = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Each web process keeps its database connection between requests (checked before reuse) rather than
# opening one a request: a new PostgreSQL connection is a new server process, several milliseconds of
# both cores' time on a small machine, more than rendering most pages.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Sessions and rendered fragments in Redis, shared by every web process (see base.py).
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = redis_caches(REDIS_URL)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "60"))
PAGE_PARTS_SECONDS = int(os.environ.get("PAGE_PARTS_SECONDS", "60"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only over HTTPS, bound to this exact host (the __Host- prefix makes browsers enforce it).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
