"""Names from the organisation file are shown as text on every page, never as Markdown."""

from __future__ import annotations

import shutil

import pytest

from bench.app_test import app_test
from data_access.backup import backup_sqlite
from data_access.settings import PROJECT_ROOT
from ui.plain import plain

ORG_NAME = "**fed** [klik](javascript:alert(1)) ![x](http://127.0.0.1:9/p.png)"
DEPARTMENT = "Stof :red[rød] $x$"


@pytest.fixture
def marked_up_org(tmp_path, demo_db_url, monkeypatch):
    source = PROJECT_ROOT / "organisations" / "helsingor.toml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('name = "Helsingør Rusmiddelcenter"', f'name = "{ORG_NAME}"', 1)
    text = text.replace('name = "Stof"', f'name = "{DEPARTMENT}"', 1)
    org_file = tmp_path / "org.toml"
    org_file.write_text(text, encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "organisations" / "helsingor-0217.geojson", tmp_path)
    # A private copy (the names are synced into it), by SQLite's backup API, never a file copy:
    # opening and closing the demo's files outside SQLite drops the locks this process's own
    # connections hold on them (POSIX advisory locks are per process), and another process may
    # then rebuild the shared WAL index under them: a "database disk image is malformed".
    database = backup_sqlite(demo_db_url, tmp_path / "data.db")
    monkeypatch.setenv("BROBYGGER_ORG_FILE", str(org_file))
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", f"sqlite:///{database}")


def test_the_organisation_and_department_names_are_text(marked_up_org):
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(plain(ORG_NAME) in c for c in captions), captions
    assert not any(ORG_NAME in c for c in captions)
    labels = [m.label for m in at.metric]
    assert any(plain(DEPARTMENT) in label for label in labels), labels
