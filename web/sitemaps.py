"""/sitemap.xml: the public site's pages, for search engines.

Only pages anybody may read, each list taken from committee/access.py: no draft, unpublished or
exempt report, no unpublished minutes, no work programme item before the programme shows it. A Part 2
report is left out even when published; the meeting page that lists it by title is public and listed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from committee import access
from committee.models import Meeting, Minutes
from reports.models import Report


class Sitemap(DjangoSitemap):
    """Each page at its English and its Welsh address (/cy/), each naming the other as its alternate
    (``hreflang``), the English one the default: docs/welsh.md."""

    i18n = True
    languages = [code for code, _name in settings.LANGUAGES]
    alternates = True
    x_default = True


class PublicPagesSitemap(Sitemap):
    """The site's fixed public pages."""

    def items(self):
        return ["home", "committee:committee_list", "committee:meeting_list", "committee:forward_plan"]

    def location(self, item):
        return reverse(item)


class CommitteeSitemap(Sitemap):
    def items(self):
        return access.public_committees().order_by("name")


class WorkProgrammeSitemap(Sitemap):
    """A committee's public work programme, once it has published something."""

    def items(self):
        committees = access.public_work_programme_items().values("committee")
        return access.public_committees().filter(pk__in=committees).order_by("name")

    def location(self, committee):
        return reverse("committee:work_programme_public", args=[committee.slug])


class MeetingSitemap(Sitemap):
    def items(self):
        return Meeting.objects.public().order_by("-starts_at", "-id")

    def lastmod(self, meeting):
        return meeting.modified


class MinutesSitemap(Sitemap):
    def items(self):
        return Minutes.objects.public().select_related("meeting").order_by("-meeting__starts_at")

    def location(self, minutes):
        return reverse("committee:meeting_minutes", args=[minutes.meeting_id])


class ReportSitemap(Sitemap):
    def items(self):
        return Report.objects.public().order_by("-published_at")

    def lastmod(self, report):
        # When it was published: its last save may be a correction still being drafted.
        return report.published_at


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "committees": CommitteeSitemap,
    "work-programmes": WorkProgrammeSitemap,
    "meetings": MeetingSitemap,
    "minutes": MinutesSitemap,
    "reports": ReportSitemap,
}
