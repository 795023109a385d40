"""The apps depend in one direction (README, "Structure"), no module imports itself through others, and no
import hides inside a function.

The layers are the import-linter contract in pyproject.toml: core < search < members < library | events
< home < kennisplatform. An app reaches a higher one only through core's registries and signals.
"""

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "search", "members", "library", "events", "home", "kennisplatform")


def test_apps_import_each_other_only_downward():
    # In its own process: import-linter reconfigures logging, which would silence later tests' log capture.
    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--config", ROOT / "pyproject.toml", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_through_others():
    # Within an app too: a page model that imports its views, whose services import the page models, only
    # loads by luck of the import order. Routable pages pass themselves to views that never import them.
    graph = grimp.build_graph(*APPS, cache_dir=None)
    cycles = sorted(
        " -> ".join((*chain, imported))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if (chain := graph.find_shortest_chain(importer=imported, imported=module))
    )
    assert not cycles, "Import cycles: " + "; ".join(cycles)


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
    hidden = sorted(f"{path}:{line} imports {module}" for path, module, line in project_imports_inside_functions())
    assert not hidden, "Import at module level (or through a registry in core): " + "; ".join(hidden)
