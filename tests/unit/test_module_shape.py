"""One home per concern, kept by construction (issue 26): no source module grows past 500 lines,
no module patches a library's internals (a library upgrade must not become research), and
every chart reaches a page through the one renderer (ui/charts/render.py), which owns caching,
selections and the committee note."""

from __future__ import annotations

import ast
from pathlib import Path

from data_access.settings import PROJECT_ROOT

MAX_LINES = 500
SOURCE_FOLDERS = ("app.py", "pages", "ui", "data_access", "maps", "language", "gateway")
SOURCE_FOLDERS += ("bench", "deploy", "migrations")
RENDERER = PROJECT_ROOT / "ui" / "charts" / "render.py"


def _sources(root: Path = PROJECT_ROOT) -> list[Path]:
    paths: list[Path] = []
    for name in SOURCE_FOLDERS:
        place = root / name
        paths += [place] if place.suffix == ".py" else sorted(place.rglob("*.py"))
    return [p for p in paths if p.exists()]


def _long_modules(root: Path = PROJECT_ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)}: {lines} lines"
        for path in _sources(root)
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    ]


def test_no_source_module_is_over_500_lines():
    assert _long_modules() == []


def test_the_length_check_sees_a_long_module(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "long.py").write_text("x = 1\n" * 501)
    assert _long_modules(tmp_path) == ["ui/long.py: 501 lines"]


def _project_packages(root: Path) -> set[str]:
    return {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in root.glob("*.py")}


def _patches(path: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """Assignments to an attribute of something imported from a library (a module, a class):
    `altair.Chart._compute_hash = ...`, `PagesManager.uses_pages_directory = False`, and
    setattr() on one."""
    tree = ast.parse(path.read_text("utf-8"))
    ours = _project_packages(root)
    library_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in ours:
                    library_names.add((alias.asname or alias.name).split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and node.module.split(".")[0] not in ours
        ):
            library_names |= {alias.asname or alias.name for alias in node.names}

    def root_name(node: ast.expr) -> str | None:
        while isinstance(node, ast.Attribute):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and node.args
        ):
            targets = [ast.Attribute(value=node.args[0], attr="?")]
        for target in targets:
            if isinstance(target, ast.Attribute) and root_name(target) in library_names:
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_patches_a_library():
    assert [p for path in _sources() for p in _patches(path)] == []


def test_the_patch_check_sees_a_patch(tmp_path):
    (tmp_path / "ui").mkdir()
    module = tmp_path / "ui" / "speed.py"
    module.write_text(
        "import altair.utils.schemapi as schemapi\n"
        "from streamlit.runtime.pages_manager import PagesManager\n"
        "schemapi.SchemaBase.copy = lambda self: self\n"
        "PagesManager.uses_pages_directory = False\n"
        "setattr(schemapi, 'DEBUG_MODE', False)\n"
        "from ui import other\n"
        "other.value = 1\n"
    )
    assert _patches(module, tmp_path) == ["ui/speed.py:3", "ui/speed.py:4", "ui/speed.py:5"]


def _chart_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [
        f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"vega_lite_chart", "altair_chart", "line_chart", "bar_chart"}
    ]


def test_every_chart_goes_through_the_renderer():
    calls = [c for path in _sources() if path != RENDERER for c in _chart_calls(path)]
    assert calls == []
    assert _chart_calls(RENDERER), "the renderer no longer draws: update this check"
