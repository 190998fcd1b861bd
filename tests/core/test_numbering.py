"""Numbers follow from order and renumber as things move."""

from types import SimpleNamespace

from core.numbering import Node, agenda_numbers, paragraph_numbers, sequence_numbers


def test_top_level_paragraphs_take_the_section_number():
    nodes = [Node(10, None, 0), Node(11, None, 1), Node(12, None, 2)]
    assert paragraph_numbers(1, nodes) == {10: "1.1", 11: "1.2", 12: "1.3"}


def test_nested_paragraphs_number_under_their_parent():
    nodes = [Node(1, None, 0), Node(2, 1, 0), Node(3, None, 1), Node(4, 3, 0), Node(5, 3, 1), Node(6, 5, 0)]
    assert paragraph_numbers(5, nodes) == {1: "5.1", 2: "5.1.1", 3: "5.2", 4: "5.2.1", 5: "5.2.2", 6: "5.2.2.1"}


def test_inserting_a_paragraph_renumbers_those_after_it():
    nodes = [Node(1, None, 0), Node(2, None, 2)]
    assert paragraph_numbers(2, nodes)[2] == "2.2"
    nodes.append(Node(3, None, 1))
    numbers = paragraph_numbers(2, nodes)
    assert (numbers[1], numbers[3], numbers[2]) == ("2.1", "2.2", "2.3")


def test_deleting_a_paragraph_closes_the_gap():
    nodes = [Node(1, None, 0), Node(3, None, 2)]
    assert paragraph_numbers(4, nodes) == {1: "4.1", 3: "4.2"}


def test_moving_a_paragraph_under_another_nests_it():
    before = paragraph_numbers(1, [Node(1, None, 0), Node(2, None, 1), Node(3, None, 2)])
    assert before[3] == "1.3"
    after = paragraph_numbers(1, [Node(1, None, 0), Node(2, None, 1), Node(3, 2, 0)])
    assert after[3] == "1.2.1"


def test_equal_positions_fall_back_to_creation_order():
    assert paragraph_numbers(1, [Node(7, None, 0), Node(5, None, 0)]) == {5: "1.1", 7: "1.2"}


def test_an_orphaned_paragraph_is_still_numbered_rather_than_lost():
    assert paragraph_numbers(3, [Node(1, None, 0), Node(2, 99, 0)]) == {1: "3.1", 2: "3.2"}


def test_a_cycle_in_bad_data_does_not_loop_forever():
    numbers = paragraph_numbers(1, [Node(1, 2, 0), Node(2, 1, 0)])
    assert numbers == {1: "1.1", 2: "1.1.1"}


def test_an_orphaned_paragraphs_children_stay_nested_under_it():
    # The child (3) was created before its orphaned parent (5): it must not be promoted beside it.
    nodes = [Node(1, None, 0), Node(5, 99, 1), Node(3, 5, 0), Node(4, 3, 0)]
    assert paragraph_numbers(2, nodes) == {1: "2.1", 5: "2.2", 3: "2.2.1", 4: "2.2.1.1"}


def test_a_paragraph_under_a_cycle_stays_nested_when_the_cycle_is_broken():
    # 5 and 6 are each other's parent; 4 hangs under 6 and has the smallest id of the three.
    numbers = paragraph_numbers(1, [Node(1, None, 0), Node(4, 6, 0), Node(5, 6, 0), Node(6, 5, 0)])
    assert numbers == {1: "1.1", 5: "1.2", 6: "1.2.1", 4: "1.2.1.1"}


def test_recommendations_are_numbered_one_to_n_by_position():
    recs = [SimpleNamespace(id=1, position=3), SimpleNamespace(id=2, position=1), SimpleNamespace(id=3, position=2)]
    assert sequence_numbers(recs) == {2: 1, 3: 2, 1: 3}


def test_agenda_numbers_run_through_part_one_into_part_two():
    items = [
        SimpleNamespace(id=1, part=2, position=0),
        SimpleNamespace(id=2, part=1, position=5),
        SimpleNamespace(id=3, part=1, position=1),
    ]
    assert agenda_numbers(items) == {3: "1", 2: "2", 1: "3"}
