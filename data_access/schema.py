"""The database schema (SQLAlchemy Core).

Persons are pseudonymous: a generated pseudonym, birth year, sex and main substance. There is no
column for a name or a CPR number, and none may be added.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    BigInteger,
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
    event,
)

from data_access.schema_triggers import AUDIT_TRIGGERS, CHAIN_HEAD_TRIGGERS, REVOCATION_TRIGGERS

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
    Column("made_by", String(255)),  # the user's subject (access.User); NULL: from before 0004
    # sha256 of kind, chosen sheets and file content: one file is imported once (undo frees it)
    Column("import_key", String(64)),
    Index("uq_batches_import_key", "import_key", unique=True),
    # A batch number, once given, is never given again (SQLite would reuse the highest after
    # an undo; the audit log names batches by number).
    sqlite_autoincrement=True,
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
    # Undo finds a batch's persons, and removing a batch checks no person still refers to it:
    # without this, both scan the whole registry at national scale.
    Index("ix_persons_batch", "batch_id"),
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
    Column("made_by", String(255)),  # who logged or imported it (access.User.subject)
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
    # The case system's own key (forløbs-id): next month's export updates this course.
    Column("external_id", String(64)),
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
    Index("uq_courses_external_id", "external_id", unique=True),
    # Without a forløbs-id a course is recognised by person, department and request date.
    Index("ix_courses_person_dept_requested", "person_id", "department_id", "requested_on"),
)

# What an import changed in rows it did not add (a course's end, a person's birth year), so
# undoing the import can put back exactly what was there.
import_changes = Table(
    "import_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("column_name", String(40), nullable=False),
    Column("old_value", Text),  # ISO text for dates; NULL for no value
    Column("new_value", Text),
    Index("ix_import_changes_batch", "batch_id"),
    Index("ix_import_changes_row", "table_name", "row_id"),
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

# Per-installation secrets made by the app itself, e.g. the key that fixes which way each
# committee figure is rounded (data_access/publication/secret.py). Never shown, never exported.
app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(128), nullable=False),
)


# Statistics Denmark's figures (data_access/dst.py): each download or loaded file, and the
# figures it gave. A figure of NULL is DST's ".." (confidential or not approved), never 0.
dst_downloads = Table(
    "dst_downloads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("table_id", String(20), nullable=False),
    Column("table_title", String(300), nullable=False),  # the table's title in its metadata
    Column("source", String(10), nullable=False),  # api: fetched; file: loaded from a file
    Column("location", String(500), nullable=False),  # the API's address, or the file's name
    Column("file_hash", String(64)),  # a placed file is loaded once
    Column("table_updated", String(40), nullable=False),  # DST's "updated" stamp
    Column("downloaded_at", DateTime, nullable=False),  # local time, Europe/Copenhagen
    Column("licence", String(40), nullable=False),
    Column("attribution", String(200), nullable=False),
    Column("tableinfo", Text),  # the metadata the figures were read with (JSON)
    Column("figure_count", Integer, nullable=False),
    _in("source", ("api", "file")),
    Index("ix_dst_downloads_table", "table_id", "downloaded_at"),
)

dst_figures = Table(
    "dst_figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("download_id", Integer, ForeignKey("dst_downloads.id"), nullable=False),
    Column("table_id", String(20), nullable=False),
    Column("measure", String(40), nullable=False),  # persons, population, guarantee_exceeded ...
    Column("area_code", String(3), nullable=False),  # DST's code: 000, 084, 217 ...
    Column("year", Integer, nullable=False),
    Column("value", Float),
    Column("source_code", String(120), nullable=False),  # DST's code of the key figure
    Index("uq_dst_figures_key", "table_id", "measure", "area_code", "year", unique=True),
)


# One row whose version every write to the tables the figures are read from bumps, in the
# writing transaction (triggers: data_access/data_version.py). Each replica reads it once per
# rerun and keys its caches by it, so a write on one replica shows on the others.
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", BigInteger, nullable=False),
)

# Alerts (data_access/alerts): raised when a rule first finds something, resolved when it no
# longer does, so there is a history. `open_key` (rule|object) is set while the alert is open
# and NULL once resolved: the unique index lets only one open alert per rule and object exist,
# even when the app and the scheduled command check at the same moment.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule", String(20), nullable=False),
    Column("object_key", String(120), nullable=False),  # course:12, site:kronborg, project
    Column("open_key", String(150)),
    Column("department_id", String(60)),
    Column("site_id", String(60)),
    Column("person_id", Integer),  # no foreign key: an undone import takes the person, not this
    Column("detail", Text, nullable=False),  # JSON of the figures behind the reason
    Column("raised_at", DateTime, nullable=False),  # UTC
    Column("last_seen_at", DateTime, nullable=False),
    Column("resolved_at", DateTime),
    Index("uq_alerts_open_key", "open_key", unique=True),
    Index("ix_alerts_raised", "raised_at"),
)

# Which recipient list got which alert in a digest, and when (none is marked before the SMTP
# server has accepted the message).
alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("recipients", String(60), nullable=False),
    Column("sent_at", DateTime, nullable=False),
    Index("uq_alert_deliveries", "alert_id", "recipients", unique=True),
)

# The audit log: who looked at or changed what, when. Append-only: triggers refuse UPDATE and
# DELETE on both databases; the retention command deletes the oldest rows only through a permit
# row in audit_prune_permits inside its own transaction (see data_access/audit.py). On
# PostgreSQL with an owner role the app's role may only SELECT and INSERT (data_access/roles.py).
# Each row is chained to the one before it by a keyed hash (data_access/audit_chain.py), so a
# change made past the triggers and the grants (a superuser, a copy of the SQLite file) shows.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at_utc", DateTime, nullable=False),
    Column("subject", String(255), nullable=False),
    Column("email", String(320)),
    Column("role", String(20)),
    Column("action", String(30), nullable=False),
    Column("page", String(30)),
    Column("batch_id", Integer),  # no foreign key: an undone batch is gone, its trail is not
    Column("pseudonym", String(20)),  # the person whose data was shown or changed
    Column("filters", Text),  # JSON of the filters in force
    Column("detail", Text),
    Column("client", String(64)),  # the client's address, when Streamlit knows it
    # The chain (NULL only in a row that did not come through the app: verify names it).
    Column("key_id", String(16)),  # which key made row_hash
    Column("prev_hash", String(64)),  # the previous row's row_hash (64 zeros for the first)
    Column("row_hash", String(64)),  # HMAC-SHA256 over id, content, key_id and prev_hash
    Index("ix_audit_at", "at_utc"),
    Index("ix_audit_pseudonym", "pseudonym", "at_utc"),
    sqlite_autoincrement=True,  # an audit row's id is never given again, not even after a prune
)

audit_prune_permits = Table(
    "audit_prune_permits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("cutoff_utc", DateTime, nullable=False),
)

# The newest row of the chain: moved forward in the transaction of every append (which locks
# this row first, so appends never fork the chain). Rows removed from the end of the log leave
# the head naming a row that is not there.
audit_chain_head = Table(
    "audit_chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="ck_audit_chain_head_one_row"),
)


for _table, _triggers in ((audit_log, AUDIT_TRIGGERS), (audit_chain_head, CHAIN_HEAD_TRIGGERS)):
    for _dialect, _statements in _triggers.items():
        for _statement in _statements:
            event.listen(_table, "after_create", DDL(_statement).execute_if(dialect=_dialect))


# Logins ended by a logout, so the signed login cookie Streamlit keeps for 30 days (and any
# copy of it) stops working: a login is its subject and its ID token's `iat` (access.User).
# The app only ever adds rows (data_access/sessions.py); triggers refuse UPDATE and DELETE (and
# TRUNCATE on PostgreSQL), so a revocation cannot be taken back by the app's own account.
login_revocations = Table(
    "login_revocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(255), nullable=False),
    Column("issued_at", BigInteger, nullable=False),  # the ID token's `iat` (epoch seconds)
    Column("expires_at", BigInteger),  # its `exp`: past it the row no longer matters
    Column("revoked_at", DateTime, nullable=False),  # UTC
    Index("ix_login_revocations_login", "subject", "issued_at"),
)


for _dialect, _statements in REVOCATION_TRIGGERS.items():
    for _statement in _statements:
        event.listen(
            login_revocations, "after_create", DDL(_statement).execute_if(dialect=_dialect)
        )
