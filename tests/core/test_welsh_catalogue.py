"""The Welsh catalogue is complete: every string marked for translation has careful Welsh, none is
fuzzy, the compiled catalogue is the one written, and Welsh keeps each placeholder of the English."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

PO = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


@dataclass
class Entry:
    msgid: str = ""
    plural: str | None = None
    context: str | None = None
    strings: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (no third-party parser: the format's few rules suffice here)."""
    entries, entry, target = [], Entry(), None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if target is not None:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            entry.context, target = ast.literal_eval(line[8:]), "context"
        elif line.startswith("msgid_plural "):
            entry.plural, target = ast.literal_eval(line[13:]), "plural"
        elif line.startswith("msgid "):
            entry.msgid, target = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr"):
            entry.strings.append(ast.literal_eval(line.split(" ", 1)[1]))
            target = "msgstr"
        elif line.startswith('"'):
            piece = ast.literal_eval(line)
            if target == "msgstr":
                entry.strings[-1] += piece
            else:
                setattr(entry, target, getattr(entry, target) + piece)
    return [e for e in entries if e.msgid]


def test_every_string_has_welsh_and_none_is_fuzzy():
    entries = read_po(PO)
    assert len(entries) > 200
    untranslated = [e.msgid for e in entries if not all(s.strip() for s in e.strings)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"No Welsh yet for: {untranslated}"
    assert not fuzzy, f"Fuzzy (unchecked) Welsh for: {fuzzy}"


def test_welsh_keeps_every_placeholder_of_the_english():
    for entry in read_po(PO):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for string in entry.strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, (entry.msgid, string)


def test_the_compiled_catalogue_is_the_one_written():
    with MO.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    for entry in read_po(PO):
        key = entry.msgid if entry.context is None else f"{entry.context}\x04{entry.msgid}"
        if entry.plural is None:
            assert catalogue.get(key) == entry.strings[0], f"Run `make messages`: {entry.msgid!r} differs in the .mo"
        else:
            assert [catalogue.get((key, n)) for n in range(len(entry.strings))] == entry.strings


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext (xgettext) is not installed")
def test_every_marked_string_is_in_the_catalogue(tmp_path, monkeypatch, settings):
    """makemessages run on a copy of the project finds no string the catalogue lacks, and the catalogue
    holds none the project no longer marks: a newly marked string without Welsh fails here."""
    base = Path(settings.BASE_DIR)
    skip = shutil.ignore_patterns(
        "node_modules", ".venv", ".git", "static", "staticfiles", "media", "locale", "tests", "test-artifacts",
        "__pycache__", "*.pdf", "*.docx", "*.png", "mutants", ".mutation",
    )  # fmt: skip
    for child in base.iterdir():
        if child.is_dir() and child.name not in {"node_modules", ".venv", ".git", "static", "locale", "tests"}:
            shutil.copytree(child, tmp_path / child.name, ignore=skip, dirs_exist_ok=True)
        elif child.suffix == ".py":
            shutil.copy(child, tmp_path / child.name)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["cy"], no_location=True, verbosity=0)
    found = {(e.context, e.msgid) for e in read_po(tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po")}
    written = {(e.context, e.msgid) for e in read_po(PO)}
    assert not found - written, f"Marked but not in the Welsh catalogue (run `make messages`): {found - written}"
    assert not written - found, f"In the catalogue but no longer marked: {written - found}"
