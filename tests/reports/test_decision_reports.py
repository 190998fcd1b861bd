"""Decision records drafted in the editor: started from a cabinet member's decision or an officer's
decision record template, written and cleared like any report, and published as the decision with its
notice on /decisions/ — call-in for a cabinet member's decision, none for an officer's record; an exempt
one public by title and paragraph only; a record short of its reasons refused with a clear message."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from committee import access, decision_records, decisions
from committee.models import DecisionNotice, DecisionRecord
from publishing import publication
from reports import decision_reports, workflow
from reports.models import Paragraph, Recommendation, Report, ReportTemplate, Section, TemplateSection
from reports.templates_setup import ensure_decision_template, ensure_standard_template, start_report_from_template
from tests.conftest import make_committee, make_user

pytestmark = pytest.mark.django_db

Kind = ReportTemplate.Kind


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def legal(db):
    return make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi")


def start(client, author, cabinet, kind, title="Homelessness grant allocations"):
    """The author starts the record on the new-report page, choosing its template."""
    ensure_standard_template()
    template = ensure_decision_template(kind)
    client.force_login(author)
    response = client.post(
        reverse("reports:report_new"),
        {
            "start": "1",
            "committee": cabinet.pk,
            "template": template.pk,
            "title": title,
            "report_of": "Director of Housing",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.get(title=title)


def write(report, *, reasons="<p>The shelters meet the criteria.</p>"):
    """What the author writes in the editor: the decision, its reasons and the template's sections."""
    report.summary = reasons
    report.decision_maker = "Councillor Jo Bell, Cabinet Member for Housing"
    report.extra_title_rows = {decision_reports.DATE_LABEL: "2026-04-01"}
    report.save()
    Recommendation.objects.create(report=report, position=0, text="<p>Allocate the grant to the three shelters.</p>")
    Recommendation.objects.create(report=report, position=1, text="<p>Review the allocation in a year.</p>")
    for section in report.sections.all():
        text = {
            "Background": "<p>The grant is £120,000.</p>",
            "Alternative options considered and rejected": "<p>A single provider: less resilient.</p>",
            "Interests declared": "<p>None.</p>",
        }.get(section.heading)
        if text:
            Paragraph.objects.create(section=section, position=0, text=text)


def clear(report, author, legal, governance_officer):
    committee = report.committee
    committee.requires_legal_signoff, committee.requires_finance_signoff = True, False
    committee.requires_director_signoff = False
    committee.save()
    workflow.submit(report, author, approvers={"legal": legal})
    workflow.sign_off(report, legal, "legal", approve=True)
    workflow.approve_for_publication(report, governance_officer)


def test_a_cabinet_members_decision_drafted_in_the_editor_is_published_with_its_notice_open_for_call_in(
    client, author, legal, governance_officer, cabinet
):
    report = start(client, author, cabinet, Kind.CABINET_MEMBER_DECISION)
    assert [s.heading for s in report.sections.order_by("position")][:2] == [
        "Background",
        "Alternative options considered and rejected",
    ]
    write(report)
    clear(report, author, legal, governance_officer)
    assert not access.public_decision_notices().exists()
    client.force_login(governance_officer)
    response = client.post(reverse("reports:report_publish", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    record = DecisionRecord.objects.get(report=report)
    assert record.maker == DecisionRecord.Maker.CABINET_MEMBER
    assert record.taken_by == "Councillor Jo Bell, Cabinet Member for Housing"
    assert record.decision == "1. Allocate the grant to the three shelters.\n2. Review the allocation in a year."
    assert record.alternatives_rejected == "A single provider: less resilient."
    assert record.decided_on == datetime.date(2026, 4, 1)
    assert record.notice.call_in_applies and record.notice.reasons == "The shelters meet the criteria."
    client.logout()
    listing = client.get(reverse("committee:decision_list")).content.decode()
    assert "Homelessness grant allocations" in listing
    page = client.get(reverse("committee:decision_notice", args=[record.notice.pk])).content.decode()
    assert "Allocate the grant to the three shelters." in page and "Call-in deadline" in page
    assert reverse("reports:report_detail", args=[report.pk]) in page
    assert decision_records.for_report(report.pk) == record


def test_an_officers_decision_record_is_published_as_a_record_not_open_to_call_in(
    client, author, legal, governance_officer, cabinet
):
    report = start(client, author, cabinet, Kind.OFFICER_DECISION, title="Library opening hours trial")
    write(report)
    clear(report, author, legal, governance_officer)
    publication.publish_report(report, governance_officer)
    notice = DecisionNotice.objects.get(record__report=report)
    assert notice.record.maker == DecisionRecord.Maker.OFFICER and not notice.call_in_applies
    assert decisions.status(notice, datetime.date.today()).implementable_from is not None


def test_a_record_without_its_reasons_is_refused_and_stays_approved(client, author, legal, governance_officer, cabinet):
    report = start(client, author, cabinet, Kind.CABINET_MEMBER_DECISION)
    write(report, reasons="")
    clear(report, author, legal, governance_officer)
    client.force_login(governance_officer)
    response = client.post(reverse("reports:report_publish", args=[report.pk]), follow=True)
    assert "The decision cannot be published yet: Give the reasons for the decision" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert not DecisionRecord.objects.exists() and not report.revisions.filter(is_published=True).exists()


def test_an_exempt_record_shows_the_public_its_title_and_paragraph_only(
    client, author, legal, governance_officer, cabinet
):
    report = start(client, author, cabinet, Kind.CABINET_MEMBER_DECISION, title="Sale of the depot to Acme Ltd")
    write(report, reasons="<p>Acme Ltd offered £2.4m.</p>")
    report.is_exempt, report.exempt_paragraph, report.public_title = True, 3, "Disposal of a council depot"
    report.save()
    clear(report, author, legal, governance_officer)
    publication.publish_report(report, governance_officer)
    record = DecisionRecord.objects.get(report=report)
    assert record.title == "Disposal of a council depot" and record.exempt_paragraph == 3
    client.logout()
    for url in (
        reverse("committee:decision_list"),
        reverse("committee:decision_notice", args=[record.notice.pk]),
        reverse("committee:decisions_feed"),
    ):
        page = client.get(url).content.decode()
        assert "Disposal of a council depot" in page
        assert "Acme" not in page and "Allocate the grant" not in page


def test_the_governance_form_does_not_change_a_record_drafted_in_the_editor(
    client, author, legal, governance_officer, cabinet
):
    report = start(client, author, cabinet, Kind.CABINET_MEMBER_DECISION)
    write(report)
    clear(report, author, legal, governance_officer)
    publication.publish_report(report, governance_officer)
    record = DecisionRecord.objects.get(report=report)
    with pytest.raises(decision_records.DecisionError):
        decision_records.save_draft(
            record, governance_officer, **{name: getattr(record, name) for name in decision_records.FIELDS}
        )


def test_a_committee_report_publishes_no_decision(client, author, governance_officer, cabinet):
    template = ensure_standard_template()
    report = Report.objects.create(
        committee=cabinet, template=template, title="Plain", report_of="Director", status=Report.Status.APPROVED
    )
    assert not decision_reports.is_decision_record(report)
    publication.publish_report(report, governance_officer)
    assert not DecisionRecord.objects.exists()


def test_a_record_reads_the_sections_marked_on_the_template_whatever_their_headings_say(
    client, author, legal, governance_officer, cabinet
):
    report = start(client, author, cabinet, Kind.CABINET_MEMBER_DECISION, title="Grant for the food bank")
    marked = {s.heading: s.records for s in report.sections.all()}
    assert marked == {
        "Background": "",
        "Alternative options considered and rejected": "alternatives_rejected",
        "Interests declared": "interests_declared",
        "Dispensations granted": "dispensations",
    }
    write(report)
    # The author renames the sections: what they record goes with them, and a heading alone records nothing.
    report.sections.filter(heading="Alternative options considered and rejected").update(heading="Options we weighed")
    report.sections.filter(heading="Interests declared").update(heading="Declarations")
    background = report.sections.get(heading="Background")
    background.heading = "Background and the interest of residents"
    background.save()
    extra = report.sections.create(heading="Why now", position=9, records="reasons")
    Paragraph.objects.create(section=extra, position=0, text="<p>The winter rise in demand.</p>")
    values = decision_reports.record_values(report)
    assert values["alternatives_rejected"] == "A single provider: less resilient."
    assert values["interests_declared"] == "None."
    assert values["dispensations"] == ""
    assert values["reasons"] == "The shelters meet the criteria.\nThe winter rise in demand."


def test_decision_templates_made_before_sections_said_so_are_marked_by_their_headings(cabinet):
    migration = importlib.import_module("reports.migrations.0024_sections_say_what_they_record")
    decision = ensure_decision_template(Kind.OFFICER_DECISION)
    report_template = ensure_standard_template()
    report_template.sections.create(heading="Declarations of interest", position=20)
    TemplateSection.objects.update(records="")
    record = start_report_from_template(decision, committee=cabinet, title="Depot lease", report_of="Director")
    record.sections.create(heading="Other alternatives", position=9)
    Section.objects.update(records="")
    migration.mark_sections_by_their_headings(django_apps, None)
    assert {s.heading: s.records for s in decision.sections.all()} == {
        "Background": "",
        "Alternative options considered and rejected": "alternatives_rejected",
        "Interests declared": "interests_declared",
        "Dispensations granted": "dispensations",
    }
    assert {s.heading: s.records for s in record.sections.all()}["Other alternatives"] == "alternatives_rejected"
    # A committee report's template reads nothing into a record: its sections are left as they were.
    assert set(report_template.sections.values_list("records", flat=True)) == {""}
