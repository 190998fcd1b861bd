"""Numbers that follow from order: recommendation 2, section 5, paragraph 5.2.1.

Nothing here is stored: numbers are computed from positions every time, so
inserting, deleting or moving anything renumbers everything after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    """The least needed to number a paragraph: who it is, where it hangs, and its place."""

    id: int
    parent_id: int | None
    position: int


def _sort_key(node: Node) -> tuple[int, int]:
    return (node.position, node.id)


def paragraph_numbers(section_number: int | str, nodes: Iterable[Node]) -> dict[int, str]:
    """Number every paragraph of one section: its children 1.1, 1.2 …, theirs 1.2.1 ….

    No text ever disappears for want of a number.
    """
    nodes = list(nodes)
    ids = {node.id for node in nodes}
    # A paragraph whose parent is missing, or one paragraph of each cycle of bad data, is treated
    # as top-level: every paragraph gets exactly one number, and the paragraphs under it keep
    # their nesting.
    parents = {node.id: (node.parent_id if node.parent_id in ids else None) for node in nodes}
    while True:
        numbers = _number_tree(section_number, nodes, parents)
        unreached = [node.id for node in nodes if node.id not in numbers]
        if not unreached:
            return numbers
        parents[min(_cycle_above(min(unreached), parents))] = None


def _cycle_above(node_id: int, parents: dict[int, int | None]) -> list[int]:
    """The cycle an unnumbered paragraph hangs from: following parents from a paragraph that was
    never reached always comes back round, and only a paragraph in that loop should be promoted."""
    seen: list[int] = []
    while node_id not in seen:
        seen.append(node_id)
        node_id = parents[node_id]
    return seen[seen.index(node_id) :]


def _number_tree(section_number: int | str, nodes: list[Node], parents: dict[int, int | None]) -> dict[int, str]:
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[parents[node.id]].append(node)
    numbers: dict[int, str] = {}
    stack: list[tuple[int | None, str]] = [(None, str(section_number))]
    while stack:
        parent_id, prefix = stack.pop()
        for index, node in enumerate(sorted(children[parent_id], key=_sort_key), start=1):
            numbers[node.id] = f"{prefix}.{index}"
            stack.append((node.id, numbers[node.id]))
    return numbers


def running_numbers(sections: Iterable[Iterable[Node]], start: int = 1) -> list[dict[int, str]]:
    """Number paragraphs 1, 2, 3 … straight through a report's sections (whose headings carry no
    number), as many councils do; a paragraph's children follow its number (4.1, 4.1.1).

    One dict for each section, in order, as ``paragraph_numbers`` gives for one.
    """
    result = []
    counter = start
    for nodes in sections:
        decimal = paragraph_numbers("0", nodes)
        tops = sorted((number for number in decimal.values() if number.count(".") == 1), key=_decimal_key)
        running = {top: str(counter + index) for index, top in enumerate(tops)}
        counter += len(tops)
        result.append({pk: _rebase(number, running) for pk, number in decimal.items()})
    return result


def _decimal_key(number: str) -> list[int]:
    return [int(part) for part in number.split(".")]


def _rebase(number: str, running: dict[str, str]) -> str:
    """'0.3.2' with the third paragraph running as 7 → '7.2'."""
    parts = number.split(".")
    return ".".join([running[".".join(parts[:2])], *parts[2:]])


def appendix_label(index: int, style: str = "letters") -> str:
    """The label of the index-th appendix (from 1): A, B … Z, AA, AB … with letters; 1, 2, 3 with numbers."""
    if style == "numbers":
        return str(index)
    label = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        label = chr(65 + remainder) + label
    return label


def sequence_numbers(items: Iterable) -> dict[int, int]:
    """Recommendations and sections: 1..n in order of position (then id)."""
    ordered = sorted(items, key=lambda item: (item.position, item.id))
    return {item.id: index for index, item in enumerate(ordered, start=1)}


def agenda_numbers(items: Iterable) -> dict[int, str]:
    """Agenda items are numbered 1..n through Part 1 and on into Part 2."""
    ordered = sorted(items, key=lambda item: (item.part, item.position, item.id))
    return {item.id: str(index) for index, item in enumerate(ordered, start=1)}


# How numbers are printed ----------------------------------------------------
# The numbers above are the report's own (1, 4.2.1); these write them as the council's template prints
# them: recommendations as 1., (a) or (i), and paragraphs below the first level as decimals or (a), (i).

RECOMMENDATION_STYLES = ("numbers", "letters", "roman", "none")
SUB_LEVEL_STYLES = ("decimal", "letters")

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def letters(index: int) -> str:
    """a, b … z, aa, ab … for 1, 2 … 26, 27, 28 …"""
    return appendix_label(index, "letters").lower()


def roman(index: int) -> str:
    """i, ii, iii, iv … for 1, 2, 3, 4 …"""
    result = ""
    for value, numeral in _ROMAN:
        count, index = divmod(index, value)
        result += numeral * count
    return result


def recommendation_label(index: int, style: str = "numbers") -> str:
    """The index-th recommendation (from 1) as printed: 1., (a) or (i)."""
    if style == "letters":
        return f"({letters(index)})"
    if style == "roman":
        return f"({roman(index)})"
    if style == "none":
        return ""
    return f"{index}."


def paragraph_label(number: str, style: str = "decimal", first_level: int = 0) -> str:
    """A paragraph's number as printed. Decimal: as computed (4, 4.2, 4.2.1). Letters: a paragraph keeps its
    number and those below it read (a), then (i), then (A), as in "4.2 … (a) … (i)". ``first_level`` is the
    number of dots a paragraph's own number has: 1 numbered by section (4.2), 0 numbered straight through (7)."""
    if style != "letters" or not number:
        return number
    parts = number.split(".")
    depth, index = len(parts) - 1 - first_level, int(parts[-1])
    if depth <= 0:
        return number
    if depth == 1:
        return f"({letters(index)})"
    if depth == 2:
        return f"({roman(index)})"
    return f"({letters(index).upper()})"


def with_full_stop(label: str) -> str:
    """ "4.2" → "4.2." for a template that ends numbers with a full stop; "(a)" and "" stay as they are."""
    return f"{label}." if label and label[-1].isdigit() else label
