"""Verifying the audit log's hash chain (data_access/audit_chain.py writes it): every row's hash
recomputed with its key, every link to the row before, the head and the pruned prefix's anchor;
a break names the first row where the log no longer is what was written."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import time
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select

from data_access.audit_chain import (
    ACTION,
    AT,
    DETAIL,
    GENESIS,
    HASH,
    ID,
    KEY_ID,
    PREV,
    A,
    H,
    Key,
    _chunks,
    keyring,
    tuple_hash,
)

BREAKS = {
    "changed": "the row's content does not match its hash (changed after it was written, or "
    "forged without the key)",
    "inserted": "the row was not appended by the app (it is not part of the chain)",
    "missing": "rows were removed here (the chain continues from a row that is not there)",
    "start": "the first row does not continue from the last prune's record (rows removed "
    "without a prune, or the prune's record altered)",
    "key": "the row is hashed with a key this check does not have, or with an older key than "
    "rows before it",
    "head": "the newest rows are missing (the chain head names a later row)",
}


@dataclass(frozen=True)
class Break:
    row_id: int
    kind: str  # a key of BREAKS
    detail: str

    def describe(self) -> str:
        return f"row {self.row_id}: {BREAKS[self.kind]}; {self.detail}"


@dataclass(frozen=True)
class VerifyResult:
    """What a walk of the chain found. `intact` with the rows checked and the head, or the
    first break (`problem`) and how many breaks there were."""

    intact: bool
    rows: int  # rows checked
    first_id: int | None = None
    last_id: int | None = None
    since: dt.datetime | None = None  # the oldest row's time (UTC)
    until: dt.datetime | None = None  # the newest row's time (UTC)
    head_hash: str = GENESIS
    problem: Break | None = None
    breaks: int = 0
    # Where an incremental check continues (see `verify(after=...)`).
    before_hash: str = GENESIS
    rank: int | None = None
    prune: tuple[int, int, str] | None = None
    checked_at: dt.datetime | None = None  # when every row was last recomputed (UTC)
    incremental: bool = False
    seconds: float = 0.0  # how long the walk took

    @property
    def ok(self) -> bool:
        return self.intact

    def line(self) -> str:
        """One line for the command and the log."""
        if self.problem is not None:
            more = f" ({self.breaks} breaks in all)" if self.breaks > 1 else ""
            return f"Audit chain BROKEN at {self.problem.describe()}{more}; {self.rows} rows read"
        if not self.rows:
            return f"Audit chain intact: no rows; head {self.head_hash}"
        span = ""
        if self.since and self.until:
            span = f", {self.since:%Y-%m-%d %H:%M} to {self.until:%Y-%m-%d %H:%M} UTC"
        return (
            f"Audit chain intact: {self.rows} rows, ids {self.first_id}-{self.last_id}{span}; "
            f"head {self.last_id}:{self.head_hash} (keep it: verify --head with it shows "
            "later whether rows up to it were removed)"
        )


def _as_time(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass
class _Walk:
    keys: dict[str, Key]
    last_id: int | None = None  # the newest row accepted into the chain
    last_hash: str | None = None  # None: no row accepted yet (the start is checked at the end)
    before_hash: str = GENESIS  # the hash the row before the newest one had
    rank: int | None = None  # the newest key's rank so far
    rows: int = 0  # rows read
    first_id: int | None = None
    first_prev: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    breaks: list[Break] = field(default_factory=list)
    prune: tuple[int, int, str] | None = None  # the newest valid prune: row, last id, hash
    pruned: bool = False  # a prune that removed rows was read in this walk
    anchor: tuple[int, str] | None = None
    anchor_seen: bool = False

    def check(self, row: tuple, successor: str | None) -> None:
        """One row, given the hash the chain continues from after it: the next row's
        prev_hash, or the head's hash when this is the newest row and the head names it."""
        self.rows += 1
        rid, stored, expected = row[ID], row[HASH], self.last_hash
        if self.anchor is not None and rid == self.anchor[0]:
            self.anchor_seen = True
            if stored != self.anchor[1]:
                self.breaks.append(
                    Break(rid, "changed", "its hash is not the one an earlier check recorded")
                )
        if stored is None or row[PREV] is None or row[KEY_ID] is None:
            self.breaks.append(Break(rid, "inserted", "it has no chain hash"))
            return  # skipped: the next row should continue from the one before it
        key = self.keys.get(row[KEY_ID])
        if key is None:
            self.breaks.append(Break(rid, "key", f"unknown key id {row[KEY_ID]}"))
            return
        if not hmac.compare_digest(tuple_hash(key.secret, row), stored):
            if successor == stored:  # the chain went on from it: its content was changed
                self.breaks.append(Break(rid, "changed", "its content differs from its hash"))
                self._advance(row, key)
            elif successor is None or successor == expected or expected is None:
                self.breaks.append(Break(rid, "inserted", "its hash does not verify"))
            else:
                self.breaks.append(Break(rid, "changed", "its content differs from its hash"))
                self._advance(row, key)
            return
        if self.rank is not None and key.rank > self.rank:
            self.breaks.append(
                Break(rid, "key", f"key {key.id} ({key.source}) after a newer key was in use")
            )
        if expected is not None and row[PREV] != expected:
            if row[PREV] == self.before_hash and self.last_id is not None:
                self.breaks.append(
                    Break(
                        self.last_id,
                        "inserted",
                        f"row {rid} continues from the row before it, not from this one",
                    )
                )
            else:
                self.breaks.append(
                    Break(
                        rid,
                        "missing",
                        f"it does not continue from row {self.last_id} (rows between them were "
                        f"removed, or row {self.last_id} was rewritten)",
                    )
                )
        if row[ACTION] == "prune":
            self._note_prune(row)
        self._advance(row, key)

    def _advance(self, row: tuple, key: Key) -> None:
        if self.first_id is None:
            self.first_id, self.first_prev = row[ID], row[PREV]
            self.since = _as_time(row[AT])
        self.until = _as_time(row[AT]) or self.until
        self.before_hash = self.last_hash or GENESIS
        self.last_hash, self.last_id = row[HASH], row[ID]
        self.rank = key.rank if self.rank is None else min(self.rank, key.rank)

    def _note_prune(self, row: tuple) -> None:
        try:
            record = json.loads(row[DETAIL] or "{}")
            if int(record.get("removed", 0)) > 0 and record.get("last_hash"):
                self.prune = (row[ID], int(record["last_id"]), str(record["last_hash"]))
                self.pruned = True
        except (ValueError, TypeError, KeyError, AttributeError):
            pass


def _head(conn: Connection) -> tuple[int, str] | None:
    head = conn.execute(select(H.last_id, H.last_hash).where(H.id == 1)).first()
    return (int(head[0]), str(head[1])) if head else None


def verify(
    engine: Engine,
    after: VerifyResult | None = None,
    anchor: tuple[int, str] | None = None,
) -> VerifyResult:
    """Walk the log in id order, recompute every hash and check every link, the start against
    the newest prune's record and the end against the head. With `after` (an intact result of
    an earlier call) only the rows since are walked; a prune since then makes it a full walk
    (the start has moved). `anchor` (id, hash): a head printed by an earlier check, which must
    still be in the chain unless pruned since (the one way to see rows removed from the end by
    someone who also moved the head back)."""
    began = time.perf_counter()
    resume = after is not None and after.intact and after.last_id is not None
    with engine.connect() as conn:
        if resume:
            assert after is not None
            still = conn.scalar(select(A.row_hash).where(A.id == after.last_id))
            if still != after.head_hash:  # the row it ended with is gone or changed
                return verify(engine, anchor=anchor)
        walk = _Walk(keyring(conn), anchor=anchor)
        start = 0
        if resume:
            assert after is not None and after.last_id is not None
            walk.last_id, walk.last_hash = after.last_id, after.head_hash
            walk.before_hash, walk.rank = after.before_hash, after.rank
            walk.rows, walk.first_id = after.rows, after.first_id
            walk.since, walk.until = after.since, after.until
            walk.prune = after.prune
            start = after.last_id
        pending: tuple | None = None
        while True:
            for chunk in _chunks(conn, start):
                for row in chunk:
                    if pending is not None:
                        walk.check(pending, row[PREV])
                    pending = row
                start = chunk[-1][ID]
            head = _head(conn)
            if head is None or head[0] <= start:
                break
            if conn.execute(select(A.id).where(A.id > start).limit(1)).first() is None:
                break  # the head names rows that are not there
        if pending is not None:
            on_head = head is not None and head[0] == pending[ID]
            walk.check(pending, head[1] if on_head and head else None)
        if resume and walk.pruned:
            return verify(engine, anchor=anchor)
        if not resume:
            _check_start(walk)
        _check_end(conn, walk, head)
        _check_anchor(walk)
    breaks = sorted(walk.breaks, key=lambda b: b.row_id)
    return VerifyResult(
        intact=not breaks,
        rows=walk.rows,
        first_id=walk.first_id,
        last_id=walk.last_id,
        since=walk.since,
        until=walk.until,
        head_hash=head[1] if head else (walk.last_hash or GENESIS),
        problem=breaks[0] if breaks else None,
        breaks=len(breaks),
        before_hash=walk.before_hash,
        rank=walk.rank,
        prune=walk.prune,
        # When every row was last recomputed: an incremental check keeps its full walk's time.
        checked_at=(
            after.checked_at
            if resume and after is not None
            else dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ),
        incremental=resume,
        seconds=time.perf_counter() - began,
    )


def _check_start(walk: _Walk) -> None:
    if walk.first_id is None:
        return
    expected, why = GENESIS, "no prune has removed rows, so it should start from nothing"
    if walk.prune is not None:
        prune_row, last_removed, expected = walk.prune
        why = f"the prune at row {prune_row} removed rows up to {last_removed}"
        if walk.first_id <= last_removed:
            walk.breaks.append(
                Break(walk.first_id, "start", f"{why}, yet row {walk.first_id} is there")
            )
            return
    if walk.first_prev is not None and walk.first_prev != expected:
        walk.breaks.append(Break(walk.first_id, "start", why))


def _check_end(conn: Connection, walk: _Walk, head: tuple[int, str] | None) -> None:
    if head is None:
        if walk.rows:
            walk.breaks.append(Break(walk.last_id or 0, "head", "the chain head is missing"))
        return
    head_id, head_hash = head
    last_id = walk.last_id or 0
    if head_id > last_id:
        walk.breaks.append(
            Break(head_id, "head", f"the head names row {head_id}, the newest row is {last_id}")
        )
    elif head_id == last_id and walk.last_hash is not None and head_hash != walk.last_hash:
        walk.breaks.append(
            Break(last_id, "changed", "it no longer matches the hash the head recorded for it")
        )
    elif head_id < last_id:
        newer = conn.scalar(select(A.id).where(A.id > head_id).order_by(A.id).limit(1))
        walk.breaks.append(
            Break(
                int(newer or last_id),
                "inserted",
                f"it is newer than the chain head (row {head_id}): not appended by the app",
            )
        )


def _check_anchor(walk: _Walk) -> None:
    if walk.anchor is None or walk.anchor_seen:
        return
    row_id = walk.anchor[0]
    if walk.first_id is not None and row_id < walk.first_id:
        return  # pruned since (the start check covers the prune's record)
    if walk.last_id is None or row_id > walk.last_id:
        walk.breaks.append(
            Break(row_id, "head", f"an earlier check saw row {row_id}; the chain ends before it")
        )
    else:
        walk.breaks.append(Break(row_id, "missing", "an earlier check saw this row"))
