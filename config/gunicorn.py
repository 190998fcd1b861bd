"""Gunicorn's settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Values come from the environment. Web processes are stateless (sessions and the cache are in Redis,
files in the storage backend), so a council adds processes here and machines behind a load balancer.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The usual rule: two workers a core, plus one. Each worker is one Python process serving one request
# at a time; PDFs and packs are rendered by the task worker, never in a request.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Loaded once, then forked: less memory a worker. Database connections open lazily, after the fork.
preload_app = True
# The proxy in front sets X-Forwarded-Proto; trust it from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Request line and header limits (gunicorn refuses more with 400). The body has no limit here:
# RequestSizeLimitMiddleware (core/request_limits.py) refuses an oversized one before reading
# it, and nginx's client_max_body_size should stop it first (docs/operations.md).
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
