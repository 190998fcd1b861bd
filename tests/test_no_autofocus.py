"""No page moves the focus by itself: the "Skip to main content" link stays the first Tab stop
(GOV.UK advises against autofocus)."""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_the_sign_in_pages_do_not_autofocus_the_user_name(client, db, url):
    body = client.get(url).content.decode()
    assert 'name="username"' in body
    assert "autofocus" not in body


def test_the_skip_link_is_the_first_thing_tab_reaches_on_the_sign_in_page(client, db):
    body = client.get("/accounts/login/").content.decode()
    focusable = re.findall(r"<(a|input|button|select|textarea)\b[^>]*>", body)
    first = re.search(r"<(?:a|button|select|textarea|input(?![^>]*type=\"hidden\"))\b[^>]*>", body)
    assert focusable and "govuk-skip-link" in first.group(0)


# An autofocus attribute in a template, or a widget's attrs asking for one ({"autofocus": True}).
_ASKS = {".html": re.compile(r"\bautofocus\b"), ".py": re.compile(r"""["']autofocus["']\s*:|\bautofocus\s*=""")}


def test_no_template_or_form_asks_for_autofocus():
    found = [
        str(path.relative_to(ROOT))
        for folder in ("templates", "committee", "reports", "opendata")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in _ASKS and _ASKS[path.suffix].search(path.read_text())
    ]
    assert found == []


def test_the_check_above_would_notice_a_form_asking_for_autofocus():
    assert _ASKS[".py"].search('widget=forms.TextInput(attrs={"autofocus": True})')
    assert _ASKS[".html"].search('<input name="q" autofocus>')
