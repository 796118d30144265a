"""Readiness: ready only when the database answers and its schema is at the newest migration."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from data_access import health
from data_access.db import _alembic_config, create_engine_for
from deploy.postgres import free_port


def test_a_database_at_head_is_ready(any_engine):
    result = health.check(any_engine.url.render_as_string(hide_password=False))
    assert result.ready and result.database == "ok"
    assert result.schema == result.expected == health.expected_revision()


def test_a_database_behind_the_code_is_not_ready(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with create_engine_for(url).begin() as conn:
        command.upgrade(_alembic_config(conn), "0005")
    result = health.check(url)
    assert not result.ready and result.database == "ok" and result.schema == "0005"


def test_no_database_is_not_ready_and_says_why(tmp_path, capsys):
    missing = tmp_path / "none.db"
    result = health.check(f"sqlite:///{missing}")
    assert not result.ready and "none.db" in result.database
    assert not missing.exists()  # the probe made no empty database
    url = f"postgresql+psycopg://nobody:secret@127.0.0.1:{free_port()}/x"
    assert health.main(["--url", url]) == 1
    said = json.loads(capsys.readouterr().out)
    assert said["ready"] is False and "OperationalError" in said["database"]
    assert "secret" not in said["database"]


def test_the_command_exits_0_when_ready(empty_engine, capsys):
    url = empty_engine.url.render_as_string(hide_password=False)
    assert health.main(["--url", url]) == 0
    assert json.loads(capsys.readouterr().out)["ready"] is True
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert health.main(["--url", url]) == 1
