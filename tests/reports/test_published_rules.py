"""reports/published.py asked directly: what a public surface may show of a published report, and
whether it was last published exempt. Fast (no pages rendered), so `make mutation` runs it per mutant;
tests/test_published_view.py checks the same through every public surface."""

import pytest

from committee.models import Person
from reports import published
from reports.models import Report, ReportRevision
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

PUBLISHED = Report.Status.PUBLISHED


def revision(report: Report, number: int, is_published: bool = True, **content) -> ReportRevision:
    return ReportRevision.objects.create(report=report, number=number, content=content, is_published=is_published)


def facts(**overrides) -> dict:
    """Everything a revision keeps that public surfaces read."""
    values = {
        "title": "Library opening hours",
        "summary": "<p>Longer hours.</p>",
        "is_exempt": False,
        "exempt_paragraph": None,
        "report_of": "Director of Libraries",
        "key_decision": True,
        "urgent": True,
        "contact_ids": [],
    }
    return values | overrides


@pytest.fixture
def report(committee):
    """Published as `facts()`; its live row now holds a correction being drafted that says otherwise."""
    report = make_report(
        committee,
        status=PUBLISHED,
        title="Closure of Friern Barnet library",
        summary="<p>Closing the branch.</p>",
        report_of="Chief Executive",
        key_decision=False,
        urgent=False,
    )
    return report


def loaded(report: Report) -> Report:
    return Report.objects.prefetch_related(published.prefetch()).get(pk=report.pk)


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


@pytest.mark.parametrize("load", [loaded, fresh], ids=["prefetched", "one query"])
def test_every_public_fact_comes_from_the_latest_published_revision(report, load):
    officer = Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER)
    revision(report, 1, **facts(title="First title"))
    revision(report, 2, **facts(contact_ids=[officer.pk]))
    revision(report, 3, is_published=False, **facts(title="An unpublished save"))
    shown = published.last_published(load(report))
    assert shown == published.PublishedReport(
        pk=report.pk,
        title="Library opening hours",
        summary="<p>Longer hours.</p>",
        is_exempt=False,
        exempt_paragraph=None,
        report_of="Director of Libraries",
        key_decision=True,
        urgent=True,
        contact_ids=(officer.pk,),
    )


@pytest.mark.parametrize("load", [loaded, fresh], ids=["prefetched", "one query"])
def test_flags_published_false_read_false_whatever_the_live_row_says(report, load):
    Report.objects.filter(pk=report.pk).update(key_decision=True, urgent=True)
    revision(report, 1, **facts(key_decision=False, urgent=False))
    shown = published.last_published(load(report))
    assert (shown.key_decision, shown.urgent, shown.is_exempt) == (False, False, False)


def test_a_revision_kept_before_a_fact_was_kept_reads_that_fact_from_the_live_row(report):
    officer = Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER)
    report.contact_officers.add(officer)
    # Revisions recorded before report_of, key_decision, urgent and contact_ids were kept.
    revision(report, 1, title="Library opening hours", summary="<p>Longer hours.</p>", is_exempt=False)
    shown = published.last_published(loaded(report))
    assert (shown.title, shown.report_of, shown.key_decision, shown.urgent) == (
        "Library opening hours",
        "Chief Executive",
        False,
        False,
    )
    assert shown.contact_ids == (officer.pk,)
    Report.objects.filter(pk=report.pk).update(key_decision=True, urgent=True)
    shown = published.last_published(fresh(report))
    assert (shown.key_decision, shown.urgent) == (True, True)


def test_a_report_published_before_revisions_were_kept_or_not_published_reads_as_its_live_row(committee, report):
    officer = Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER)
    report.contact_officers.add(officer)
    for subject in (fresh(report), loaded(report)):
        shown = published.last_published(subject)
        assert (shown.title, shown.report_of, shown.contact_ids) == (
            "Closure of Friern Barnet library",
            "Chief Executive",
            (officer.pk,),
        )
    # A draft's saved revisions are not published ones; it is not even looked up.
    draft = make_report(committee, title="Draft only", is_exempt=True, exempt_paragraph=3)
    revision(draft, 1, is_published=True, **facts())
    shown = published.last_published(fresh(draft))
    assert (shown.title, shown.is_exempt, shown.exempt_paragraph) == ("Draft only", True, 3)


@pytest.mark.parametrize("load", [loaded, fresh], ids=["prefetched", "one query"])
def test_exempt_in_either_the_live_row_or_the_published_revision_is_exempt(report, load):
    revision(report, 1, **facts(is_exempt=True, exempt_paragraph=3))
    shown = published.last_published(load(report))
    assert (shown.is_exempt, shown.exempt_paragraph) == (True, 3)

    revision(report, 2, **facts())
    Report.objects.filter(pk=report.pk).update(is_exempt=True, exempt_paragraph=5)
    shown = published.last_published(load(report))
    # Exempt by the live row; the paragraph shown is the published one (none).
    assert (shown.is_exempt, shown.exempt_paragraph) == (True, None)


@pytest.mark.parametrize(("value", "expected"), [(True, True), (1, True), ("1", True), ("true", True)])
def test_a_flag_reads_as_postgresql_and_sqlite_give_it(value, expected):
    assert published._flag(value) is expected


@pytest.mark.parametrize("value", [False, 0, "0", "false", None, ""])
def test_a_flag_that_is_not_set_reads_false(value):
    assert published._flag(value) is False


# Was it last published exempt? The queryset condition and its object forms must agree. ---------


def was_exempt_every_way(report: Report) -> dict[str, bool]:
    return {
        "condition": Report.objects.filter(published.published_exempt(), pk=report.pk).exists(),
        "public": Report.objects.filter(published.public_condition(), pk=report.pk).exists(),
        "annotated": published.was_published_exempt(published.with_exempt_flag(Report.objects.all()).get(pk=report.pk)),
        "prefetched": published.was_published_exempt(loaded(report)),
        "one query": published.was_published_exempt(fresh(report)),
    }


def test_the_latest_published_revision_decides_whether_it_was_published_exempt(report):
    never = {"condition": False, "public": True, "annotated": False, "prefetched": False, "one query": False}
    exempt = {"condition": True, "public": False, "annotated": True, "prefetched": True, "one query": True}
    assert was_exempt_every_way(report) == never  # published before revisions were kept

    revision(report, 1, **facts())
    assert was_exempt_every_way(report) == never
    revision(report, 2, **facts(is_exempt=True, exempt_paragraph=3))
    assert was_exempt_every_way(report) == exempt
    # Saves while a correction lifting the exemption is drafted are not published: still exempt.
    revision(report, 3, is_published=False, **facts())
    assert was_exempt_every_way(report) == exempt
    # Published without the exemption: the earlier exempt revision no longer decides.
    revision(report, 4, **facts())
    assert was_exempt_every_way(report) == never
    # An unpublished save marking it exempt is not a published exemption either.
    revision(report, 5, is_published=False, **facts(is_exempt=True, exempt_paragraph=3))
    assert was_exempt_every_way(report) == never


def test_another_reports_revisions_change_nothing(committee, report):
    exempt = {"condition": True, "public": False, "annotated": True, "prefetched": True, "one query": True}
    never = {"condition": False, "public": True, "annotated": False, "prefetched": False, "one query": False}
    other = make_report(committee, status=PUBLISHED, title="Commercial terms")
    revision(report, 1, **facts())
    revision(other, 1, **facts(is_exempt=True, exempt_paragraph=3))
    revision(other, 2, **facts(is_exempt=True, exempt_paragraph=3))
    assert was_exempt_every_way(report) == never
    # The exempt report's latest revision is number 2; the other report's revision 3 is not later than it.
    revision(report, 2, **facts())
    revision(report, 3, **facts())
    assert was_exempt_every_way(other) == exempt


def test_what_is_prefetched_or_annotated_costs_no_further_query(report, django_assert_num_queries):
    revision(report, 1, **facts(is_exempt=True, exempt_paragraph=3))
    prefetched = loaded(report)
    annotated = published.with_exempt_flag(Report.objects.all()).get(pk=report.pk)
    with django_assert_num_queries(0):
        assert published.last_published(prefetched).is_exempt
        assert published.was_published_exempt(prefetched)
        assert published.was_published_exempt(annotated)


def test_only_a_published_report_exempt_in_neither_version_is_public(committee, report):
    revision(report, 1, **facts())
    assert Report.objects.filter(published.public_condition(), pk=report.pk).exists()
    Report.objects.filter(pk=report.pk).update(is_exempt=True, exempt_paragraph=3)
    assert not Report.objects.filter(published.public_condition(), pk=report.pk).exists()
    draft = make_report(committee, status=Report.Status.APPROVED)
    assert not Report.objects.filter(published.public_condition(), pk=draft.pk).exists()
