"""The in-browser editor's small JSON endpoints: save one block; split a paragraph where Enter was
pressed, paste paragraphs, make a heading, and move what was dragged. Each is one versioned change
(reports/editing.py); the rules live in reports/blocks.py.
Every answer is JSON, so the editor can show "Saved", a conflict beside the typed text, or why not."""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from publishing import publication
from reports import blocks, editing
from web.views.drafting import editor_url, report_for_editing


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise editing.EditError(gettext("The editor sent something that could not be read.")) from None
    if not isinstance(body, dict):
        raise editing.EditError(gettext("The editor sent something that could not be read."))
    return body


def _version(body: dict) -> int | None:
    version = body.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _refused(error: editing.EditError, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": str(error)}, status=status)


@require_POST
@login_required
def block_save(request, pk: int):
    report = report_for_editing(request, pk)
    try:
        body = _body(request)
        block = blocks.parse_key(body.get("block"))
        blocks.stored_html(body.get("html"))  # refuse bad text before taking the lock
        with publication.editing_report(report, request.user, _version(body)) as locked:
            html = blocks.save(locked, block, body["html"])
    except editing.EditConflict as conflict:
        return JsonResponse(
            {
                "error": gettext(
                    "Somebody else changed this report while you were typing, so this part was not saved. "
                    "Your text is kept here."
                ),
                "version": conflict.current_version,
                "theirs": blocks.current_text(conflict.report, block),
            },
            status=409,
        )
    except editing.NotEditable as error:
        return _refused(error, status=403)
    except editing.EditError as error:
        return _refused(error)
    return JsonResponse({"version": report.version, "html": html})


TYPING_CONFLICT = gettext_noop("Somebody else changed this report while you were typing. Reload the page to carry on.")
PASTING_CONFLICT = gettext_noop(
    "Somebody else changed this report while you were pasting. Reload the page and paste again."
)


# How long the answer to a change of structure is kept for the editor to ask again: its Retry after a
# gateway timed out or the connection dropped, when the change may have been made already.
ANSWER_KEPT_SECONDS = 15 * 60
CHANGE_NAME = re.compile(r"[A-Za-z0-9-]{8,64}")


def _answer_key(request, report, body: dict) -> str | None:
    """Where the answer to this change is kept: the editor names each change of structure, and sends
    the same name again when it retries one, so a change made once is never made twice."""
    name = body.get("change")
    if not isinstance(name, str) or not CHANGE_NAME.fullmatch(name):
        return None
    return f"editor-change:{report.pk}:{request.user.pk}:{name}"


def _change_structure(request, pk: int, change, conflict_message: str = TYPING_CONFLICT) -> JsonResponse:
    """One versioned change of the report's structure; ``change(locked, body)`` returns the paragraph
    the author carries on in (or the section or recommendation moved), whose place the answer gives.
    A change sent again after its answer was lost is answered as it was the first time."""
    report = report_for_editing(request, pk)
    try:
        body = _body(request)
        kept = _answer_key(request, report, body)
        answered = cache.get(kept) if kept else None
        if answered is not None:
            return JsonResponse(answered)
        with publication.editing_report(report, request.user, _version(body)) as locked:
            focus = change(locked, body)
    except editing.EditConflict as conflict:
        return JsonResponse({"error": gettext(conflict_message), "version": conflict.current_version}, status=409)
    except editing.NotEditable as error:
        return _refused(error, status=403)
    except editing.EditError as error:
        return _refused(error)
    anchor = f"{type(focus).__name__.lower()}-{focus.pk}"
    answer = {"version": report.version, "block": anchor, "location": editor_url(report, anchor)}
    if kept:
        cache.set(kept, answer, ANSWER_KEPT_SECONDS)
    return JsonResponse(answer)


@require_POST
@login_required
def paragraph_split(request, pk: int, item: int):
    return _change_structure(
        request,
        pk,
        lambda locked, body: blocks.split_paragraph(locked, item, body.get("before", ""), body.get("after", "")),
    )


@require_POST
@login_required
def paragraph_paste(request, pk: int, item: int):
    return _change_structure(
        request,
        pk,
        lambda locked, body: blocks.paste_paragraphs(
            locked, item, body.get("before", ""), body.get("after", ""), body.get("pieces")
        ),
        PASTING_CONFLICT,
    )


@require_POST
@login_required
def paragraph_heading(request, pk: int, item: int):
    return _change_structure(
        request,
        pk,
        lambda locked, body: blocks.make_heading(
            locked, item, body.get("before", ""), body.get("heading"), body.get("after", "")
        ),
    )


@require_POST
@login_required
def block_move(request, pk: int):
    """A paragraph, recommendation or section dragged to its new place."""
    return _change_structure(
        request,
        pk,
        lambda locked, body: blocks.move(locked, body.get("block"), body.get("target"), body.get("place")),
    )
