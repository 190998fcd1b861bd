"""Turning what an author typed or pasted into the one stored form (core/richtext.py).

Two kinds of input arrive here:
- plain text, read as the text an author edits (core/editable_text.py): blank lines separate
  paragraphs; lines starting "- ", "* " or "•" are bullets, lines starting "1." or "1)" a numbered list;
- HTML pasted from Microsoft Word (the page's small script sends the clipboard's HTML):
  MsoNormal paragraphs, spans with inline styles, <o:p> tags, and list paragraphs
  (MsoListParagraph) whose bullet sits in a conditional comment.

All three become paragraphs, lists, bold, italic, links and simple tables; the rest is dropped.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from core import editable_text, richtext
from core import text as text_rules

_NUMBER_MARKER = re.compile(r"^\s*(?:\d+|[a-zA-Z]|[ivxIVX]+)[.)]\s*$")
_LIST_LEVEL = re.compile(r"mso-list:\s*\w+\s+level(\d+)", re.IGNORECASE)

# Tags whose whole content is dropped: Word's document metadata and anything executable.
_DROP_CONTENT = {"style", "script", "xml", "head", "title", "template", "object", "iframe", "noscript"}
_PASS_THROUGH = {
    "strong",
    "b",
    "em",
    "i",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "ul",
    "ol",
    "li",
}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "td", "th", "ul", "ol", "table"}


def to_html(text: str) -> str:
    """The stored (sanitised) HTML for whatever was pasted: HTML (Word's, a web page's) or plain text.

    HTML is simplified, then passed through the text an author edits (core/editable_text.py), so
    that what is stored is exactly what the text box shows and saves again: <b> becomes <strong>, a
    table gets its header row, and anything the marks cannot say is dropped now, not at the next save."""
    text = text_rules.normalise_text(text or "")
    if not text.strip():
        return ""
    # Only a real tag makes the text HTML: "Email <priya.shah@example.gov.uk>" or "if a<b and c>d"
    # is typed text, every word of it kept.
    if not richtext.has_markup(text):
        return editable_text.from_text(text)
    html = _drop_empty_paragraphs(richtext.clean(_from_html(text)))
    return editable_text.from_text(editable_text.to_text(html))


def to_editable_text(text: str) -> str:
    """What a text box shows for something pasted: ``to_html``, as the box's text with its marks."""
    return editable_text.to_text(to_html(text))


def _drop_empty_paragraphs(html: str) -> str:
    return re.sub(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>", "", html).strip()


# HTML (ours, or Word's) ------------------------------------------------------


def _style_of(attrs: dict) -> str:
    return (attrs.get("style") or "").replace(" ", "").lower()


class _Simplifier(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.drop_depth = 0  # inside <style>, <head> …
        self.in_list_marker = False  # between Word's <!--[if !supportLists]--> and <!--[endif]-->
        self.marker = ""
        self.span_stack: list[str] = []  # what each open <span> became ("", "strong", "em", "strong em")
        self.block_depth = 0
        self.loose: list[str] = []  # text outside any block, gathered into paragraphs
        self.word_list: list[tuple[str, int]] = []  # open lists made from Word list paragraphs: (kind, level)
        self.in_word_item = False
        self.pending_item_level: int | None = None
        self.marker_span_depth = 0  # inside <span style="mso-list:Ignore"> (Word's other way to mark a bullet)
        self.link_stack: list[bool] = []  # whether each open <a> was kept (a link) or dropped (a bookmark)

    # Word's list paragraphs ------------------------------------------------

    def _close_word_lists(self, to_level: int = 0):
        while self.word_list and self.word_list[-1][1] > to_level:
            kind, _ = self.word_list.pop()
            self.out.append(f"</li></{kind}>")

    def _open_word_item(self, attrs: dict):
        match = _LIST_LEVEL.search(attrs.get("style") or "")
        level = int(match.group(1)) if match else 1
        self.pending_item_level = level

    def _start_word_item(self, kind: str):
        level = self.pending_item_level
        if self.word_list and self.word_list[-1][1] > level:
            self._close_word_lists(level)
        if self.word_list and self.word_list[-1][1] == level:
            if self.word_list[-1][0] != kind:
                self._close_word_lists(level - 1)
            else:
                self.out.append("</li><li>")
                return
        while not self.word_list or self.word_list[-1][1] < level:
            self.out.append(f"<{kind}><li>")
            self.word_list.append((kind, (self.word_list[-1][1] + 1) if self.word_list else level))
            if self.word_list[-1][1] >= level:
                break

    # Parser callbacks ---------------------------------------------------------

    def _flush_loose(self):
        text = "".join(self.loose)
        self.loose = []
        for chunk in re.split(r"\n\s*\n", text):
            if chunk.strip():
                self.out.append(f"<p>{' '.join(chunk.split())}</p>")

    def handle_comment(self, data):
        self._conditional(data)

    def unknown_decl(self, data):
        self._conditional(data)

    def _conditional(self, data: str):
        data = data.strip().lower()
        if data.startswith("[if !supportlists]") or data.startswith("if !supportlists"):
            self.in_list_marker = True
            self.marker = ""
        elif data.startswith("[endif]") or data.startswith("endif"):
            if self.in_list_marker:
                self._end_marker()
            self.in_list_marker = False

    def _end_marker(self):
        if self.pending_item_level and not self.in_word_item:
            kind = "ol" if _NUMBER_MARKER.match(self.marker.replace("\xa0", " ")) else "ul"
            self._start_word_item(kind)
            self.in_word_item = True

    def handle_starttag(self, tag, attrs_list):
        tag = tag.lower()
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag in _DROP_CONTENT:
            self.drop_depth += 1
            return
        if self.marker_span_depth and tag == "span":
            self.marker_span_depth += 1
            return
        if self.drop_depth or self.in_list_marker or ":" in tag:  # <o:p>, <v:shape>, <w:sdt>
            return
        if tag == "span" and "mso-list:ignore" in _style_of(attrs):
            self.marker_span_depth = 1
            self.marker = ""
            return
        if tag in _BLOCKS and self.block_depth == 0:
            self._flush_loose()
        if tag == "p":
            classes = attrs.get("class", "").lower()
            if "msolistparagraph" in classes or "mso-list:" in _style_of(attrs):
                self._open_word_item(attrs)
                self.block_depth += 1
                return
            self._close_word_lists()
            self.out.append("<p>")
            self.block_depth += 1
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._close_word_lists()
            self.out.append("<p><strong>")
            self.block_depth += 1
        elif tag == "div" or tag == "blockquote":
            self.block_depth += 1
        elif tag == "span":
            style = _style_of(attrs)
            became = []
            if "font-weight:bold" in style or "font-weight:700" in style:
                became.append("strong")
            if "font-style:italic" in style:
                became.append("em")
            self.out.extend(f"<{t}>" for t in became)
            self.span_stack.append(" ".join(became))
        elif tag == "br":
            self.out.append("<br>")
        elif tag == "a":
            href = attrs.get("href", "").strip()
            # Word's bookmarks (<a name=_Toc…>) and links within the document are not links once
            # pasted into a report: keep their words and drop the element.
            is_link = bool(href) and not href.startswith("#")
            self.link_stack.append(is_link)
            if is_link:
                self.out.append(f'<a href="{escape(href)}">')
        elif tag in _PASS_THROUGH:
            if tag in {"ul", "ol", "table"}:
                self._close_word_lists()
                self.block_depth += 1
            keep = {k: v for k, v in attrs.items() if k in {"colspan", "rowspan", "scope"}}
            extra = "".join(f' {k}="{escape(v)}"' for k, v in keep.items())
            self.out.append(f"<{tag}{extra}>")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _DROP_CONTENT:
            self.drop_depth = max(0, self.drop_depth - 1)
            return
        if self.marker_span_depth and tag == "span":
            self.marker_span_depth -= 1
            if not self.marker_span_depth:
                self._end_marker()
            return
        if self.drop_depth or self.in_list_marker or ":" in tag:
            return
        if tag == "p":
            self.block_depth = max(0, self.block_depth - 1)
            if self.pending_item_level:
                self.pending_item_level = None
                self.in_word_item = False
                return
            self.out.append("</p>")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.block_depth = max(0, self.block_depth - 1)
            self.out.append("</strong></p>")
        elif tag == "div" or tag == "blockquote":
            self.block_depth = max(0, self.block_depth - 1)
        elif tag == "span":
            became = self.span_stack.pop() if self.span_stack else ""
            self.out.extend(f"</{t}>" for t in reversed(became.split()))
        elif tag == "a":
            if self.link_stack.pop() if self.link_stack else False:
                self.out.append("</a>")
        elif tag in _PASS_THROUGH:
            if tag in {"ul", "ol", "table"}:
                self.block_depth = max(0, self.block_depth - 1)
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.drop_depth:
            return
        if self.in_list_marker or self.marker_span_depth:
            self.marker += data
            return
        if self.pending_item_level and not self.in_word_item:
            if not data.strip():
                return
            self._start_word_item("ul")
            self.in_word_item = True
        if self.block_depth == 0:
            self.loose.append(data)
            return
        # Word breaks lines inside a paragraph; a browser shows them as spaces.
        self.out.append(escape(re.sub(r"\s+", " ", data), quote=False))

    def close(self):
        super().close()
        self._flush_loose()
        self._close_word_lists()


def _from_html(text: str) -> str:
    parser = _Simplifier()
    parser.feed(richtext.escape_stray_brackets(text))
    parser.close()
    return "".join(parser.out)
