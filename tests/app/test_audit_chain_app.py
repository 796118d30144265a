"""The audit page's line on the hash chain: intact with the rows checked, or where it breaks,
in Danish (the default) and English."""

from __future__ import annotations

import re

from sqlalchemy import text

from bench.app_test import app_test
from data_access.db import create_engine_for
from tests.app.test_access_app import db_url, demo, open_page  # noqa: F401 (db_url: a fixture)


def _line(at) -> tuple[list[str], list[str]]:
    return [s.value for s in at.success], [e.value for e in at.error]


def test_the_audit_page_says_the_chain_is_intact_then_where_it_breaks(db_url):  # noqa: F811
    admin = open_page(demo("admin"), "audit")
    intact, broken = _line(admin)
    assert broken == [] and any("Loggens kæde er intakt" in s for s in intact), intact
    admin.run()  # the first look at the log is in it now
    intact, broken = _line(admin)
    assert broken == [] and re.search(r"\d+ rækker? kontrolleret", intact[0]), intact
    engine = create_engine_for(db_url)
    with engine.begin() as conn:  # a row slipped in around the app
        conn.execute(
            text(
                "INSERT INTO audit_log (at_utc, subject, action) "
                "VALUES ('2025-06-01 10:00:00.000000', 'sub-ghost', 'view')"
            )
        )
        forged = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
    engine.dispose()
    admin.run()
    assert not admin.exception
    intact, broken = _line(admin)
    assert intact == [] or not any("intakt" in s for s in intact)
    assert len(broken) == 1 and f"brudt ved række {forged}" in broken[0], broken
    assert "ikke skrevet af appen" in broken[0]


def test_a_row_changed_in_place_shows_on_the_next_run(db_url):  # noqa: F811
    """An older row changed after the page was opened: a small log is walked whole again."""
    admin = open_page(demo("admin"), "audit")
    engine = create_engine_for(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        first = conn.execute(text("SELECT min(id) FROM audit_log")).scalar()
        conn.execute(text("UPDATE audit_log SET email = 'x@y.dk' WHERE id = :id"), {"id": first})
    engine.dispose()
    admin.run()
    _, broken = _line(admin)
    assert len(broken) == 1 and f"brudt ved række {first}" in broken[0], broken
    assert "ændret" in broken[0]


def test_the_line_in_english(db_url):  # noqa: F811
    admin = open_page(demo("admin", lang="en"), "audit")
    intact, _ = _line(admin)
    assert any("The log's chain is intact" in s for s in intact), intact


def test_the_key_in_the_apps_secrets_makes_the_rows(db_url, monkeypatch):  # noqa: F811
    """[audit] chain_key from the secrets Streamlit loaded (--secrets.files in a replica)."""

    from data_access import audit_chain

    monkeypatch.delenv("BROBYGGER_AUDIT_CHAIN_KEY", raising=False)
    key = "s" * 40
    at = app_test(default_timeout=60)
    at.secrets["audit"] = {"chain_key": key}
    at.query_params["role"] = "admin"
    at.run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    engine = create_engine_for(db_url)
    with engine.connect() as conn:
        newest = conn.execute(text("SELECT key_id FROM audit_log ORDER BY id DESC")).scalar()
    engine.dispose()
    assert newest == audit_chain.key_id(key.encode())


def test_a_retention_below_the_minimum_is_named_not_a_crash(db_url, monkeypatch):  # noqa: F811
    monkeypatch.setenv("BROBYGGER_AUDIT_RETENTION_DAYS", "180")
    admin = open_page(demo("admin"), "audit")
    assert any("nægter at køre" in e.value and "365" in e.value for e in admin.error)
