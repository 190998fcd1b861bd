"""Importing a Word report: upload the .docx, see what went where, then create the draft. The
mapping is reports/word_import.py's; the document read travels to "Create the draft" signed in the
form (nothing is stored until then), so an abandoned import leaves nothing behind."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from committee import access
from reports import word_import, word_reading
from reports.forms import WordImportForm

SALT = "reports.word_import"
# Long enough to read the review page over lunch; a day-old review is read again.
MAX_AGE_SECONDS = 24 * 60 * 60
# The signed document must fit in the next request (DATA_UPLOAD_MAX_MEMORY_SIZE is 5 MB).
MAX_SIGNED_BYTES = 4 * 1024 * 1024
TOO_LONG_MESSAGE = "The document is too long to import in one go. Split it in two, import the first part, then paste."
EXPIRED_MESSAGE = "That import has expired or was started by someone else. Choose the Word document again."


def _may_import(request) -> None:
    if not access.is_author(request.user):
        raise PermissionDenied("Only report authors can import a report.")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_import(request):
    _may_import(request)
    posted = request.method == "POST"
    form = WordImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            blocks = word_reading.read(data["file"])
            result = word_import.plan(blocks, data["template"])
        except (word_reading.WordReadError, word_import.WordImportError) as error:
            form.add_error("file", str(error))
        else:
            name = PurePath(data["file"].name or "").stem
            token = signing.dumps({"user": request.user.pk, "blocks": blocks, "name": name}, salt=SALT, compress=True)
            if len(token) > MAX_SIGNED_BYTES:
                form.add_error("file", TOO_LONG_MESSAGE)
            else:
                context = {
                    "plan": result,
                    "token": token,
                    "filename": data["file"].name,
                    "committee": data["committee"],
                    "meeting": data["meeting"],
                    "template": data["template"],
                }
                return render(request, "reports/report_import_review.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report_import.html", {"form": form}, status=status)


@require_POST
@login_required
def report_import_create(request):
    _may_import(request)
    form = WordImportForm(request.POST, with_file=False)
    try:
        signed = signing.loads(request.POST.get("document", ""), salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        signed = None
    if signed is None or signed.get("user") != request.user.pk or not form.is_valid():
        if signed is not None and not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            messages.error(request, EXPIRED_MESSAGE)
        return render(request, "reports/report_import.html", {"form": WordImportForm()}, status=400)
    data = form.cleaned_data
    try:
        result = word_import.plan(signed["blocks"], data["template"])
    except word_import.WordImportError as error:
        messages.error(request, str(error))
        return render(request, "reports/report_import.html", {"form": WordImportForm()}, status=400)
    report = word_import.create_draft(
        result,
        template=data["template"],
        committee=data["committee"],
        meeting=data["meeting"],
        author=request.user,
        title=signed.get("name", ""),
    )
    unplaced = len(result.unplaced)
    note = (
        " "
        + ngettext(
            "%(count)d part of the document had no place: add it by hand.",
            "%(count)d parts of the document had no place: add them by hand.",
            unplaced,
        )
        % {"count": unplaced}
        if unplaced
        else ""
    )
    messages.success(request, _("Your draft is made from the Word document.") + note)
    return redirect("reports:report_edit", pk=report.pk)
