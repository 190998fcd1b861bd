"""Property-based tests (hypothesis): the numbering, the statutory clock and the CSV import
hold their promises for any input, not just the examples someone thought of."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from committee import deadlines
from core import richtext
from core.numbering import Node, agenda_numbers, paragraph_numbers, sequence_numbers
from tests.xss_payloads import live_markup

# The machine is shared and slow: no per-example deadline, a modest number of examples.
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Numbering ------------------------------------------------------------------------------------


@st.composite
def forests(draw, max_size: int = 30) -> list[Node]:
    """Paragraph trees as the database holds them: any parent that came before, any positions
    (ties included, as after a careless import)."""
    size = draw(st.integers(min_value=0, max_value=max_size))
    nodes: list[Node] = []
    for node_id in range(1, size + 1):
        parent = draw(st.one_of(st.none(), st.sampled_from([n.id for n in nodes]))) if nodes else None
        nodes.append(Node(node_id, parent, draw(st.integers(min_value=0, max_value=10))))
    return nodes


def assert_well_numbered(section: int, nodes: list[Node], numbers: dict[int, str]) -> None:
    by_id = {node.id: node for node in nodes}
    # Every paragraph has exactly one number, and no two share one.
    assert set(numbers) == set(by_id)
    assert len(set(numbers.values())) == len(numbers)
    for node in nodes:
        number = numbers[node.id]
        assert number.startswith(f"{section}.")
        if node.parent_id is not None:
            assert number.startswith(numbers[node.parent_id] + ".")
            assert number.count(".") == numbers[node.parent_id].count(".") + 1
        else:
            assert number.count(".") == 1
    # At every level, the siblings run 1..n in order of position (then id).
    parents = {node.parent_id for node in nodes}
    for parent in parents:
        siblings = sorted((n for n in nodes if n.parent_id == parent), key=lambda n: (n.position, n.id))
        assert [int(numbers[n.id].rsplit(".", 1)[1]) for n in siblings] == list(range(1, len(siblings) + 1))


@PROPERTY
@given(forests(), st.integers(min_value=1, max_value=20))
def test_every_paragraph_gets_exactly_one_unique_number_under_its_parent(nodes, section):
    assert_well_numbered(section, nodes, paragraph_numbers(section, nodes))


@PROPERTY
@given(
    st.lists(
        st.tuples(st.integers(1, 40), st.one_of(st.none(), st.integers(1, 45)), st.integers(0, 5)),
        max_size=30,
        unique_by=lambda t: t[0],
    )
)
def test_bad_data_with_missing_parents_or_cycles_still_numbers_every_paragraph_once(rows):
    nodes = [Node(node_id, parent, position) for node_id, parent, position in rows]
    numbers = paragraph_numbers(3, nodes)
    assert set(numbers) == {node.id for node in nodes}
    assert len(set(numbers.values())) == len(numbers)


class Tree:
    """A section's paragraphs, edited as the editor does: insert, delete (with children), move."""

    def __init__(self):
        self.nodes: dict[int, Node] = {}
        self.next_id = 1

    def children(self, parent: int | None) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.parent_id == parent), key=lambda n: (n.position, n.id))

    def _place(self, node_id: int, parent: int | None, index: int) -> None:
        # Positions are rewritten 0..n-1 among the new siblings, as the editor's _renumber does.
        siblings = [n for n in self.children(parent) if n.id != node_id]
        index = max(0, min(index, len(siblings)))
        siblings.insert(index, Node(node_id, parent, 0))
        for position, sibling in enumerate(siblings):
            self.nodes[sibling.id] = Node(sibling.id, parent, position)

    def insert(self, parent_choice: int, index: int) -> None:
        parent = self._choose(parent_choice)
        node_id, self.next_id = self.next_id, self.next_id + 1
        self._place(node_id, parent, index)

    def delete(self, choice: int) -> None:
        if not self.nodes:
            return
        doomed = [sorted(self.nodes)[choice % len(self.nodes)]]
        while doomed:
            node_id = doomed.pop()
            self.nodes.pop(node_id, None)
            doomed.extend(n.id for n in self.nodes.values() if n.parent_id == node_id)

    def move(self, choice: int, parent_choice: int, index: int) -> None:
        if not self.nodes:
            return
        node_id = sorted(self.nodes)[choice % len(self.nodes)]
        parent = self._choose(parent_choice)
        if parent is not None and (parent == node_id or self._is_descendant(parent, node_id)):
            parent = self.nodes[node_id].parent_id  # a paragraph cannot move inside itself
        old_parent = self.nodes[node_id].parent_id
        self._place(node_id, parent, index)
        self._place_all(old_parent)

    def _place_all(self, parent: int | None) -> None:
        for position, sibling in enumerate(self.children(parent)):
            self.nodes[sibling.id] = Node(sibling.id, parent, position)

    def _choose(self, choice: int) -> int | None:
        options = [None, *sorted(self.nodes)]
        return options[choice % len(options)]

    def _is_descendant(self, node_id: int, ancestor: int) -> bool:
        parent = self.nodes[node_id].parent_id
        while parent is not None:
            if parent == ancestor:
                return True
            parent = self.nodes[parent].parent_id
        return False


operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 50), st.integers(0, 10)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50), st.integers(0, 10)),
    ),
    max_size=40,
)


@PROPERTY
@given(operations)
def test_renumbering_after_random_inserts_deletes_and_moves_keeps_1_to_n_at_every_level(ops):
    tree = Tree()
    for op, *args in ops:
        getattr(tree, op)(*args)
        nodes = list(tree.nodes.values())
        assert_well_numbered(5, nodes, paragraph_numbers(5, nodes))


class Item:
    def __init__(self, id, position, part=1):
        self.id, self.position, self.part = id, position, part


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from([1, 2])), max_size=30))
def test_recommendations_and_agenda_items_run_1_to_n_with_part_2_after_part_1(rows):
    items = [Item(index, position, part) for index, (position, part) in enumerate(rows)]
    assert sorted(sequence_numbers(items).values()) == list(range(1, len(items) + 1))
    numbers = agenda_numbers(items)
    assert sorted(int(n) for n in numbers.values()) == list(range(1, len(items) + 1))
    part_1 = [int(numbers[i.id]) for i in items if i.part == 1]
    part_2 = [int(numbers[i.id]) for i in items if i.part == 2]
    assert not part_1 or not part_2 or max(part_1) < min(part_2)


# The statutory clock ---------------------------------------------------------------------------

meeting_days = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31))
nations = st.sampled_from([deadlines.ENGLAND, deadlines.WALES])


@PROPERTY
@given(meeting_days, nations)
def test_the_latest_publication_date_is_a_working_day_giving_exactly_enough_notice(meeting, nation):
    latest = deadlines.latest_agenda_publication_date(meeting, nation)
    required = deadlines.agenda_clear_days_required(nation)
    assert latest < meeting
    assert deadlines.is_working_day(latest)
    assert deadlines.agenda_published_in_time(latest, meeting, nation)
    assert deadlines.clear_working_days_between(latest, meeting) >= required
    # Exactly enough: the next working day is too late.
    next_working = latest + datetime.timedelta(days=1)
    while not deadlines.is_working_day(next_working):
        next_working += datetime.timedelta(days=1)
    assert not deadlines.agenda_published_in_time(next_working, meeting, nation)
    # England needs more notice than Wales.
    assert latest <= deadlines.latest_agenda_publication_date(meeting, deadlines.WALES)


@PROPERTY
@given(meeting_days, st.integers(0, 40), st.integers(0, 40), nations)
def test_publishing_earlier_is_never_worse(meeting, earlier_by, later_by, nation):
    later = meeting - datetime.timedelta(days=later_by)
    earlier = later - datetime.timedelta(days=earlier_by)
    if deadlines.agenda_published_in_time(later, meeting, nation):
        assert deadlines.agenda_published_in_time(earlier, meeting, nation)
    assert deadlines.clear_working_days_between(earlier, meeting) >= deadlines.clear_working_days_between(
        later, meeting
    )


@PROPERTY
@given(meeting_days, st.integers(0, 60))
def test_in_time_means_on_or_before_the_latest_date(meeting, days_before):
    published = meeting - datetime.timedelta(days=days_before)
    assume(deadlines.is_working_day(published))
    latest = deadlines.latest_agenda_publication_date(meeting)
    assert deadlines.agenda_published_in_time(published, meeting) == (published <= latest)


# The sanitiser ---------------------------------------------------------------------------------

html_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<script>",
                "</script>",
                "<img src=x onerror=alert(1)>",
                '<a href="javascript:alert(1)">',
                "<a href='https://example.org'>",
                "</a>",
                "<svg onload=alert(1)>",
                "<p style='x:expression(alert(1))'>",
                "<style>",
                "<!--",
                "-->",
                "&#106;avascript:",
                "<",
                ">",
                '"',
                "'",
                "<table><tr><td>",
                "<math><mtext>",
                "<iframe src=javascript:alert(1)>",
                "<p>",
                "</p>",
            ]
        ),
        st.text(max_size=10),
    ),
    max_size=25,
).map("".join)


@PROPERTY
@given(html_fragments)
def test_whatever_is_typed_the_sanitised_text_is_inert_and_stable(text):
    from reports import pasting

    cleaned = richtext.clean(text)
    assert live_markup(cleaned) == []
    assert richtext.clean(cleaned) == cleaned
    stored = pasting.to_html(text)
    assert live_markup(stored) == []


# The CSV import --------------------------------------------------------------------------------

BAD_VALUES = {
    "title": [""],
    "meeting_date": ["31/02/2027", "tomorrow", "2027-13-01", "1/1/1"],
    "key_decision": ["perhaps", "maybe", "2", "ja"],
    "exempt_paragraph": ["0", "8", "x", "-1", "3.5"],
    "status": ["considered", "lost", "???"],
    "lead_officer": ["Nobody Known", "<script>alert(1)</script>"],
    "id": ["abc", "99999", "-4", "1.5"],
    "first_published_on": ["31/02/2027", "soon"],
}


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    bad_rows=st.lists(
        st.tuples(st.integers(0, 1), st.sampled_from(sorted(BAD_VALUES)), st.integers(0, 10)), min_size=1, max_size=3
    ),
    good_title=st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and "\x00" not in t),
)
def test_random_bad_rows_never_save_anything(programme_committee, bad_rows, good_title):
    from tests.work_programme.test_work_programme_csv import rows, snapshot, to_csv
    from work_programme.spreadsheet import export_csv, import_csv

    committee = programme_committee
    before = snapshot(committee)
    table = rows(export_csv(committee))
    table[0]["title"] = good_title  # a good change alongside the bad ones must not be saved either
    for row, column, choice in bad_rows:
        values = BAD_VALUES[column]
        table[row][column] = values[choice % len(values)]
    result = import_csv(committee, to_csv(table))
    assert not result.ok
    assert all(error.row in {2, 3} and error.column for error in result.errors), [str(e) for e in result.errors]
    assert snapshot(committee) == before


@pytest.fixture
def programme_committee(committee):
    _programme(committee)
    return committee


def _programme(committee):
    from committee.models import Person, WorkProgrammeItem
    from tests.conftest import make_meeting

    march = make_meeting(committee, datetime.date(2027, 3, 15))
    officer = Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER)
    WorkProgrammeItem.objects.create(
        committee=committee,
        title="School places strategy",
        purpose='Approve the strategy, "with" commas',
        report_of="Director of Education",
        lead_officer=officer,
        target_meeting=march,
        key_decision=True,
        first_published_on=datetime.date(2027, 1, 5),
    )
    WorkProgrammeItem.objects.create(
        committee=committee, title="Award of contract", is_exempt=True, exempt_paragraph=3, status="confirmed"
    )


# The editor's own operations, against the database ----------------------------------------------

editor_operations = st.lists(
    st.tuples(
        st.sampled_from(["add_end", "add_after", "indent", "outdent", "up", "down", "delete"]), st.integers(0, 30)
    ),
    min_size=1,
    max_size=15,
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=editor_operations)
def test_the_editors_inserts_deletes_and_moves_keep_numbers_1_to_n_at_every_level(committee, ops):
    from reports import editing
    from reports.models import Paragraph, Section
    from tests.conftest import make_report

    section = Section.objects.create(report=make_report(committee), heading="Background")
    written = 0
    for op, choice in ops:
        paragraphs = list(Paragraph.objects.filter(section=section).order_by("id"))
        target = paragraphs[choice % len(paragraphs)] if paragraphs else None
        try:
            if op == "add_end" or target is None:
                written += 1
                editing.add_paragraph(section, "", f"<p>text {written}</p>")
            elif op == "add_after":
                written += 1
                editing.add_paragraph(section, "", f"<p>text {written}</p>", after=target)
            elif op == "indent":
                editing.indent(target)
            elif op == "outdent":
                editing.outdent(target)
            elif op in {"up", "down"}:
                editing.move(target, editing.paragraph_siblings(target), -1 if op == "up" else 1)
            else:
                editing.delete_paragraph(target)
        except editing.EditError:
            pass  # refused (already first, nothing above to go under ...): nothing may have changed
        rows = list(Paragraph.objects.filter(section=section).values_list("id", "parent_id", "position"))
        nodes = [Node(*row) for row in rows]
        assert_well_numbered(2, nodes, paragraph_numbers(2, nodes))
        # Stored positions stay 0..n-1 among siblings, so numbers follow from them alone.
        for parent in {node.parent_id for node in nodes}:
            positions = sorted(node.position for node in nodes if node.parent_id == parent)
            assert positions == list(range(len(positions)))
