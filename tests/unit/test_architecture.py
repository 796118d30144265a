"""The seams hold by construction: pages and views get their figures only through
ui/figures.py (the publication in committee mode), never from the query modules or the raw
cached wrappers, so a new page or chart cannot forget the committee rules."""

from __future__ import annotations

import ast
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
