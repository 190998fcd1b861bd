"""Exempt information at the grain the law uses: an exempt appendix of a public report, an exempt
paragraph or recommendation inside one (Local Government Act 1972, s.100B(2) and Schedule 12A).

A report's snapshot (reports/revisions.py) keeps everything, with each exempt part's paragraph of
Schedule 12A. `public_edition` is the one place the exempt information is taken out: every public
surface (page, PDF, Word, text, packs, search) renders from it, so a renderer cannot forget to.
What is taken out is replaced in place, so numbering (paragraph 3.2, recommendation 2, appendix B)
never changes between the public and the members' editions.

This module works on plain snapshot data; of the app it knows only how Schedule 12A is numbered
(core/schedule_12a.py): a paragraph's number says which Part it is in (1 to 7 England's Part 1,
12 to 18 Wales's Part 4).
"""

from __future__ import annotations

import copy

from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext

from core import lists, schedule_12a
from core.council import Nation

# The notices that stand in for exempt information are translated (a Welsh reader's page and PDF say
# them in Welsh), in the language active when the page or PDF is rendered.


def passage_notice(paragraph: int) -> str:
    return gettext("This paragraph contains exempt information (paragraph %(paragraph)s of Schedule 12A)") % {
        "paragraph": paragraph
    }


def redacted_passage_notice(paragraph: int) -> str:
    return gettext(
        "Redacted: exempt information (paragraph %(paragraph)s of Schedule 12A) has been taken out of this paragraph"
    ) % {"paragraph": paragraph}


def recommendation_notice(paragraph: int) -> str:
    return gettext("This recommendation contains exempt information (paragraph %(paragraph)s of Schedule 12A)") % {
        "paragraph": paragraph
    }


def redacted_recommendation_notice(paragraph: int) -> str:
    return gettext(
        "Redacted: exempt information (paragraph %(paragraph)s of Schedule 12A) has been taken out of this "
        "recommendation"
    ) % {"paragraph": paragraph}


def banner(paragraph: int) -> str:
    """The running banner on every page of an exempt report or appendix (PDFs, Word files, packs)."""
    return gettext("Exempt — not for publication: paragraph %(paragraph)s of Schedule 12A") % {"paragraph": paragraph}


def banner_in_full(paragraph: int) -> str:
    """The banner under an exempt report's title, naming the Act."""
    return gettext(
        "Exempt — not for publication: paragraph %(paragraph)s of Schedule 12A to the Local Government Act 1972"
    ) % {"paragraph": paragraph}


def appendix_label(label: str) -> str:
    """ "Appendix B", in the reader's language."""
    return gettext("Appendix %(label)s") % {"label": label}


def appendix_notice(label: str, title: str, paragraph: int, *, redacted: bool = False) -> str:
    values = {"label": label, "title": title, "paragraph": paragraph, "part": schedule_12a.part_of(paragraph)}
    if redacted:
        return (
            gettext(
                "%(label)s — %(title)s: published as a redacted version, the information exempt under paragraph "
                "%(paragraph)s of Part %(part)s of Schedule 12A to the Local Government Act 1972 taken out"
            )
            % values
        )
    return (
        gettext(
            "%(label)s — %(title)s: not for publication, exempt under paragraph %(paragraph)s of Part %(part)s "
            "of Schedule 12A to the Local Government Act 1972"
        )
        % values
    )


def _ranged(labels: list[str]) -> list[str]:
    """Appendix labels with each run of three or more in a row written as Cardiff writes one ("2 - 6",
    "B - D"); the rest as they are, to be listed."""

    def follows(before: str, after: str) -> bool:
        if before.isdigit() and after.isdigit():
            return int(after) == int(before) + 1
        return len(before) == len(after) == 1 and ord(after) == ord(before) + 1

    runs: list[list[str]] = []
    for label in labels:
        if runs and follows(runs[-1][-1], label):
            runs[-1].append(label)
        else:
            runs.append([label])
    ranged = []
    for run in runs:
        ranged += [f"{run[0]} - {run[-1]}"] if len(run) >= 3 else run
    return ranged


def _cited(paragraphs: list[int]) -> str:
    """The paragraphs of Schedule 12A a notice cites, Part by Part: "paragraph 3 of Part 1"; in Wales with
    the public interest test beside them, as Cardiff cites it ("paragraphs 14 and 16 of Part 4 and
    paragraph 21 of Part 5"). The Welsh mutates each after "o dan" and "a", so each has its own context."""
    by_part: dict[int, list[int]] = {}
    for number in sorted(set(paragraphs)):
        by_part.setdefault(schedule_12a.part_of(number), []).append(number)
    if 4 in by_part:
        by_part[5] = [schedule_12a.PUBLIC_INTEREST_TEST[Nation.WALES]]
    cited = []
    for index, (part, numbers) in enumerate(sorted(by_part.items())):
        values = {"numbers": lists.joined([str(n) for n in numbers]), "part": part}
        if index == 0:
            cited.append(
                npgettext(
                    "Schedule 12A, the first paragraphs a notice cites",
                    "paragraph %(numbers)s of Part %(part)s",
                    "paragraphs %(numbers)s of Part %(part)s",
                    len(numbers),
                )
                % values
            )
        else:
            cited.append(
                npgettext(
                    "Schedule 12A, further paragraphs a notice cites, after 'and'",
                    "paragraph %(numbers)s of Part %(part)s",
                    "paragraphs %(numbers)s of Part %(part)s",
                    len(numbers),
                )
                % values
            )
    return lists.joined(cited)


def combined_appendix_notice(appendices: list[tuple[str, int]]) -> str:
    """One notice for all of a report's exempt appendices, (label, paragraph) each, in Cardiff's words and
    the active language: "Appendices 2 - 6 of this report are not for publication as they contain exempt
    information of the description contained in paragraphs 14 and 16 of Part 4 and paragraph 21 of Part 5
    of Schedule 12A of the Local Government Act 1972." """
    if not appendices:
        return ""
    values = {
        "labels": lists.joined(_ranged([label for label, _ in appendices])),
        "paragraphs": _cited([paragraph for _, paragraph in appendices]),
    }
    return (
        ngettext(
            "Appendix %(labels)s of this report is not for publication as it contains exempt information of the "
            "description contained in %(paragraphs)s of Schedule 12A of the Local Government Act 1972.",
            "Appendices %(labels)s of this report are not for publication as they contain exempt information of "
            "the description contained in %(paragraphs)s of Schedule 12A of the Local Government Act 1972.",
            len(appendices),
        )
        % values
    )


def combined_appendices(appendices: list, *, combined: bool) -> list:
    """The exempt appendices one notice covers where the template prints one for them all (Cardiff's):
    every exempt one but an appendix published as a redacted version, which is still named alone; none
    where the template prints a notice for each."""
    if not combined:
        return []
    return [a for a in appendices if getattr(a, "exempt_paragraph", None) and not getattr(a, "redacted_version", False)]


def appendix_notices(appendices: list, *, combined: bool) -> list[str]:
    """The notices under a report's title for its exempt appendices, each with its public interest reason,
    in the active language: one an appendix, or one for them all (``combined``), as the template prints
    them. The page, the PDF, the Word file and the text file all print these."""
    together = combined_appendices(appendices, combined=combined)
    notices = []
    if together:
        notice = combined_appendix_notice([(a.label, a.exempt_paragraph) for a in together])
        reasons = [a.public_interest_reason for a in together if getattr(a, "public_interest_reason", "")]
        notices.append(" ".join([notice, *dict.fromkeys(reasons)]))  # a reason given for several, once
    covered = {id(a) for a in together}
    for appendix in appendices:
        if getattr(appendix, "exempt_paragraph", None) and id(appendix) not in covered:
            notice = named_appendix(appendix)
            reason = getattr(appendix, "public_interest_reason", "")
            notices.append(f"{notice}. {reason}" if reason else notice)
    return notices


def named_appendix(appendix, *, alone: bool = True) -> str:
    """An appendix as a list of them names it, in the active language: "Appendix A – Site plan"; an exempt
    one with its notice unless one notice covers it with others (``alone`` False)."""
    label = appendix_label(appendix.label)
    if alone and getattr(appendix, "exempt_paragraph", None):
        redacted = getattr(appendix, "redacted_version", False)
        return appendix_notice(label, appendix.title, appendix.exempt_paragraph, redacted=redacted)
    return f"{label} – {appendix.title}"


def appendices_named(appendices: list, *, combined: bool) -> tuple[list[str], str]:
    """Each appendix named for a list of them (``named_appendix``), and the one notice for the exempt ones
    where the template prints one for them all ("" where it does not): the title block's Enclosures row
    and the text file's list of appendices."""
    together = {id(a) for a in combined_appendices(appendices, combined=combined)}
    names = [named_appendix(a, alone=id(a) not in together) for a in appendices]
    covered = [(a.label, a.exempt_paragraph) for a in appendices if id(a) in together]
    return names, combined_appendix_notice(covered)


def _paragraphs_named(paragraphs: list[int]) -> str:
    """ "paragraph 3", "paragraphs 3 and 4", in the active language."""
    unique = sorted(set(paragraphs))
    return ngettext("paragraph %(numbers)s", "paragraphs %(numbers)s", len(unique)) % {
        "numbers": lists.joined([str(n) for n in unique])
    }


def classification(
    *, is_exempt: bool, paragraph: int | None, appendices: list[tuple[str, int]], passages: list[int]
) -> str:
    """The title block's status: "Public", "Public, with exempt appendix B (paragraph 3)", "Public, with
    exempt passages (paragraph 3)", or "Exempt — paragraph 1 of Schedule 12A", in the active language.
    ``appendices`` are (letter, paragraph) of each exempt appendix; ``passages`` the paragraph of each
    exempt passage."""
    if is_exempt:
        return gettext("Exempt — paragraph %(paragraph)s of Schedule 12A") % {"paragraph": paragraph}
    values = {
        "letters": lists.joined([letter for letter, _ in appendices]),
        "paragraphs": _paragraphs_named([n for _, n in appendices]),
        "passages": _paragraphs_named(passages) if passages else "",
    }
    if appendices and passages:
        return (
            ngettext(
                "Public, with exempt appendix %(letters)s (%(paragraphs)s) and exempt passages (%(passages)s)",
                "Public, with exempt appendices %(letters)s (%(paragraphs)s) and exempt passages (%(passages)s)",
                len(appendices),
            )
            % values
        )
    if appendices:
        return (
            ngettext(
                "Public, with exempt appendix %(letters)s (%(paragraphs)s)",
                "Public, with exempt appendices %(letters)s (%(paragraphs)s)",
                len(appendices),
            )
            % values
        )
    if passages:
        return gettext("Public, with exempt passages (%(passages)s)") % values
    return gettext("Public")


def status_for_reader(content: dict, stored: str) -> str:
    """A published snapshot's title-block status in the reader's language. The snapshot keeps it as it
    was worded when published; where that is this module's wording (in either language), it is worded
    again from the snapshot's exempt parts now, so a Welsh reader reads it in Welsh."""
    appendices, passages = exempt_parts(content)
    facts = {
        "is_exempt": content.get("is_exempt", False),
        "paragraph": content.get("exempt_paragraph"),
        "appendices": appendices,
        "passages": passages,
    }
    worded = {}
    for language in ("en-gb", "cy"):
        with translation.override(language):
            worded[language] = classification(**facts)
    return classification(**facts) if stored in worded.values() else stored


def _nested_paragraphs(paragraphs: list[dict]) -> list[int]:
    found = []
    for p in paragraphs:
        if p.get("exempt_paragraph"):
            found.append(p["exempt_paragraph"])
        found += _nested_paragraphs(p.get("children", []))
    return found


def exempt_parts(content: dict) -> tuple[list[tuple[str, int]], list[int]]:
    """(label, paragraph) of each exempt appendix of a snapshot, and the paragraph of each exempt passage
    (recommendation or paragraph) — the inputs of `classification`."""
    appendices = [
        (a.get("label") or str(index), a["exempt_paragraph"])
        for index, a in enumerate(content.get("appendices") or [], start=1)
        if a.get("exempt_paragraph")
    ]
    passages = [r["exempt_paragraph"] for r in content.get("recommendations") or [] if r.get("exempt_paragraph")]
    for section in content.get("sections") or []:
        passages += _nested_paragraphs(section.get("paragraphs", []))
    return appendices, passages


def exempt_parts_named(appendices: list[tuple[str, int]], passages: list[int]) -> str:
    """What of a public report is exempt, in the agenda's words and the active language: "appendix B",
    "appendices B and C and exempt passages"."""
    parts = []
    if appendices:
        letters = lists.joined([letter for letter, _ in appendices])
        parts.append(ngettext("appendix %(letters)s", "appendices %(letters)s", len(appendices)) % {"letters": letters})
    if passages:
        parts.append(gettext("exempt passages"))
    return lists.joined(parts)


# Wales's public interest test (paragraph 21 of Part 5) is part of why information is exempt there.
def _welsh_public_interest() -> str:
    return gettext(
        ", and that in all the circumstances of the case the public interest in maintaining the exemption "
        "outweighs the public interest in disclosing the information (paragraph 21 of Part 5)"
    )


def exclusion_motion(excluded: list[tuple[str, list[int], str]]) -> str:
    """The motion to exclude the press and public, listing each item it covers: (agenda number, its
    paragraphs, and — for a public item taken in private only for its exempt parts — which parts), in
    the active language (a Welsh agenda and pack print it in Welsh). The paragraphs' numbers say which
    nation's Part of Schedule 12A they are in."""
    if not excluded:
        return ""
    items = []
    for number, paragraphs, only in excluded:
        values = {"number": number, "only": only, "paragraphs": _paragraphs_named(paragraphs)}
        if only:
            items.append(gettext("item %(number)s, %(only)s only (%(paragraphs)s)") % values)
        else:
            items.append(gettext("item %(number)s (%(paragraphs)s)") % values)
    parts = sorted({schedule_12a.part_of(n) for _, paragraphs, _ in excluded for n in paragraphs}) or [1]
    part = lists.joined([gettext("Part %(number)s") % {"number": n} for n in parts])
    return gettext(
        "That under section 100A(4) of the Local Government Act 1972 the press and public be excluded "
        "from the meeting for the following items of business, on the grounds that they involve the likely "
        "disclosure of exempt information as defined in the paragraphs of %(part)s of Schedule 12A to the Act "
        "shown against each item%(test)s: %(items)s."
    ) % {"part": part, "test": _welsh_public_interest() if 4 in parts else "", "items": "; ".join(items)}


def _withhold_paragraph(p: dict, inherited: int | None) -> None:
    paragraph = p.get("exempt_paragraph") or inherited
    redacted = p.pop("redacted_text", "")
    if paragraph and redacted and not inherited:
        # Its redacted version, where one was published, stands in its place with a note saying so.
        notice = f'<p class="council-redacted-note">{redacted_passage_notice(paragraph)}</p>'
        p.update(heading="", text=redacted + notice, background_paper=None, withheld=True, redacted=True)
    elif paragraph:
        # A sub-section's heading can say as much as its text: both go, and everything under it.
        p.update(heading="", text=f"<p>{passage_notice(paragraph)}</p>", background_paper=None, withheld=True)
        p.pop("heading_cy", None)  # its Welsh goes with it
        p.pop("text_cy", None)
        p["exempt_paragraph"] = paragraph
    for child in p.get("children", []):
        _withhold_paragraph(child, paragraph)


def public_edition(content: dict) -> dict:
    """A snapshot with every exempt passage, recommendation and appendix file taken out, each replaced
    by its notice in the same place. The input is left as it was."""
    if not has_exempt_parts(content):
        return content
    edition = copy.deepcopy(content)
    for recommendation in edition["recommendations"]:
        paragraph = recommendation.get("exempt_paragraph")
        redacted = recommendation.pop("redacted_text", "")
        if paragraph and redacted:
            # Its redacted version, where one was published, stands in its place with a note saying so.
            notice = f'<p class="council-redacted-note">{redacted_recommendation_notice(paragraph)}</p>'
            recommendation.update(text=redacted + notice, withheld=True, redacted=True)
        elif paragraph:
            recommendation["text"] = f"<p>{recommendation_notice(paragraph)}</p>"
            recommendation["withheld"] = True
            recommendation.pop("text_cy", None)
    for section in edition["sections"]:
        for p in section["paragraphs"]:
            _withhold_paragraph(p, None)
    for appendix in edition["appendices"]:
        if appendix.get("exempt_paragraph"):
            # Its redacted version, where one was published, stands in its place; else nothing does.
            redacted = appendix.pop("redacted", None) or {"file": "", "content_type": "", "size": 0, "sha512": ""}
            appendix.update(**redacted, withheld=True, redacted_version=bool(redacted["file"]))
    edition["public_edition"] = True
    return edition


def edition(content: dict, *, entitled: bool) -> dict:
    """What one reader may read of a snapshot: the whole if entitled to Part 2, else the public edition."""
    return content if entitled else public_edition(content)


def _any_exempt_paragraph(paragraphs: list[dict]) -> bool:
    return any(p.get("exempt_paragraph") or _any_exempt_paragraph(p.get("children", [])) for p in paragraphs)


def has_exempt_parts(content: dict) -> bool:
    """Whether a snapshot holds an exempt passage, recommendation or appendix."""
    return (
        any(r.get("exempt_paragraph") for r in content.get("recommendations", []))
        or any(a.get("exempt_paragraph") for a in content.get("appendices", []))
        or any(_any_exempt_paragraph(s["paragraphs"]) for s in content.get("sections", []))
    )
