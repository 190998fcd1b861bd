"""The shape of the code (docs/architecture.md): layers that only look down, no import circles, no
imports hidden inside functions, and modules that use each other's public names only."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    *["core", "committee", "members", "reports", "work_programme", "documents", "publishing"],
    *["web", "alerts", "reading_room", "opendata", "demo"],
]


def app_modules() -> list[Path]:
    return sorted(
        path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.relative_to(ROOT).parts
    )


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def test_the_layers_and_the_absence_of_circles_hold():
    """import-linter's contracts (pyproject.toml): each layer imports only those below it, and no two
    modules of one package import each other, however indirectly."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:]
    assert "0 broken" in done.stdout


def test_no_import_hides_inside_a_function_but_where_django_requires_it():
    """An import inside a function hides a dependency (and usually dodges a circle). Django requires
    a few: an AppConfig's ready(), which runs once the app registry is loaded, and the benchmark's
    scripts, which choose their settings before django.setup(); each says so."""
    hidden = []
    benchmark = [
        path for path in sorted((ROOT / "bench").glob("*.py")) if "after django.setup()" not in path.read_text()
    ]
    for path in app_modules() + benchmark:
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            says_why = node.name == "ready" and "Django" in "\n".join(lines[node.lineno - 1 : node.end_lineno])
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and not says_why:
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno} in {node.name}()")
    assert hidden == []


def _project_module(name: str) -> bool:
    return name.split(".")[0] in APPS


def test_modules_use_each_others_public_names_only():
    """A neighbour's `_helper` is private: if another module needs it, it is public API and is named so."""
    reached_in = []
    for path in app_modules():
        here = module_name(path)
        tree = ast.parse(path.read_text())
        imported_modules = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and _project_module(node.module):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        reached_in.append(f"{path.relative_to(ROOT)}: from {node.module} import {alias.name}")
                    imported_modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if _project_module(alias.name):
                        imported_modules[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in imported_modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and imported_modules[node.value.id] != here
            ):
                reached_in.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert reached_in == []


def test_the_readme_names_only_paths_that_exist():
    """The README's "where things are" table matches the tree: each row's first cell names paths from
    the top; a name in its description is found from the top or beside the row's first path."""
    text = (ROOT / "README.md").read_text()
    rows = [line for line in text[text.index("## Where things are") :].splitlines() if line.startswith("| `")]
    missing = []
    for row in rows:
        first, description = row.split("|")[1:3]
        paths = re.findall(r"`([^`]+)`", first)
        base = ROOT / paths[0]
        base = base if base.is_dir() else base.parent
        missing += [name for name in paths if not (ROOT / name).exists()]
        for name in re.findall(r"`([\w./-]+)`", description):
            if ("/" in name or name.endswith(".py")) and not ((ROOT / name).exists() or (base / name).exists()):
                missing.append(name)
    assert rows and missing == []
