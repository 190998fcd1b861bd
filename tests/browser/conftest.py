"""Browser tests: headless Chromium (Debian's, never a downloaded build) driven by Playwright against
pytest-django's live server, with axe-core for automated accessibility checks.

Every test here is marked `browser`. Run only them with `pytest -m browser`, or leave them out with
`-m "not browser"`. Each pytest-xdist worker gets its own live server on its own port.

Usage in a test:

    @pytest.mark.browser
    def test_page_is_accessible(live_server, page, axe):
        page.goto(live_server.url + "/")
        assert axe(page) == []
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STATIC = Path(__file__).resolve().parents[2] / "static"
AXE = STATIC / "build" / "axe.min.js"
# WCAG 2.2 AA, as the Public Sector Bodies Accessibility Regulations expect.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def stale_assets() -> list[str]:
    """Stylesheet and editor sources changed since `npm run build` last ran. axe-core checks the built
    CSS, and the browser runs the built editor, so a stale build tests what the sources no longer say."""
    built = STATIC / "build" / "app.css"
    if not built.exists():
        return [str(built.relative_to(STATIC.parent)) + " (missing)"]
    sources = list(STATIC.glob("scss/*.scss"))
    stale = [str(path.relative_to(STATIC.parent)) for path in sources if path.stat().st_mtime > built.stat().st_mtime]
    # The report editor's bundle and the text boxes' (static/editor, built by esbuild) likewise.
    editor = STATIC / "build" / "editor.js"
    for bundle in (editor, STATIC / "build" / "textbox.js"):
        if not bundle.exists():
            return [*stale, str(bundle.relative_to(STATIC.parent)) + " (missing)"]
    scripts = list(STATIC.glob("editor/*.js"))
    return stale + [
        str(path.relative_to(STATIC.parent)) for path in scripts if path.stat().st_mtime > editor.stat().st_mtime
    ]


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Module-scoped so that Playwright's event loop, and the setting
    that lets Django's ORM run beside it, never outlive the browser tests on an xdist worker."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    if stale := stale_assets():
        pytest.fail(f"static/build is older than {', '.join(stale)}: run `npm run build` first", pytrace=False)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread; Django then refuses ORM calls
    # from that thread unless told this (single-threaded, test-only) use is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as a script the strict Content-Security-Policy would refuse.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def watch_for_problems(page) -> list[str]:
    """The page's script errors and console errors (a CSP violation is one) from now on, as a list the
    test asserts empty at its end; a resource answering 404 is left to the test to judge."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    return problems


def run_axe(page, tags: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page as it is now; [] when none."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm run build` first")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags or WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """A readable account of violations for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """Call with a page: asserts nothing itself, returns the violations (see `describe`)."""
    return run_axe
