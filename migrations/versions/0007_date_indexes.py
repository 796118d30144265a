"""Date-leading indexes and pre-aggregated daily counts (national scale).

The department-leading course indexes made every date filter scan; they are replaced by
date-leading ones. The daily count tables are created and filled from the existing rows
(the SQL is frozen here, not imported, so later code changes cannot alter this step), and
the planner statistics are refreshed.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_COURSE_INDEXES = {
    "ix_courses_dept_requested": ["department_id", "requested_on"],
    "ix_courses_dept_started": ["department_id", "started_on"],
    "ix_courses_dept_ended": ["department_id", "ended_on"],
}
NEW_COURSE_INDEXES = {
    "ix_courses_requested": ["requested_on", "department_id"],
    "ix_courses_started": ["started_on", "requested_on", "ended_on", "department_id"],
    "ix_courses_ended": ["ended_on", "department_id"],
    "ix_courses_source_person": ["referral_source", "person_id", "requested_on", "started_on"],
    "ix_courses_batch": ["batch_id"],
}
NEW_CONTACT_INDEXES = {
    "ix_contacts_time_site_person": ["contact_at", "site_id", "person_id"],
    "ix_contacts_site_time": ["site_id", "contact_at"],
    "ix_contacts_batch": ["batch_id"],
}
# Widened to cover what the funnel and the reach read per person.
PERSON_INDEX = "ix_contacts_person_time"
OLD_PERSON_COLUMNS = ["person_id", "contact_at"]
NEW_PERSON_COLUMNS = ["person_id", "contact_at", "site_id", "outcome"]


def _count_tables() -> None:
    def key(name: str, type_: sa.types.TypeEngine) -> sa.Column:
        return sa.Column(name, type_, nullable=False, primary_key=True)

    def count(name: str) -> sa.Column:
        return sa.Column(name, sa.Integer(), nullable=False)

    op.create_table(
        "course_day_counts",
        key("day", sa.Date()),
        key("department_id", sa.String(length=60)),
        key("address_site_id", sa.String(length=60)),
        key("modality", sa.String(length=20)),
        count("requests"),
        count("starts"),
        count("ends"),
        count("started_ends"),
    )
    op.create_table(
        "course_start_waits",
        key("day", sa.Date()),
        key("department_id", sa.String(length=60)),
        key("waited_days", sa.Integer()),
        count("starts"),
    )
    op.create_table(
        "course_request_counts",
        key("day", sa.Date()),
        key("department_id", sa.String(length=60)),
        key("referral_source", sa.String(length=20)),
        key("age_group", sa.String(length=20)),
        count("requests"),
        count("started"),
    )
    op.create_table(
        "course_end_counts",
        key("day", sa.Date()),
        key("department_id", sa.String(length=60)),
        key("end_reason", sa.String(length=20)),
        count("ends"),
    )
    op.create_table(
        "person_contact_days",
        key("day", sa.Date()),
        key("person_id", sa.Integer()),
        sa.Column("previous_day", sa.Date(), nullable=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_person_days_person", "person_contact_days", ["person_id", "day"])
    op.create_index(
        "ix_person_days_first", "person_contact_days", ["day", "previous_day", "person_id"]
    )
    op.create_table(
        "contact_hour_counts",
        key("day", sa.Date()),
        key("site_id", sa.String(length=60)),
        key("hour", sa.Integer()),
        count("contacts"),
        count("anonymous"),
    )


def _fill_statements(sqlite: bool) -> list[str]:
    waited = (
        "CAST(julianday(started_on) - julianday(requested_on) AS INTEGER)"
        if sqlite
        else "started_on - requested_on"
    )
    year = (
        "CAST(strftime('%Y', c.requested_on) AS INTEGER)"
        if sqlite
        else "CAST(EXTRACT(YEAR FROM c.requested_on) AS INTEGER)"
    )
    day = "date(contact_at)" if sqlite else "CAST(contact_at AS DATE)"
    hour = (
        "CAST(strftime('%H', contact_at) AS INTEGER)"
        if sqlite
        else "CAST(EXTRACT(HOUR FROM contact_at) AS INTEGER)"
    )
    dims = "department_id, address_site_id, modality"
    return [
        f"""INSERT INTO course_day_counts
            (day, {dims}, requests, starts, ends, started_ends)
        SELECT day, {dims}, sum(requests), sum(starts), sum(ends), sum(started_ends) FROM (
            SELECT requested_on AS day, {dims}, count(*) AS requests, 0 AS starts, 0 AS ends,
                0 AS started_ends
            FROM treatment_courses GROUP BY requested_on, {dims}
            UNION ALL
            SELECT started_on, {dims}, 0, count(*), 0, 0 FROM treatment_courses
            WHERE started_on IS NOT NULL GROUP BY started_on, {dims}
            UNION ALL
            SELECT ended_on, {dims}, 0, 0, count(*), count(started_on) FROM treatment_courses
            WHERE ended_on IS NOT NULL GROUP BY ended_on, {dims}
        ) AS events GROUP BY day, {dims}""",
        f"""INSERT INTO course_start_waits (day, department_id, waited_days, starts)
        SELECT started_on, department_id, {waited}, count(*) FROM treatment_courses
        WHERE started_on IS NOT NULL GROUP BY started_on, department_id, {waited}""",
        f"""INSERT INTO course_request_counts
            (day, department_id, referral_source, age_group, requests, started)
        SELECT day, department_id, referral_source, age_group, count(*), count(started_on)
        FROM (
            SELECT c.requested_on AS day, c.department_id, c.referral_source, c.started_on,
                CASE WHEN p.birth_year IS NULL THEN 'unknown'
                    WHEN {year} - p.birth_year < 18 THEN 'under 18'
                    WHEN {year} - p.birth_year <= 24 THEN '18-24'
                    ELSE '25+' END AS age_group
            FROM treatment_courses c JOIN persons p ON p.id = c.person_id
        ) AS requests GROUP BY day, department_id, referral_source, age_group""",
        """INSERT INTO course_end_counts (day, department_id, end_reason, ends)
        SELECT ended_on, department_id, end_reason, count(*) FROM treatment_courses
        WHERE ended_on IS NOT NULL GROUP BY ended_on, department_id, end_reason""",
        f"""INSERT INTO contact_hour_counts (day, site_id, hour, contacts, anonymous)
        SELECT {day}, site_id, {hour}, count(*),
            sum(CASE WHEN person_id IS NULL THEN 1 ELSE 0 END)
        FROM outreach_contacts GROUP BY {day}, site_id, {hour}""",
        f"""INSERT INTO person_contact_days (day, person_id, previous_day)
        SELECT day, person_id, LAG(day) OVER (PARTITION BY person_id ORDER BY day) FROM (
            SELECT DISTINCT person_id, {day} AS day FROM outreach_contacts
            WHERE person_id IS NOT NULL
        ) AS days""",
    ]


def upgrade() -> None:
    for name in OLD_COURSE_INDEXES:
        op.drop_index(name, table_name="treatment_courses")
    for name, columns in NEW_COURSE_INDEXES.items():
        op.create_index(name, "treatment_courses", columns)
    op.drop_index("ix_contacts_time_site", table_name="outreach_contacts")
    op.drop_index(PERSON_INDEX, table_name="outreach_contacts")
    op.create_index(PERSON_INDEX, "outreach_contacts", NEW_PERSON_COLUMNS)
    for name, columns in NEW_CONTACT_INDEXES.items():
        op.create_index(name, "outreach_contacts", columns)
    op.create_index("ix_persons_batch", "persons", ["batch_id"])
    _count_tables()
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _fill_statements(sqlite):
        op.execute(statement)
    op.execute("ANALYZE")


def downgrade() -> None:
    for table in (
        "person_contact_days",
        "contact_hour_counts",
        "course_end_counts",
        "course_request_counts",
        "course_start_waits",
        "course_day_counts",
    ):
        op.drop_table(table)
    op.drop_index("ix_persons_batch", table_name="persons")
    for name in NEW_CONTACT_INDEXES:
        op.drop_index(name, table_name="outreach_contacts")
    op.create_index("ix_contacts_time_site", "outreach_contacts", ["contact_at", "site_id"])
    op.drop_index(PERSON_INDEX, table_name="outreach_contacts")
    op.create_index(PERSON_INDEX, "outreach_contacts", OLD_PERSON_COLUMNS)
    for name in NEW_COURSE_INDEXES:
        op.drop_index(name, table_name="treatment_courses")
    for name, columns in OLD_COURSE_INDEXES.items():
        op.create_index(name, "treatment_courses", columns)
