"""Mutation testing of the rule modules: `make mutation` (or `.venv/bin/python mutation/run.py`).

mutmut changes one thing at a time in a module (`<=` to `<`, `and` to `or`, a value to None …) and
runs the tests that call the changed function; a change no test notices is a gap in the tests. Each
rule module is mutated on its own, against its own small, fast set of tests (MODULES below): no
browser tests, no PDF rendering, not the 2,940-case access matrix (two minutes a run), so one module
takes minutes on two cores. Never part of `make test` or CI. docs/mutation-testing.md has the scores.

Each module runs in .mutation/<name>/, a folder of links to the project with a pyproject.toml that
adds that module's [tool.mutmut] section (mutmut reads its settings only from the current folder).

    python mutation/run.py                        every module in turn
    python mutation/run.py access workflow        some of them
    python mutation/run.py access --survivors     also print each surviving change
    python mutation/run.py access --fresh         forget earlier results (after the tests changed)
    python mutation/run.py access --recheck       test again only what survived or no test reached
                                                  (after adding tests: minutes, not a whole run)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")

# The module, and the tests that are meant to catch a change to it.
MODULES: dict[str, tuple[str, list[str]]] = {
    "access": (
        "committee/access.py",
        ["tests/test_access_rules.py"],
    ),
    "report_access": ("reports/access.py", ["tests/test_access_rules.py"]),
    "workflow": ("reports/workflow.py", ["tests/reports/test_workflow.py"]),
    "deadlines": ("committee/deadlines.py", ["tests/committee/test_deadlines.py"]),
    "numbering": ("core/numbering.py", ["tests/core/test_numbering.py"]),
    "published": (
        "reports/published.py",
        ["tests/reports/test_published_rules.py", "tests/reports/test_published_view.py"],
    ),
    "publishing": ("publishing/publication.py", ["tests/publishing/test_publishing.py"]),
}

# What the tests import or read: linked into each work folder and copied by mutmut into mutants/.
PACKAGES = ["committee", "reports", "config", "opendata"]
ALSO = ["templates", "static", "tests", "manage.py"]


def _section(module: str, tests: list[str]) -> str:
    # JSON lists of strings are valid TOML arrays.
    settings = {
        "source_paths": [f"{name}/" for name in PACKAGES],
        "only_mutate": [module],
        "also_copy": [f"{name}/" if (ROOT / name).is_dir() else name for name in ALSO],
        "pytest_add_cli_args_test_selection": tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "--reuse-db", "-m", "not browser"],
        "use_git_change_detection": False,
    }
    lines = ["", "[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def prepare(name: str, fresh: bool) -> Path:
    module, tests = MODULES[name]
    folder = WORK / name
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for entry in PACKAGES + ALSO:
        link = folder / entry
        if not link.exists():
            link.symlink_to(ROOT / entry)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(pyproject + _section(module, tests), encoding="utf-8")
    return folder


def score(folder: Path) -> dict:
    subprocess.run([MUTMUT, "export-cicd-stats"], cwd=folder, check=True, capture_output=True)
    return json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))


def survivors(folder: Path, *statuses: str) -> list[str]:
    """The mutants no test caught: those that survived (or, given, in any of `statuses`)."""
    statuses = statuses or ("survived",)
    out = subprocess.run([MUTMUT, "results"], cwd=folder, check=True, capture_output=True, text=True).stdout
    found = [line.strip().rsplit(":", 1) for line in out.splitlines() if ":" in line]
    return [name.strip() for name, status in found if status.strip() in statuses]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of: {', '.join(MODULES)} (default all)")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results first")
    parser.add_argument("--survivors", action="store_true", help="print each surviving change")
    parser.add_argument(
        "--recheck", action="store_true", help="test again only the mutants that survived or no test reached"
    )
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module {', '.join(sorted(unknown))}: choose from {', '.join(MODULES)}")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/committee_reports")
    table = []
    for name in args.modules or list(MODULES):
        folder = prepare(name, args.fresh)
        print(f"== {MODULES[name][0]} against {' '.join(MODULES[name][1])}", flush=True)
        # mutmut tests again every mutant it is given by name, and only those.
        again = survivors(folder, "survived", "no tests") if args.recheck else []
        if args.recheck and not again:
            print("nothing to test again")
        else:
            subprocess.run([MUTMUT, "run", "--max-children", str(args.max_children), *again], cwd=folder, check=False)
        stats = score(folder)
        table.append((MODULES[name][0], stats))
        if args.survivors:
            for mutant in survivors(folder):
                out = subprocess.run([MUTMUT, "show", mutant], cwd=folder, capture_output=True, text=True).stdout
                print(out)
    print(f"\n{'module':28} {'killed':>6} {'timeout':>7} {'survived':>8} {'no tests':>8} {'score':>6}")
    for module, s in table:
        caught = s["killed"] + s["timeout"]
        tested = caught + s["survived"] + s["no_tests"]
        print(
            f"{module:28} {s['killed']:6} {s['timeout']:7} {s['survived']:8} {s['no_tests']:8}"
            f" {100 * caught / max(tested, 1):5.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
