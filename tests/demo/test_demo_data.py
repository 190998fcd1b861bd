"""`loaddemo` recreates the council's example report faithfully, and running it twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from committee import decisions, routes
from committee.demo import example_report as example
from committee.models import (
    Action,
    AgendaItem,
    CallIn,
    CallInSignature,
    Committee,
    Consultation,
    DecisionNotice,
    Meeting,
    Membership,
    Person,
    WorkProgrammeItem,
)
from core.richtext import to_plain_text
from reports.models import BackgroundPaper, Paragraph, Recommendation, Report, Section
from reports.structure import prefetch_report, report_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def example_doc(demo):
    report = prefetch_report().get(title=example.TITLE)
    return report_structure(report)


def test_the_example_report_sits_on_its_committees_meeting_of_21_february_2017(example_doc):
    report = example_doc.report
    assert report.committee.name == "Children, Education, Libraries and Safeguarding Committee"
    assert str(example_doc.meeting_date) == "2017-02-21"
    assert report.status == Report.Status.PUBLISHED


def test_every_title_block_field_matches_the_example(example_doc):
    rows = {row.label: row for row in example_doc.title_rows}
    assert list(rows) == [
        "Title",
        "Report of",
        "Wards",
        "Status",
        "Urgent",
        "Key",
        "Enclosures",
        "Officer Contact Details",
    ]
    assert rows["Title"].value == example.TITLE
    assert rows["Report of"].value == "Commissioning Director, Children and Young People"
    assert rows["Wards"].value == "All"
    assert rows["Status"].value == "Public"
    assert rows["Urgent"].value == "No"
    assert rows["Key"].value == "No"
    assert rows["Enclosures"].value == "None"
    (contact,) = rows["Officer Contact Details"].contacts
    assert (contact.name, contact.job_title, contact.email, contact.phone) == (
        "Edward Gilbert",
        "Governance Team Leader",
        "Edward.gilbert@barnet.gov.uk",
        "020 8359 3469",
    )


def test_the_summary_has_the_two_paragraphs(example_doc):
    assert example_doc.report.summary.count("<p>") == 2
    assert "Simon Rose" in example_doc.report.summary


def test_the_three_recommendations_are_numbered_in_order(example_doc):
    numbers = [number for number, _text in example_doc.recommendations]
    texts = [to_plain_text(text) for _number, text in example_doc.recommendations]
    assert numbers == [1, 2, 3]
    assert texts == example.RECOMMENDATIONS


def test_sections_one_to_six_have_the_examples_paragraph_numbers(example_doc):
    numbers = sorted(example_doc.paragraph_by_number(), key=lambda n: [int(p) for p in n.split(".")])
    expected = (
        [f"1.{i}" for i in range(1, 8)]
        + ["2.1", "2.2", "3.1", "4.1"]
        + [f"5.{i}" for i in range(1, 7)]
        + [f"5.{i}.1" for i in range(1, 7)]
        + ["6.1", "6.2"]
    )
    assert numbers == sorted(expected, key=lambda n: [int(p) for p in n.split(".")])
    assert [s.number for s in example_doc.sections] == [1, 2, 3, 4, 5, 6]
    assert example_doc.sections[5].is_background_papers


def test_paragraph_1_2_holds_the_sample_figures(example_doc):
    assert "278 out of 374" in example_doc.paragraph_by_number()["1.2"].text


def test_paragraph_1_3_has_nine_bullets(example_doc):
    assert example_doc.paragraph_by_number()["1.3"].text.count("<li>") == 9


def test_5_5_1_is_under_equalities_and_diversity(example_doc):
    paragraphs = example_doc.paragraph_by_number()
    assert paragraphs["5.5"].heading == "Equalities and Diversity"
    assert paragraphs["5.5"].children[0].number == "5.5.1"
    assert "Public Sector Equalities Duty" in paragraphs["5.5.1"].text


def test_the_background_papers_are_6_1_and_6_2_with_their_links(example_doc):
    paragraphs = example_doc.paragraph_by_number()
    assert paragraphs["6.1"].background_paper.url.endswith("met-national-child-protection-inspection.pdf")
    assert paragraphs["6.2"].background_paper.url == "https://barnet.moderngov.co.uk/mgListPlans.aspx?RPIId=697&RD=0"


def test_the_demo_has_reports_in_every_state_and_one_exempt(demo):
    states = set(Report.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "published"} <= states
    assert Report.objects.filter(is_exempt=True, exempt_paragraph__isnull=False).exists()


def test_the_demo_has_committees_with_members_meetings_and_programmes(demo):
    assert Committee.objects.count() >= 5
    for committee in Committee.objects.exclude(slug="licensing-sub-committee"):
        assert committee.memberships.exists()
        assert committee.meetings.count() >= 4
        assert committee.work_programme_items.exists()


def test_the_demo_has_a_report_with_a_two_meeting_route(demo):
    report = Report.objects.get(title="School places planning strategy 2027–2032")
    steps = routes.steps_of(report)
    assert [(s.committee.slug, s.role) for s in steps] == [
        ("children-education-libraries-safeguarding", "recommendation"),
        ("policy-and-resources", "decision"),
    ]
    assert all(s.meeting is not None for s in steps) and steps[0].meeting.starts_at < steps[1].meeting.starts_at


def test_loaddemo_twice_duplicates_nothing(demo):
    models = [
        Committee,
        Person,
        Membership,
        Meeting,
        AgendaItem,
        WorkProgrammeItem,
        Report,
        Recommendation,
        Section,
        Paragraph,
        BackgroundPaper,
        Consultation,
    ]
    before = {model.__name__: model.objects.count() for model in models}
    call_command("loaddemo", stdout=io.StringIO())
    after = {model.__name__: model.objects.count() for model in models}
    assert after == before


def test_the_demos_published_reports_are_frozen_as_revisions_with_their_pdfs_queued(
    db, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from documents import tasks
    from reports.models import ReportRevision

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=io.StringIO())
    published = Report.objects.filter(status=Report.Status.PUBLISHED)
    revisions = ReportRevision.objects.filter(is_published=True)
    assert sorted(revisions.values_list("report", flat=True)) == sorted(published.values_list("pk", flat=True))
    queued = DBTaskResult.objects.filter(task_path=tasks.render_published_report.module_path)
    assert sorted(row.args_kwargs["args"][0] for row in queued) == sorted(revisions.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=io.StringIO())
    assert ReportRevision.objects.filter(is_published=True).count() == published.count()
    assert queued.count() == published.count()


def test_loaddemo_dry_run_writes_nothing(db):
    out = io.StringIO()
    call_command("loaddemo", "--dry-run", stdout=out)
    assert "Would create" in out.getvalue()
    assert not Report.objects.exists()


def test_loaddemo_prints_the_log_ins(db):
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    assert "governance" in out.getvalue() and "demo-password" in out.getvalue()


def test_the_demo_has_a_public_report_with_an_exempt_appendix_and_one_with_an_exempt_paragraph(demo, client):
    """A newcomer sees both at once: the notice on the public page, the whole for the committee."""
    with_appendix = Report.objects.get(title__startswith="Day opportunities")
    with_passage = Report.objects.get(title__startswith="Closure of Meadow View")
    for report in (with_appendix, with_passage):
        assert report.status == Report.Status.PUBLISHED and not report.is_exempt
        assert AgendaItem.objects.filter(report=report, part=AgendaItem.Part.PUBLIC).exists()
    appendix_page = " ".join(client.get(with_appendix.get_absolute_url()).content.decode().split())
    assert "Appendix A — Tender Price Breakdown: not for publication, exempt under paragraph 3" in appendix_page
    assert "Public, with exempt appendix A (paragraph 3)" in appendix_page
    passage_page = client.get(with_passage.get_absolute_url()).content.decode()
    assert "This paragraph contains exempt information (paragraph 1 of Schedule 12A)" in passage_page
    assert "key worker" not in passage_page
    appendix = with_appendix.appendices.get()
    assert client.get(f"/reports/{with_appendix.pk}/appendices/{appendix.pk}/").status_code == 404


def test_the_demo_has_a_decision_open_for_call_in_and_one_called_in_and_referred_back(demo, client):
    notices = {n.subject_title: n for n in DecisionNotice.objects.select_related("call_in", "record", "decision")}
    open_notice = notices["Community halls: lettings policy"]
    assert decisions.status(open_notice).open_for_call_in and open_notice.signatures.count() == 1
    called = notices["Parking permit charges 2027"]
    assert called.call_in.outcome == CallIn.Outcome.REFERRED_BACK
    assert called.call_in.scrutiny_item.meeting.committee.slug == "overview-and-scrutiny"
    assert called.signatures.count() == 3
    awaiting = client.get(reverse("committee:decisions_awaiting_call_in")).content.decode()
    assert "Community halls: lettings policy" in awaiting and "Parking permit charges" not in awaiting
    page = client.get(reverse("committee:decision_notice", args=[called.pk])).content.decode()
    assert "Referred back to the decision-maker to reconsider" in page and "Cllr Anne Hutton" in page
    call_command("loaddemo", stdout=io.StringIO())
    assert DecisionNotice.objects.count() == 4 and CallInSignature.objects.count() == 4


def test_the_demo_has_decisions_taken_outside_meetings_and_an_action_tracked(demo, client):
    officer = DecisionNotice.objects.get(record__title__startswith="Street cleansing")
    assert not officer.call_in_applies and officer.record.maker == "officer"
    # Drafted in the editor from the officer decision record template and cleared like a report.
    report = officer.record.report
    assert report.template.kind == "officer_decision" and report.status == "published"
    assert report.transitions.filter(to_status="cleared").exists()
    assert "Award the mechanical sweeping contract to CleanStreets Ltd" in officer.record.decision
    member = DecisionNotice.objects.get(record__title__startswith="Homelessness prevention grant")
    assert decisions.status(member).open_for_call_in
    listing = client.get(reverse("committee:decision_list")).content.decode()
    assert "Street cleansing: award of the mechanical sweeping contract" in listing
    assert "Director of Environment" in listing
    action = Action.objects.get()
    assert action.meeting.committee.slug == "policy-and-resources" and action.status == "open"
