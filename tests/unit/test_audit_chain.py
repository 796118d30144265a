"""The audit log's hash chain on SQLite and PostgreSQL: every change made past the triggers
(a dropped SQLite trigger, a superuser, a forged prune permit) is found by verify, which names
the row; a prune keeps the chain verifiable and never goes below a year; ids are never reused."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from contextlib import contextmanager

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, text

from data_access import audit, audit_chain, audit_verify, batches, imports, schema
from data_access.access import User, cli_user
from data_access.db import _alembic_config, create_engine_for, create_schema, drop_everything

A = schema.audit_log.c
LEDER = User(subject="sub-leder", role="leder", email="leder@kommune.dk")
WORKER = User(subject="sub-worker", role="medarbejder", email="worker@kommune.dk")
ADMIN = User(subject="sub-admin", role="admin", email="admin@kommune.dk")
KEY = "k" * 40  # a configured key (at least 32 characters)


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _fill(engine, users=(LEDER, WORKER, LEDER, ADMIN, WORKER, LEDER)) -> list[int]:
    for n, user in enumerate(users):
        audit.write(engine, user, "view", page="data", pseudonyms=[f"BB-ROW{n:03d}"])
    with engine.connect() as conn:
        return list(conn.scalars(select(A.id).order_by(A.id)))


@contextmanager
def past_the_guards(engine):
    """A connection that can change the log, as someone with the database's credentials can:
    SQLite's triggers dropped, PostgreSQL's disabled (the owner or a superuser may)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        yield conn
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))


def _broken(engine, row_id: int, *kinds: str) -> audit_verify.VerifyResult:
    result = audit.verify(engine)
    assert not result.intact, result.line()
    assert result.problem is not None
    assert result.problem.row_id == row_id, result.line()
    if kinds:
        assert result.problem.kind in kinds, result.line()
    return result


def _cli(engine, capsys, *extra: str) -> tuple[int, str]:
    code = audit.main(["verify", "--url", _url(engine), *extra])
    return code, capsys.readouterr().out


def test_an_untouched_log_verifies_and_the_command_says_so(any_engine, capsys):
    ids = _fill(any_engine)
    result = audit.verify(any_engine)
    assert result.intact and result.rows == len(ids) and result.problem is None
    assert (result.first_id, result.last_id) == (ids[0], ids[-1])
    with any_engine.connect() as conn:
        newest = conn.scalar(select(A.row_hash).where(A.id == ids[-1]))
        first_prev = conn.scalar(select(A.prev_hash).where(A.id == ids[0]))
    assert result.head_hash == newest and first_prev == audit_chain.GENESIS
    code, out = _cli(any_engine, capsys)
    assert code == 0 and f"intact: {len(ids)} rows" in out and newest in out
    assert len(out.strip().splitlines()) == 1


def test_an_empty_log_is_intact(any_engine):
    result = audit.verify(any_engine)
    assert result.intact and result.rows == 0


@pytest.mark.parametrize("where", ["middle", "newest", "first"])
def test_a_changed_row_is_found_and_named(any_engine, capsys, where):
    ids = _fill(any_engine)
    target = {"middle": ids[2], "newest": ids[-1], "first": ids[0]}[where]
    with past_the_guards(any_engine) as conn:
        conn.execute(
            text("UPDATE audit_log SET subject = 'someone-else' WHERE id = :id"), {"id": target}
        )
    _broken(any_engine, target, "changed")
    code, out = _cli(any_engine, capsys)
    assert code == 1 and f"row {target}" in out and "BROKEN" in out


@pytest.mark.parametrize(
    "change",
    [
        "at_utc = :early",
        "pseudonym = NULL",
        "action = 'login'",
        "detail = 'x'",
        "batch_id = 99",
        "email = 'x@y.dk'",
    ],
)
def test_every_content_column_is_covered(any_engine, change):
    ids = _fill(any_engine, (LEDER, WORKER, ADMIN))
    with past_the_guards(any_engine) as conn:
        conn.execute(
            text(f"UPDATE audit_log SET {change} WHERE id = :id"),
            {"id": ids[1], "early": dt.datetime(2020, 1, 1)},
        )
    _broken(any_engine, ids[1], "changed")


def test_a_row_moved_to_another_id_is_found(any_engine):
    ids = _fill(any_engine, (LEDER, WORKER, ADMIN))
    with past_the_guards(any_engine) as conn:
        conn.execute(
            text("UPDATE audit_log SET id = :new WHERE id = :id"), {"new": 900, "id": ids[1]}
        )
    assert not audit.verify(any_engine).intact


def test_deleting_a_middle_row_is_found(any_engine, capsys):
    ids = _fill(any_engine)
    with past_the_guards(any_engine) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[3]})
    _broken(any_engine, ids[4], "missing")
    code, out = _cli(any_engine, capsys)
    assert code == 1 and f"row {ids[4]}" in out


@pytest.mark.parametrize("users", ["in the middle", "at the end"])
def test_deleting_one_users_rows_through_a_forged_permit_is_found(any_engine, capsys, users):
    """The issue's attack: a permit row far in the future lets a DELETE through the
    triggers (with the app's own credentials when it owns the table). The chain shows it."""
    order = (LEDER, WORKER, LEDER, WORKER) if users == "in the middle" else (LEDER, LEDER, WORKER)
    ids = _fill(any_engine, order)
    with any_engine.begin() as conn:
        conn.execute(insert(schema.audit_prune_permits).values(cutoff_utc=dt.datetime(9999, 1, 1)))
        gone = conn.execute(
            text("DELETE FROM audit_log WHERE email = :email"), {"email": WORKER.email}
        ).rowcount
        conn.execute(text("DELETE FROM audit_prune_permits"))
    assert gone == (2 if users == "in the middle" else 1)
    if users == "in the middle":
        _broken(any_engine, ids[2], "missing")
    else:
        _broken(any_engine, ids[-1], "head")  # the head still names the removed newest row
    code, out = _cli(any_engine, capsys)
    assert code == 1 and "BROKEN" in out


def test_deleting_every_row_is_found(any_engine):
    ids = _fill(any_engine)
    with past_the_guards(any_engine) as conn:
        conn.execute(text("DELETE FROM audit_log"))
    _broken(any_engine, ids[-1], "head")


def test_truncate_as_a_superuser_is_found(postgres_engine):
    ids = _fill(postgres_engine)
    with postgres_engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("TRUNCATE audit_log"))
        conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    _broken(postgres_engine, ids[-1], "head")


def test_deleting_the_oldest_rows_without_a_prune_is_found(any_engine):
    ids = _fill(any_engine)
    with past_the_guards(any_engine) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id < :id"), {"id": ids[2]})
    _broken(any_engine, ids[2], "start")


def _forged(conn, *, row_hash: str | None, prev: str | None, key_id: str | None, **over) -> int:
    values = {
        "at_utc": audit.now_utc(),
        "subject": "sub-ghost",
        "email": "ghost@kommune.dk",
        "role": "admin",
        "action": "view",
        "page": "data",
        "batch_id": None,
        "pseudonym": "BB-GHOST1",
        "filters": None,
        "detail": None,
        "client": None,
        **over,
    }
    row_id = conn.scalar(select(func.max(A.id))) + 1
    conn.execute(
        insert(schema.audit_log).values(
            id=row_id, **values, key_id=key_id, prev_hash=prev, row_hash=row_hash
        )
    )
    return row_id


def test_a_row_inserted_with_plain_sql_is_found(any_engine, capsys):
    """No chain columns at all: what an INSERT written without knowing the chain gives."""
    ids = _fill(any_engine, (LEDER, WORKER))
    with any_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (at_utc, subject, action, pseudonym) "
                "VALUES (:at, 'sub-ghost', 'view', 'BB-GHOST1')"
            ),
            {"at": audit.now_utc()},
        )
        forged = conn.scalar(select(func.max(A.id)))
    assert forged > ids[-1]
    _broken(any_engine, forged, "inserted")
    code, out = _cli(any_engine, capsys)
    assert code == 1 and f"row {forged}" in out
    audit.write(any_engine, LEDER, "login")  # the app goes on; the forged row stays found
    _broken(any_engine, forged, "inserted")


def test_a_row_with_a_made_up_hash_is_found(any_engine):
    _fill(any_engine, (LEDER, WORKER))
    with any_engine.begin() as conn:
        forged = _forged(conn, row_hash="ab" * 32, prev="cd" * 32, key_id="0" * 16)
    _broken(any_engine, forged, "inserted", "key")


@pytest.mark.parametrize("scheme", ["sha256", "hmac with a guessed key"])
def test_a_row_chained_by_someone_who_knows_the_scheme_but_not_the_key_is_found(any_engine, scheme):
    """The forger reads the code: the canonical form, the previous hash, the key id; moves the
    head too. Without the key the hash does not verify."""
    _fill(any_engine, (LEDER, WORKER))
    with any_engine.begin() as conn:
        head_id, head_hash = conn.execute(
            text("SELECT last_id, last_hash FROM audit_chain_head")
        ).one()
        kid = conn.scalar(select(A.key_id).where(A.id == head_id))
        row = {
            "id": head_id + 1,
            "at_utc": audit.now_utc(),
            "subject": "sub-ghost",
            "email": None,
            "role": "admin",
            "action": "view",
            "page": "data",
            "batch_id": None,
            "pseudonym": "BB-GHOST1",
            "filters": None,
            "detail": None,
            "client": None,
            "key_id": kid,
            "prev_hash": head_hash,
        }
        data = audit_chain.canonical(row)
        if scheme == "sha256":
            digest = hashlib.sha256(data).hexdigest()
        else:
            digest = hmac.new(b"brobygger", data, "sha256").hexdigest()
        conn.execute(insert(schema.audit_log).values(**row, row_hash=digest))
        conn.execute(
            text("UPDATE audit_chain_head SET last_id = :i, last_hash = :h"),
            {"i": head_id + 1, "h": digest},
        )
    _broken(any_engine, head_id + 1, "changed", "inserted")


def test_rows_removed_from_the_end_with_the_head_moved_back_show_against_a_kept_head(
    any_engine, capsys
):
    """The limit: someone who removes the newest rows and moves the head back (dropping its
    guard) leaves a chain that verifies; a head kept from an earlier check shows it."""
    ids = _fill(any_engine)
    kept = audit.verify(any_engine)
    anchor = f"{kept.last_id}:{kept.head_hash}"
    assert anchor in kept.line()
    with past_the_guards(any_engine) as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_chain_head_forward"))
        else:
            conn.execute(text("ALTER TABLE audit_chain_head DISABLE TRIGGER USER"))
        previous = conn.scalar(select(A.row_hash).where(A.id == ids[-3]))
        conn.execute(text("DELETE FROM audit_log WHERE id > :id"), {"id": ids[-3]})
        conn.execute(
            text("UPDATE audit_chain_head SET last_id = :i, last_hash = :h"),
            {"i": ids[-3], "h": previous},
        )
    assert audit.verify(any_engine).intact  # undetectable without an outside record ...
    code, out = _cli(any_engine, capsys, "--head", anchor)
    assert code == 1 and f"row {ids[-1]}" in out  # ... and found against one
    assert _cli(any_engine, capsys, "--head", "12:nothex")[0] == 2


def test_a_kept_head_still_verifies_after_more_rows_and_a_prune(any_engine, capsys):
    now = audit.now_utc()
    audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=800))
    audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=10))
    kept = audit.verify(any_engine)
    audit.write(any_engine, WORKER, "view")
    assert _cli(any_engine, capsys, "--head", f"{kept.last_id}:{kept.head_hash}")[0] == 0
    first = audit.verify(any_engine).first_id
    assert audit.prune(any_engine, cli_user(), days=730) == 1
    assert _cli(any_engine, capsys, "--head", f"{first}:{kept.head_hash}")[0] == 0  # pruned


# ---- retention -----------------------------------------------------------------------------------


def test_a_prune_keeps_the_chain_verifiable_and_records_what_it_removed(any_engine):
    now = dt.datetime(2026, 6, 1, 12, 0)
    for days_ago in (900, 800, 731, 729, 10):
        audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=days_ago))
    with any_engine.connect() as conn:
        old = conn.execute(select(A.id, A.row_hash).order_by(A.id).limit(3)).all()
    assert audit.prune(any_engine, cli_user(), days=730, now=now) == 3
    result = audit.verify(any_engine)
    assert result.intact and result.rows == 3, result.line()  # two kept and the prune's row
    (prune_row,) = [r for r in _rows(any_engine) if r["action"] == "prune"]
    record = json.loads(prune_row["detail"])
    assert record["removed"] == 3 and record["days"] == 730
    assert (record["first_id"], record["last_id"], record["last_hash"]) == (
        old[0].id,
        old[-1].id,
        old[-1].row_hash,
    )
    assert record["before_utc"] == (now - dt.timedelta(days=730)).isoformat()
    # A second prune later, which removes its predecessor's row too: still intact.
    later = now + dt.timedelta(days=800)
    audit.write(any_engine, WORKER, "view", at=later - dt.timedelta(days=1))
    assert audit.prune(any_engine, cli_user(), days=730, now=later) == 3
    assert audit.verify(any_engine).intact


def _rows(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.audit_log).order_by(A.id)).mappings()]


@pytest.mark.parametrize("days", [0, 1, 30, 180, 364])
def test_a_prune_below_a_year_is_refused_and_removes_nothing(any_engine, days):
    audit.write(any_engine, LEDER, "view", at=audit.now_utc() - dt.timedelta(days=3000))
    with pytest.raises(audit.PruneRefused, match="at least 365 days"):
        audit.prune(any_engine, cli_user(), days=days)
    assert [r["action"] for r in _rows(any_engine)] == ["view"]


def test_the_command_refuses_a_short_retention(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = create_engine_for(url)
    create_schema(engine)
    audit.write(engine, LEDER, "view", at=audit.now_utc() - dt.timedelta(days=3000))
    assert audit.main(["prune", "--days", "1", "--url", url]) == 2
    assert "refused" in capsys.readouterr().err
    monkeypatch.setenv("BROBYGGER_AUDIT_RETENTION_DAYS", "30")
    assert audit.main(["prune", "--url", url]) == 2
    with pytest.raises(ValueError, match="at least 365"):
        audit.retention_days()
    assert [r["action"] for r in _rows(engine)] == ["view"]


def test_a_prune_only_removes_a_prefix(any_engine):
    """A row written out of time order holds back the old rows after it (kept a little
    longer), never a hole in the chain."""
    now = dt.datetime(2026, 6, 1)
    for days_ago in (900, 10, 900, 5):
        audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=days_ago))
    assert audit.prune(any_engine, cli_user(), days=730, now=now) == 1
    assert len(_rows(any_engine)) == 4
    assert audit.verify(any_engine).intact


def test_a_prune_refuses_to_remove_a_break(any_engine):
    now = dt.datetime(2026, 6, 1)
    for days_ago in (900, 800, 10):
        audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=days_ago))
    ids = [r["id"] for r in _rows(any_engine)]
    with past_the_guards(any_engine) as conn:
        conn.execute(text("UPDATE audit_log SET subject = 'x' WHERE id = :id"), {"id": ids[0]})
    with pytest.raises(audit.PruneRefused, match="broken"):
        audit.prune(any_engine, cli_user(), days=730, now=now)
    assert len(_rows(any_engine)) == 3
    _broken(any_engine, ids[0], "changed")


def test_a_forged_prune_record_is_found(any_engine):
    """Removing the oldest rows and adding a 'prune' row that claims it, without the key."""
    ids = _fill(any_engine)
    with past_the_guards(any_engine) as conn:
        last_removed = conn.execute(select(A.id, A.row_hash).where(A.id == ids[1])).one()
        conn.execute(text("DELETE FROM audit_log WHERE id <= :id"), {"id": ids[1]})
        claim = {"removed": 2, "first_id": ids[0], "last_id": ids[1], "last_hash": last_removed[1]}
        forged = _forged(
            conn,
            row_hash="ee" * 32,
            prev="ff" * 32,
            key_id="0" * 16,
            action="prune",
            detail=json.dumps(claim),
        )
    result = _broken(any_engine, ids[2], "start")
    assert result.breaks >= 2 and forged > ids[-1]


# ---- appends -----------------------------------------------------------------------------------


def test_concurrent_writers_never_fork_the_chain(any_engine):
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                audit.write(any_engine, WORKER, "view", pseudonyms=[f"BB-T{n}{i:03d}"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    result = audit.verify(any_engine)
    assert result.intact and result.rows == 60, result.line()


def test_a_bulk_record_is_chained_in_one_go(any_engine):
    people = [f"BB-{n:06d}" for n in range(5000)]
    started = time.perf_counter()
    with any_engine.begin() as conn:
        assert audit.record(conn, ADMIN, "import", batch_id=1, pseudonyms=people) == 5000
    assert time.perf_counter() - started < 10
    result = audit.verify(any_engine)
    assert result.intact and result.rows == 5000


def test_a_rolled_back_write_leaves_the_chain_as_it_was(any_engine):
    _fill(any_engine, (LEDER,))
    with pytest.raises(RuntimeError), any_engine.begin() as conn:
        audit.record(conn, LEDER, "view", pseudonyms=["BB-GONE01"])
        raise RuntimeError("rolled back")
    audit.write(any_engine, LEDER, "view")
    assert audit.verify(any_engine).intact


def test_an_incremental_check_continues_and_still_sees_new_breaks(any_engine):
    ids = _fill(any_engine, (LEDER, WORKER))
    first = audit.verify(any_engine)
    audit.write(any_engine, ADMIN, "view")
    more = audit.verify(any_engine, after=first)
    assert more.intact and more.incremental and more.rows == 3
    with any_engine.begin() as conn:
        forged = _forged(conn, row_hash=None, prev=None, key_id=None)
    assert audit.verify(any_engine, after=more).problem.row_id == forged
    assert ids[0] == more.first_id


def test_an_incremental_check_sees_its_last_row_removed(any_engine):
    ids = _fill(any_engine, (LEDER, WORKER, ADMIN))
    first = audit.verify(any_engine)
    with past_the_guards(any_engine) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[-1]})
    result = audit.verify(any_engine, after=first)
    assert not result.incremental  # it walked everything again
    _broken(any_engine, ids[-1], "head")
    assert result.problem.row_id == ids[-1]


# ---- keys ----------------------------------------------------------------------------------------


def test_a_configured_key_takes_over_and_the_database_key_cannot_forge_after_it(
    any_engine, monkeypatch
):
    ids = _fill(any_engine, (LEDER,))  # with the database's own key
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", KEY)
    audit.write(any_engine, WORKER, "view")
    result = audit.verify(any_engine)
    assert result.intact and result.rows == 2
    with any_engine.connect() as conn:
        key_ids = list(conn.scalars(select(A.key_id).order_by(A.id)))
        own = conn.scalar(
            select(schema.app_secrets.c.value).where(
                schema.app_secrets.c.name == audit_chain.DB_KEY_NAME
            )
        )
    assert key_ids[0] != key_ids[1] == audit_chain.key_id(KEY.encode())
    # Someone with the database (and so its key) appends a row made with that key.
    with any_engine.begin() as conn:
        head_id, head_hash = conn.execute(
            text("SELECT last_id, last_hash FROM audit_chain_head")
        ).one()
        secret = bytes.fromhex(own)
        row = {
            "id": head_id + 1,
            "at_utc": audit.now_utc(),
            "subject": "sub-ghost",
            "email": None,
            "role": "admin",
            "action": "view",
            "page": None,
            "batch_id": None,
            "pseudonym": None,
            "filters": None,
            "detail": None,
            "client": None,
            "key_id": audit_chain.key_id(secret),
            "prev_hash": head_hash,
        }
        digest = audit_chain.row_hash(secret, row)
        conn.execute(insert(schema.audit_log).values(**row, row_hash=digest))
        conn.execute(
            text("UPDATE audit_chain_head SET last_id = :i, last_hash = :h"),
            {"i": head_id + 1, "h": digest},
        )
    _broken(any_engine, head_id + 1, "key")
    # Without the configured key a check cannot vouch for its rows.
    monkeypatch.delenv("BROBYGGER_AUDIT_CHAIN_KEY")
    _broken(any_engine, ids[-1] + 1, "key")


def test_a_server_without_the_configured_key_does_not_write(empty_engine, monkeypatch):
    """A replica missing the key would add rows that break the chain for good: it refuses."""
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", KEY)
    audit.write(empty_engine, LEDER, "view")
    monkeypatch.delenv("BROBYGGER_AUDIT_CHAIN_KEY")
    with pytest.raises(audit_chain.ChainKeyError, match="BROBYGGER_AUDIT_CHAIN_KEY"):
        audit.write(empty_engine, LEDER, "view")
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", KEY)
    assert audit.verify(empty_engine).intact and audit.verify(empty_engine).rows == 1


def test_rotating_keys_keeps_the_chain_verifiable(empty_engine, monkeypatch):
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", "a" * 32)
    audit.write(empty_engine, LEDER, "view")
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", f"{'b' * 32},{'a' * 32}")
    audit.write(empty_engine, LEDER, "view")
    assert audit.verify(empty_engine).intact
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", "b" * 32)  # the old key dropped too soon
    assert audit.verify(empty_engine).problem.kind == "key"


def test_a_short_key_is_refused(empty_engine, monkeypatch):
    monkeypatch.setenv("BROBYGGER_AUDIT_CHAIN_KEY", "short")
    with pytest.raises(ValueError, match="at least 32 characters"):
        audit.write(empty_engine, LEDER, "view")


def test_the_key_can_live_in_the_secrets_file(tmp_path, monkeypatch, empty_engine):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'[audit]\nchain_key = "{KEY}"\n')
    monkeypatch.setattr(audit_chain, "PROJECT_ROOT", tmp_path)
    monkeypatch.delenv("BROBYGGER_AUDIT_CHAIN_KEY", raising=False)
    audit.write(empty_engine, LEDER, "view")
    with empty_engine.connect() as conn:
        assert conn.scalar(select(A.key_id)) == audit_chain.key_id(KEY.encode())


# ---- ids -----------------------------------------------------------------------------------------

CONTACTS = (
    "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    "BB-IMP001;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
).encode()
OTHER = (
    "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    "BB-IMP002;Helsingør Station;02-03-2025 10:00;samtale;plan\r\n"
).encode()


def test_an_undone_batch_number_is_never_given_again(any_engine, helsingor):
    first = imports.import_file(any_engine, helsingor, "contacts", CONTACTS, "a.csv", made_by=ADMIN)
    batches.undo(any_engine, ADMIN, first.batch_id)
    second = imports.import_file(any_engine, helsingor, "contacts", OTHER, "b.csv", made_by=ADMIN)
    assert second.batch_id > first.batch_id
    trail = [(r["action"], r["batch_id"]) for r in _rows(any_engine)]
    assert trail == [
        ("import", first.batch_id),
        ("undo_import", first.batch_id),
        ("import", second.batch_id),
    ]
    assert audit.verify(any_engine).intact


def test_an_audit_id_is_never_given_again(any_engine):
    now = dt.datetime(2026, 6, 1)
    audit.write(any_engine, LEDER, "view", at=now - dt.timedelta(days=900))
    (old,) = [r["id"] for r in _rows(any_engine)]
    assert audit.prune(any_engine, cli_user(), days=730, now=now) == 1
    (prune_row,) = _rows(any_engine)
    assert prune_row["id"] > old
    with past_the_guards(any_engine) as conn:  # the newest row removed by hand ...
        conn.execute(text("DELETE FROM audit_log"))
    audit.write(any_engine, LEDER, "view")
    (newest,) = _rows(any_engine)
    assert newest["id"] > prune_row["id"]  # ... its id is not handed out again


def test_the_sqlite_tables_are_autoincrement(empty_engine):
    with empty_engine.connect() as conn:
        for table in ("audit_log", "import_batches"):
            sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table})
            assert "AUTOINCREMENT" in sql


# ---- upgrading -----------------------------------------------------------------------------------


def test_an_older_log_is_chained_by_the_migration(any_engine):
    """A database at 0009 with audit rows (one naming batch 7, which no longer exists) is
    upgraded: its rows verify, and no new batch takes number 7."""
    engine = any_engine
    drop_everything(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0009")
    with engine.begin() as conn:
        for n, (action, batch) in enumerate([("import", 7), ("undo_import", 7), ("view", None)]):
            conn.execute(
                text(
                    "INSERT INTO audit_log (at_utc, subject, action, batch_id, pseudonym) "
                    "VALUES (:at, 'sub-old', :action, :batch, :p)"
                ),
                {"at": dt.datetime(2025, 1, 1, 10, n), "action": action, "batch": batch, "p": None},
            )
    create_schema(engine)
    result = audit.verify(engine)
    assert result.intact and result.rows == 3, result.line()
    with engine.begin() as conn:
        from data_access.db import new_batch

        assert new_batch(conn, "csv") > 7
    audit.write(engine, LEDER, "view")
    assert audit.verify(engine).intact


def test_the_migration_keeps_sqlite_references_intact(tmp_path, helsingor):
    """import_batches is rebuilt under the persons and contacts that refer to it."""
    from data_access.contact_log import ContactEntry, log_contact
    from data_access.db import sync_organisation

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine_for(url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0009")
    sync_organisation(engine, helsingor)
    entry = ContactEntry(
        site_id=helsingor.outreach_sites[0].id,
        at=dt.datetime(2025, 3, 1, 14, 30),
        person="new",
        contact_type="conversation",
        outcome="plan",
    )
    logged = log_contact(engine, helsingor, entry, made_by=None)  # 0009 has no chain yet
    create_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        assert conn.scalar(select(func.count()).select_from(schema.import_batches)) == 1
    assert batches.undo(engine, ADMIN, logged.batch_id) == 2


# ---- any single tampering is found ---------------------------------------------------------------

TAMPERING = st.one_of(
    st.tuples(st.just("update"), st.integers(0, 7), st.sampled_from(["subject", "detail"])),
    st.tuples(st.just("delete"), st.integers(0, 7), st.integers(1, 3)),
    st.tuples(st.just("insert"), st.integers(0, 7), st.just("")),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TAMPERING)
def test_any_single_tampering_is_found(tmp_path_factory, tampering):
    engine = create_engine_for(f"sqlite:///{tmp_path_factory.mktemp('h') / 'h.db'}")
    create_schema(engine)
    ids = _fill(engine, (LEDER, WORKER, ADMIN, LEDER, WORKER, ADMIN, LEDER, WORKER))
    kind, at, arg = tampering
    with past_the_guards(engine) as conn:
        if kind == "update":
            conn.execute(text(f"UPDATE audit_log SET {arg} = 'x' WHERE id = :id"), {"id": ids[at]})
        elif kind == "delete":
            gone = ids[at : at + arg]
            conn.execute(text(f"DELETE FROM audit_log WHERE id IN ({','.join(map(str, gone))})"))
        else:
            conn.execute(
                text(
                    "INSERT INTO audit_log (at_utc, subject, action) VALUES (:at, 'ghost', 'view')"
                ),
                {"at": audit.now_utc()},
            )
    assert not audit.verify(engine).intact
    engine.dispose()
