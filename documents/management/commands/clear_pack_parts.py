"""Remove cached agenda pack pieces no current pack uses."""

from __future__ import annotations

from django.core.files.storage import default_storage

from documents import packs
from documents.stale_files import StaleFilesCommand


class Command(StaleFilesCommand):
    help = (
        "Remove cached agenda pack pieces (rendered reports, appendix title pages, page number specimens) "
        "that no pack's latest build used. A removed piece is only rendered again if a pack needs it. "
        "Safe to run any time (e.g. nightly)."
    )
    in_progress = "a build in progress has not written down its pieces yet"

    def find(self, older_than):
        stale = packs.stale_parts(older_than=older_than)
        return stale, stale, f"{len(stale)} unused pack pieces"

    def remove(self, found):
        for name in found:
            default_storage.delete(name)
