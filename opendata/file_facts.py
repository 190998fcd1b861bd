"""Size, SHA-512 checksum and text of the files the council builds itself, for OParl's File objects.

Uploaded files (appendices) have theirs recorded at upload. Built files do not: an agenda pack is
built in the background, a report's PDF rendered from its content. Their facts are recorded here
once per version of the file (`FileFacts.version`) and read back in one query per page of a list.
"""

from __future__ import annotations

import hashlib

from committee.models import AgendaPack
from opendata.models import FileFacts


def pack_file_id(pack: AgendaPack) -> str:
    return f"agenda-pack-{pack.meeting_id}"


def agenda_pack_facts(packs: list[AgendaPack]) -> dict[int, FileFacts]:
    """Facts of these (built, public) packs by pack id. A pack is a stored file: a pack built since
    its facts were recorded is read and hashed once, here, and never again until it is rebuilt."""
    if not packs:
        return {}
    recorded = {
        facts.file_id: facts for facts in FileFacts.objects.filter(file_id__in=[pack_file_id(p) for p in packs])
    }
    found = {}
    for pack in packs:
        facts = recorded.get(pack_file_id(pack))
        if facts is None or facts.version != pack.fingerprint:
            facts = _record_pack(pack)
        if facts is not None:
            found[pack.pk] = facts
    return found


def _record_pack(pack: AgendaPack) -> FileFacts | None:
    digest, size = hashlib.sha512(), 0
    try:
        with pack.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    facts, _ = FileFacts.objects.update_or_create(
        file_id=pack_file_id(pack),
        defaults={"version": pack.fingerprint, "size": size, "sha512": digest.hexdigest(), "text": ""},
    )
    return facts
