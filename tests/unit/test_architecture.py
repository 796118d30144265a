"""The seams hold by construction: pages and views get their figures only through
ui/figures.py (the publication in committee mode), never from the query modules or the raw
cached wrappers, so a new page or chart cannot forget the committee rules."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

from data_access.settings import PROJECT_ROOT

RAW_WRAPPERS = {"overview", "outreach", "caseload", "contact_profile", "committee"}
QUERY_MODULES = {"data_access.overview", "data_access.outreach", "data_access.caseload"}
QUERY_FUNCTIONS = {
    "overview",
    "outreach_page",
    "caseload_page",
    "outreach_totals",
    "site_activity",
    "funnel",
    "cumulative_reach",
    "department_figures",
}
SEAM = PROJECT_ROOT / "ui" / "figures.py"


def _modules() -> list[Path]:
    return sorted([*(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "ui").glob("*.py")])


def test_pages_and_views_get_figures_only_through_the_seam():
    offenders = []
    for path in _modules():
        if path == SEAM:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "cached"
                and node.attr in RAW_WRAPPERS
            ):
                offenders.append(f"{path.name}:{node.lineno} cached.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module in QUERY_MODULES:
                for alias in node.names:
                    if alias.name in QUERY_FUNCTIONS:
                        offenders.append(f"{path.name}:{node.lineno} {node.module}.{alias.name}")
    assert not offenders, offenders


def test_the_check_would_see_a_page_that_bypasses_the_seam(tmp_path):
    """The rule above is not vacuous: a page calling the raw wrapper is caught."""
    bad = "from data_access import cached\ndata = cached.overview(filters, start)\n"
    tree = ast.parse(bad)
    calls = [
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and getattr(n.value, "id", "") == "cached"
    ]
    assert set(calls) & RAW_WRAPPERS


# --- the export seam (ui/downloads.py) ---------------------------------------------------------

EXPORT_SEAM = PROJECT_ROOT / "ui" / "downloads.py"
# Streamlit's calls that hand a browser a file or a table's data.
FILE_CALLS = {"download_button"}


def _project_modules() -> list[Path]:
    folders = ("pages", "ui", "maps", "data_access", "gateway")
    return sorted(
        [PROJECT_ROOT / "app.py", *(p for f in folders for p in (PROJECT_ROOT / f).rglob("*.py"))]
    )


def _calls(source: str, names: set[str], receiver: str | None = None) -> list[int]:
    """Lines calling `something.name` (or `receiver.name`) for a name in `names`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
        and (
            receiver is None
            or (isinstance(node.func.value, ast.Name) and node.func.value.id == receiver)
        )
    ]


def _elsewhere(home: Path, calls: Callable[[str], list[int]]) -> list[str]:
    """Where a module other than `home` makes one of the calls."""
    return [
        f"{path.relative_to(PROJECT_ROOT)}:{line}"
        for path in _project_modules()
        if path != home
        for line in calls(path.read_text(encoding="utf-8"))
    ]


def _file_calls(source: str) -> list[int]:
    return _calls(source, FILE_CALLS)


def test_every_file_leaves_through_the_export_seam():
    """No module but ui/downloads.py draws a download button: a new download cannot skip the
    grant, the role check or the audit row of person rows."""
    assert _elsewhere(EXPORT_SEAM, _file_calls) == []
    assert _file_calls(EXPORT_SEAM.read_text(encoding="utf-8"))  # the seam itself is seen


def test_the_seam_check_sees_a_download_elsewhere():
    assert _file_calls('st.download_button("x", data=b"", key="k")\n') == [1]
    assert _file_calls('column.download_button("x", data=b"")\n') == [1]


TABLE_HOME = PROJECT_ROOT / "ui" / "tables.py"


def _html_table_calls(source: str) -> list[int]:
    return _calls(source, {"table"}, receiver="st")


def test_every_html_table_escapes_its_cells():
    """st.table reads every header and cell as Markdown: only ui/tables.html_table draws one,
    and it passes each through `plain` (a "#" header was an empty heading, a site name could
    be a link)."""
    assert _elsewhere(TABLE_HOME, _html_table_calls) == []
    assert _html_table_calls(TABLE_HOME.read_text(encoding="utf-8"))
    assert _html_table_calls("st.table(frame)\n") == [1]


def test_no_table_toolbar_offers_a_download():
    """Streamlit's "Download as CSV" on tables is off in the shipped configuration (app.py keeps
    it off when a server starts without it: tests/app/test_export_seam_app.py)."""
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
    assert config["client"]["showErrorDetails"] == "none"


# Copying a live SQLite database as files (shutil.copy of the .db, its -wal, its -shm) opens
# and closes them outside SQLite, and a close drops every POSIX lock this process holds on the
# file, those of its own open connections too; another process may then rebuild the shared
# WAL index under them ("database disk image is malformed", reads that miss committed rows).
# Copies go through SQLite's backup API (data_access/backup.py).
FILE_COPIES = ("shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.copytree")


def _file_copies_of_databases(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            lowered = line.lower()
            if any(c in line for c in FILE_COPIES) and any(
                word in lowered for word in ("db", "sqlite", "database", "-wal", "-shm")
            ):
                name = (
                    path.relative_to(PROJECT_ROOT)
                    if path.is_relative_to(PROJECT_ROOT)
                    else path.name
                )
                found.append(f"{name}:{number}")
    return found


def test_databases_are_copied_by_sqlite_never_as_files():
    folders = ("data_access", "bench", "deploy", "gateway", "tests", "ui", "pages")
    paths = [p for f in folders for p in (PROJECT_ROOT / f).rglob("*.py")]
    assert _file_copies_of_databases([p for p in paths if p != Path(__file__)]) == []


def test_the_copy_check_sees_a_file_copy(tmp_path):
    bad = tmp_path / "copy_probe.py"
    bad.write_text('import shutil\nshutil.copy(db_path + "-wal", target)\n', encoding="utf-8")
    assert _file_copies_of_databases([bad]) == ["copy_probe.py:2"]


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _layer_breaches(folders: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PROJECT_ROOT)} imports {module}"
        for folder in folders
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py"))
        for module in sorted(_imported_modules(path))
        if module.split(".")[0] in forbidden
    ]


def test_data_access_maps_and_language_never_import_the_ui():
    """The layers point one way: pages -> ui -> data_access, maps and language. The words of a
    command's messages (the digest, Statistics Denmark's problems) come from language/, never
    from ui/, and language/ needs no Streamlit (data_access/cached.py is the one module of
    data_access that does)."""
    assert _layer_breaches(("data_access", "maps", "language"), ("ui", "pages", "app")) == []
    assert _layer_breaches(("language",), ("streamlit",)) == []


def test_the_layer_check_sees_a_breach(tmp_path, monkeypatch):
    folder = tmp_path / "data_access"
    folder.mkdir()
    (folder / "words.py").write_text("def f():\n    from ui.i18n import t\n")
    monkeypatch.setattr(f"{__name__}.PROJECT_ROOT", tmp_path)
    assert _layer_breaches(("data_access",), ("ui",)) == ["data_access/words.py imports ui.i18n"]


# Where a view may still add up figures itself, and why that is safe. Every other total of a
# page's figures comes from data_access/publication/count.py (ProtectedTable.total,
# departments_together), which knows a committee figure: a sum of rounded or hidden parts is
# not a published total, and a total beside a hidden part gives the part away.
HAND_TOTALS = {
    # The plain waiting table's pivot: one value per department and bucket (committee mode
    # returns before it, with the published table).
    ("caseload_view.py", "aggfunc"): 1,
    # Person rows of a worklist (never in committee mode): the breaches among them.
    ("worklists_view.py", "reduce"): 1,
    # The axis's top from the bars a stacked chart draws (hidden parts are not drawn).
    ("outreach.py", "reduce"): 1,
    ("caseload.py", "reduce"): 1,
    # A chart's table repeats the sum its spec asks Vega for (a histogram's bar).
    ("alternative.py", "reduce"): 1,
}
REDUCERS = {"sum", "mean", "cumsum", "agg", "aggregate", "median"}


def _hand_totals(source: str) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in REDUCERS:
            found.append(("reduce", node.lineno))
        if isinstance(node, ast.keyword) and node.arg == "aggfunc":
            found.append(("aggfunc", node.value.lineno))
    return found


def test_views_add_up_figures_only_through_the_publication_types():
    """No view sums, averages or aggregates a page's figures by hand, outside the places
    listed with their reasons above (issue 26)."""
    paths = [
        *(PROJECT_ROOT / "pages").glob("*.py"),
        *(PROJECT_ROOT / "ui").rglob("*.py"),
        *(PROJECT_ROOT / "maps").rglob("*.py"),
    ]
    counted: dict[tuple[str, str], list[int]] = {}
    for path in sorted(paths):
        for kind, line in _hand_totals(path.read_text(encoding="utf-8")):
            counted.setdefault((path.name, kind), []).append(line)
    unexpected = {
        key: lines for key, lines in counted.items() if len(lines) > HAND_TOTALS.get(key, 0)
    }
    assert not unexpected, unexpected


def test_the_hand_total_check_sees_a_sum():
    source = 'total = frame["contacts"].sum()\ntable = frame.pivot_table(aggfunc="sum")\n'
    assert [kind for kind, _ in _hand_totals(source)] == ["reduce", "aggfunc"]
