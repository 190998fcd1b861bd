"""The open data page, and the CSV and JSON downloads it links to."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from committee import access
from opendata.exports import DATASETS, as_csv


@require_safe
def open_data(request):
    committees = list(access.public_committees().filter(active=True).order_by("name"))
    return render(request, "public/open_data.html", {"datasets": DATASETS, "committees": committees})


@require_safe
def download(request, dataset: str, fmt: str):
    spec = DATASETS.get(dataset)
    if spec is None or fmt not in ("csv", "json"):
        raise Http404("No such download")
    committee = None
    slug = request.GET.get("committee", "")
    if slug:
        committee = get_object_or_404(access.public_committees(), slug=slug)
    rows = spec.rows(request.build_absolute_uri, committee)
    name = f"{dataset}-{committee.slug}" if committee else dataset
    if fmt == "csv":
        response = HttpResponse(as_csv(spec, rows), content_type="text/csv; charset=utf-8")
    else:
        body = {"title": spec.title, "generated": timezone.now().isoformat(timespec="seconds"), "data": rows}
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
