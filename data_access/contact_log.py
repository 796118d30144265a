"""Logging one outreach contact from the field (the phone form), through the same batch
mechanism as imports, so the last entry can be undone as a whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

from opening_hours import OpeningHours
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from data_access import audit, clock, schema
from data_access.access import User
from data_access.aggregates import refresh_batch
from data_access.demo import PSEUDONYM_ALPHABET
from data_access.organisation import Organisation

PersonChoice = Literal["existing", "new", "anonymous"]
FUTURE_TOLERANCE = dt.timedelta(minutes=5)  # phone clocks drift


@dataclass(frozen=True)
class ContactEntry:
    site_id: str
    at: dt.datetime
    person: PersonChoice
    contact_type: str
    outcome: str
    pseudonym: str | None = None  # for an existing person
    referral_department: str | None = None  # creates a treatment request


@dataclass(frozen=True)
class LoggedContact:
    batch_id: int
    contact_id: int
    pseudonym: str | None
    request_id: int | None
    site_was_closed: bool
    repeated: bool = False  # the same submission arrived again: nothing new was saved


class EntryError(ValueError):
    """A form entry that cannot be saved; `code` is worded by the UI ("log.error.<code>")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


RECENT_PERSONS = 500


def pseudonyms(engine: Engine, limit: int = RECENT_PERSONS) -> list[str]:
    """The pseudonyms of the persons met most recently (at most `limit`, sorted), for the
    form's list: at national scale the registry holds hundreds of thousands, too many to send
    to a phone; any other is typed. Read from the newest contacts backwards (an index walk)."""
    contacts = schema.outreach_contacts.c
    latest = (
        select(contacts.person_id)
        .where(contacts.person_id.is_not(None))
        .order_by(contacts.contact_at.desc())
        .limit(limit * 20)
    )
    with engine.connect() as conn:
        ids = list(dict.fromkeys(conn.scalars(latest)))[:limit]
        query = (
            select(schema.persons.c.pseudonym)
            .where(schema.persons.c.id.in_(ids))
            .order_by(schema.persons.c.pseudonym)
        )
        return list(conn.scalars(query))


def last_site(engine: Engine) -> str | None:
    """The site of the most recently logged contact (offered first in the form)."""
    query = (
        select(schema.outreach_contacts.c.site_id)
        .order_by(schema.outreach_contacts.c.id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        return conn.scalar(query)


def site_closed_at(org: Organisation, site_id: str, at: dt.datetime) -> bool:
    return not OpeningHours(org.site(site_id).opening_hours, country="DK").is_open(at)


def log_contact(
    engine: Engine,
    org: Organisation,
    entry: ContactEntry,
    now: dt.datetime | None = None,
    *,
    made_by: User | None = None,
    submission: str | None = None,
) -> LoggedContact:
    """Save one contact (and a referral's treatment request) as a batch of its own; `made_by`
    is stored on the batch and the contact and audited in the same transaction.

    `submission` names one submission of the form: the same one arriving again (a double tap,
    a rerun after the first save) returns the contact already saved instead of a second one.
    """
    now = now or clock.local_now(org.timezone)
    key = submission_key(submission) if submission else None
    if key and (earlier := _submitted(engine, org, key)) is not None:
        return earlier
    if entry.site_id not in {s.id for s in org.sites}:
        raise EntryError("unknown_site")
    if entry.at > now + FUTURE_TOLERANCE:
        raise EntryError("in_future")
    if (
        entry.contact_type not in schema.CONTACT_TYPES
        or entry.outcome not in schema.CONTACT_OUTCOMES
    ):
        raise EntryError("missing_field")
    if entry.referral_department and entry.referral_department not in {
        d.id for d in org.departments
    }:
        raise EntryError("unknown_department")
    if entry.referral_department and entry.person == "anonymous":
        raise EntryError("referral_needs_person")
    try:
        return _save(engine, org, entry, now, made_by, key)
    except IntegrityError:
        # The same submission, saved by a run that overlapped this one: the unique key let
        # only one through.
        if key and (earlier := _submitted(engine, org, key)) is not None:
            return earlier
        raise


def submission_key(submission: str) -> str:
    """The batch's import_key for a form submission; the same unique key that lets one file be
    imported once lets one submission be saved once (prefixed, so never a file's hash)."""
    return hashlib.sha256(f"form-submission:{submission}".encode()).hexdigest()


def _submitted(engine: Engine, org: Organisation, key: str) -> LoggedContact | None:
    B, C, T = schema.import_batches, schema.outreach_contacts, schema.treatment_courses
    with engine.connect() as conn:
        row = conn.execute(
            select(B.c.id, C.c.id.label("contact_id"), C.c.site_id, C.c.contact_at, C.c.person_id)
            .join(C, C.c.batch_id == B.c.id)
            .where(B.c.import_key == key)
        ).first()
        if row is None:
            return None
        pseudonym = conn.scalar(
            select(schema.persons.c.pseudonym).where(schema.persons.c.id == row.person_id)
        )
        request_id = conn.scalar(select(T.c.id).where(T.c.batch_id == row.id))
    return LoggedContact(
        int(row.id),
        int(row.contact_id),
        pseudonym,
        int(request_id) if request_id else None,
        site_closed_at(org, row.site_id, row.contact_at),
        repeated=True,
    )


def _save(
    engine: Engine,
    org: Organisation,
    entry: ContactEntry,
    now: dt.datetime,
    made_by: User | None,
    key: str | None,
) -> LoggedContact:
    subject = made_by.subject if made_by else None
    with engine.begin() as conn:
        batch = conn.execute(
            insert(schema.import_batches).values(
                source="form",
                row_count=0,
                created_at=now.replace(microsecond=0),
                note="contact form",
                made_by=subject,
                import_key=key,
            )
        ).inserted_primary_key[0]
        person_id, pseudonym = None, None
        if entry.person == "existing":
            pseudonym = (entry.pseudonym or "").strip().upper()  # as imports store it
            person_id = conn.scalar(
                select(schema.persons.c.id).where(schema.persons.c.pseudonym == pseudonym)
            )
            if person_id is None:
                raise EntryError("unknown_person")
        elif entry.person == "new":
            pseudonym = _new_pseudonym(conn)
            person_id = conn.execute(
                insert(schema.persons).values(pseudonym=pseudonym, batch_id=batch)
            ).inserted_primary_key[0]
        contact_id = conn.execute(
            insert(schema.outreach_contacts).values(
                person_id=person_id,
                site_id=entry.site_id,
                contact_at=entry.at.replace(microsecond=0),
                contact_type=entry.contact_type,
                outcome="referred" if entry.referral_department else entry.outcome,
                batch_id=batch,
                made_by=subject,
            )
        ).inserted_primary_key[0]
        request_id = None
        if entry.referral_department:
            department = org.department(entry.referral_department)
            request_id = conn.execute(
                insert(schema.treatment_courses).values(
                    person_id=person_id,
                    department_id=department.id,
                    address_site_id=department.address,
                    requested_on=entry.at.date(),
                    modality="individual",
                    referral_source="outreach",
                    batch_id=batch,
                )
            ).inserted_primary_key[0]
        refresh_batch(conn, batch)
        conn.execute(
            schema.import_batches.update()
            .where(schema.import_batches.c.id == batch)
            .values(row_count=1 + (request_id is not None))
        )
        if made_by:
            audit.record(
                conn,
                made_by,
                "contact_logged",
                page="data",
                batch_id=int(batch),
                pseudonyms=[pseudonym],
                detail=f"site={entry.site_id}" + (" referral" if request_id else ""),
            )
    return LoggedContact(
        int(batch),
        int(contact_id),
        pseudonym,
        int(request_id) if request_id else None,
        site_closed_at(org, entry.site_id, entry.at),
    )


def _new_pseudonym(conn) -> str:
    while True:
        candidate = "BB-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6))
        taken = conn.scalar(
            select(schema.persons.c.id).where(schema.persons.c.pseudonym == candidate)
        )
        if taken is None:
            return candidate
