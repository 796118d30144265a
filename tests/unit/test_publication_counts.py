"""The committee cubes count from the pre-aggregated daily tables (data_access/aggregates.py);
here their counts are checked against the definitions computed from the raw rows in pandas,
on the demo data and on both databases: contacts, requests, starts, ends, and the active and
waiting courses on the days the publication asks for."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.db import create_engine_for
from data_access.demo import write_demo
from data_access.publication import counts
from data_access.schema import departments, outreach_contacts, persons, treatment_courses
from data_access.sql import as_date

DAYS = [dt.date(2024, 1, 31), dt.date(2024, 6, 30), dt.date(2025, 3, 31), dt.date(2025, 12, 31)]


def _table(engine, table) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(select(table)).mappings().all())


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else as_date(value)


def _same(got: pd.DataFrame, want: pd.DataFrame, keys: list[str]) -> None:
    got = got.groupby(keys, as_index=False)["n"].sum()  # the cube's rows may come in parts
    columns = [*keys, "n"]
    got = got[columns].astype({"n": int}).sort_values(keys).reset_index(drop=True)
    want = want[columns].astype({"n": int}).sort_values(keys).reset_index(drop=True)
    assert len(want) > 0
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def _age(request_day: dt.date, birth_year) -> str:
    if birth_year is None or pd.isna(birth_year):
        return "unknown"
    age = request_day.year - int(birth_year)
    return "under 18" if age < 18 else "18-24" if age <= 24 else "25+"


def _raw_courses(engine) -> pd.DataFrame:
    courses = _table(engine, treatment_courses)
    for column in ("requested_on", "started_on", "ended_on"):
        courses[column] = courses[column].map(_day).astype(object)
    return courses


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_engine(request, demo_db_url, tmp_path, helsingor):
    if request.param == "sqlite":
        return create_engine_for(demo_db_url)
    engine = request.getfixturevalue("postgres_engine")
    write_demo(engine, helsingor)
    return engine


def test_flows_equal_the_raw_rows(demo_engine):
    contacts = _table(demo_engine, outreach_contacts)
    contacts["day"] = contacts["contact_at"].map(lambda t: t.date())
    contacts["hour"] = contacts["contact_at"].map(lambda t: t.hour)
    contacts["anon"] = contacts["person_id"].isna().astype(int)
    contacts["member"] = contacts["site_id"]
    keys = ["day", "member", "hour", "anon"]
    _same(
        counts.contact_counts(demo_engine),
        contacts.groupby(keys, as_index=False).size().rename(columns={"size": "n"}),
        keys,
    )

    courses = _raw_courses(demo_engine)
    courses["member"] = courses["department_id"]
    people = _table(demo_engine, persons).set_index("id")["birth_year"]
    requests = courses.assign(
        day=courses["requested_on"],
        source=courses["referral_source"],
        age=[
            _age(r, people.get(p))
            for r, p in zip(courses["requested_on"], courses["person_id"], strict=True)
        ],
        started=courses["started_on"].notna().astype(int),
    )
    keys = ["day", "member", "source", "age", "started"]
    want = requests.groupby(keys, as_index=False).size().rename(columns={"size": "n"})
    _same(counts.request_counts(demo_engine), want, keys)

    started = courses[courses["started_on"].notna()].copy()
    started["day"] = started["started_on"]
    started["waited"] = [
        (s - r).days for s, r in zip(started["started_on"], started["requested_on"], strict=True)
    ]
    guarantees = _table(demo_engine, departments).set_index("id")["guarantee_days"]
    started["guarantee"] = started["member"].map(guarantees)
    keys = ["day", "member", "waited", "guarantee"]
    want = started.groupby(keys, as_index=False).size().rename(columns={"size": "n"})
    _same(counts.start_counts(demo_engine), want, keys)

    ended = courses[courses["ended_on"].notna()].assign(reason=lambda c: c["end_reason"])
    ended["day"] = ended["ended_on"]
    keys = ["day", "member", "reason"]
    want = ended.groupby(keys, as_index=False).size().rename(columns={"size": "n"})
    _same(counts.end_counts(demo_engine), want, keys)


def _bucket(waited: int) -> str:
    return "now:0-7" if waited <= 7 else "now:8-14" if waited <= 14 else "now:15+"


def _raw_on(courses: pd.DataFrame, day: dt.date) -> tuple[list, list]:
    """Active (started by the day, not ended before it) and waiting (requested by the day,
    neither started nor ended by it) courses on one day, from the raw rows."""
    started = courses["started_on"].map(lambda s: s is not None and s <= day)
    not_ended = courses["ended_on"].map(lambda e: e is None or e >= day)
    counts = courses[started & not_ended].groupby(["department_id", "address_site_id", "modality"])
    active = [(day, *key, n) for key, n in counts.size().items()]
    left = [s or e for s, e in zip(courses["started_on"], courses["ended_on"], strict=True)]
    still = [x is None or x > day for x in left]
    open_ = courses[(courses["requested_on"] <= day) & pd.Series(still, index=courses.index)]
    bucket = open_["requested_on"].map(lambda r: _bucket((day - r).days))
    counts = open_.assign(bucket=bucket).groupby(["department_id", "bucket"])
    return active, [(day, *key, n) for key, n in counts.size().items()]


def test_active_and_waiting_on_each_day_equal_the_raw_rows(demo_engine):
    courses = _raw_courses(demo_engine)
    active, waiting = [], []
    for day in DAYS:
        on, open_ = _raw_on(courses, day)
        active += on
        waiting += open_
    keys = ["day", "member", "address", "modality"]
    _same(counts.active_counts(demo_engine, DAYS), pd.DataFrame(active, columns=[*keys, "n"]), keys)
    keys = ["day", "member", "bucket"]
    got = counts.waiting_counts(demo_engine, DAYS)
    _same(got, pd.DataFrame(waiting, columns=[*keys, "n"]), keys)
