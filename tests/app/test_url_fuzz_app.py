"""Bad URL parameters fall back to defaults: no page fails on a crafted link.

A link is anyone's to write (`/?period=9999-Q4` used to raise before the login gate and show a
stack trace). Every parameter the app reads, with values a calendar, a list or a parser has no
room for, on every page: the page runs to its end, shows no error (not even the reference-number
message of ui/errors.py, which is for the app's own failures) and falls back to its defaults.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test

HOSTILE = [
    "9999-Q4",
    "0000-01",
    "2025-13",
    "2025-Q5",
    "2025-H3",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "",
    "-1",
    "x" * 5000,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "1e309",
    "ﾟ∀ﾟ",
]
PARAMS = [
    "period",
    "from",
    "to",
    "dept",
    "kind",
    "site",
    "lang",
    "committee",
    "compare",
    "which",
    "list",
    "role",
]
PAGES = {
    "overview": "pages/overview.py",
    "outreach": "pages/outreach.py",
    "caseload": "pages/caseload.py",
    "worklists": "pages/worklists.py",
    "alerts": "pages/alerts.py",
    "routes": "pages/routes.py",
    "national": "pages/national.py",
    "data": "pages/data.py",
    "audit": "pages/audit.py",
}


def _open(page: str, params: dict[str, list[str] | str]) -> AppTest:
    at = app_test(default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    return at


def _failed(at: AppTest) -> list[str]:
    problems = [str(e.value) for e in at.exception]
    problems += [
        e.value for e in at.error if "fejlnummeret" in e.value or "error number" in e.value
    ]
    return problems


@pytest.mark.parametrize("param", PARAMS)
def test_every_parameter_with_hostile_values_on_the_overview(app, param):
    for value in HOSTILE:
        extra = {"from": "2025-01-01", "to": "2025-03-31"} if param in ("from", "to") else {}
        params = {"period": "custom", **extra, param: value, "role": "admin"}
        if param == "role":
            params["role"] = value
        at = _open("overview", params)
        assert not _failed(at), (param, value[:40], _failed(at))


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_with_every_parameter_hostile_at_once(app, page):
    for value in HOSTILE:
        params = {name: value for name in PARAMS if name != "role"}
        params["role"] = "admin"
        at = _open(page, params)
        assert not _failed(at), (page, value[:40], _failed(at))
