"""Every public surface shows a published report as it was last published (reports/published.py).

A correction is drafted on the live report while it stays published: until the correction is
published, the public pages, open data, feeds and search keep showing the published title and
summary, and never the draft. Publishing the correction shows the new text everywhere.
"""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from committee import agenda
from committee.models import ItemDecision, Minutes, WorkProgrammeItem
from publishing import publication
from reports import published
from reports.models import Recommendation, Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

OLD_TITLE = "Library opening hours"
OLD_SUMMARY = "Longer opening hours at the central library."
NEW_TITLE = "Closure of Friern Barnet library"
NEW_SUMMARY = "Closing the Friern Barnet branch in April."


@pytest.fixture
def council(meeting, committee, governance_officer):
    """A report published with its agenda, a decision in confirmed minutes, and a programme item."""
    item = WorkProgrammeItem.objects.create(
        committee=committee,
        title="Library opening hours review",
        report_of="Director of Libraries",
        target_meeting=meeting,
        key_decision=True,
        first_published_on=datetime.date(2017, 1, 1),
    )
    report = make_report(
        committee,
        meeting=meeting,
        title=OLD_TITLE,
        summary=f"<p>{OLD_SUMMARY}</p>",
        status=Report.Status.APPROVED,
        work_programme_item=item,
    )
    Recommendation.objects.create(report=report, text="<p>That the Committee agrees the hours.</p>")
    agenda_item = agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now())
    ItemDecision.objects.create(agenda_item=agenda_item, outcome=ItemDecision.Outcome.AGREED, text="<p>Agreed.</p>")
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    return report


def start_correction(report: Report) -> None:
    """The governance officer edits the live row of the published report (not yet published)."""
    Report.objects.filter(pk=report.pk).update(title=NEW_TITLE, summary=f"<p>{NEW_SUMMARY}</p>")
    call_command("rebuild_search", stdout=io.StringIO())  # whatever re-indexes meanwhile


def public_surfaces(client, report: Report) -> dict[str, str]:
    """What an anonymous visitor or an open-data client gets from each public surface."""
    committee, meeting = report.committee, report.meeting
    pages = {
        "report page": report.get_absolute_url(),
        "report text": f"/reports/{report.pk}/text/",
        "meeting page": meeting.get_absolute_url(),
        "committee page": committee.get_absolute_url(),
        "oparl paper": f"/oparl/v1/paper/{report.pk}",
        "oparl papers": "/oparl/v1/body/1/paper",
        "oparl file": f"/oparl/v1/file/report-{report.pk}",
        "oparl agenda item": f"/oparl/v1/agendaItem/{report.agenda_items.get().pk}",
        "oparl meeting": f"/oparl/v1/meeting/{meeting.pk}",
        "modern.gov meeting": f"/mgWebService.asmx/GetMeeting?lMeetingId={meeting.pk}",
        "decisions csv": "/open-data/decisions.csv",
        "decisions json": "/open-data/decisions.json",
        "atom feed": "/documents.atom",
        "sitemap": "/sitemap.xml",
        "work programme": f"/committees/{committee.slug}/work-programme/",
        "work programme feed": f"/committees/{committee.slug}/work-programme/feed/",
        "forward plan": "/forward-plan/",
        "search": "/search/?q=library",
    }
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found[name] = json.dumps(json.loads(body)) if url.endswith(".json") else body.decode()
    return found


def test_the_text_url_is_the_one_the_report_page_links_to(client, council):
    assert f'href="/reports/{council.pk}/text/"' in client.get(council.get_absolute_url()).content.decode()


def test_a_correction_being_drafted_shows_nowhere_public_until_it_is_published(client, council, governance_officer):
    before = public_surfaces(client, council)
    for name in ("report page", "oparl paper", "oparl papers", "oparl file", "modern.gov meeting", "decisions csv"):
        assert OLD_TITLE in before[name], name
    assert OLD_SUMMARY in before["report page"]

    start_correction(council)
    during = public_surfaces(client, council)
    for name, body in during.items():
        assert NEW_TITLE not in body, f"the draft correction's title shows on the {name}"
        assert NEW_SUMMARY not in body, f"the draft correction's summary shows on the {name}"
    # Still the published version where the report's own title is shown.
    for name in ("report page", "oparl paper", "oparl papers", "oparl file", "modern.gov meeting", "decisions csv"):
        assert OLD_TITLE in during[name], name
    assert f"<title>{OLD_TITLE}" in during["report page"]
    assert OLD_SUMMARY in during["report page"] and "Longer opening hours at the central" in during["search"]

    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Closure was left out.")
    call_command("rebuild_search", stdout=io.StringIO())
    after = public_surfaces(client, council)
    for name in ("report page", "oparl paper", "oparl papers", "oparl file", "modern.gov meeting", "decisions csv"):
        assert NEW_TITLE in after[name], name
    assert f"<title>{NEW_TITLE}" in after["report page"]
    assert NEW_SUMMARY in after["report page"] and "Closing the Friern Barnet branch" in after["search"]


def test_open_data_keeps_the_published_key_decision_urgency_and_contacts(client, council, governance_officer):
    from committee.models import Person

    officer = Person.objects.create(name="Hannah Reid", kind=Person.Kind.OFFICER)
    Report.objects.filter(pk=council.pk).update(key_decision=True, urgent=True)
    council.contact_officers.add(officer)
    paper = client.get(f"/oparl/v1/paper/{council.pk}").json()
    assert paper["paperType"] == "Report" and "keyword" not in paper and "originatorPerson" not in paper

    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Key decision.")
    paper = client.get(f"/oparl/v1/paper/{council.pk}").json()
    assert paper["paperType"] == "Key decision report" and paper["keyword"] == ["urgent"]
    assert paper["originatorPerson"] == [f"http://testserver/oparl/v1/person/{officer.pk}"]


def test_the_published_view_reads_the_latest_published_revision(council, governance_officer):
    start_correction(council)
    loaded = Report.objects.prefetch_related(published.prefetch()).get(pk=council.pk)
    shown = published.last_published(loaded)
    assert (shown.title, shown.summary) == (OLD_TITLE, f"<p>{OLD_SUMMARY}</p>")
    assert published.last_published(Report.objects.get(pk=council.pk)).title == OLD_TITLE  # one query without prefetch
    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Closure was left out.")
    assert published.last_published(Report.objects.get(pk=council.pk)).title == NEW_TITLE


def test_a_report_never_published_reads_as_its_live_row(committee):
    draft = make_report(committee, title="Draft only", summary="<p>Not yet.</p>")
    assert published.last_published(draft).title == "Draft only"


# Exempt: either version saying exempt keeps the report from the public --------------------------


def _public_everywhere(client, report: Report) -> dict[str, bool]:
    return {
        "queryset": Report.objects.public().filter(pk=report.pk).exists(),
        "page": client.get(report.get_absolute_url()).status_code == 200,
        "oparl paper": client.get(f"/oparl/v1/paper/{report.pk}").status_code == 200,
        "oparl papers": f'/paper/{report.pk}"' in client.get("/oparl/v1/body/1/paper").content.decode(),
        # The agenda item's own title is public either way; the report's documents are not.
        "modern.gov": f"/reports/{report.pk}/pdf/"
        in client.get(f"/mgWebService.asmx/GetMeeting?lMeetingId={report.meeting_id}").content.decode(),
        "sitemap": report.get_absolute_url() in client.get("/sitemap.xml").content.decode(),
    }


def test_a_correction_marking_a_public_report_exempt_hides_it_at_once(client, council):
    assert all(_public_everywhere(client, council).values())
    Report.objects.filter(pk=council.pk).update(is_exempt=True, exempt_paragraph=3)
    shown = _public_everywhere(client, council)
    assert not any(shown.values()), shown


def test_a_correction_lifting_exemption_changes_nothing_until_it_is_published(
    client, council, governance_officer, committee_member
):
    # Published as exempt (a correction published earlier made it so).
    Report.objects.filter(pk=council.pk).update(is_exempt=True, exempt_paragraph=3)
    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Exempt: commercial terms.")
    assert not any(_public_everywhere(client, council).values())

    # A correction lifting the exemption is being drafted: the live row says public.
    Report.objects.filter(pk=council.pk).update(is_exempt=False, exempt_paragraph=None)
    shown = _public_everywhere(client, council)
    assert not any(shown.values()), shown
    assert published.last_published(Report.objects.get(pk=council.pk)).is_exempt
    # Members of the committee still read it, as an exempt report.
    client.force_login(committee_member)
    assert client.get(council.get_absolute_url()).status_code == 200
    client.logout()

    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Terms now public.")
    assert all(_public_everywhere(client, council).values())


def test_marking_a_published_report_exempt_takes_it_out_of_public_search_at_once(client, council, governance_officer):
    from committee.models import SearchDocument

    def found() -> bool:
        return f"/reports/{council.pk}/" in client.get("/search/?q=library").content.decode()

    assert found()
    with publication.editing_report(council, governance_officer, council.version) as locked:
        locked.is_exempt, locked.exempt_paragraph = True, 3
        locked.save()
    assert SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=council.pk).is_exempt
    assert not found()


def test_a_revision_published_while_exempt_stays_part_2_after_the_exemption_is_lifted(
    client, council, governance_officer, committee_member
):
    Report.objects.filter(pk=council.pk).update(
        is_exempt=True, exempt_paragraph=3, summary="<p>The sale price is 4.2 million pounds.</p>"
    )
    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Exempt: commercial terms.")
    exempt = Report.objects.get(pk=council.pk).revisions.get(is_published=True, content__is_exempt=True)
    Report.objects.filter(pk=council.pk).update(is_exempt=False, exempt_paragraph=None, summary="<p>Sold.</p>")
    publication.publish_correction(Report.objects.get(pk=council.pk), governance_officer, "Terms now public.")
    url = f"/reports/{council.pk}/revisions/{exempt.number}/"

    response = client.get(url)
    assert response.status_code == 404 and "4.2 million" not in response.content.decode()
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Terms now public." in page and url not in page, "the public page does not link to it"
    assert f"/reports/{council.pk}/revisions/1/" in page, "the first, public, version is still linked"

    client.force_login(committee_member)
    response = client.get(url)
    assert response.status_code == 200 and "4.2 million" in response.content.decode()
    assert "public" not in response["Cache-Control"]
    assert url in client.get(council.get_absolute_url()).content.decode()
