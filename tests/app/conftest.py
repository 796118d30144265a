from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.exports import recorded_files  # noqa: F401 (a fixture for every app test)
from tests.app.payloads import TABS_KEY, as_read, every_tab  # noqa: F401 (for the tests)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, demo_db_url: str):
    """The app against the shared demo database, as an admin (?role=admin: the demo's own
    default is udvalg); call .run() in the test."""
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def page_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table the page shows, in page order: small ones are HTML tables (st.table), long
    ones the grid (st.dataframe), see ui/tables.py. A chart's "Vis som tabel" is not one."""
    out: list[pd.DataFrame] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "expander" and "-alt-" in child.proto.id:
                continue
            if getattr(child, "type", None) == "table":
                out.append(as_read(child.value))
            elif getattr(child, "type", None) == "dataframe":
                out.append(child.value)
            walk(child)

    walk(at._tree)
    return out


def open_page(page: str, *, role: str, **params: str) -> AppTest:
    """A fresh session (a new AppTest) of the demo as `role` (?role=; without it the demo is
    the least privileged role, udvalg), opened on `page` with these URL parameters."""
    at = app_test(default_timeout=60)
    at.query_params["role"] = role
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


@pytest.fixture(autouse=True)
def _alert_checks_done():
    """A write in a test starts the alert rules' evaluation in the background
    (data_access/alerts/schedule.py): it ends before the test's database goes."""
    yield
    from data_access import cached

    cached.wait_for_alert_checks()


@pytest.fixture
def writable_url(tmp_path, demo_db_url) -> str:
    """A private copy of the demo database: these tests write. (The online backup: a copy of
    the file alone would miss what is still in its write-ahead log.)"""
    from data_access.backup import backup_sqlite

    target = tmp_path / "data.db"
    backup_sqlite(demo_db_url, target)
    return f"sqlite:///{target}"


@pytest.fixture
def data_page(monkeypatch, writable_url) -> AppTest:
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", writable_url)
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"  # every part of the page: the import too
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    return at
