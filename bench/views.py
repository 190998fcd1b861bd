"""The benchmark's baseline: the least a Django page can do through the full middleware stack.

Public pages are measured as a ratio of this view's throughput on the same server in the same run.
Mounted only when settings.BENCH_MINIMAL_VIEW is on (bench/urls.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def minimal(request):
    return HttpResponse("<!DOCTYPE html><html lang='en-GB'><title>Minimal</title><p>OK</p></html>")
