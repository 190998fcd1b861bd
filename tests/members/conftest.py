"""The members tests share the alerts tests' real SMTP server (aiosmtpd) and worker."""

from tests.alerts.conftest import smtp, worker_runs_at_once  # noqa: F401
