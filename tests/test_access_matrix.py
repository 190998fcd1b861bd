"""The access matrix: every URL pattern × every persona × every report state, against the
expectations in tests/access_matrix.py. A new view without an expectation fails here, so that
nobody can add a page without deciding who may see it."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse

from committee.models import Consultation
from documents import pdf
from reports import templates_setup
from tests import access_matrix as spec
from tests.matrix_world import World, build_world, canary
from tests.urlwalk import all_routes

OBSERVE = os.environ.get("ACCESS_MATRIX_OBSERVE")  # set to a file name to record what the project does


# tests/urlwalk.py walks the URL resolver, following every include, so nothing can hide from the matrix.
ROUTES = all_routes()
ALL_PATTERNS = [(route.name, route.pattern) for route in ROUTES]
UNNAMED = {route.name for route in ROUTES if route.name == route.pattern}
PROJECT_PATTERNS = sorted({name for name, route in ALL_PATTERNS if not route.startswith("admin/")})


def test_every_url_pattern_has_an_expectation():
    missing = [name for name in PROJECT_PATTERNS if name not in spec.EXPECTATIONS]
    routes = dict(ALL_PATTERNS)
    assert not missing, (
        "These URL patterns have no access expectation. Decide who may see them and add an entry to "
        "EXPECTATIONS in tests/access_matrix.py, e.g.\n"
        + "\n".join(f'    "{name}": Expect(subject=..., get=..., post=...),  # /{routes[name]}' for name in missing)
        + "\nThe subjects, personas and rules are explained at the top of that file."
    )
    stale = sorted(set(spec.EXPECTATIONS) - set(PROJECT_PATTERNS))
    assert not stale, f"tests/access_matrix.py has expectations for URL names that no longer exist: {stale}"


def _cases():
    for name in PROJECT_PATTERNS + list(spec.ADMIN_SAMPLE):
        expect = spec.EXPECTATIONS.get(name) or spec.ADMIN_SAMPLE.get(name)
        if expect is None:
            continue
        states = list(spec.SUBJECT_STATES[expect.subject])
        if (
            expect.subject == "report"
            and name not in spec.FILE_ROUTES
            and expect.get("anonymous", "published_public") == 200
        ):
            # The public's routes to a report, where a correction's draft or Part 2 text would leak.
            states += spec.CORRECTION_STATES + spec.EXEMPT_PART_STATES
        for state in states:
            for persona in spec.PERSONAS:
                short = name if name in UNNAMED else name.split(":")[-1]
                yield pytest.param(name, persona, state, id=f"{short}-{persona}-{state}")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each test
    runs in a savepoint within it, so what one test POSTs never reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


def subject_kwargs(world: World, name: str, subject: str, state: str) -> dict:
    short = name.split(":")[-1]
    if subject == "none":
        return {"body_id": 1, "kind": "meeting", "rest": "no-such-thing", "token": "not-a-signed-link"}
    if subject == "committee":
        return {"slug": world.committee.slug, "pk": world.committee.pk}
    if subject == "dataset":
        return {"dataset": state, "fmt": "csv"}
    if subject == "pack":
        return {"pk": world.published_meeting.pk, "variant": state}
    if subject == "meeting":
        meeting = {
            "agenda_published": world.published_meeting,
            "agenda_being_built": world.unpublished_meeting,
            "minutes_published": world.decided_meeting,
        }[state]
        return {
            "pk": meeting.pk,
            "item_pk": meeting.agenda_items.order_by("part", "position").last().pk,
            "direction": "up",
            "operation": "GetMeeting",
            "meeting": meeting.pk,
        }
    if subject == "wp_item":
        return {"pk": world.wp_items[state].pk}
    if subject == "notice":
        return {"pk": world.notices[state].pk}
    if subject == "record":
        return {"pk": world.records[state].pk}
    if subject == "action":
        return {"pk": world.actions[state].pk}
    if subject == "template":
        return {"pk": templates_setup.default_template().pk}
    if subject == "councillor":
        ids = world.register
        pk = {"register_publish": ids["version"], "gift_publish": ids["gift"], "my_register_change": ids["entry"]}
        return {"pk": pk.get(short, ids["person"])}
    report = world.reports[state]
    section = report.sections.filter(is_background_papers=False).first()
    items = {
        "recommendation_change": lambda: report.recommendations.first().pk,
        "appendix_file": lambda: report.appendices.first().pk,
        "paper_file": lambda: report.background_papers.first().pk,
        "section_change": lambda: section.pk,
        "paragraph_change": lambda: section.paragraphs.filter(parent=None).first().pk,
        "paragraph_split": lambda: section.paragraphs.filter(parent=None).first().pk,  # the editor's Enter
        # editor2: the editor's paste from Word and its heading made in place
        "paragraph_paste": lambda: section.paragraphs.filter(parent=None).first().pk,
        "paragraph_heading": lambda: section.paragraphs.filter(parent=None).first().pk,
        "paper_change": lambda: report.background_papers.first().pk,
        "appendix_change": lambda: report.appendices.first().pk,
        "exemption_lift": lambda: report.appendices.first().pk,
        "appendix_redact": lambda: report.appendices.first().pk,
        "paragraph_redact": lambda: section.paragraphs.filter(parent=None).first().pk,
        "recommendation_redact": lambda: report.recommendations.first().pk,
        "appendix_redacted_file": lambda: report.appendices.first().pk,
        # Comments where the text is: the approver's thread every report carries (tests/matrix_world.py).
        **dict.fromkeys(
            ["comment_reply", "comment_resolve", "comment_accept", "comment_reject"],
            lambda: report.comments.filter(parent=None).first().pk,
        ),
    }
    by_file = {
        "appendix_download": lambda: report.appendices.first().pk,
        "background_paper_download": lambda: report.background_papers.first().pk,
        "oparl_object": lambda: str(report.pk),
    }
    return {
        "pk": by_file[short]() if short in by_file else report.pk,
        "kind": "appendix" if short == "exemption_lift" else "paper",
        "item": items[short]() if short in items else None,
        # A step of the report's route, made here: the world's reports have none of their own.
        "step": route_step(report) if short == "report_route_step" else None,
        "section": section.pk,
        "action": "down",
        "number": 1,
        "object_id": str(report.pk),
    }


def route_step(report) -> int:
    role = Consultation.Role.DECISION
    return Consultation.objects.get_or_create(report=report, committee=report.committee, defaults={"role": role})[0].pk


def body_text(response) -> str:
    """What a visitor receives, as text: pages, feeds, CSV, PDFs (read back with pypdf) and files."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages) + str(reader.metadata)
    if content.startswith(b"PK"):  # a Word file (a zip): its text is compressed inside
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        target = response.headers.get("Location", "")
        return "login" if "/login/" in target else 302
    return response.status_code


_observed: dict = {}


@pytest.mark.parametrize(("name", "persona", "state"), list(_cases()))
def test_access(world, client, name, persona, state, db):
    expect = spec.EXPECTATIONS.get(name) or spec.ADMIN_SAMPLE[name]
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    url = _reverse(world, name, expect.subject, state)
    if expect.query:
        url += "?" + expect.query.format(**subject_kwargs(world, name, expect.subject, state))
    results = {}
    response = client.get(url)
    results["GET"] = outcome(response)
    text = body_text(response)
    leaked = [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in text]
    if expect.post is not None:
        before = _report_state(world, expect.subject, state)
        posted = client.post(url, expect.data or {})
        results["POST"] = outcome(posted)
        if expect.changes is not None:
            results["changes state"] = _report_state(world, expect.subject, state) != before
        leaked += [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in body_text(posted)]
    if OBSERVE:
        with open(OBSERVE, "a") as out:
            out.write(json.dumps([name, persona, state, results, leaked]) + "\n")
        return
    assert not leaked, f"{url} as {persona} shows content of reports they may not read: {leaked}"
    wanted = {"GET": expect.get(persona, state)}
    if expect.post is not None:
        wanted["POST"] = expect.post(persona, state)
    if expect.changes is not None:
        wanted["changes state"] = expect.changes(persona, state)
    for method, value in wanted.items():
        if value == spec.OK:
            wanted[method] = results[method] if results[method] in spec.OK_STATUSES else spec.OK_STATUSES
    assert results == wanted, f"{url} as {persona} ({state}): got {results}, expected {wanted} (tests/access_matrix.py)"


def _report_state(world: World, subject: str, state: str) -> str | None:
    if subject != "report":
        return None
    from reports.models import Report

    return Report.objects.values_list("status", flat=True).get(pk=world.reports[state].pk)


def _reverse(world: World, name: str, subject: str, state: str) -> str:
    from django.urls import NoReverseMatch

    kwargs = subject_kwargs(world, name, subject, state)
    if name in UNNAMED:
        # An unnamed pattern cannot be reversed: fill in its parameters by hand.
        route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), name)
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), route)
        return "/" + route.lstrip("^").rstrip("$")
    # Try the smallest set of the subject's keyword arguments that the pattern accepts.
    keys = [k for k, v in kwargs.items() if v is not None]
    import itertools

    for size in range(len(keys) + 1):
        for combo in itertools.combinations(keys, size):
            try:
                return reverse(name, kwargs={k: kwargs[k] for k in combo})
            except NoReverseMatch:
                continue
    raise AssertionError(f"Cannot build a URL for {name} from the {subject} subject: {kwargs}")


@pytest.mark.parametrize("persona", ["anonymous", "committee_member", "author"])
def test_every_admin_url_needs_a_staff_login(world, client, persona, db):
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    unchecked, let_in = [], []
    for route in ROUTES:
        name, url = route.name, route.path
        if not route.pattern.startswith("admin/"):
            continue
        if url is None:
            unchecked.append(name)
            continue
        if name in ("admin:login", "admin:logout", "admin:javascript-catalog") or url.startswith("/admin/r/"):
            continue  # the login page itself, and the public "view on site" redirector
        response = client.get(url)
        location = response.headers.get("Location", "")
        # 301: the admin's old object URLs move to their change page, itself checked here.
        if not ((response.status_code == 302 and "/admin/login/" in location) or response.status_code == 301):
            let_in.append(f"{name} {url} -> {response.status_code}")
    assert not let_in, f"Admin pages open to {persona}: {let_in}"
    assert not unchecked, f"Admin URLs tests/urlwalk.py cannot build a path for: {unchecked}"


# Revisions and files of every report state, one by one ------------------------------------------
# The matrix above asks for revision 1 and the first file of each report. A correction adds
# revisions, some published while the report was exempt, and files while it is drafted: each is
# tried here on every route to it, with who may read it written out in tests/access_matrix.py.

ALL_REPORT_STATES = spec.REPORT_STATES + spec.CORRECTION_STATES + spec.EXEMPT_PART_STATES


def _as(client, world: World, persona: str):
    from django.contrib.auth.models import AnonymousUser

    user = world.users[persona]
    if user is None:
        return AnonymousUser()
    client.force_login(user)
    return user


def _leaks(persona: str, text: str) -> list[str]:
    return [s for s in spec.HIDDEN_STATES_FOR[persona] if canary(s) in text]


@pytest.mark.parametrize("persona", spec.PERSONAS)
@pytest.mark.parametrize("state", ALL_REPORT_STATES)
def test_each_revision(world, client, state, persona, db):
    """A revision published while the report was exempt stays with its Part 2 readers for ever; a
    working revision with those who worked on it; no revision page shows what it may not."""
    from reports import access
    from reports.models import Report

    user = _as(client, world, persona)
    report = Report.objects.get(pk=world.reports[state].pk)
    page = client.get(report.get_absolute_url())
    page_text = body_text(page) if page.status_code == 200 else ""
    problems = []
    for revision in report.revisions.order_by("number"):
        readers = spec.revision_readers(state, revision.is_published, revision.content.get("is_exempt", True))
        may = persona in readers
        url = reverse("reports:revision_detail", args=[report.pk, revision.number])
        response = client.get(url)
        if response.status_code != (200 if may else 404):
            problems.append(f"{url}: {response.status_code}, expected {200 if may else 404}")
        if leaked := _leaks(persona, body_text(response)):
            problems.append(f"{url} shows {leaked}")
        if not may and url in page_text:
            problems.append(f"the report page links to {url}")
        if access.can_read_revision(user, report, revision) != may:
            problems.append(f"can_read_revision({revision.number}) is not {may}")
        if access.revisions_visible_to(user, report).filter(pk=revision.pk).exists() != may:
            problems.append(f"revisions_visible_to has revision {revision.number}: not {may}")
    assert not problems, f"{persona}, {state}: " + "; ".join(problems)


def _file_routes(file) -> tuple[str, str]:
    from reports.models import Appendix

    if isinstance(file, Appendix):
        return (
            reverse("reports:appendix_file", args=[file.report_id, file.pk]),
            reverse("opendata:appendix_download", args=[file.pk]),
        )
    return (
        reverse("reports:paper_file", args=[file.report_id, file.pk]),
        reverse("opendata:background_paper_download", args=[file.pk]),
    )


def _public_file_routes(file) -> dict[str, tuple[str, Callable]]:
    """Open data's routes to a file, each with how to tell from its answer that the file is there."""
    from opendata.attachments import APPENDIX, BACKGROUND_PAPER, attachment_id
    from reports.models import Appendix

    kind, prefix = (APPENDIX, "appendix") if isinstance(file, Appendix) else (BACKGROUND_PAPER, "background-paper")
    number = attachment_id(kind, file.pk)
    download = reverse(f"opendata:{prefix.replace('-', '_')}_download", args=[file.pk])
    return {
        "oparl file": (
            f"/oparl/v1/file/{prefix}-{file.pk}",
            lambda response: response.status_code == 200 and response.json().get("downloadUrl", "").endswith(download),
        ),
        "modern.gov attachment": (
            f"/mgWebService.asmx/GetAttachment?lAttachmentId={number}",
            lambda response: f"<attachmentid>{number}</attachmentid>" in response.content.decode(),
        ),
    }


def _redacted_file_routes(appendix) -> dict[str, tuple[str, Callable]]:
    """Open data's routes to an exempt appendix's published redacted version (a public document of its
    own), each with how to tell from its answer that it is there and is the redacted file."""
    from opendata.attachments import REDACTED_APPENDIX, attachment_id

    number = attachment_id(REDACTED_APPENDIX, appendix.pk)
    served = reverse("reports:appendix_redacted_file", args=[appendix.report_id, appendix.pk])
    return {
        "oparl file": (
            f"/oparl/v1/file/appendix-redacted-{appendix.pk}",
            lambda response: response.status_code == 200 and response.json().get("accessUrl", "").endswith(served),
        ),
        "modern.gov attachment": (
            f"/mgWebService.asmx/GetAttachment?lAttachmentId={number}",
            lambda response: (
                f"<attachmentid>{number}</attachmentid>" in (text := response.content.decode())
                and served in text
                and "<isrestricted>False</isrestricted>" in text
            ),
        ),
    }


@pytest.mark.parametrize("persona", spec.PERSONAS)
@pytest.mark.parametrize("state", ALL_REPORT_STATES)
def test_each_file(world, client, state, persona, db):
    """Every route to a report's appendix or background paper asks one rule: the report page's own,
    open data's download, and (for anybody, as open data is public data) OParl and Modern.gov."""
    from reports import access
    from reports.models import Report

    user = _as(client, world, persona)
    report = Report.objects.get(pk=world.reports[state].pk)
    added = {(type(f), f.pk) for f in world.added_in_correction.get(state, [])}
    problems = []
    for file in [*report.appendices.all(), *report.background_papers.all()]:
        is_added = (type(file), file.pk) in added
        may = persona in spec.file_readers(state, is_added, exempt=bool(getattr(file, "exempt_paragraph", None)))
        name = f"{type(file).__name__} {file.pk}{' (added in the correction)' if is_added else ''}"
        for url in _file_routes(file):
            response = client.get(url)
            body_text(response)  # read to the end, so the file is closed
            if response.status_code != (200 if may else 404):
                problems.append(f"{name} at {url}: {response.status_code}, expected {200 if may else 404}")
        if access.can_open_report_file(user, report, file) != may:
            problems.append(f"can_open_report_file({name}) is not {may}")
        if getattr(file, "redacted_file", None):
            # A published redacted version: whoever may read the report.
            url = reverse("reports:appendix_redacted_file", args=[file.report_id, file.pk])
            response = client.get(url)
            body_text(response)
            expected = 200 if persona in spec.READERS[state] else 404
            if response.status_code != expected:
                problems.append(f"redacted version of {name} at {url}: {response.status_code}, expected {expected}")
            if persona == "anonymous":
                for route, (url, found) in _redacted_file_routes(file).items():
                    listed = found(client.get(url))
                    if listed != (expected == 200):
                        problems.append(f"{route} {url} lists the redacted version of {name}: {listed}")
        if persona == "anonymous":
            public = (
                access.public_appendices() if type(file).__name__ == "Appendix" else access.public_background_papers()
            )
            if public.filter(pk=file.pk).exists() != may:
                problems.append(f"the public queryset holds {name}: not {may}")
            for route, (url, found) in _public_file_routes(file).items():
                listed = found(client.get(url))
                if listed != may:
                    problems.append(f"{route} {url} lists {name}: {listed}, expected {may}")
    assert not problems, f"{persona}, {state}: " + "; ".join(problems)


@contextlib.contextmanager
def _no_pdf_rendered():
    with mock.patch.object(pdf, "render_report_pdf", side_effect=AssertionError("a PDF rendered in a request")):
        yield


@pytest.mark.pdf_worker_pending
@pytest.mark.parametrize("persona", spec.PERSONAS)
@pytest.mark.parametrize("state", sorted(spec.PUBLISHED))
def test_pdf_being_prepared(world, client, state, persona, db):
    """The moment after publication before the worker has rendered the PDF: the "being prepared"
    page says only what was published, to those who may read the report."""
    _as(client, world, persona)
    report = world.reports[state]
    expected = 503 if persona in spec.READERS[state] else 404
    for url in (reverse("reports:report_pdf", args=[report.pk]), reverse("opendata:report_download", args=[report.pk])):
        # Nothing is rendered inside a request, the members' edition of exempt parts included.
        with _no_pdf_rendered():
            response = client.get(url)
        assert response.status_code == expected, f"{url} as {persona} ({state})"
        assert not _leaks(persona, body_text(response)), (
            f"{url} as {persona} ({state}) shows {_leaks(persona, body_text(response))}"
        )


@pytest.mark.pdf_worker_pending
@pytest.mark.parametrize("persona", spec.PERSONAS)
@pytest.mark.parametrize("state", sorted(set(spec.REPORT_STATES) - spec.PUBLISHED))
def test_draft_pdf_being_prepared(world, client, state, persona, db):
    """Before the worker has rendered a report's PDF preview: the "being prepared" page is for those
    who may read the report as it stands, and says nothing more than its title."""
    _as(client, world, persona)
    report = world.reports[state]
    expected = 202 if persona in spec.READERS[state] else 404
    url = reverse("reports:report_pdf", args=[report.pk])
    response = client.get(url)
    assert response.status_code == expected, f"{url} as {persona} ({state})"
    assert not _leaks(persona, body_text(response)), (
        f"{url} as {persona} ({state}) shows {_leaks(persona, body_text(response))}"
    )


# Exempt parts of public reports ----------------------------------------------------------------
# The leak checks above would pass if the exempt parts reached nobody: here those entitled to Part 2
# read them in place, and the public reads the notices that stand in for them, numbered as before.


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return body_text(response)


@pytest.mark.parametrize("persona", ["committee_member", "governance_officer", "author"])
def test_part_2_readers_get_the_exempt_parts_in_place(world, client, persona, db):
    _as(client, world, persona)
    with_appendix, with_passage = world.reports["public_exempt_appendix"], world.reports["public_exempt_passage"]
    appendix = with_appendix.appendices.get(exempt_paragraph=3)
    secret_file, secret_text = canary("exempt_appendix"), canary("exempt_passage")
    assert secret_text in _text(client, with_passage.get_absolute_url())
    assert secret_text in _text(client, reverse("reports:report_text", args=[with_passage.pk]))
    assert secret_text in _text(client, reverse("reports:report_pdf", args=[with_passage.pk]))
    assert secret_file in _text(client, reverse("reports:report_pdf", args=[with_appendix.pk]))
    assert secret_file in _text(client, reverse("reports:appendix_file", args=[with_appendix.pk, appendix.pk]))
    if persona != "author":  # the members' pack is the committee's and the governance team's
        pack = _text(client, reverse("committee:meeting_pack", args=[world.published_meeting.pk, "members"]))
        assert secret_file in pack and secret_text in pack


def test_the_public_reads_the_notices_in_place_of_the_exempt_parts(world, client, db):
    with_appendix, with_passage = world.reports["public_exempt_appendix"], world.reports["public_exempt_passage"]
    notice = "This paragraph contains exempt information (paragraph 3 of Schedule 12A)"
    named = (
        "Appendix B — Tender Price Breakdown: not for publication, exempt under paragraph 3 of Part 1 of "
        "Schedule 12A to the Local Government Act 1972"
    )
    for url in (
        with_passage.get_absolute_url(),
        reverse("reports:report_text", args=[with_passage.pk]),
    ):
        text = " ".join(_text(client, url).split())
        assert notice in text and "This recommendation contains exempt information" in text, url
    page = _text(client, with_passage.get_absolute_url())
    # Numbering unchanged: the exempt paragraph keeps its number, the one after it keeps its own.
    member = world.users["committee_member"]
    client.force_login(member)
    members_page = _text(client, with_passage.get_absolute_url())
    client.logout()
    numbers = re.findall(r'id="paragraph-([\d.]+)"', page)
    assert numbers and numbers == re.findall(r'id="paragraph-([\d.]+)"', members_page)
    for url in (with_appendix.get_absolute_url(), reverse("reports:report_text", args=[with_appendix.pk])):
        text = _text(client, url)
        assert named in " ".join(text.split()), url
    assert "Public, with exempt appendix B (paragraph 3)" in _text(client, with_appendix.get_absolute_url())
    pack = " ".join(
        _text(client, reverse("committee:meeting_pack", args=[world.published_meeting.pk, "public"])).split()
    )
    assert "Tender Price Breakdown: not for publication" in pack


# Issue 18: public and confidential titles --------------------------------------------------------
# The leak checks prove no public response shows the confidential title; here the committee's members
# read it on the agenda and in the members' pack, and the public reads the public title in its place.


@pytest.mark.parametrize("persona", ["committee_member", "governance_officer"])
def test_part_2_readers_read_the_confidential_title_on_the_agenda_and_in_the_members_pack(world, client, persona, db):
    _as(client, world, persona)
    secret = canary("confidential_title")
    meeting = world.published_meeting
    assert secret in _text(client, meeting.get_absolute_url())
    assert secret in _text(client, reverse("committee:meeting_pack", args=[meeting.pk, "members"]))


def test_the_public_reads_the_public_title_of_an_exempt_item(world, client, db):
    meeting = world.published_meeting
    page = _text(client, meeting.get_absolute_url())
    item = meeting.agenda_items.get(report=world.reports["published_exempt"])
    assert item.title == "Exempt property disposal" and canary("confidential_title") in item.confidential_title
    assert "Exempt property disposal" in page and canary("confidential_title") not in page
    pack = _text(client, reverse("committee:meeting_pack", args=[meeting.pk, "public"]))
    assert "Exempt property disposal" in " ".join(pack.split())


def test_a_lifted_exemption_is_public_from_its_correction_and_exempt_in_the_revision_before(world, client, db):
    """Issue 18, later disclosure: the leak checks prove the passage still exempt reaches no one else."""
    report = world.reports["exemption_lifted"]
    page = " ".join(_text(client, report.get_absolute_url()).split())
    assert "Bids PUBLICTEXT lifted" in page
    appendix = report.appendices.get(title="Tender prices")
    assert "PUBLICTEXT" in _text(client, reverse("reports:appendix_file", args=[report.pk, appendix.pk]))
    first = report.revisions.filter(is_published=True).order_by("number").first()
    before = _text(client, reverse("reports:revision_detail", args=[report.pk, first.number]))
    assert "Bids PUBLICTEXT lifted" not in before and "This paragraph contains exempt information" in before
    _as(client, world, "committee_member")
    assert canary("exemption_lifted") in _text(
        client, reverse("reports:revision_detail", args=[report.pk, first.number])
    )


def test_a_redacted_version_stands_in_for_the_public_and_members_keep_the_whole(world, client, db):
    """Issue 18, later disclosure by redaction: the leak checks prove the whole appendix reaches no one else."""
    report = world.reports["redacted_version"]
    appendix = report.appendices.get(title="Site valuation")
    page = " ".join(_text(client, report.get_absolute_url()).split())
    assert "Site valuation: published as a redacted version" in page
    redacted = reverse("reports:appendix_redacted_file", args=[report.pk, appendix.pk])
    assert redacted in page and "PUBLICTEXT redacted" in _text(client, redacted)
    assert "PUBLICTEXT redacted" in " ".join(_text(client, reverse("reports:report_pdf", args=[report.pk])).split())
    assert "Bids PUBLICTEXT redacted" in page and "has been taken out of this paragraph" in page
    assert "Agree PUBLICTEXT redacted" in page and "has been taken out of this recommendation" in page
    first = report.revisions.filter(is_published=True).order_by("number").first()
    assert redacted not in _text(client, reverse("reports:revision_detail", args=[report.pk, first.number]))
    _as(client, world, "committee_member")
    assert canary("exempt_appendix") in _text(client, reverse("reports:appendix_file", args=[report.pk, appendix.pk]))
    assert canary("exempt_passage") in _text(client, report.get_absolute_url())


def test_modern_gov_names_the_exempt_appendix_as_restricted_without_an_address(world, client, db):
    report = world.reports["public_exempt_appendix"]
    response = client.get(f"/mgWebService.asmx/GetMeeting?lMeetingId={world.published_meeting.pk}")
    root = ET.fromstring(response.content)
    linked = {
        doc.findtext("title"): (doc.findtext("isrestricted"), doc.findtext("url") or "")
        for item in root.iter("agendaitem")
        if item.findtext("reportid", "") in ("", str(report.pk))
        for doc in item.iter("linkeddoc")
    }
    assert linked["Tender Price Breakdown"] == ("True", ""), linked
    assert linked["Appendix PUBLICTEXT"][0] == "False" and linked["Appendix PUBLICTEXT"][1]


def test_oparl_says_a_paper_has_an_exempt_appendix_without_a_public_file(world, client, db):
    """Issue 18: the exempt appendix is no public File; the Paper names it in its keywords."""
    report = world.reports["public_exempt_appendix"]
    paper = json.loads(client.get(f"/oparl/v1/paper/{report.pk}").content)
    assert paper["keyword"] == [
        "exempt appendix: Appendix B — Tender Price Breakdown, not for publication (paragraph 3 of Schedule 12A)"
    ]
    names = [f.get("name", "") for f in paper.get("auxiliaryFile", [])]
    assert names and not any("Tender Price Breakdown" in name for name in names), names
    body = json.loads(client.get(paper["body"].split("testserver", 1)[-1]).content)
    listed = json.loads(client.get(body["paper"].split("testserver", 1)[-1]).content)
    in_list = next(p for p in listed["data"] if p["id"] == paper["id"])
    assert in_list["keyword"] == paper["keyword"]


def test_open_data_offers_a_redacted_version_as_a_public_file_and_never_the_whole(world, client, db):
    """Issue 18: once a redacted version is published, OParl's Paper has it as a public File and
    Modern.gov links it unrestricted; the whole appendix is in neither."""
    report = world.reports["redacted_version"]
    appendix = report.appendices.exclude(redacted_file="").get()
    whole = reverse("reports:appendix_file", args=[report.pk, appendix.pk])
    redacted = reverse("reports:appendix_redacted_file", args=[report.pk, appendix.pk])
    paper = client.get(f"/oparl/v1/paper/{report.pk}").content.decode()
    files = {f["name"]: f for f in json.loads(paper).get("auxiliaryFile", [])}
    assert files["Site valuation (redacted version)"]["accessUrl"].endswith(redacted), files
    assert f'{whole}"' not in paper and f'appendix-{appendix.pk}"' not in paper
    assert "PUBLICTEXT redacted" in _text(client, files["Site valuation (redacted version)"]["accessUrl"])
    meeting = client.get(f"/mgWebService.asmx/GetMeeting?lMeetingId={report.meeting_id}")
    linked = {
        doc.findtext("title"): (doc.findtext("isrestricted"), doc.findtext("url") or "")
        for doc in ET.fromstring(meeting.content).iter("linkeddoc")
    }
    state, url = linked["Site valuation (redacted version)"]
    assert state == "False" and url.endswith(redacted), linked
    assert not any(u.endswith(whole) for _, u in linked.values()) and "Site valuation" not in linked


def test_oparl_shows_a_decision_record_only_once_published_and_an_exempt_one_by_title_and_paragraph(world, client, db):
    """Issue 19: the draft record is no Paper; the published exempt one names its paragraph only."""
    draft, notice = world.records["record_draft"], world.notices["notice_record_exempt"]
    assert client.get(f"/oparl/v1/paper/decision-record-{draft.pk}").status_code == 404
    paper = json.loads(client.get(f"/oparl/v1/paper/decision-record-{notice.record_id}").content)
    assert paper["name"] == notice.record.title and "mainFile" not in paper
    assert paper["keyword"] == [
        f"exempt: not for publication (paragraph {notice.record.exempt_paragraph} of Schedule 12A)"
    ]
    assert client.get(f"/oparl/v1/file/decision-record-{notice.record_id}").status_code == 404
    seen = ""
    for kind in ("paper", "file"):
        url = f"/oparl/v1/body/1/{kind}"
        while url:
            page = json.loads(client.get(url).content)
            seen += json.dumps(page)
            url = page["links"].get("next", "").split("testserver", 1)[-1]
    assert canary("record_draft") not in seen and canary("record_exempt") not in seen
    assert f"decision-record-{notice.record_id}" in seen


def test_a_decision_drafted_in_the_editor_and_exempt_reaches_the_public_by_title_and_paragraph_only(world, client, db):
    """Issue 19: the exempt cabinet member's decision published through the report's workflow is on the
    public decisions page, feed, CSV, JSON and OParl by its public title and paragraph; nothing more."""
    notice = world.notices["notice_report_record_exempt"]
    assert notice.call_in_applies and notice.record.report.status == "published"
    urls = [
        "/decisions/",
        f"/decisions/{notice.pk}/",
        "/decisions.atom",
        reverse("opendata:download", args=["decision-notices", "csv"]),
        reverse("opendata:download", args=["decision-notices", "json"]),
        f"/oparl/v1/paper/decision-record-{notice.record_id}",
        f"/oparl/v1/paper/{notice.record.report_id}",
    ]
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        assert canary("report_record_exempt") not in body, url
        if response.status_code == 200 and "paper/" not in url or "decision-record" in url:
            assert "Disposal of a council depot" in body, url
