"""``manage.py run_worker``: django-tasks' ``db_worker``, holding a lease on the work it takes.

The same options as ``db_worker``. Before the first task and every beat after it, the worker says it
is alive and puts back in the queue what a dead worker left RUNNING (documents/task_leases.py).
"""

from __future__ import annotations

import os
import threading

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from documents import task_leases


class Command(db_worker.Command):
    help = "Run the background worker (agenda packs, published PDFs), taking up work a stopped worker left."

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent runs no task: its child (with an id of its own) holds the lease.
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        task_leases.beat(worker_id)
        task_leases.requeue_abandoned()
        close_old_connections()
        stop = threading.Event()
        lease = threading.Thread(target=self._keep_lease, args=(worker_id, stop), daemon=True, name="task-lease")
        lease.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()

    @staticmethod
    def _keep_lease(worker_id: str, stop: threading.Event) -> None:
        while not stop.wait(task_leases.beat_seconds()):
            try:
                task_leases.beat(worker_id)
                task_leases.requeue_abandoned()
            except Exception:  # a database hiccup: the next beat tries again
                task_leases.logger.exception("The worker could not renew its lease")
            finally:
                connection.close()
