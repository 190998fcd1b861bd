"""The text an author edits: stored report text (the safe HTML of core/richtext.py) shown in a text
box as plain text with a few simple marks, and read back to the same HTML.

The marks (docs/drafting-text.md says the same for authors):
- a blank line between paragraphs; a line ending in "\\" keeps a line break inside a paragraph;
- "- " at the start of a line for a bullet, "1. " for a numbered item, indented under an item to nest;
- **bold**, *italic*, [words](https://link);
- a table as lines starting "|", cells between "|", the first row its header:
  ``| Year | Places |`` then ``| --- | --- |`` then ``| 2016 | 40 |``.

Anything else is text: "<Enter>" or "<p>" typed in the box is stored as those characters. A mark
character meant as text is written with a "\\" before it (``\\*``), and ``to_text`` writes it so,
so that ``from_text(to_text(html)) == html`` for every ``html`` that ``from_text`` makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from core import richtext

# Line starts that make a list item (Word's plain-text bullets included: "•", "o", "§").
BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*•·▪◦o§]\s+|[•·▪◦]\s*)(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<indent>\s*)(?:\d+|[a-zA-Z]|[ivxIVX]+)[.)]\s+(?P<text>.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ESCAPABLE = set("\\*[]|")
_LINK = re.compile(r"\[(?P<words>(?:\\.|[^\[\]\\])+)\]\((?P<href>[^\s()]+)\)")
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:|tel:)[^\s\x00-\x1f\\]+$", re.IGNORECASE)
INDENT = "  "
_BREAK = "\x00"  # where a kept line break goes while a paragraph's marks are read


# Stored HTML -> text --------------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # _Node or str


class _TreeBuilder(HTMLParser):
    _VOID = {"br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self._VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _tree(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(richtext.clean(html))
    builder.close()
    return builder.root


_INLINE = {"strong", "b", "em", "i", "a", "br"}
_MARK = {"strong": "**", "b": "**", "em": "*", "i": "*"}


def _escape_text(value: str, in_cell: bool = False, in_link: bool = False) -> str:
    out = []
    for index, char in enumerate(value):
        # "](" is what a link needs besides its brackets: with that "]" escaped, words in brackets
        # stay words. Decided per character, so a "]" escaped already is not escaped twice.
        closes_link = char == "]" and value[index + 1 : index + 2] == "("
        if char in "\\*" or (in_cell and char == "|") or (in_link and char in "[]") or closes_link:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _inline(nodes: list, in_cell: bool = False, in_link: bool = False) -> str:
    """The marks for a run of inline content; blocks inside it (a paragraph in a list item) are
    joined with a space."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_escape_text(re.sub(r"\s+", " ", node), in_cell, in_link))
        elif node.tag == "br":
            out.append(" " if in_cell else "\\\n")
        elif node.tag in _MARK:
            inner = _inline(node.children, in_cell, in_link)
            # Spaces and line breaks at either end go outside the marks: "** a **" would not be bold.
            edges = re.match(r"^((?:\s|\\\n)*)(.*?)((?:\s|\\\n)*)$", inner, re.DOTALL)
            lead, stripped, trail = edges.groups()
            if not stripped:
                out.append(inner)
                continue
            mark = _MARK[node.tag]
            out.append(f"{lead}{mark}{stripped}{mark}{trail}")
        elif node.tag == "a":
            inner = _inline(node.children, in_cell, in_link=True).strip()
            href = node.attrs.get("href") or ""
            if inner and href:
                href = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                out.append(f"[{inner}]({href})")
            else:
                out.append(inner)
        elif node.tag in {"ul", "ol", "table"}:
            out.append(" " + _inline(node.children, in_cell) + " ")
        else:
            out.append(" " + _inline(node.children, in_cell) + " " if node.tag not in _INLINE else "")
    return "".join(out)


def _lines(nodes: list) -> list[str]:
    """Inline content as lines: a line break inside it ends a line with "\\"."""
    parts = [re.sub(r" {2,}", " ", part).strip() for part in _inline(nodes).split("\\\n")]
    return [_escape_line_start(part) for part in parts if part]


def _paragraph_text(nodes: list) -> str:
    return "\\\n".join(_lines(nodes))


def _escape_line_start(line: str) -> str:
    if line.startswith("\\") and not line.startswith(("\\\\", "\\*", "\\[", "\\]", "\\|")):
        return "\\" + line
    if BULLET.match(line) or NUMBERED.match(line) or line.startswith("|"):
        return "\\" + line
    return line


def _list_lines(node: _Node, depth: int) -> list[str]:
    lines = []
    number = 0
    for item in node.children:
        if not isinstance(item, _Node) or item.tag != "li":
            continue
        number += 1
        marker = f"{number}." if node.tag == "ol" else "-"
        inline = [c for c in item.children if isinstance(c, str) or c.tag not in {"ul", "ol"}]
        parts = _lines(inline)
        nested = [c for c in item.children if isinstance(c, _Node) and c.tag in {"ul", "ol"}]
        if not parts and not nested:
            number -= 1
            continue
        if parts and parts[0].startswith("\\") and not parts[0].startswith(("\\\\", "\\*", "\\[", "\\]", "\\|")):
            parts[0] = parts[0][1:]  # after the marker, nothing is mistaken for one
        lines.append(f"{INDENT * depth}{marker} " + ("\\\n" + INDENT * (depth + 1)).join(parts or [""]))
        for child in item.children:
            if isinstance(child, _Node) and child.tag in {"ul", "ol"}:
                lines.extend(_list_lines(child, depth + 1))
    return lines


def _rows(node: _Node) -> list[_Node]:
    rows = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in {"thead", "tbody", "tfoot"}:
                rows.extend(c for c in child.children if isinstance(c, _Node) and c.tag == "tr")
    return rows


def _unbold(cell: _Node) -> _Node:
    """A header cell all in bold (Word's way to mark a header) is a header cell: the row says so."""
    content = [c for c in cell.children if not (isinstance(c, str) and not c.strip())]
    while len(content) == 1 and isinstance(content[0], _Node) and content[0].tag == "p":
        content = [c for c in content[0].children if not (isinstance(c, str) and not c.strip())]
    if len(content) == 1 and isinstance(content[0], _Node) and content[0].tag in {"strong", "b"}:
        return _Node(cell.tag, cell.attrs, content[0].children)
    return cell


def _table_lines(node: _Node) -> tuple[list[str], list[str]]:
    """A table's caption (as a paragraph before it) and its lines."""
    caption = [c for c in node.children if isinstance(c, _Node) and c.tag == "caption"]
    before = [_paragraph_text(caption[0].children)] if caption else []
    rows = []
    for row in _rows(node):
        cells = [c for c in row.children if isinstance(c, _Node) and c.tag in {"td", "th"}]
        if not rows:
            cells = [_unbold(cell) for cell in cells]
        rows.append([_inline(cell.children, in_cell=True).strip() for cell in cells])
    rows = [row for row in rows if row]
    if not rows:
        return before, []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(re.sub(r"\s+", " ", cell) for cell in row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return before, lines


def to_text(html: str) -> str:
    """What a text box shows for stored ``html``: paragraphs apart by blank lines, and the marks above."""
    if not html or not html.strip():
        return ""
    blocks: list[str] = []
    loose: list = []

    def flush():
        if loose:
            text = _paragraph_text(loose)
            if text:
                blocks.append(text)
            loose.clear()

    for node in _tree(html).children:
        if isinstance(node, str) or node.tag in _INLINE:
            loose.append(node)
            continue
        flush()
        if node.tag in {"ul", "ol"}:
            blocks.append("\n".join(_list_lines(node, 0)))
        elif node.tag == "table":
            before, lines = _table_lines(node)
            blocks.extend(b for b in before if b)
            if lines:
                blocks.append("\n".join(lines))
        elif node.tag == "li":
            blocks.append("\n".join(_list_lines(_Node("ul", children=[node]), 0)))
        else:
            text = _paragraph_text(node.children)
            if text:
                blocks.append(text)
    flush()
    return "\n\n".join(block for block in blocks if block.strip())


# Text -> stored HTML --------------------------------------------------------------------------


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\*\[\]|])", r"\1", text)


def _inline_html(text: str) -> str:
    """The HTML for one line's worth of marks: links, then bold and italic, the rest escaped text."""
    out: list[str] = []
    at = search = 0
    while link := _LINK.search(text, search):
        search = link.start() + 1
        # An escaped "[" is text; so is a "link" whose address nh3 would strip.
        if (
            _escaped_at(text, link.start())
            or not link["words"].strip()
            or not _SAFE_HREF.match(_unescape(link["href"]))
        ):
            continue
        out.append(_emphasis(text[at : link.start()]))
        href = _unescape(link["href"])
        out.append(f'<a href="{escape(href)}">{_emphasis(link["words"].strip())}</a>')
        at = search = link.end()
    out.append(_emphasis(text[at:]))
    return "".join(out)


def _escaped_at(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _tokens(text: str) -> list[tuple[str, str]]:
    """Text split into ("text", words) and ("run", asterisks) tokens, escapes resolved in the words."""
    tokens: list[tuple[str, str]] = []
    buffer: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            buffer.append(text[i + 1])
            i += 2
            continue
        if char == "*":
            j = i
            while j < len(text) and text[j] == "*":
                j += 1
            if buffer:
                tokens.append(("text", "".join(buffer)))
                buffer = []
            tokens.append(("run", text[i:j]))
            i = j
            continue
        buffer.append(char)
        i += 1
    if buffer:
        tokens.append(("text", "".join(buffer)))
    return tokens


def _emphasis(text: str) -> str:
    tokens = _tokens(text)
    # Each piece: ("text", html) or ("open", mark) — an opener not yet closed, text if never closed.
    pieces: list[list[str]] = []
    for index, (kind, value) in enumerate(tokens):
        if kind == "text":
            pieces.append(["text", escape(value, quote=False)])
            continue
        before = tokens[index - 1][1][-1:] if index > 0 else ""
        after = tokens[index + 1][1][:1] if index + 1 < len(tokens) else ""
        can_open = bool(after) and not after.isspace() and after != _BREAK
        can_close = bool(before) and not before.isspace() and before != _BREAK
        run = len(value)
        while run:
            opened = [p for p in pieces if p[0] == "open"]
            top = opened[-1][1] if opened else ""
            if can_close and top and run >= len(top) and any(p[0] == "text" for p in _after(pieces, opened[-1])):
                _close(pieces, opened[-1])
                run -= len(top)
            elif can_open:
                mark = "**" if run >= 2 else "*"
                pieces.append(["open", mark])
                run -= len(mark)
            else:
                pieces.append(["text", "*" * run])
                run = 0
    return "".join(p[1] if p[0] == "text" else p[1] for p in pieces)


def _after(pieces: list, opener: list) -> list:
    return pieces[_index(pieces, opener) + 1 :]


def _index(pieces: list, opener: list) -> int:
    for i, piece in enumerate(pieces):
        if piece is opener:
            return i
    raise ValueError


def _close(pieces: list, opener: list) -> None:
    start = _index(pieces, opener)
    tag = "strong" if opener[1] == "**" else "em"
    inner = "".join(p[1] for p in pieces[start + 1 :])
    del pieces[start:]
    pieces.append(["text", f"<{tag}>{inner}</{tag}>"])


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph or item, read as one: a line ending in an unescaped "\\" keeps its line break."""
    joined: list[str] = []
    for index, line in enumerate(lines):
        line = _line_start(line.strip()).strip()
        breaks = index + 1 < len(lines) and line.endswith("\\") and not _escaped_at(line, len(line) - 1)
        joined.append(line[:-1].rstrip() + _BREAK if breaks else line + " ")
    # Line breaks at either end, or one after another, keep nothing apart: one, inside, is kept.
    text = re.sub(r"\s+", " ", "".join(joined))  # a browser shows a run of spaces as one
    text = re.sub(f"[ {_BREAK}]*{_BREAK}[ {_BREAK}]*", _BREAK, text).strip(" " + _BREAK)
    return _inline_html(text).replace(_BREAK, "<br>").strip()


def _line_start(line: str) -> str:
    """A "\\" that keeps a line's start from being a mark (``\\- not a bullet``) goes."""
    if line.startswith("\\") and not (len(line) > 1 and line[1] in _ESCAPABLE):
        return line[1:]
    return line


def _is_item(line: str):
    if line.startswith("\\"):
        return None
    return BULLET.match(line) or NUMBERED.match(line)


def _indent_of(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _list_html(items: list[tuple[int, str, list[str]]]) -> str:
    """Items as (indent, kind, lines): a deeper indent nests under the item above."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for index, (indent, kind, lines) in enumerate(items):
        deeper_next = index + 1 < len(items) and items[index + 1][0] > indent
        html = _join_lines(lines)
        if not html and not deeper_next:
            continue  # an empty item holds nothing to keep
        while stack and indent < stack[-1][0]:
            out.append(f"</li></{stack.pop()[1]}>")
        if stack and indent == stack[-1][0] and kind != stack[-1][1]:
            out.append(f"</li></{stack.pop()[1]}>")
        if stack and indent == stack[-1][0]:
            out.append("</li><li>")
        else:
            out.append(f"<{kind}><li>")
            stack.append((indent, kind))
        out.append(html)
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def _split_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not _escaped_at(line, len(line) - 1):
        line = line[:-1]
    cells, current, i = [], [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            current.append(line[i : i + 2])
            i += 2
            continue
        if line[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(line[i])
        i += 1
    cells.append("".join(current))
    return [re.sub(r"\s+", " ", cell).strip() for cell in cells]


def _table_html(lines: list[str]) -> str:
    rows = [_split_cells(line) for line in lines if not _TABLE_RULE.match(line)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    head = "".join(f'<th scope="col">{_inline_html(cell)}</th>' for cell in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{_inline_html(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:])
    return f"<table><thead><tr>{head}</tr></thead>" + (f"<tbody>{body}</tbody>" if body else "") + "</table>"


def _block_html(lines: list[str]) -> str:
    if all(line.lstrip().startswith("|") for line in lines):
        return _table_html(lines)
    out: list[str] = []
    paragraph: list[str] = []
    items: list[tuple[int, str, list[str]]] = []

    def close_paragraph():
        if paragraph:
            out.append(f"<p>{_join_lines(paragraph)}</p>")
            paragraph.clear()

    def close_list():
        if items:
            out.append(_list_html(items))
            items.clear()

    for line in lines:
        item = _is_item(line)
        if item:
            close_paragraph()
            kind = "ul" if BULLET.match(line) else "ol"
            items.append((_indent_of(line), kind, [item["text"]]))
        elif items and (line[:1].isspace() or items[-1][2][-1].rstrip().endswith("\\")):
            items[-1][2].append(line)  # an indented line (or one after a kept line break) continues the item
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return "".join(out)


def from_text(text: str) -> str:
    """The stored HTML for what an author wrote in a text box, marks and all; "<" is always text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    html = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines:
            html.append(_block_html(lines))
    # Escaped above, so this only sanitises what the marks made (a link's address, say).
    return _without_empty_blocks(richtext.clean("".join(html)))


_EMPTY_BLOCK = re.compile(r"<(p|li|ul|ol)>(?:\s|<br>)*</\1>")


def _without_empty_blocks(html: str) -> str:
    """An empty paragraph, item or list holds nothing a reader sees, and nothing the text box can show."""
    while True:
        emptied = _EMPTY_BLOCK.sub("", html)
        if emptied == html:
            return html
        html = emptied


def from_editor(html: str) -> str:
    """The stored HTML for what a formatted-text editor sent (static/editor): sanitised by the one
    allow-list, without empty paragraphs or lists (an editor's empty line holds nothing a reader sees)."""
    return _without_empty_blocks(richtext.clean(html or "")).strip()
