"""Work a dead worker left RUNNING is taken up again.

django-tasks' database worker marks a task RUNNING when it takes it and SUCCESSFUL or FAILED when it
is done; a worker killed in between (out of memory, a deploy, the machine restarted) leaves the row
RUNNING for ever, and with it an agenda pack "being prepared" for ever. So each worker
(``manage.py run_worker``) holds a lease: it says it is alive every ``beat_seconds()``, and a RUNNING
task whose worker has not said so for ``lease_seconds()`` is put back in the queue, by any worker,
when it starts and every beat after. The tasks themselves may run twice: building a pack or
rendering a published PDF again gives the same file.
"""

from __future__ import annotations

import datetime
import logging
import os

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from documents.models import TaskWorker

logger = logging.getLogger(__name__)


def lease_seconds() -> float:
    """How long a worker may stay silent before its work is taken from it: several beats, so a busy
    machine's late beat never costs a build."""
    return float(os.environ.get("TASK_LEASE_SECONDS", "120"))


def beat_seconds() -> float:
    return lease_seconds() / 4


def beat(worker_id: str, now: datetime.datetime | None = None) -> None:
    """The worker is alive."""
    TaskWorker.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now or timezone.now()})


def requeue_abandoned(now: datetime.datetime | None = None) -> list[str]:
    """Put back in the queue every RUNNING task whose worker's lease ran out; their ids."""
    now = now or timezone.now()
    expired = now - datetime.timedelta(seconds=lease_seconds())
    alive = set(TaskWorker.objects.filter(seen_at__gte=expired).values_list("worker_id", flat=True))
    requeued = []
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(started_at__lt=expired).select_for_update(skip_locked=True)
        for task in running:
            if task.worker_ids and task.worker_ids[-1] in alive:
                continue
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            requeued.append(str(task.pk))
            logger.warning(
                "Task %s (%s) was left running by a worker that stopped: queued again.", task.pk, task.task_path
            )
    # Leases long run out are of workers long gone.
    TaskWorker.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return requeued
