"""The administrators' template builder: the council's report templates listed, each built on a page
of its own with a preview of a sample report (reports/template_builder.py), and the default chosen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from committee import access
from reports import template_builder as builder
from reports import templates_setup
from reports.models import ReportTemplate


def _require_administrator(request) -> None:
    if not access.is_administrator(request.user):
        raise PermissionDenied("Report templates are built by the council's administrators.")


@require_safe
@login_required
def template_list(request):
    _require_administrator(request)
    templates_setup.default_template()  # a council always has one
    templates = list(ReportTemplate.objects.prefetch_related("committees"))
    return render(request, "reports/template_list.html", {"templates": templates})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def template_new(request):
    _require_administrator(request)
    return _builder(request, ReportTemplate())


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def template_edit(request, pk: int):
    _require_administrator(request)
    return _builder(request, get_object_or_404(ReportTemplate, pk=pk))


def _builder(request, template: ReportTemplate):
    """Without a script, the preview comes with the page: "Preview" shows the sample report in the
    template as typed, not saved; "Save" saves it; "Add another" row or section shows the page again
    with one more blank. The page's script asks for the preview alone."""
    is_new = template.pk is None
    if request.method != "POST":
        form = builder.TemplateForm(instance=template)
        rows = builder.RowFormSet(prefix="rows", initial=builder.row_initial(template))
        sections = builder.SectionFormSet(prefix="sections", initial=builder.section_initial(template))
        return _page(request, template, form, rows, sections, preview=not is_new)
    data = request.POST
    adding = next((button for button in builder.ADD_ANOTHER if button in data), None)
    if adding:  # "Add another": the page again, with one more blank, nothing saved
        data = builder.with_another_blank(data, adding)
    form = builder.TemplateForm(data, instance=template)
    rows = builder.RowFormSet(data, prefix="rows", initial=builder.row_initial(template))
    sections = builder.SectionFormSet(data, prefix="sections", initial=builder.section_initial(template))
    valid = all([form.is_valid(), rows.is_valid(), sections.is_valid()])
    if valid and "save" in data and not adding:
        saved = builder.save_template(form, rows, sections)
        messages.success(
            request, _("The template “%(name)s” is saved. Reports started from now on use it.") % {"name": saved.name}
        )
        return redirect("reports:template_edit", pk=saved.pk)
    status = 200 if valid else 400
    return _page(request, template, form, rows, sections, preview=valid, status=status, is_new=is_new)


def _page(request, template, form, rows, sections, *, preview: bool, status: int = 200, is_new: bool | None = None):
    is_new = template.pk is None if is_new is None else is_new
    preview_html = ""
    if preview:
        if request.method == "POST":
            with builder.sample_report(form, rows, sections) as doc:
                preview_html = render_to_string("reports/_report_body.html", {"doc": doc}, request=request)
            if is_new:  # the rolled-back row's id must not make the page think the template exists
                template.pk = None
        else:
            with builder.stored_sample_report(template) as doc:
                preview_html = render_to_string("reports/_report_body.html", {"doc": doc}, request=request)
    context = {
        "template": template,
        "is_new": is_new,
        "form": form,
        "rows": rows,
        "sections": sections,
        "preview_html": preview_html,
    }
    return render(request, "reports/template_builder.html", context, status=status)


@require_POST
@login_required
def template_make_default(request, pk: int):
    _require_administrator(request)
    template = templates_setup.make_default(get_object_or_404(ReportTemplate, pk=pk))
    messages.success(
        request,
        _("“%(name)s” is now the default template: reports start from it unless their committee uses another.")
        % {"name": template.name},
    )
    return redirect("reports:template_list")
