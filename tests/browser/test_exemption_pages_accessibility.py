"""The officer's pages for later disclosure (issue 18) in a real browser: the list of a published
report's exempt parts, lifting one, and publishing a redacted version, including their error states,
with no WCAG 2.2 AA violations that axe-core can find."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from publishing import publication
from reports.models import Appendix, Paragraph, Report
from tests.browser.conftest import describe
from tests.browser.test_journeys import shot, sign_in
from tests.report_builders import report_with_content

pytestmark = pytest.mark.browser


@pytest.fixture
def published(committee, governance_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot contract", status=Report.Status.APPROVED
    )
    section = report.sections.filter(is_background_papers=False).first()
    Paragraph.objects.create(section=section, position=5, text="<p>Bids received.</p>", exempt_paragraph=3)
    appendix = Appendix(
        report=report, position=1, title="Tender prices", exempt_paragraph=3, content_type="application/pdf"
    )
    appendix.file.save("tender.pdf", ContentFile(b"%PDF-1.4 tender"), save=False)
    appendix.save()
    publication.publish_report(report, governance_officer)
    return report


def test_the_exemption_pages_are_accessible_and_say_what_went_wrong(
    live_server, page, axe, published, governance_officer
):
    base = live_server.url
    sign_in(page, base, governance_officer)
    page.goto(f"{base}/reports/{published.pk}/manage/")
    page.get_by_role("link", name="Lift an exemption").click()
    page.get_by_role("table").wait_for()
    assert page.get_by_role("cell", name="Appendix A — Tender prices", exact=True).count() == 1
    assert axe(page) == [], describe(axe(page))
    shot(page, "exemptions-list")

    page.get_by_role("link", name="Lift the exemption of Appendix A — Tender prices").click()
    page.get_by_role("button", name="Lift the exemption and publish").click()
    page.get_by_text("Confirm that the information may be published now").first.wait_for()
    violations = axe(page)
    assert violations == [], describe(violations)
    shot(page, "exemption-lift-refused")

    page.goto(f"{base}/reports/{published.pk}/exemptions/")
    page.get_by_role("link", name="Publish a redacted version of Appendix A — Tender prices").click()
    page.get_by_role("button", name="Publish the redacted version").click()
    page.get_by_text("Choose the redacted version to upload").first.wait_for()
    violations = axe(page)
    assert violations == [], describe(violations)
    shot(page, "appendix-redact-refused")
