"""What documents/ records of the files the council builds itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import text


class FileFacts(models.Model):
    """Size, SHA-512 and text of a file the council builds itself (a report's PDF, an agenda pack),
    recorded once per version of the file.

    Such a file's size and checksum are known only once it is built, and reading it back is not
    free; OParl lists show many files at once and must neither render nor read any. The facts are
    recorded when a report is published (in the background), when the file is downloaded through
    open data, or by `manage.py record_file_facts`. `version` names the build the facts describe,
    so a corrected report's new PDF never shows the old one's checksum.
    """

    file_id = text.CharField(
        max_length=60, unique=True, help_text=_('Its OParl file id: "report-12"'), verbose_name=_("file id")
    )
    version = text.CharField(
        max_length=100, help_text=_("Which build of the file these facts describe"), verbose_name=_("version")
    )
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    sha512 = text.CharField(max_length=128, verbose_name=_("sha512"))
    text = text.TextField(blank=True, help_text=_("The file's text, where the council has it"), verbose_name=_("text"))
    recorded_at = models.DateTimeField(auto_now=True, verbose_name=_("recorded at"))

    class Meta:
        # Created by the open data app, which first needed it; the table kept its name when the model moved.
        verbose_name = _("file facts")
        db_table = "opendata_filefacts"
        verbose_name_plural = _("file facts")

    def __str__(self) -> str:
        return f"{self.file_id} ({self.version})"


class TaskWorker(models.Model):
    """A background worker (``manage.py run_worker``) and when it last said it was alive: its lease.

    Work a worker has taken (a task RUNNING) is taken up again once its worker's lease runs out, so a
    worker killed mid-build (out of memory, a deploy, a power cut) leaves nothing "being prepared"
    for ever (documents/task_leases.py)."""

    worker_id = text.CharField(max_length=64, primary_key=True, verbose_name=_("worker id"))
    seen_at = models.DateTimeField(verbose_name=_("seen at"))

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        db_table = "committee_taskworker"  # created by the committee app; kept when the model moved here

    def __str__(self) -> str:
        return self.worker_id
