"""Nothing is lost: a save that fails half-way, a refused transition and a publication that
crashes part-way leave every row as it was. Failures are forced by making a function that
runs inside the transaction raise."""

from __future__ import annotations

import datetime
import os

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from committee import access
from committee.models import AgendaItem, Meeting
from publishing import publication as publishing
from reports import editing, revisions, workflow
from reports.models import Report
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_meeting, make_user
from tests.reports.test_uploads import pdf_bytes

APPS = ("committee", "reports")


class Boom(RuntimeError):
    """The forced failure."""


def boom(*args, **kwargs):
    raise Boom("forced failure")


def everything() -> dict[str, list[dict]]:
    """Every row of every model of ours: the data "as it was"."""
    state = {}
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def stored_files(settings) -> list[str]:
    return sorted(os.path.join(d, n) for d, _, names in os.walk(settings.MEDIA_ROOT) for n in names)


@pytest.fixture
def legal(db):
    return make_user("legal", access.LEGAL_APPROVERS)


@pytest.fixture
def officer(db):
    return make_user("officer", access.GOVERNANCE_OFFICERS, is_staff=True)


@pytest.fixture
def report(committee, author, legal):
    committee.requires_finance_signoff = False
    committee.requires_director_signoff = False
    committee.save()
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="School places", report_of="Director", author=author
    )
    report.summary = "<p>The summary as it was.</p>"
    report.save()
    return report


# A failed save ---------------------------------------------------------------------------------


def test_a_save_that_fails_after_changing_the_text_leaves_the_report_as_it_was(report, author, monkeypatch):
    before = everything()
    monkeypatch.setattr(revisions, "record", boom)
    with pytest.raises(Boom), editing.changing(report, author, report.version) as locked:
        locked.summary = "<p>Half-saved</p>"
        locked.save()
        editing.add_recommendation(locked, "<p>That the committee notes a half-saved change.</p>")
    assert everything() == before


def test_a_crash_while_saving_through_the_editor_changes_nothing(report, author, monkeypatch):
    before = everything()
    monkeypatch.setattr(revisions, "record", boom)
    client = Client(raise_request_exception=False)
    client.force_login(author)
    response = client.post(
        reverse("reports:summary_save", args=[report.pk]), {"version": report.version, "summary": "New words"}
    )
    assert response.status_code == 500
    assert everything() == before


def test_an_appendix_whose_save_fails_leaves_no_row_behind(report, author, monkeypatch, settings):
    before, files_before = everything(), stored_files(settings)
    monkeypatch.setattr(revisions, "record", boom)
    client = Client(raise_request_exception=False)
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[report.pk]),
        {"version": report.version, "title": "Plan", "file": SimpleUploadedFile("plan.pdf", pdf_bytes())},
    )
    assert response.status_code == 500
    assert everything() == before
    assert stored_files(settings) == files_before


# Refused and failed transitions -------------------------------------------------------------------


def submitted(report, author) -> Report:
    return workflow.submit(report, author)


def test_a_refused_transition_changes_nothing(report, author, legal, officer):
    submitted(report, author)
    before = everything()
    refusals = [
        lambda: workflow.sign_off(report, legal, "legal", approve=False, comment="   "),  # no reason given
        lambda: workflow.approve_for_publication(report, officer),  # not cleared yet
        lambda: workflow.publish(report, officer),
        lambda: workflow.sign_off(report, author, "legal", approve=True),  # not the approver
        lambda: workflow.submit(report, author),  # already submitted
    ]
    for refuse in refusals:
        with pytest.raises((workflow.WorkflowError, workflow.NotAllowed)):
            refuse()
        assert everything() == before


def test_a_transition_that_crashes_after_changing_the_state_is_rolled_back(report, author, legal, monkeypatch):
    submitted(report, author)
    before = everything()
    original_create = workflow.ReportTransition.objects.create
    monkeypatch.setattr(workflow.ReportTransition.objects, "create", boom)
    with pytest.raises(Boom):
        workflow.sign_off(report, legal, "legal", approve=True)
    monkeypatch.setattr(workflow.ReportTransition.objects, "create", original_create)
    assert everything() == before
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED


def test_a_publication_that_crashes_while_freezing_the_revision_leaves_the_report_approved(
    report, author, legal, officer, monkeypatch
):
    submitted(report, author)
    workflow.sign_off(report, legal, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    before = everything()
    monkeypatch.setattr(revisions, "record", boom)
    with pytest.raises(Boom):
        workflow.publish(report, officer)
    assert everything() == before
    assert Report.objects.get(pk=report.pk).status == Report.Status.APPROVED


# A crashed agenda publication ---------------------------------------------------------------------


@pytest.fixture
def agenda(report, author, legal, officer, committee):
    meeting = make_meeting(committee, datetime.date.today() + datetime.timedelta(days=60))
    submitted(report, author)
    workflow.sign_off(report, legal, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    AgendaItem.objects.create(meeting=meeting, position=0, title="Apologies for absence")
    AgendaItem.objects.create(
        meeting=meeting, position=1, title=report.title, kind=AgendaItem.Kind.REPORT, report=report
    )
    return meeting


@pytest.mark.parametrize("crash_in", ["_publish_report", "_after_publication"])
def test_an_agenda_publication_that_crashes_part_way_publishes_nothing(agenda, officer, monkeypatch, crash_in):
    before = everything()
    monkeypatch.setattr(publishing, crash_in, boom)
    with pytest.raises(Boom):
        publishing.publish_agenda(agenda, officer)
    assert everything() == before
    assert not Meeting.objects.get(pk=agenda.pk).agenda_is_published


def test_the_same_publication_goes_through_once_nothing_fails(agenda, officer):
    publishing.publish_agenda(agenda, officer)
    assert Meeting.objects.get(pk=agenda.pk).agenda_is_published
    assert Report.objects.get(agenda_items__meeting=agenda).status == Report.Status.PUBLISHED


# A crashed import -------------------------------------------------------------------------------


def test_a_work_programme_import_that_crashes_half_way_saves_nothing(committee, monkeypatch):
    from committee.models import WorkProgrammeItem
    from work_programme import spreadsheet

    WorkProgrammeItem.objects.create(committee=committee, title="Existing item")
    before = everything()
    original_save = WorkProgrammeItem.save
    saved = []

    def save_then_crash(self, *args, **kwargs):
        # The first new item is saved; the second crashes the import.
        saved.append(self.title)
        if len(saved) == 2:
            raise Boom("forced failure")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(WorkProgrammeItem, "save", save_then_crash)
    with pytest.raises(Boom):
        spreadsheet.import_csv(committee, b"title,purpose\nFirst new item,One\nSecond new item,Two\n")
    assert saved == ["First new item", "Second new item"]
    assert everything() == before


# A crashed agenda pack build ----------------------------------------------------------------------


@pytest.fixture
def built_pack(committee, officer, django_capture_on_commit_callbacks):
    from zoneinfo import ZoneInfo

    from committee import agenda
    from committee.models import AgendaPack
    from documents import packs
    from tests.conftest import make_report

    meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    report = make_report(committee, title="Libraries review", status=Report.Status.APPROVED)
    agenda.add_opening_items(meeting, officer)
    agenda.add_report_item(meeting, officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(
            meeting, officer, now=datetime.datetime(2017, 2, 13, 12, tzinfo=ZoneInfo("Europe/London"))
        )
    pack = AgendaPack.objects.get(meeting=meeting, variant=AgendaPack.Variant.PUBLIC)
    packs.build_pack.call(pack.pk)
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.READY
    return pack


def everything_but_packs() -> dict:
    state = everything()
    state.pop("committee.AgendaPack")
    return state


def test_a_pack_build_that_crashes_keeps_the_last_good_pack_and_everything_else(built_pack, monkeypatch, settings):
    from documents import packs

    before, files_before, good_file = everything_but_packs(), stored_files(settings), built_pack.file.name
    monkeypatch.setattr(packs, "build_pack_pdf", boom)
    packs.build_pack.call(built_pack.pk)
    built_pack.refresh_from_db()
    assert built_pack.status == built_pack.Status.FAILED and "forced failure" in built_pack.error
    assert built_pack.file.name == good_file
    assert everything_but_packs() == before
    assert stored_files(settings) == files_before


def test_a_pack_build_that_crashes_while_saving_keeps_the_last_good_pack_file(built_pack, monkeypatch, settings):
    from committee.models import AgendaPack
    from documents import packs

    files_before, good_file = stored_files(settings), built_pack.file.name
    built_pack.fingerprint = "changed"  # so the rebuild writes a file under a new name
    built_pack.save(update_fields=["fingerprint"])
    monkeypatch.setattr(packs, "fingerprint", lambda meeting, variant: "0123456789abcdef-new")
    monkeypatch.setattr(AgendaPack, "save", boom)
    with pytest.raises(Boom):
        packs.build_pack.call(built_pack.pk)
    stored = AgendaPack.objects.get(pk=built_pack.pk)
    assert stored.file.name == good_file
    assert stored.file.storage.exists(good_file)  # the pack people can download is still there
    assert stored_files(settings) == files_before  # and the half-saved new one is not left behind
