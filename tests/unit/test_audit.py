"""The audit log on SQLite and PostgreSQL: append-only, written with the write it records,
pruned only by the retention command, and the extract for one person without staff names."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic import command
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from data_access import audit, batches, imports, schema
from data_access.access import User, cli_user, demo_user
from data_access.contact_log import ContactEntry, EntryError, log_contact
from data_access.db import _alembic_config, drop_everything
from data_access.filters import Filters

A = schema.audit_log.c
LEDER = User(subject="sub-leder", role="leder", email="leder@kommune.dk")
WORKER = User(subject="sub-worker", role="medarbejder", email="worker@kommune.dk")
OTHER = User(subject="sub-other", role="medarbejder", email="other@kommune.dk")
ADMIN = User(subject="sub-admin", role="admin", email="admin@kommune.dk")


def _rows(engine, **where) -> list[dict]:
    query = select(schema.audit_log).order_by(A.id)
    for name, value in where.items():
        query = query.where(A[name] == value)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)))


def _refuses(engine, statement) -> None:
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(statement)


def test_update_and_delete_on_the_audit_table_fail(any_engine):
    audit.write(any_engine, LEDER, "view", page="data", pseudonyms=["BB-AAAAAA"])
    _refuses(any_engine, update(schema.audit_log).values(subject="someone else"))
    _refuses(any_engine, update(schema.audit_log).values(at_utc=dt.datetime(2000, 1, 1)))
    _refuses(any_engine, delete(schema.audit_log))
    _refuses(any_engine, text("DELETE FROM audit_log WHERE pseudonym = 'BB-AAAAAA'"))
    assert _rows(any_engine)[0]["subject"] == "sub-leder"  # unchanged


def test_truncate_fails_on_postgresql(postgres_engine):
    audit.write(postgres_engine, LEDER, "login")
    _refuses(postgres_engine, text("TRUNCATE audit_log"))
    assert _count(postgres_engine, schema.audit_log) == 1


def test_the_migration_installs_the_same_triggers(any_engine):
    """A database upgraded from 0002 (not made by create_all) refuses changes too."""
    engine = any_engine
    drop_everything(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    audit.write(engine, ADMIN, "login")
    _refuses(engine, update(schema.audit_log).values(email=None))
    _refuses(engine, delete(schema.audit_log))
    later = audit.now_utc() + dt.timedelta(days=audit.MINIMUM_RETENTION_DAYS + 1)
    assert audit.prune(engine, cli_user(), days=audit.MINIMUM_RETENTION_DAYS, now=later) == 1
    assert audit.verify(engine).intact


def test_pruning_removes_only_old_rows_and_audits_itself(any_engine):
    now = dt.datetime(2026, 6, 1, 12, 0)
    for days_ago in (800, 731, 729, 10):
        audit.write(any_engine, LEDER, "view", page="data", at=now - dt.timedelta(days=days_ago))
    removed = audit.prune(any_engine, cli_user(), days=730, now=now)
    assert removed == 2
    rows = _rows(any_engine)
    assert [r["at_utc"] for r in rows[:2]] == [now - dt.timedelta(days=729), now - dt.timedelta(10)]
    prune_row = rows[-1]
    assert prune_row["action"] == "prune" and prune_row["subject"].startswith("cli:")
    assert json.loads(prune_row["detail"])["removed"] == 2
    # The permit lived only inside the prune's transaction: deleting is refused again.
    assert _count(any_engine, schema.audit_prune_permits) == 0
    _refuses(any_engine, delete(schema.audit_log))


def test_a_permit_only_opens_rows_older_than_its_cutoff(any_engine):
    now = dt.datetime(2026, 6, 1)
    audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=5))
    audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=1))
    with pytest.raises(DBAPIError, match="append-only"), any_engine.begin() as conn:
        conn.execute(insert(schema.audit_prune_permits).values(cutoff_utc=now - dt.timedelta(3)))
        conn.execute(delete(schema.audit_log))  # the younger row blocks the whole statement
    assert _count(any_engine, schema.audit_log) == 2
    assert _count(any_engine, schema.audit_prune_permits) == 0  # rolled back with it


def test_the_retention_command(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    from data_access.db import create_engine_for, create_schema

    engine = create_engine_for(url)
    create_schema(engine)
    audit.write(engine, LEDER, "view", at=audit.now_utc() - dt.timedelta(days=800))
    audit.write(engine, LEDER, "view", at=audit.now_utc() - dt.timedelta(days=100))
    monkeypatch.setenv("BROBYGGER_AUDIT_RETENTION_DAYS", "730")
    assert audit.main(["prune", "--url", url]) == 0
    assert "removed: 1" in capsys.readouterr().out
    # Below the minimum (a year) nothing is removed, asked for or configured.
    assert audit.main(["prune", "--url", url, "--days", "50"]) == 2
    assert "at least 365 days" in capsys.readouterr().err
    monkeypatch.setenv("BROBYGGER_AUDIT_RETENTION_DAYS", "364")
    assert audit.main(["prune", "--url", url]) == 2
    assert "BROBYGGER_AUDIT_RETENTION_DAYS is 364 days" in capsys.readouterr().err
    assert [r["action"] for r in _rows(engine)] == ["view", "prune"]
    assert audit.main(["prune", "--url", url, "--days", "365"]) == 0
    assert "removed: 0" in capsys.readouterr().out
    monkeypatch.setenv("BROBYGGER_AUDIT_RETENTION_DAYS", "two years")
    assert audit.main(["prune", "--url", url]) == 2
    assert "not a number of days" in capsys.readouterr().err
    assert audit.main(["verify", "--url", url]) == 0
    assert "intact: 3 rows" in capsys.readouterr().out


def _entry(helsingor, **overrides) -> ContactEntry:
    values = {
        "site_id": helsingor.outreach_sites[0].id,
        "at": dt.datetime(2025, 3, 1, 14, 30),
        "person": "new",
        "contact_type": "conversation",
        "outcome": "plan",
    }
    return ContactEntry(**{**values, **overrides})


def test_a_logged_contact_records_who_and_is_audited_with_the_pseudonym(any_engine, helsingor):
    logged = log_contact(any_engine, helsingor, _entry(helsingor), made_by=WORKER)
    with any_engine.connect() as conn:
        made = conn.execute(
            select(schema.import_batches.c.made_by, schema.outreach_contacts.c.made_by).join(
                schema.outreach_contacts,
                schema.outreach_contacts.c.batch_id == schema.import_batches.c.id,
            )
        ).one()
    assert tuple(made) == ("sub-worker", "sub-worker")
    (row,) = _rows(any_engine, action="contact_logged")
    assert row["subject"] == "sub-worker" and row["role"] == "medarbejder"
    assert row["pseudonym"] == logged.pseudonym and row["batch_id"] == logged.batch_id


def test_a_failed_write_leaves_no_audit_row(any_engine, helsingor):
    entry = _entry(helsingor, person="existing", pseudonym="BB-NOSUCH")
    with pytest.raises(EntryError):
        log_contact(any_engine, helsingor, entry, made_by=WORKER)
    assert _rows(any_engine) == []
    assert _count(any_engine, schema.import_batches) == 0


def test_only_the_author_or_an_admin_may_undo_a_contact(any_engine, helsingor):
    logged = log_contact(any_engine, helsingor, _entry(helsingor), made_by=WORKER)
    assert list(batches.own_entries(any_engine, WORKER)["batch_id"]) == [logged.batch_id]
    assert batches.own_entries(any_engine, OTHER).empty
    with pytest.raises(batches.NotYours):
        batches.undo(any_engine, OTHER, logged.batch_id)
    assert _rows(any_engine, action="contact_undone") == []
    preview = batches.preview_undo(any_engine, logged.batch_id)
    assert (preview.contacts, preview.courses, preview.persons) == (1, 0, 1)
    assert batches.undo(any_engine, WORKER, logged.batch_id) == 2  # the contact and the person
    (row,) = _rows(any_engine, action="contact_undone")
    assert row["subject"] == "sub-worker" and row["pseudonym"] == logged.pseudonym
    assert batches.preview_undo(any_engine, logged.batch_id) is None
    with pytest.raises(LookupError):
        batches.undo(any_engine, ADMIN, logged.batch_id)


CONTACTS = (
    "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    "BB-IMP001;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    "BB-IMP002;Helsingør Station;02-03-2025 10:00;kort kontakt;ingen\r\n"
    ";Helsingør Station;02-03-2025 11:00;kort kontakt;ingen\r\n"
).encode()


def test_an_import_and_its_undo_are_audited_with_who_and_whom(any_engine, helsingor):
    result = imports.import_file(
        any_engine, helsingor, "contacts", CONTACTS, "kontakter.csv", made_by=ADMIN
    )
    assert result.ok and result.added == 3
    rows = _rows(any_engine, action="import")
    assert sorted(r["pseudonym"] for r in rows) == ["BB-IMP001", "BB-IMP002"]
    assert {r["batch_id"] for r in rows} == {result.batch_id}
    with any_engine.connect() as conn:
        assert set(conn.scalars(select(schema.outreach_contacts.c.made_by))) == {"sub-admin"}
    history = batches.history(any_engine)
    assert history.loc[0, "made_by"] == "admin@kommune.dk"  # the e-mail from the audit row
    preview = batches.preview_undo(any_engine, result.batch_id)
    assert (preview.contacts, preview.persons) == (3, 2)
    with pytest.raises(batches.NotYours):  # a manager may not undo an import
        batches.undo(any_engine, LEDER, result.batch_id)
    assert batches.undo(any_engine, ADMIN, result.batch_id) == 5
    undone = _rows(any_engine, action="undo_import")
    assert sorted(r["pseudonym"] for r in undone) == ["BB-IMP001", "BB-IMP002"]


def test_an_import_that_fails_midway_leaves_no_audit_row(any_engine, helsingor):
    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        imports.import_file(
            any_engine, helsingor, "contacts", CONTACTS, "k.csv", made_by=ADMIN, before_commit=fail
        )
    assert _rows(any_engine) == []


def test_the_extract_lists_dates_and_purposes_without_staff(any_engine):
    f = Filters(dt.date(2025, 1, 1), dt.date(2025, 3, 31), departments=("stof",))
    audit.write(any_engine, LEDER, "view", page="data", pseudonyms=["BB-ONE111", "BB-TWO222"])
    audit.write(any_engine, LEDER, "export", page="data", pseudonyms=["BB-ONE111"], filters=f)
    audit.write(any_engine, demo_user("leder"), "view", page="data", pseudonyms=["BB-TWO222"])
    frame = audit.extract(any_engine, " bb-one111 ")
    assert list(frame.columns) == ["at_utc", "action", "page"]  # no subject, e-mail or role
    assert list(frame["action"]) == ["view", "export"]
    (export,) = _rows(any_engine, action="export")
    assert json.loads(export["filters"])["departments"] == ["stof"]
    assert audit.extract(any_engine, "BB-NONE00").empty


def test_reading_the_log_with_filters(any_engine):
    day = dt.datetime(2025, 5, 5, 9)
    audit.write(any_engine, LEDER, "view", page="data", at=day)
    audit.write(any_engine, ADMIN, "import", batch_id=7, pseudonyms=["BB-X00001"], at=day)
    audit.write(any_engine, ADMIN, "login", at=day + dt.timedelta(days=3))
    everything = audit.read(any_engine, audit.LogQuery())
    assert list(everything["action"]) == ["login", "import", "view"]  # newest first
    one_day = audit.LogQuery(start=day.date(), end=day.date())
    assert len(audit.read(any_engine, one_day)) == 2
    assert list(audit.read(any_engine, audit.LogQuery(who="LEDER@"))["action"]) == ["view"]
    assert list(audit.read(any_engine, audit.LogQuery(actions=("import",)))["batch_id"]) == [7]
    assert len(audit.read(any_engine, audit.LogQuery(pseudonym="bb-x00001"))) == 1


def test_a_login_is_recorded_once_per_token(any_engine):
    first = User(subject="s", role="leder", issued_at=100)
    assert audit.record_login(any_engine, first)
    assert not audit.record_login(any_engine, first)  # another tab, the same login
    assert audit.record_login(any_engine, User(subject="s", role="leder", issued_at=200))
    assert len(_rows(any_engine, action="login")) == 2


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(None, LEDER, "peek")  # type: ignore[arg-type]


def test_the_commands_leave_audit_rows(tmp_path, demo_db_url):
    """The brief and a backup made on the command line are audited as the OS account."""
    from data_access import backup
    from data_access.db import create_engine_for
    from ui import brief

    url = f"sqlite:///{tmp_path / 'copy.db'}"
    backup.backup_sqlite(demo_db_url, tmp_path / "copy.db")
    out = tmp_path / "brief.pdf"
    assert (
        brief.main(["--from", "2025-01-01", "--to", "2025-03-31", "--url", url, "--out", str(out)])
        == 0
    )
    assert backup.main(["--url", url, "--out", str(tmp_path / "b.db")]) == 0
    engine = create_engine_for(url)
    rows = [r for r in _rows(engine) if r["subject"].startswith("cli:")]
    assert [(r["action"], r["page"]) for r in rows] == [("brief", None), ("export", "backup")]
    assert json.loads(rows[0]["filters"])["from"] == "2025-01-01"
