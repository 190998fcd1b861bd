"""A report's Welsh: written beside the English, signed off by a translator, and required before a
Welsh council publishes it (reports/translation.py, the side-by-side page web/views/translation.py)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.urls import reverse

from committee import access
from committee.agenda import add_report_item
from core import council
from publishing import publication
from reports import translation, workflow
from reports.models import Paragraph, Recommendation, Report, Section, SignOff
from tests.conftest import make_committee, make_meeting, make_report, make_user

S = Report.Status


def _report(committee, **extra) -> Report:
    extra.setdefault("title", "Library service review")
    report = make_report(committee, summary="<p>The review is done.</p>", **extra)
    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee notes the review.</p>")
    section = Section.objects.create(report=report, position=0, heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>The library opened in 1904.</p>")
    return report


def _all_welsh(report: Report) -> dict[str, str]:
    welsh = {"title": "Adolygiad o'r gwasanaeth llyfrgell", "report_of": "Cyfarwyddwr Comisiynu"}
    welsh["summary"] = "Mae'r adolygiad wedi'i gwblhau."
    for part in translation.parts(report):
        for block in part.blocks:
            welsh.setdefault(block.key, block.welsh or f"Cymraeg {block.key}")
    return welsh


def _translate(report: Report, user, **confirm) -> None:
    report.refresh_from_db()
    translation.save_welsh(report, user, report.version, _all_welsh(report), **confirm)


@pytest.fixture
def officer(db):
    return make_user("officer", access.GOVERNANCE_OFFICERS)


def test_an_english_council_publishes_without_welsh(committee, officer):
    report = _report(committee, status=S.APPROVED)
    assert not translation.outstanding(report)
    workflow.publish(report, officer)
    assert Report.objects.get(pk=report.pk).status == S.PUBLISHED


def test_a_welsh_council_is_refused_publication_naming_each_part_without_welsh(wales, committee, officer):
    report = _report(committee, status=S.APPROVED)
    with pytest.raises(workflow.WelshOutstanding) as refused:
        workflow.publish(report, officer)
    message = str(refused.value)
    for part in ("Title", "Report of", "Summary", "Recommendation 1;", "Section 1 heading", "Paragraph 1.1"):
        assert part in message
    assert Report.objects.get(pk=report.pk).status == S.APPROVED


def test_the_section_heading_the_catalogue_knows_needs_no_translator(wales, committee, officer):
    report = _report(committee, status=S.APPROVED)
    section = Section.objects.create(report=report, position=1, heading="Recommendations")
    Paragraph.objects.create(section=section, position=0, text="<p>As above.</p>")
    heading = next(p for p in translation.parts(report) if p.key == f"section-{section.pk}").blocks[0]
    assert heading.welsh == "Argymhellion"
    message = translation.outstanding(report).message()
    assert "Section 1 heading" in message and "Section 2 heading" not in message


def test_once_the_welsh_is_written_the_report_publishes_with_it(wales, committee, officer):
    report = _report(committee, status=S.APPROVED)
    _translate(report, officer)
    workflow.publish(report, officer)
    content = report.revisions.get(is_published=True).content
    assert content["title_cy"] == "Adolygiad o'r gwasanaeth llyfrgell"
    assert content["recommendations"][0]["text_cy"].startswith("<p>Cymraeg rec-")
    assert content["sections"][0]["heading_cy"].startswith("Cymraeg section-")
    assert content["sections"][0]["paragraphs"][0]["text_cy"].startswith("<p>Cymraeg para-")


def test_a_council_asking_only_for_the_summary_publishes_a_report_whose_body_is_english(wales, committee, officer):
    council.remember(dataclasses.replace(council.current_council(), welsh_required=council.WelshRequired.SUMMARY))
    report = _report(committee, status=S.APPROVED)
    with pytest.raises(workflow.WelshOutstanding) as refused:
        workflow.publish(report, officer)
    assert "Summary" in str(refused.value)
    assert "Recommendation" not in str(refused.value)
    report.refresh_from_db()
    translation.save_welsh(
        report, officer, report.version, {"title": "Teitl", "report_of": "Swyddog", "summary": "Crynodeb"}
    )
    workflow.publish(report, officer)
    assert Report.objects.get(pk=report.pk).status == S.PUBLISHED


def test_english_changed_after_translation_is_flagged_until_the_translator_confirms(wales, committee, officer):
    report = _report(committee, status=S.DRAFT, author=officer)
    _translate(report, officer)
    assert not translation.outstanding(report)
    Paragraph.objects.filter(section__report=report).update(text="<p>The library opened in 1905.</p>")
    flagged = [p for p in translation.parts(report) if p.changed_since_translated]
    assert [p.key for p in flagged] == [f"para-{Paragraph.objects.get(section__report=report).pk}"]
    assert "changed since they were translated: Paragraph 1.1" in translation.outstanding(report).message()
    report.refresh_from_db()
    translation.save_welsh(report, officer, report.version, {}, confirmed={flagged[0].key})
    assert not translation.outstanding(report)


def test_an_agenda_is_not_published_while_a_report_on_it_lacks_its_welsh(wales, committee, officer):
    meeting = make_meeting(committee, day=datetime.date.today() + datetime.timedelta(days=30))
    report = _report(committee, status=S.APPROVED, meeting=meeting)
    add_report_item(meeting, officer, report)
    check = publication.check_publication(meeting)
    assert not check.can_publish
    assert [r.pk for r, _missing in check.welsh_outstanding] == [report.pk]
    with pytest.raises(publication.WelshOutstanding) as refused:
        publication.publish_agenda(meeting, officer)
    assert "“Library service review”" in str(refused.value) and "Summary" in str(refused.value)
    meeting.refresh_from_db()
    assert not meeting.agenda_is_published
    _translate(report, officer)
    publication.publish_agenda(meeting, officer)
    assert Report.objects.get(pk=report.pk).status == S.PUBLISHED


# The translation sign-off ----------------------------------------------------------------------


@pytest.fixture
def translated_committee(db):
    return make_committee(
        "Pwyllgor Craffu",
        requires_legal_signoff=False,
        requires_finance_signoff=False,
        requires_director_signoff=False,
        requires_translation_signoff=True,
    )


@pytest.fixture
def translator(db):
    return make_user("cyfieithydd", access.TRANSLATORS)


def test_the_translator_writes_the_welsh_in_clearance_and_signs_it_off(wales, translated_committee, translator):
    author = make_user("awdur", access.REPORT_AUTHORS)
    report = _report(translated_committee, author=author)
    workflow.submit(report, author)
    signoff = report.signoffs.get()
    assert (signoff.role, signoff.approver) == (SignOff.Role.TRANSLATION, translator)
    assert not translation.may_translate(author, report)
    assert translation.may_translate(translator, report)
    with pytest.raises(workflow.WelshOutstanding) as refused:
        workflow.sign_off(report, translator, "translation", approve=True)
    assert "Paragraph 1.1" in str(refused.value)
    _translate(report, translator)
    report.refresh_from_db()
    assert report.status == S.SUBMITTED  # writing the Welsh does not take it out of clearance
    workflow.sign_off(report, translator, "translation", approve=True)
    assert Report.objects.get(pk=report.pk).status == S.CLEARED


# The side-by-side page -------------------------------------------------------------------------


def test_the_page_shows_each_english_block_beside_a_box_for_its_welsh(wales, client, translated_committee, translator):
    author = make_user("awdur", access.REPORT_AUTHORS)
    report = _report(translated_committee, author=author)
    workflow.submit(report, author)
    client.force_login(translator)
    page = client.get(reverse("reports:report_welsh", args=[report.pk])).content.decode()
    assert "The library opened in 1904." in page
    assert 'name="title"' in page and 'lang="cy"' in page
    assert "These parts have no Welsh yet" in page
    data = {**_all_welsh(report), "version": report.version}
    response = client.post(reverse("reports:report_welsh", args=[report.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("reports:report_welsh", args=[report.pk])).content.decode()
    assert "Adolygiad o&#x27;r gwasanaeth llyfrgell" in page
    assert "Welsh complete" in page


def test_a_stale_form_is_refused_and_keeps_what_was_typed(wales, client, officer, committee):
    report = _report(committee, author=officer)
    client.force_login(officer)
    url = reverse("reports:report_welsh", args=[report.pk])
    client.post(url, {"title": "Teitl cyntaf", "version": report.version})
    response = client.post(url, {"title": "Teitl arall", "version": report.version})
    assert response.status_code == 409
    assert "Teitl arall" in response.content.decode()
    assert Report.objects.get(pk=report.pk).title_cy == "Teitl cyntaf"


def test_who_may_open_and_change_the_welsh(wales, client, committee, officer):
    author = make_user("awdur", access.REPORT_AUTHORS)
    legal = make_user("legal", access.LEGAL_APPROVERS)
    outsider = make_user("outsider", access.REPORT_AUTHORS)
    committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    report = _report(committee, author=author)
    workflow.submit(report, author, approvers={"legal": legal})
    url = reverse("reports:report_welsh", args=[report.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(legal)
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Teitl", "version": 1}).status_code == 403
    client.force_login(author)
    assert client.post(url, {"title": "Teitl", "version": 1}).status_code == 403  # in clearance
    client.force_login(officer)
    assert client.put(url).status_code == 405
    assert client.post(url, {"title": "Teitl", "version": "x"}).status_code == 409


def test_markup_typed_as_welsh_is_stored_as_text(committee, officer):
    report = _report(committee, author=officer)
    paragraph = Paragraph.objects.get(section__report=report)
    typed = {f"para-{paragraph.pk}-text": "<script>alert(1)</script> **Sylw**", "title": "<b>Teitl</b>"}
    translation.save_welsh(report, officer, report.version, typed)
    paragraph.refresh_from_db()
    assert "<script" not in paragraph.text_cy and "&lt;script&gt;" in paragraph.text_cy
    assert "<strong>Sylw</strong>" in paragraph.text_cy
    assert Report.objects.get(pk=report.pk).title_cy == "<b>Teitl</b>"  # plain text, escaped where shown


def test_the_agenda_items_title_and_description_are_translated_beside_the_report(wales, client, committee, officer):
    meeting = make_meeting(committee, day=datetime.date.today() + datetime.timedelta(days=30))
    report = _report(committee, author=officer, meeting=meeting)
    item = add_report_item(meeting, officer, report)
    item.description = "To consider the review.\nTo agree its actions."
    item.save()
    client.force_login(officer)
    url = reverse("reports:report_welsh", args=[report.pk])
    page = client.get(url).content.decode()
    assert f'name="item-{item.pk}-description"' in page and "To consider the review.<br>To agree" in page
    report.refresh_from_db()
    typed = {
        "version": report.version,
        f"item-{item.pk}-title": "Adolygiad o'r gwasanaeth llyfrgell",
        f"item-{item.pk}-description": "Ystyried yr adolygiad.\r\nCytuno ar ei gamau gweithredu.",
    }
    assert client.post(url, typed).status_code == 302
    item.refresh_from_db()
    assert item.title_cy == "Adolygiad o'r gwasanaeth llyfrgell"
    assert item.description_cy == "Ystyried yr adolygiad.\nCytuno ar ei gamau gweithredu."
    assert not [p for p in translation.parts(report) if p.changed_since_translated]

    type(item).objects.filter(pk=item.pk).update(description="To consider the revised review.")
    assert [p.key for p in translation.parts(report) if p.changed_since_translated] == [f"item-{item.pk}"]
    page = client.get(url).content.decode()
    assert f'id="confirm-item-{item.pk}"' in page and "English changed since it was translated" in page
    report.refresh_from_db()
    translation.save_welsh(report, officer, report.version, {}, confirmed={f"item-{item.pk}"})
    assert not [p for p in translation.parts(report) if p.changed_since_translated]
