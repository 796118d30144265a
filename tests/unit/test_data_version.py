"""The data version: bumped in the writing transaction by every write path, on both databases,
and the key that makes a cached figure follow a write made elsewhere (another replica)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access import audit, data_version, dst, schema
from data_access.access import User
from data_access.contact_log import ContactEntry, log_contact
from data_access.db import _alembic_config, create_engine_for, create_schema
from data_access.demo import write_demo
from data_access.imports import import_file, undo_batch
from data_access.overview import data_extent
from data_access.publication.secret import rounding_key, set_rounding_key
from tests.app.conftest import metrics
from tests.synthetic_statbank import Statbank, data_file
from tests.unit.import_files import COURSE_HEADER, csv_file

NOW = dt.datetime(2025, 6, 3, 14, 0)
WRITER = User(subject="sub-test", role="admin", email="t@kommune.dk", name="Test")


def _contact(**overrides) -> ContactEntry:
    values = dict(
        site_id="stubben", at=NOW, person="new", contact_type="conversation", outcome="plan"
    )
    return ContactEntry(**{**values, **overrides})


def _version(engine) -> int:
    return data_version.current(engine)


def test_every_table_but_the_audit_log_the_alerts_and_the_logouts_is_tracked():
    tracked = set(data_version.tracked_tables())
    every = {t.name for t in schema.metadata.sorted_tables}
    # A new table is tracked unless it is named in UNTRACKED on purpose.
    untracked = {
        "audit_log",
        "audit_prune_permits",
        "audit_chain_head",  # moved by every audit append, which changes no figure
        "data_version",
        "alerts",
        "alert_deliveries",
        "login_revocations",
    }
    assert tracked == every - untracked


def test_each_write_path_bumps_the_version(any_engine, helsingor):
    engine = any_engine
    seen = [_version(engine)]

    def bumped() -> bool:
        seen.append(_version(engine))
        return seen[-1] != seen[-2]

    logged = log_contact(engine, helsingor, _contact(), now=NOW, made_by=WRITER)
    assert bumped(), "contact logged"
    undo_batch(engine, logged.batch_id, made_by=WRITER)
    assert bumped(), "contact undone"
    csv = "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n;kronborg;02-03-2025 10:00;samtale;plan"
    result = import_file(engine, helsingor, "contacts", csv.encode(), "k.csv", now=NOW)
    assert result.ok and bumped(), "import"
    undo_batch(engine, result.batch_id)
    assert bumped(), "import undone"
    january = csv_file("BB-V1;stof;06-01-2025;;;;individuel;selv;1980", header=COURSE_HEADER)
    courses = import_file(engine, helsingor, "courses", january, "januar.csv", now=NOW)
    assert courses.ok and bumped(), "courses imported"
    february = csv_file(
        "BB-V1;stof;06-01-2025;15-01-2025;;;individuel;selv;1980", header=COURSE_HEADER
    )
    update = import_file(engine, helsingor, "courses", february, "februar.csv", now=NOW)
    assert update.ok and (update.added, update.updated) == (0, 1), update.problems
    assert bumped(), "a course updated by the next export (nothing added)"
    undo_batch(engine, update.batch_id)
    assert bumped(), "the update undone (the previous state restored)"
    undo_batch(engine, courses.batch_id)
    assert bumped(), "courses undone"
    loaded = dst.load_bytes(engine, "SMDBV002.csv", data_file(Statbank(), "SMDBV002"))
    assert loaded.problem is None and bumped(), "DST figures"
    rounding_key(engine)
    assert bumped(), "rounding key made"
    set_rounding_key(engine, b"\x01" * 32)
    assert bumped(), "rounding key set"
    write_demo(engine, helsingor)
    assert bumped(), "demo data"
    assert len(set(seen)) == len(seen)  # never back to an earlier value


def test_a_rolled_back_write_and_the_audit_log_leave_it(any_engine, helsingor):
    before = _version(any_engine)
    with pytest.raises(RuntimeError), any_engine.begin() as conn:
        conn.execute(text("UPDATE sites SET name = 'x' WHERE id = 'stubben'"))
        assert data_version.current(conn) != before  # bumped inside the transaction ...
        raise RuntimeError("rolled back")
    assert _version(any_engine) == before  # ... and rolled back with it
    with any_engine.begin() as conn:
        audit.record(conn, WRITER, "view", page="data")
    assert _version(any_engine) == before


def test_a_recreated_database_does_not_repeat_a_version(tmp_path):
    """The counter starts at random: a cache entry of a dropped database is never hit."""
    versions = set()
    for n in range(3):
        engine = create_engine_for(f"sqlite:///{tmp_path / f'v{n}.db'}")
        create_schema(engine)
        versions.add(_version(engine))
    assert len(versions) == 3


def test_an_upgraded_database_gets_the_counter_and_lost_triggers_come_back(tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0006")
    create_schema(engine)  # 0006 -> head
    before = _version(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO app_secrets (name, value) VALUES ('a', 'b')"))
        # SQLite's batch migrations copy a table and lose its triggers:
        conn.execute(text(f"DROP TRIGGER {data_version.TRIGGER}_app_secrets_delete"))
    assert _version(engine) != before
    create_schema(engine)  # on the next start
    before = _version(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM app_secrets"))
    assert _version(engine) != before


def _contacts_shown(at: AppTest) -> int:
    return int(metrics(at)["Kontakter"].replace(".", ""))


def _warm_app_and_other_writer(monkeypatch, tmp_path, helsingor, **params: str):
    """The app on a demo database with its caches warm (two runs showing the same figure),
    the figure shown, and an engine of its own as another replica would write with; the
    time of a contact inside the period shown (the demo data's last day)."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    engine = create_engine_for(url)
    write_demo(engine, helsingor)
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    at = app_test(default_timeout=120)
    for key, value in {"role": "admin", "period": "project", **params}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    before = _contacts_shown(at)
    at.run()  # a warm rerun: from the cache
    assert _contacts_shown(at) == before
    as_of = dt.datetime.combine(data_extent(engine)[1], dt.time(10))
    return at, before, create_engine_for(url), as_of  # not the app's engine, not its caches


def test_a_cached_figure_follows_a_write_made_by_another_process(monkeypatch, tmp_path, helsingor):
    """In one process the app's caches hold the figures; a write that does not go through
    this process (another replica) must show on the next rerun all the same."""
    at, before, other, as_of = _warm_app_and_other_writer(monkeypatch, tmp_path, helsingor)
    log_contact(other, helsingor, _contact(at=as_of, person="anonymous"), now=as_of)
    at.run()
    assert _contacts_shown(at) == before + 1


def test_the_committee_publication_follows_a_write_made_by_another_process(
    monkeypatch, tmp_path, helsingor
):
    """The committee's figures are cached twice (the publication and each page's share of
    it, data_access/cached.py); both follow a write that did not go through this process."""
    at, before, other, as_of = _warm_app_and_other_writer(
        monkeypatch, tmp_path, helsingor, committee="1"
    )
    for minute in range(40):  # well past the rounding base, so the published count moves
        entry = _contact(at=as_of + dt.timedelta(minutes=minute), person="anonymous")
        log_contact(other, helsingor, entry, now=as_of + dt.timedelta(hours=1))
    at.run()
    after = _contacts_shown(at)
    assert after % 5 == 0 and after >= before + 35
