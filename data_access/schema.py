"""The database schema (SQLAlchemy Core).

Persons are pseudonymous: a generated pseudonym, birth year, sex and main substance. There is no
column for a name or a CPR number, and none may be added.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

CONTACT_TYPES = ("conversation", "brief", "accompaniment", "phone")
CONTACT_OUTCOMES = ("none", "plan", "referred", "declined")
MODALITIES = ("individual", "group")
REFERRAL_SOURCES = ("self", "outreach", "gp", "hospital", "social_services", "relatives", "other")
END_REASONS = ("completed", "reduced", "dropped_out", "transferred", "withdrawn", "other")
SEXES = ("M", "F", "X")


def _in(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=f"ck_{column}_known")


import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(20), nullable=False),  # demo, csv, xlsx, form
    Column("file_name", String(255)),
    Column("file_hash", String(64)),
    Column("row_count", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
    Column("note", Text),
)

sites = Table(
    "sites",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("address", String(200), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", String(20), nullable=False),
    Column("opening_hours", String(200), nullable=False),
    _in("kind", ("public", "partner", "municipal", "treatment")),
)

departments = Table(
    "departments",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("name", String(60), nullable=False),
    Column("address_site_id", String(60), ForeignKey("sites.id"), nullable=False),
    Column("guarantee_days", Integer, nullable=False),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pseudonym", String(20), nullable=False, unique=True),
    Column("birth_year", Integer),
    Column("sex", String(1)),
    Column("main_substance", String(30)),
    Column("batch_id", Integer, ForeignKey("import_batches.id")),
    CheckConstraint("sex IS NULL OR sex IN ('M', 'F', 'X')", name="ck_sex_known"),
)

outreach_contacts = Table(
    "outreach_contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("persons.id")),  # NULL: anonymous contact
    Column("site_id", String(60), ForeignKey("sites.id"), nullable=False),
    Column("contact_at", DateTime, nullable=False),
    Column("contact_type", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("batch_id", Integer, ForeignKey("import_batches.id")),
    # A fingerprint of an imported or logged row: importing it again is recognised, not doubled.
    Column("source_key", String(64)),
    _in("contact_type", CONTACT_TYPES),
    _in("outcome", CONTACT_OUTCOMES),
    # Date-leading and covering for the distinct-person counts (contact_at range, site filter,
    # person id read from the index alone); site-leading for each site's last visit.
    Index("ix_contacts_time_site_person", "contact_at", "site_id", "person_id"),
    Index("ix_contacts_site_time", "site_id", "contact_at"),
    # Per person, covering what the funnel and the reach read (outcome, site).
    Index("ix_contacts_person_time", "person_id", "contact_at", "site_id", "outcome"),
    Index("ix_contacts_batch", "batch_id"),  # undo, and the days a write touched
    Index("uq_contacts_source_key", "source_key", unique=True),
)

treatment_courses = Table(
    "treatment_courses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=False),
    Column("department_id", String(60), ForeignKey("departments.id"), nullable=False),
    Column("address_site_id", String(60), ForeignKey("sites.id"), nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("started_on", Date),
    Column("ended_on", Date),
    Column("end_reason", String(20)),
    Column("modality", String(20), nullable=False),
    Column("referral_source", String(20), nullable=False),
    Column("batch_id", Integer, ForeignKey("import_batches.id")),
    Column("source_key", String(64)),
    _in("modality", MODALITIES),
    _in("referral_source", REFERRAL_SOURCES),
    CheckConstraint(
        "started_on IS NULL OR started_on >= requested_on", name="ck_start_after_request"
    ),
    CheckConstraint("ended_on IS NULL OR ended_on >= requested_on", name="ck_end_after_request"),
    CheckConstraint(
        "ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on",
        name="ck_end_after_start",
    ),
    CheckConstraint("(ended_on IS NULL) = (end_reason IS NULL)", name="ck_end_reason_with_end"),
    # Date-leading: every date filter is a range search (a department-leading index made the
    # planner scan). The start index covers "waiting on a day" (started later or never).
    Index("ix_courses_requested", "requested_on", "department_id"),
    Index("ix_courses_started", "started_on", "requested_on", "ended_on", "department_id"),
    Index("ix_courses_ended", "ended_on", "department_id"),
    # The funnel's outreach referrals per person, without reading the table.
    Index("ix_courses_source_person", "referral_source", "person_id", "requested_on", "started_on"),
    Index("ix_courses_batch", "batch_id"),
    Index("uq_courses_source_key", "source_key", unique=True),
)

staffing = Table(
    "staffing",
    metadata,
    Column("department_id", String(60), ForeignKey("departments.id"), primary_key=True),
    Column("month", Date, primary_key=True),  # first day of the month
    Column("fte", Float, nullable=False),
    CheckConstraint("fte >= 0", name="ck_fte_not_negative"),
)


# ---- pre-aggregated counts (data_access/aggregates.py keeps them current) -------------------
# Daily counts that do not grow with the number of rows: at national scale the pages read
# these instead of scanning hundreds of thousands of courses or contacts per filter change.
# Every write path refreshes the days it touched in its own transaction.

course_day_counts = Table(
    "course_day_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("department_id", String(60), primary_key=True),
    Column("address_site_id", String(60), primary_key=True),
    Column("modality", String(20), primary_key=True),
    Column("requests", Integer, nullable=False),  # requested_on = day
    Column("starts", Integer, nullable=False),  # started_on = day
    Column("ends", Integer, nullable=False),  # ended_on = day (withdrawals included)
    Column("started_ends", Integer, nullable=False),  # ended_on = day, of a started course
)

course_start_waits = Table(
    "course_start_waits",
    metadata,
    Column("day", Date, primary_key=True),  # started_on
    Column("department_id", String(60), primary_key=True),
    Column("waited_days", Integer, primary_key=True),  # started_on - requested_on
    Column("starts", Integer, nullable=False),
)

course_request_counts = Table(
    "course_request_counts",
    metadata,
    Column("day", Date, primary_key=True),  # requested_on
    Column("department_id", String(60), primary_key=True),
    Column("referral_source", String(20), primary_key=True),
    Column("age_group", String(20), primary_key=True),  # at the request (caseload.AGE_GROUPS)
    Column("requests", Integer, nullable=False),
    Column("started", Integer, nullable=False),  # of them, with a start date (so far)
)

course_end_counts = Table(
    "course_end_counts",
    metadata,
    Column("day", Date, primary_key=True),  # ended_on
    Column("department_id", String(60), primary_key=True),
    Column("end_reason", String(20), primary_key=True),
    Column("ends", Integer, nullable=False),
)

contact_hour_counts = Table(
    "contact_hour_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("site_id", String(60), primary_key=True),
    Column("hour", Integer, primary_key=True),
    Column("contacts", Integer, nullable=False),
    Column("anonymous", Integer, nullable=False),
)

# One row per person and day with an outreach contact, with the person's contact day before
# it: the persons met in [a, b] are exactly the rows in [a, b] whose previous day is before a
# (or none). Distinct persons become a range count, the first contact since a day a filter.
# WITHOUT ROWID on SQLite: the rows live in the primary key's order, so a day range reads
# previous_day without a second look-up.
person_contact_days = Table(
    "person_contact_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("person_id", Integer, primary_key=True),
    Column("previous_day", Date),
    Index("ix_person_days_person", "person_id", "day"),
    # Covering, so PostgreSQL counts a day range from the index alone (SQLite's rows already
    # are the primary key).
    Index("ix_person_days_first", "day", "previous_day", "person_id"),
    sqlite_with_rowid=False,
)
