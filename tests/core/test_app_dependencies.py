"""The apps depend in one direction (README, "Structure"), and no import hides inside a function.

The layers are the import-linter contract in pyproject.toml: core < search < members < library | events
< home < kennisplatform. An app reaches a higher one only through core's registries and signals.
"""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "search", "members", "library", "events", "home", "kennisplatform")

# Routable page models call their views, and the views import the models: until the views take the page
# and nothing else from the models, these stay inside the route methods. Do not add to this list.
KNOWN = {
    ("events/models/pages.py", "events.views"),
    ("library/models/index.py", "library.feeds"),
    ("library/models/index.py", "library.filters"),
    ("library/models/index.py", "library.views"),
    # The importer asks whether an upload check exists (library/importer.py is being rewritten).
    ("library/importer.py", "core.documents"),
}


def test_apps_import_each_other_only_downward(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_logo=True, no_cache=True)
    assert code == 0, capsys.readouterr().out


def _imported_module(path, node):
    """The absolute name of the module a relative or absolute import statement names."""
    if isinstance(node, ast.Import):
        return node.names[0].name
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts)[: -node.level]
    return ".".join(package + ([node.module] if node.module else []))


def _imports_inside_functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node.lineno, _imported_module(path, node)


def project_imports_inside_functions():
    found = set()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            # AppConfig.ready() is where Django wants an app's receivers and registrations imported;
            # data migrations import the helpers they run.
            if path.name == "apps.py" or "/migrations/" in relative:
                continue
            for line, module in _imports_inside_functions(path):
                if module.split(".")[0] in APPS:
                    found.add((relative, module, line))
    return found


def test_no_project_import_hides_inside_a_function():
    hidden = sorted(
        f"{path}:{line} imports {module}"
        for path, module, line in project_imports_inside_functions()
        if (path, ".".join(module.split(".")[:2])) not in KNOWN and (path, module) not in KNOWN
    )
    assert not hidden, "Import at module level (or through a registry in core): " + "; ".join(hidden)


def test_the_known_exceptions_still_exist():
    # An exception that was resolved comes off the list, so that it cannot come back unnoticed.
    present = {(path, module) for path, module, _line in project_imports_inside_functions()}
    present |= {(path, ".".join(module.split(".")[:2])) for path, module in present}
    assert KNOWN <= present, sorted(KNOWN - present)
