"""Courses as case systems export them: the current state, every month.

A course is recognised by the source system's own key (a `forløbs-id` column, optional) or
else by person, department and request date. When a later export shows more (a start, an
end, an end reason), the course is updated and every changed column is recorded in the
batch, so undo can put back what was there. An export that shows less than the database
(no end where one is recorded) is older than what was imported before: refused, not
applied, so the state never goes backwards by accident.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, bindparam, insert, select, update

from data_access import schema
from data_access.imports.changes import change
from data_access.imports.file_checks import Located
from data_access.imports.limits import Deadline
from data_access.imports.report import Problem
from data_access.imports.rows import CourseRow
from data_access.organisation import Organisation

T = schema.treatment_courses
# Columns a later export may change; the first three only ever fill in as a course goes on.
MUTABLE = ("started_on", "ended_on", "end_reason", "modality", "referral_source", "address_site_id")
PROGRESS = ("started_on", "ended_on", "end_reason")
FIELD_OF = {"address_site_id": "address", "department_id": "department"}
CHUNK = 500


def _existing(
    conn: Connection, rows: list[Located], person_ids: dict[str, int]
) -> tuple[dict[str, object], dict[tuple, list]]:
    columns = [
        T.c.id,
        T.c.person_id,
        T.c.department_id,
        T.c.requested_on,
        T.c.external_id,
        *[T.c[c] for c in MUTABLE],
    ]
    by_key: dict[str, object] = {}
    external = sorted({r.row.course_id for r in rows if r.row.course_id})
    for start in range(0, len(external), CHUNK):
        part = external[start : start + CHUNK]
        for found in conn.execute(select(*columns).where(T.c.external_id.in_(part))):
            by_key[found.external_id] = found
    by_natural: dict[tuple, list] = {}
    people = sorted({person_ids[r.row.pseudonym] for r in rows})
    for start in range(0, len(people), CHUNK):
        part = people[start : start + CHUNK]
        for found in conn.execute(select(*columns).where(T.c.person_id.in_(part))):
            natural = (found.person_id, found.department_id, found.requested_on)
            by_natural.setdefault(natural, []).append(found)
    return by_key, by_natural


def _wanted(row: CourseRow, org: Organisation, person_id: int) -> dict[str, object]:
    return {
        "person_id": person_id,
        "department_id": row.department,
        "address_site_id": row.address or org.department(row.department).address,
        "requested_on": row.requested_on,
        "started_on": row.started_on,
        "ended_on": row.ended_on,
        "end_reason": row.end_reason,
        "modality": row.modality,
        "referral_source": row.referral_source,
    }


def _as_text(value: object) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else str(value)


def save_courses(
    conn: Connection,
    org: Organisation,
    rows: list[Located],
    person_ids: dict[str, int],
    batch: int,
    changes: list[dict[str, object]],
    problems: list[Problem],
    deadline: Deadline,
) -> tuple[int, int, int]:
    """Add new courses, update known ones; returns (added, updated, unchanged)."""
    by_key, by_natural = _existing(conn, rows, person_ids)
    inserts: list[dict[str, object]] = []
    # Rows changing the same columns go in one statement each: a course's end and end
    # reason must change together, or the table's own checks object half-way.
    updates: dict[tuple[str, ...], list[dict[str, object]]] = {}
    matched: dict[int, Located] = {}
    unchanged = 0
    for located in rows:
        row = located.row
        assert isinstance(row, CourseRow)
        wanted = _wanted(row, org, person_ids[row.pseudonym])
        current = by_key.get(row.course_id) if row.course_id else None
        by_own_key = current is not None
        if current is not None and current.person_id != wanted["person_id"]:
            problems.append(
                located.problem("course_of_other_person", "course_id", value=row.course_id)
            )
            continue
        if current is None:
            natural = (wanted["person_id"], row.department, row.requested_on)
            candidates = [
                c for c in by_natural.get(natural, []) if not row.course_id or c.external_id is None
            ]
            if len(candidates) > 1:
                problems.append(
                    located.problem("ambiguous_course", "requested_on", detail=str(len(candidates)))
                )
                continue
            current = candidates[0] if candidates else None
        if current is None:
            inserts.append(
                {**wanted, "external_id": row.course_id, "batch_id": batch, "source_key": None}
            )
            continue
        if current.id in matched:
            problems.append(
                located.problem(
                    "conflicting_rows",
                    "course_id" if row.course_id else "requested_on",
                    detail=matched[current.id].where(),
                )
            )
            continue
        matched[current.id] = located
        diffs = _differences(current, wanted, row, by_own_key, located, problems)
        if diffs is None:
            continue
        if not diffs:
            unchanged += 1
            continue
        updates.setdefault(tuple(sorted(diffs)), []).append(
            {"_id": current.id, **{f"_{c}": v for c, v in diffs.items()}}
        )
        for column, new in diffs.items():
            old = getattr(current, column)
            changes.append(change(batch, "treatment_courses", current.id, column, old, new))
    deadline.check()
    if problems:
        return 0, 0, 0
    for columns, values in updates.items():
        statement = (
            update(T)
            .where(T.c.id == bindparam("_id"))
            .values({c: bindparam(f"_{c}", type_=T.c[c].type) for c in columns})
        )
        conn.execute(statement, values)
    for start in range(0, len(inserts), 1000):
        conn.execute(insert(T), inserts[start : start + 1000])
        deadline.check()
    updated = sum(len(values) for values in updates.values())
    return len(inserts), updated, unchanged


def _differences(
    current,
    wanted: dict[str, object],
    row: CourseRow,
    by_own_key: bool,
    located: Located,
    problems: list[Problem],
) -> dict[str, object] | None:
    """The columns to change, or None when the row was refused."""
    diffs: dict[str, object] = {}
    # Found by its forløbs-id, a course may have been moved or its request date corrected.
    identity = ("department_id", "requested_on") if by_own_key else ()
    for column in (*identity, *MUTABLE):
        old, new = getattr(current, column), wanted[column]
        if column == "address_site_id" and row.address is None:
            continue  # the file does not say; the database's address stands
        if old == new:
            continue
        if new is None and column in PROGRESS:
            problems.append(
                located.problem("older_state", FIELD_OF.get(column, column), detail=_as_text(old))
            )
            return None
        diffs[column] = new
    if row.course_id and current.external_id is None:
        diffs["external_id"] = row.course_id
    return diffs
