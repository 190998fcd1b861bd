"""A worker that dies mid-build leaves nothing "being prepared" for ever: its work is taken up again."""

from __future__ import annotations

import datetime
import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from committee import agenda
from committee.models import AgendaPack
from documents import packs, task_leases
from documents.models import TaskWorker
from publishing import publication
from tests.documents.test_packs import IN_TIME, long_report


def publish_agenda_with_papers(meeting, committee, officer, paragraphs: int) -> None:
    for title in ("Libraries review", "School places strategy"):
        agenda.add_report_item(meeting, officer, long_report(committee, title, paragraphs))
    publication.publish_agenda(meeting, officer, now=IN_TIME)


def pack_tasks():
    return DBTaskResult.objects.filter(task_path=packs.build_pack.module_path)


def run_worker_until_the_queue_is_empty() -> None:
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_build_whose_worker_stopped_answering_is_built_by_the_next_worker(meeting, committee, governance_officer):
    publish_agenda_with_papers(meeting, committee, governance_officer, 2)
    # A worker took the public pack's build ten minutes ago, then died: its lease ran out.
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    TaskWorker.objects.create(worker_id="dead-worker", seen_at=long_ago)
    task = pack_tasks().first()
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", started_at=long_ago, worker_ids=["dead-worker"])
    pack = AgendaPack.objects.get(pk=task.args_kwargs["args"][0])
    AgendaPack.objects.filter(pk=pack.pk).update(status=AgendaPack.Status.BUILDING, progress=40)

    run_worker_until_the_queue_is_empty()

    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.READY and pack.file
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_the_work_of_a_worker_that_is_alive_is_left_to_it(meeting, committee, governance_officer):
    publish_agenda_with_papers(meeting, committee, governance_officer, 2)
    started = timezone.now() - datetime.timedelta(minutes=10)
    TaskWorker.objects.create(worker_id="busy-worker", seen_at=timezone.now())
    task = pack_tasks().first()
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", started_at=started, worker_ids=["busy-worker"])

    assert task_leases.requeue_abandoned() == []
    TaskWorker.objects.filter(worker_id="busy-worker").update(seen_at=started)
    assert task_leases.requeue_abandoned() == [str(task.pk)]
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"


@pytest.mark.django_db(transaction=True)
def test_an_officer_can_rebuild_a_pack_stuck_being_built(client, meeting, committee, governance_officer):
    publish_agenda_with_papers(meeting, committee, governance_officer, 2)
    run_worker_until_the_queue_is_empty()
    # Its row says "being built", with no task left to build it (the queue was emptied by hand).
    AgendaPack.objects.filter(meeting=meeting).update(status=AgendaPack.Status.BUILDING, progress=40)
    pack_tasks().delete()
    client.force_login(governance_officer)

    response = client.post(reverse("committee:agenda_packs_rebuild", args=[meeting.pk]), follow=True)

    assert "being built again" in response.content.decode()
    run_worker_until_the_queue_is_empty()
    assert set(AgendaPack.objects.filter(meeting=meeting).values_list("status", flat=True)) == {"ready"}


# A real worker, killed -----------------------------------------------------------------------------------


def worker_environment() -> dict:
    database = connection.settings_dict
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="false",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        ),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        TASK_LEASE_SECONDS="2",
    )
    return environment


def start_worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2", *args],
        cwd=settings.BASE_DIR,
        env=worker_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a database server")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_build_leaves_the_pack_to_the_next_worker(meeting, committee, governance_officer):
    publish_agenda_with_papers(meeting, committee, governance_officer, 40)
    worker = start_worker()
    try:
        deadline = time.monotonic() + 120
        while not AgendaPack.objects.filter(meeting=meeting, status=AgendaPack.Status.BUILDING).exists():
            assert worker.poll() is None, worker.stderr.read().decode()
            assert time.monotonic() < deadline, "the worker never started a pack"
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    stuck = AgendaPack.objects.get(meeting=meeting, status=AgendaPack.Status.BUILDING)
    assert pack_tasks().filter(status="RUNNING").count() == 1

    time.sleep(float(worker_environment()["TASK_LEASE_SECONDS"]) + 0.5)  # its lease runs out
    restarted = start_worker("--batch")
    _, errors = restarted.communicate(timeout=300)
    assert restarted.returncode == 0, errors.decode()

    stuck.refresh_from_db()
    assert stuck.status == AgendaPack.Status.READY and stuck.file
    assert not pack_tasks().filter(status="RUNNING").exists()
    assert set(AgendaPack.objects.filter(meeting=meeting).values_list("status", flat=True)) == {"ready"}
