"""What counts as a change to what the public sees, noticed wherever it happens: each one moves the
public edition (core/public_edition.py) once its transaction commits.

Why a signal, when the house style keeps side effects out of signals: what the public sees comes from
many tables, changed by the app's own functions, the admin's forms and inlines, the importer and
cascades. ``post_save``/``post_delete`` are the one place that sees all of them. The few bulk
``update()`` calls that change public things say so themselves (``changed()``).

Not every save is a public change. A report's body (its recommendations, sections, paragraphs) and its
clearance (sign-offs, transitions, working revisions) reach the public only through a published
revision (reports/published.py), and a report that is not yet public can change nothing public; these
are saved on every edit while officers draft, and would otherwise empty the page cache all day. Missing
a change here costs no more than the cache's lifetime (``PUBLIC_PAGE_CACHE_SECONDS``): the edition is a
way to be fresher than that, never a reason to keep pages longer.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.public_edition import changed
from reports.models import Report

APPS = ("committee", "reports", "documents", "opendata")

# Rows the public never reads live: a report's body and clearance, and the search index's rows (which
# change with what they index). "app_label.ModelName".
NEVER_PUBLIC_LIVE = {
    "reports.Recommendation",
    "reports.Section",
    "reports.Paragraph",
    "reports.SignOff",
    "reports.ReportTransition",
    "reports.ReportTemplate",
    "reports.TemplateSection",
    "reports.TitleBlockRow",
    "committee.SearchDocument",
}


def _is_public_change(sender, instance) -> bool:
    label = f"{sender._meta.app_label}.{sender.__name__}"
    if label in NEVER_PUBLIC_LIVE:
        return False
    if label == "reports.Report":
        return _report_may_be_public(instance)
    if label == "reports.ReportRevision":
        return bool(instance.is_published)
    return True


def _report_may_be_public(report) -> bool:
    # A draft that has never been published changes nothing public; publishing or withdrawing it
    # saves it with its new status, which does.
    return report.status in (Report.Status.PUBLISHED, Report.Status.WITHDRAWN) or report.published_at is not None


def _saved_or_deleted(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: fixtures, not the public record changing
        return
    if _is_public_change(sender, instance):
        changed()


def _many_to_many_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and _is_public_change(type(instance), instance):
        changed()


def connect() -> None:
    for app_label in APPS:
        for model in apps.get_app_config(app_label).get_models():
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"public-edition-save-{model._meta.label}")
            post_delete.connect(
                _saved_or_deleted, sender=model, dispatch_uid=f"public-edition-delete-{model._meta.label}"
            )
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _many_to_many_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"public-edition-m2m-{model._meta.label}-{field.name}",
                )
