"""Remove rendered report PDFs that no download will use again."""

from __future__ import annotations

from documents import pdf_store
from documents.stale_files import StaleFilesCommand


class Command(StaleFilesCommand):
    help = (
        "Remove report PDFs no download will use again: earlier renders of drafts that have changed since, "
        "drafts' PDFs of reports now published, and files nothing refers to. Published revisions' PDFs are "
        "never removed. Safe to run any time (e.g. nightly)."
    )
    in_progress = "a render in progress may not have recorded its file yet"

    def find(self, older_than):
        stale = pdf_store.stale_files(older_than=older_than)
        return stale, stale.files, f"{len(stale.files)} stale PDF files, {len(stale.rows)} superseded draft PDFs"

    def remove(self, found):
        pdf_store.clear_stale(found)
