"""Every refusal a person can read is marked for translation (issue 21).

Views show a domain error with ``str(error)`` (``form.add_error``, ``messages.error``, ``attempt(...,
refused=...)``), so an English literal raised in a domain module reaches a Welsh officer at a ``/cy/`` page
in English. This test reads each project module's syntax tree and names, file:line, every string literal or
f-string given directly as the message of a raised project exception or ``ValidationError``, or passed to
``messages.error/success/info/warning`` or ``form.add_error``, that is not wrapped in
``gettext``/``_``/``ngettext``/``pgettext``.

It is parametrised per file, so ``-k committee/minutes.py`` checks one module.
"""

import ast
import builtins
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRECTORIES = {"tests", "bench", "mutation", "migrations", ".venv", "node_modules", "static", "staticfiles"}
TRANSLATING_CALLS = {"gettext", "_", "ngettext", "pgettext", "npgettext", "gettext_lazy", "ngettext_lazy"}
MESSAGE_FUNCTIONS = {"error", "success", "info", "warning", "debug", "add_message"}

# Django's own PermissionDenied and Http404 are not checked: the 403 and 404 pages never show their
# message (project errors that subclass PermissionDenied, like reports.workflow.NotAllowed, are checked,
# since views show them). Also allowed, exceptions whose message no person reads in the app's pages:
ALLOWED_EXCEPTIONS = {
    # Private control flow inside PDF assembly: caught a few lines later, never shown.
    "_NotAppendable",
    # A stored note that cannot be decrypted: logged for the operator, the reader sees a generic page.
    "NoteUnreadable",
    # The open-data importer and its remote service: messages go to a management command's log, in the
    # operator's English, alongside the remote service's own English answers.
    "ImportFailed",
    "ServiceAnswer",
    "ServiceError",
    # OParl is an English machine-readable API (its error bodies are part of the OParl 1.1 schema).
    "OParlError",
}


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRECTORIES.intersection(relative.parts[:-1]):
            continue
        yield relative


def project_exception_names(trees):
    """Names of classes, defined anywhere in the project, that descend from a built-in exception."""
    known = {name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, Exception)}
    known |= {"ValidationError"}
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    project = set()
    changed = True
    while changed:
        changed = False
        for node in classes:
            if node.name in project:
                continue
            if any(_last_name(base) in known | project for base in node.bases):
                project.add(node.name)
                changed = True
    return project | {"ValidationError"}


def _last_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _last_name(node.func)
    return None


def _is_untranslated_text(node):
    """A literal or f-string, or one formatted with % / .format / +, not passed through gettext."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return _is_untranslated_text(node.left) or (isinstance(node.op, ast.Add) and _is_untranslated_text(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_untranslated_text(node.func.value)
    if isinstance(node, ast.Dict):
        return any(_is_untranslated_text(value) for value in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_is_untranslated_text(item) for item in node.elts)
    return False


def untranslated_refusals(tree, exception_names):
    checked = exception_names - ALLOWED_EXCEPTIONS
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _last_name(node.exc.func) not in checked:
                continue
            messages = list(node.exc.args[:1]) + [k.value for k in node.exc.keywords if k.arg == "message"]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "add_error":
                # form.add_error(field, error): the error a form shows under the field.
                messages = list(node.args[1:2]) + [k.value for k in node.keywords if k.arg == "error"]
            elif node.func.attr in MESSAGE_FUNCTIONS and _last_name(node.func.value) == "messages":
                position = 2 if node.func.attr == "add_message" else 1
                messages = list(node.args[position : position + 1]) + [
                    k.value for k in node.keywords if k.arg == "message"
                ]
            else:
                continue
        else:
            continue
        for message in messages:
            if _is_untranslated_text(message):
                yield message.lineno


MODULES = list(project_modules())
TREES = {path: ast.parse((ROOT / path).read_text(), filename=str(path)) for path in MODULES}
EXCEPTION_NAMES = project_exception_names(TREES.values())


def test_it_finds_the_project_exceptions():
    assert {"AgendaError", "RouteError", "ProgrammeError", "PublishRefused"} <= EXCEPTION_NAMES


def test_it_flags_an_english_refusal_and_passes_a_translated_one():
    tree = ast.parse(
        "raise RouteError('That meeting is already on the route.')\n"
        "raise RouteError(f'{meeting} is closed.')\n"
        "raise RouteError(gettext('That meeting is already on the route.'))\n"
        "raise RouteError(_('%(meeting)s is closed.') % {'meeting': meeting})\n"
        "messages.success(request, 'Saved.')\n"
        "messages.success(request, gettext('Saved.'))\n"
        "raise ValidationError({'title': 'Give a title.'})\n"
        "form.add_error('title', f'{title} is taken.')\n"
        "form.add_error('title', gettext('Give a title.'))\n"
        "raise PermissionDenied('Members keep their own register.')\n"
    )
    assert sorted(untranslated_refusals(tree, EXCEPTION_NAMES)) == [1, 2, 5, 7, 8]


@pytest.mark.parametrize("path", MODULES, ids=str)
def test_refusals_are_marked_for_translation(path):
    lines = sorted(untranslated_refusals(TREES[path], EXCEPTION_NAMES))
    assert not lines, "English refusal not wrapped in gettext at " + ", ".join(f"{path}:{line}" for line in lines)
