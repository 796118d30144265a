"""What undoing a batch would remove (data_access/batches.preview_undo) counts the batch's
persons that nothing of another batch refers to the same way, whether the batch is small
beside the rest (a search per person) or large (its persons less those the others refer to),
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text

from data_access import batches, contact_log, imports
from data_access.access import User
from data_access.demo import write_demo

ADMIN = User("sub-admin", "admin", "admin@kommune.dk")


def _expected(engine, batch_id: int) -> int:
    """The definition, in pandas: the batch's persons with no contact or course of another
    batch (or of none)."""
    with engine.connect() as conn:
        persons = pd.read_sql(text("SELECT id, batch_id FROM persons"), conn)
        refs = pd.concat(
            [
                pd.read_sql(text(f"SELECT person_id, batch_id FROM {table}"), conn)
                for table in ("outreach_contacts", "treatment_courses")
            ]
        )
    mine = set(persons.loc[persons["batch_id"] == batch_id, "id"])
    others = refs[refs["batch_id"].fillna(-1) != batch_id]
    return len(mine - set(others["person_id"].dropna().astype(int)))


@pytest.fixture
def three_batches(any_engine, helsingor):
    """The demo (large), an import that meets two demo persons again and two new ones, and a
    contact from the form with a new person (small)."""
    write_demo(any_engine, helsingor, until=dt.date(2024, 6, 30))
    with any_engine.connect() as conn:
        known = [
            row[0]
            for row in conn.execute(text("SELECT pseudonym FROM persons ORDER BY id LIMIT 2"))
        ]
    lines = ["pseudonym;sted;tidspunkt;kontakttype;udfald"]
    for n, pseudonym in enumerate([*known, "BB-NEW001", "BB-NEW002"]):
        lines.append(f"{pseudonym};Helsingør Station;0{n + 1}-07-2024 14:30;samtale;plan")
    result = imports.import_file(
        any_engine, helsingor, "contacts", "\r\n".join(lines).encode(), "k.csv", made_by=ADMIN
    )
    assert result.ok
    entry = contact_log.ContactEntry(
        site_id=helsingor.outreach_sites[0].id,
        at=dt.datetime(2024, 7, 10, 12, 0),
        person="new",
        contact_type="conversation",
        outcome="plan",
    )
    logged = contact_log.log_contact(
        any_engine, helsingor, entry, now=dt.datetime(2024, 7, 10, 13, 0), made_by=ADMIN
    )
    with any_engine.connect() as conn:
        ids = [row[0] for row in conn.execute(text("SELECT id FROM import_batches ORDER BY id"))]
    assert len(ids) == 3 and logged.batch_id == ids[2]
    return any_engine, ids


def test_every_batch_counts_its_own_persons_as_defined(three_batches):
    engine, ids = three_batches
    for batch_id in ids:
        preview = batches.preview_undo(engine, batch_id)
        assert preview.persons == _expected(engine, batch_id), batch_id
    demo, imported, form = (batches.preview_undo(engine, i).persons for i in ids)
    # The demo's persons the import met again stay (another batch refers to them).
    assert demo == _expected(engine, ids[0]) and demo > 100
    assert imported == 2 and form == 1
