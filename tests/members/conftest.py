"""The members tests share the alerts tests' real SMTP server (aiosmtpd)."""

from tests.alerts.conftest import smtp  # noqa: F401
