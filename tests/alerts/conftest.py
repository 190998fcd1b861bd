"""A real SMTP server for the alert tests (aiosmtpd, on a free local port), and the worker's tasks run
as they are queued."""

from __future__ import annotations

import email
import email.policy
import socket
from contextlib import contextmanager
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Inbox:
    """What the SMTP server received, parsed; `refuse` makes it answer every message with a temporary failure."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.refuse = False
        self.connections: set = set()  # the alerts' connections (by the client's port)

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(message)
        if not message["To"].endswith("@example.gov.uk"):
            self.connections.add(session.peer)
        return "250 OK"

    def to_public(self) -> list[EmailMessage]:
        """The messages to subscribers, less the officers' own notices (at example.gov.uk)."""
        return [m for m in self.messages if not m["To"].endswith("@example.gov.uk")]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def run_alert_tasks() -> int:
    """What the worker does with the alerts' queued tasks that are due, in order (the others, such as
    agenda packs, are not these tests' business); how many it ran."""
    ran = 0
    while True:
        due = (
            DBTaskResult.objects.ready()
            .filter(task_path__startswith="alerts.tasks.")
            .order_by("enqueued_at", "id")
            .first()
        )
        if due is None:
            return ran
        DBTaskResult.objects.filter(pk=due.pk).update(status=TaskResultStatus.SUCCESSFUL)
        import_string(due.task_path).call(*due.args_kwargs["args"], **due.args_kwargs["kwargs"])
        ran += 1


@pytest.fixture
def worker_runs_at_once(django_capture_on_commit_callbacks):
    """Once each transaction commits, the worker runs the alerts' tasks it queued (`with worker_runs_at_once():`)."""

    @contextmanager
    def committed():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_alert_tasks()

    return committed


def body(message: EmailMessage) -> str:
    return message.get_content()


def subject(message: EmailMessage) -> str:
    """The subject as a mail program shows it (a long one with a dash is folded and encoded on the wire)."""
    return " ".join(str(message["Subject"]).split())
