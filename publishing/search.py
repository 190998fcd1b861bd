"""Search across published reports, agenda items and minutes.

Documents enter the index only when they are published (publishing/publication.py, committee/minutes.py),
so unpublished text is never searchable. Part 2 entries are marked exempt and filtered by
committee/access.py. On PostgreSQL: full-text search, title weighted above summary above body,
ranked, with highlighted snippets; on SQLite (development only) a plain substring match.

In either language (docs/welsh.md): English text is indexed with the ``english`` configuration; Welsh
titles and summaries, for which PostgreSQL has no dictionary, with ``simple`` after leaving out Welsh
stop words and adding each word's unmutated forms (publishing/welsh_words.py). A search matches a
document when its words match either way.

Kept quick at tens of thousands of reports (bench/searchbench.py), because a report's whole-text vector
is tens of kilobytes stored out of line, and reading it is what costs:
- matches come from the GIN index, never a scan reading every document's vector (the planner does not
  count that reading, so it is told not to scan; ``_index_only``);
- matches are ranked by the small title-and-summary vector kept in the row (``heading_vector``), then
  newest first, and only the best ``LISTED`` are listed; ranking by the whole text would read every
  match's vector again (about 0.6 ms each);
- snippets are highlighted in a stored plain-text excerpt (``excerpt``), not the whole body, in Python
  with PostgreSQL's stems of the query;
- the total comes with the ranking scan (a window count), not a second scan.
"""

from __future__ import annotations

import datetime
import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from committee import access
from committee import minutes as minutes_rules
from committee.models import AgendaItem, Meeting, Minutes, SearchDocument
from core import richtext
from publishing import welsh_words
from reports import access as report_access
from reports import exemption, revisions
from reports.models import Report

CONFIG = "english"
WELSH_CONFIG = "simple"  # PostgreSQL has no Welsh dictionary: see publishing/welsh_words.py
# Markers PostgreSQL puts around matched words; swapped for <mark> after the snippet is escaped.
START, STOP = "\x02", "\x03"
EXCERPT_CHARS = 800  # of summary and body kept for snippets: a snippet is about 35 words of it
LISTED = 100  # the best matches listed and paged through (five pages); filters narrow the rest
RECENT = 600  # the newest documents tested first: if LISTED of them match, the words are common
PAGE_SIZE = 20


_BLOCK_END = re.compile(r"</(p|li|tr|td|th|h\d|caption)>|<br\s*/?>", re.IGNORECASE)


def _plain(value: str) -> str:
    """Text for the index and its snippets: paragraphs and list items stay apart ("2016. The",
    not "2016.The"), which also keeps their words apart for the search."""
    spaced = _BLOCK_END.sub(lambda end: end.group(0) + " ", value or "")
    return " ".join(html.unescape(richtext.to_plain_text(spaced)).split())


def _words(value: str) -> str:
    """Plain text (a title, a heading, an item's description) as it was typed: never read as HTML,
    which would drop "<Enter>" or "<priya.shah@example.gov.uk>" as unknown tags."""
    return " ".join((value or "").split())


def _heading_and_text(heading: str, text: str) -> str:
    return _words(f"{heading} {_plain(text)}")


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def excerpt(summary: str, body: str) -> str:
    """The start of a document's plain text, whitespace folded, cut at a word: what snippets come from."""
    text = " ".join(f"{summary} {body}".split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0]


def _update_vectors(pks: list[int]) -> None:
    if not pks or not _is_postgres():
        return
    title = SearchVector("title", weight="A", config=CONFIG)
    summary = SearchVector("summary", weight="B", config=CONFIG)
    welsh = SearchVector("welsh_terms", weight="B", config=WELSH_CONFIG)
    SearchDocument.objects.filter(pk__in=pks).update(
        search_vector=title + summary + welsh + SearchVector("body", weight="C", config=CONFIG),
        heading_vector=title + summary + welsh,
    )


def _put(kind: str, object_id: int, welsh: str = "", **fields) -> int:
    fields["excerpt"] = excerpt(fields.get("summary", ""), fields.get("body", ""))
    fields["welsh_terms"] = welsh_words.index_text(f"{fields.get('title_cy', '')} {welsh}")
    document, _ = SearchDocument.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)
    return document.pk


def _snapshot_body(content: dict) -> str:
    parts = [_plain(r["text"]) for r in content["recommendations"]]

    def paragraphs(items):
        for p in items:
            yield _heading_and_text(p["heading"], p["text"])
            yield from paragraphs(p["children"])

    for section in content["sections"]:
        parts.append(section["heading"])
        parts.extend(paragraphs(section["paragraphs"]))
    return "\n".join(p for p in parts if p.strip())


def _published_text(report: Report) -> tuple[str, str, str, str, str]:
    """Title, summary and body as last published. A correction is drafted on the live report, so
    its text must not be searchable before it is published: the published revision is what counts."""
    revision = revisions.latest_published_revision(report)
    # The index answers everybody, so it holds the public edition: no exempt passage is searchable.
    content = exemption.public_edition(revision.content if revision is not None else revisions.snapshot(report))
    welsh_summary = _plain(content.get("summary_cy", ""))
    return (
        content["title"],
        _plain(content["summary"]),
        _snapshot_body(content),
        content.get("title_cy", ""),
        welsh_summary,
    )


def index_meeting(meeting: Meeting) -> None:
    """(Re)index a meeting's published agenda items and their published reports."""
    if not meeting.agenda_is_published:
        return
    pks = []
    items = meeting.agenda_items.select_related("report").prefetch_related(
        "report__recommendations", "report__sections__paragraphs"
    )
    for item in items:
        if item.is_supplementary and item.publication_id is None:
            continue
        pks.append(
            _put(
                SearchDocument.Kind.AGENDA_ITEM,
                item.pk,
                committee_id=meeting.committee_id,
                meeting=meeting,
                date=meeting.date,
                title=item.title,
                title_cy=item.title_cy,
                welsh=_words(item.description_cy) if item.part == 1 else "",
                summary=_words(item.description) if item.part == 1 else "",
                body="",
                url=f"{meeting.get_absolute_url()}#item-{item.pk}",
                is_exempt=item.part == AgendaItem.Part.EXEMPT,
            )
        )
        report = item.report
        if report is not None and report.status == Report.Status.PUBLISHED:
            title, summary, body, title_cy, summary_cy = _published_text(report)
            pks.append(
                _put(
                    SearchDocument.Kind.REPORT,
                    report.pk,
                    committee_id=report.committee_id,
                    meeting=meeting,
                    date=meeting.date,
                    title=title,
                    title_cy=title_cy,
                    welsh=summary_cy,
                    summary=summary,
                    body=body,
                    url=report.get_absolute_url(),
                    is_exempt=report_access.published_report_is_exempt(report) or item.part == AgendaItem.Part.EXEMPT,
                )
            )
    _update_vectors(pks)


def index_minutes(minutes: Minutes) -> None:
    """Index published minutes: decisions on Part 2 items are left out of the public text."""
    meeting = minutes.meeting
    if not minutes.is_public:
        SearchDocument.objects.filter(kind=SearchDocument.Kind.MINUTES, object_id=minutes.pk).delete()
        return
    lines = [_plain(minutes.notes)]
    items = meeting.agenda_items.filter(part=AgendaItem.Part.PUBLIC).select_related("decision")
    for item in minutes_rules.with_resolutions(items, "decision__"):
        decision = getattr(item, "decision", None)
        if decision is not None:
            lines.append(f"{item.title}. {decision.get_outcome_display()}. {_plain(decision.text)}")
            lines.extend(minutes_rules.resolution_lines(decision))
    pk = _put(
        SearchDocument.Kind.MINUTES,
        minutes.pk,
        committee_id=meeting.committee_id,
        meeting=meeting,
        date=meeting.date,
        title=f"Minutes: {meeting.committee.name}, {meeting.date:%-d %B %Y}",
        summary="",
        body="\n".join(line for line in lines if line.strip()),
        url=f"{meeting.get_absolute_url()}minutes/",
        is_exempt=False,
    )
    _update_vectors([pk])


def reindex_all() -> int:
    """Rebuild the whole index from what is published now (management command `rebuild_search`)."""
    SearchDocument.objects.all().delete()
    count = 0
    for meeting in Meeting.objects.filter(agenda_published_at__isnull=False).select_related("committee"):
        index_meeting(meeting)
        count += 1
    for minutes in Minutes.objects.exclude(status=Minutes.Status.DRAFT).select_related("meeting__committee"):
        index_minutes(minutes)
    return count


# Searching -----------------------------------------------------------------


@dataclass
class SearchFilters:
    query: str
    committee_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _snippet_html(text: str) -> SafeString:
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped first


def _in_scope(user, filters: SearchFilters) -> QuerySet:
    """What the user may see, within the committee and dates asked for, whatever the words."""
    qs = access.search_documents_visible_to(user)
    if filters.committee_id:
        qs = qs.filter(committee_id=filters.committee_id)
    if filters.date_from:
        qs = qs.filter(date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(date__lte=filters.date_to)
    return qs


def matches(user, filters: SearchFilters) -> QuerySet:
    """Every matching document the user may see, unordered."""
    qs = _in_scope(user, filters)
    text = filters.query.strip()
    if not text:
        return qs.none()
    if _is_postgres():
        return qs.filter(search_vector=_query(text))
    for word in text.split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(welsh_terms__icontains=word)
        )
    return qs


def _query(text: str) -> SearchQuery:
    """The words as English (stemmed, with web search syntax) or as Welsh (any mutated form)."""
    english = SearchQuery(text, search_type="websearch", config=CONFIG)
    welsh = welsh_words.query(text)
    return english | SearchQuery(welsh, search_type="raw", config=WELSH_CONFIG) if welsh else english


def _query_sql(text: str) -> tuple[str, list]:
    """``_query`` as SQL, for the ranking query."""
    welsh = welsh_words.query(text)
    if not welsh:
        return "websearch_to_tsquery(%s::regconfig, %s)", [CONFIG, text]
    return (
        "(websearch_to_tsquery(%s::regconfig, %s) || to_tsquery(%s::regconfig, %s))",
        [CONFIG, text, WELSH_CONFIG, welsh],
    )


def _ranked(sql: str, params: list, text: str, *, matched: bool = False) -> list[tuple[int, int]]:
    """(id, number of matches) for the best LISTED of the rows ``sql`` selects (id, date,
    heading_vector, and search_vector unless ``matched``) that match ``text``: title and summary rank,
    then newest first.

    ``matched``: the rows already match (the GIN index found them), so their whole-text vectors are not
    read again to test them — at 5,000 matches, reading them again was two thirds of the query's time.
    """
    match = "" if matched else "WHERE scope.search_vector @@ query.q"
    tsquery, query_params = _query_sql(text)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH scope AS MATERIALIZED ({sql}),
                query AS (SELECT {tsquery} AS q)
            SELECT scope.id, count(*) OVER ()
            FROM scope, query
            {match}
            ORDER BY ts_rank(scope.heading_vector, query.q) DESC, scope.date DESC, scope.id DESC
            LIMIT %s""",  # noqa: S608 - sql is the ORM's own, compiled with its params
            [*params, *query_params, LISTED],
        )
        return cursor.fetchall()


def best_ids(user, filters: SearchFilters) -> tuple[list[int], int | None]:
    """The best ``LISTED`` matches, best first, and how many match in all (None: more than LISTED).

    On PostgreSQL, ranked by the title-and-summary vector (a title match above a summary match above a
    match in the body only), then newest first. The whole-text vector, tens of kilobytes for a report,
    is never ranked, and read only to test a match. Two ways to find the matches, so the work is
    bounded whatever the words:

    - first, the newest ``RECENT`` documents in scope are tested one by one (walking the date index);
      if at least LISTED of them match, the words are common ("budget", "planning") and the best
      of those are listed, newest documents first in doubt — the rest are found by narrowing the
      committee or dates;
    - otherwise the words are rare, the GIN index finds every match (few, so few rows are read), and
      all of them are ranked and counted.

    On SQLite (development), newest first.
    """
    found = matches(user, filters)
    text = filters.query.strip()
    if not _is_postgres():
        ids = list(found.order_by("-date", "id").values_list("pk", flat=True)[: LISTED + 1])
        return ids[:LISTED], len(ids) if len(ids) <= LISTED else found.count()
    columns = ("id", "date", "heading_vector", "search_vector")
    recent = _in_scope(user, filters).order_by("-date", "-id").values(*columns)[:RECENT]
    rows = _ranked(*recent.query.sql_with_params(), text)
    if len(rows) < LISTED:
        rows = _ranked(
            *found.order_by().values("id", "date", "heading_vector").query.sql_with_params(), text, matched=True
        )
        return [pk for pk, _count in rows], rows[0][1] if rows else 0
    return [pk for pk, _count in rows], None


def _page_documents(ids: list[int]) -> list[SearchDocument]:
    """The page's documents in the order given, without their bodies or vectors."""
    qs = (
        SearchDocument.objects.filter(pk__in=ids)
        .select_related("committee")
        .defer("body", "search_vector", "welsh_terms")
    )
    by_id = {document.pk: document for document in qs.defer("heading_vector")}
    return [by_id[pk] for pk in ids if pk in by_id]


@dataclass
class Result:
    document: SearchDocument
    snippet: SafeString


@dataclass
class SearchResults:
    """One page of results, and how many match in all (``total``; None when more than are listed)."""

    page: Page
    results: list[Result] = field(default_factory=list)
    total: int | None = 0

    @property
    def listed(self) -> int:
        return self.page.paginator.count

    @property
    def more_than_listed(self) -> bool:
        return self.total is None or self.total > self.listed

    @property
    def common_words(self) -> bool:
        """Listed from the most recent papers only (best_ids): the words are everywhere."""
        return self.total is None


@contextmanager
def _index_only():
    """Match through the GIN index, never by scanning the table.

    A report's whole-text vector is stored out of line (TOAST), so the table looks small to the
    planner and a scan cheap; but a scan reads every document's vector to test it (about 70 ms at
    4,000 reports, growing with the council), where the index reads only the matches' rows.
    """
    if not _is_postgres():
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def find(user, filters: SearchFilters, page_number=1, page_size: int = PAGE_SIZE) -> SearchResults:
    """A page of the best matches the user may see, with highlighted snippets, and the total."""
    with _index_only():
        ids, total = best_ids(user, filters)
        page = Paginator(ids, page_size).get_page(page_number)
        documents = _page_documents(list(page.object_list))
        stems = query_stems(filters.query)
    results = [Result(document, snippet(document, stems)) for document in documents]
    return SearchResults(page=page, results=results, total=total)


def query_stems(text: str) -> list[str]:
    """The words to highlight: on PostgreSQL the query's own stems ("librari" for "libraries"), so a
    snippet marks what matched; words the query excludes (``-capital``) are left out."""
    if not _is_postgres():
        return [word.lower() for word in re.findall(r"(?<![-\w])\w+", text)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT querytree(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, text])
        tree = cursor.fetchone()[0]
    # e.g. 'budget' & !'capit' or 'annual' <-> 'report'
    return [m.group(2) for m in re.finditer(r"(!?)'((?:[^']|'')*)'", tree or "") if not m.group(1)]


def _marked(word: str) -> str:
    """The word marked, its punctuation left outside the mark ("<mark>budgets</mark>.")."""
    lead, core, trail = re.match(r"^(\W*)(.*?)(\W*)$", word).groups()
    return f"{lead}{START}{core}{STOP}{trail}" if core else word


def _prefix(stem: str) -> str:
    # English stems end in "i" for "y" (librari: library) and drop a final "e" (hire: hiring), so
    # a word matches when it starts with the stem less those.
    trimmed = stem.rstrip("ie")
    return trimmed if len(trimmed) >= 3 else stem


SNIPPET_WORDS = 35


def snippet(document: SearchDocument, stems: list[str]) -> SafeString:
    """About 35 words of the document's excerpt around the most matched words, those words marked.

    Highlighted here rather than by PostgreSQL's ts_headline, which costs about a millisecond a result
    even on the short excerpt: the stems come from PostgreSQL (``query_stems``), one query a page."""
    words = document.excerpt.split()
    if not words:
        return _snippet_html("")
    prefixes = [re.escape(_prefix(stem.lower())) for stem in stems if stem]
    # A word matches when, past any leading punctuation, it starts with a stem's prefix.
    starts_with_a_prefix = re.compile(r"\W*(?:" + "|".join(prefixes) + ")") if prefixes else None
    hits = [
        bool(starts_with_a_prefix and starts_with_a_prefix.match(word)) for word in document.excerpt.lower().split()
    ]
    # The window of SNIPPET_WORDS words with the most matches, the first such: slid a word at a time.
    best_start = 0
    best = found = sum(hits[:SNIPPET_WORDS])
    for start in range(1, len(words) - SNIPPET_WORDS + 1):
        found += hits[start + SNIPPET_WORDS - 1] - hits[start - 1]
        if found > best:
            best_start, best = start, found
    # Start a little before the first match in the window, so it reads as a sentence does.
    first = next((i for i in range(best_start, min(len(words), best_start + SNIPPET_WORDS)) if hits[i]), best_start)
    start = max(0, min(first - 5, len(words) - SNIPPET_WORDS))
    shown = [_marked(w) if hit else w for w, hit in zip(words, hits, strict=True)][start : start + SNIPPET_WORDS]
    text = " ".join(shown)
    prefix = "… " if start > 0 else ""
    # The excerpt is the start of a longer text when it is about as long as excerpts are kept.
    more = start + SNIPPET_WORDS < len(words) or len(document.excerpt) > EXCERPT_CHARS - 40
    suffix = " …" if more else ""
    return _snippet_html(prefix + text + suffix)
