"""Deterministic demo data that a manager would believe.

Writes through `data_access.records.insert_activity`, the same path real data takes.

Assumptions (calibrated on ../shared/domain/README.md; the numbers are ours, for demo only):

The data runs from the project's start up to the day it is made (`--until`, default today).

Outreach (the organisation's outreach project period, 2024-01-01 to 2025-12-31 for Helsingør)
- 60-70 distinct persons per unit of scale, first met spread over the period with a slight
  front-load (the team finds the known faces first). A quarter are met once; the others come
  back, about every two weeks, 10 contacts on average, mostly at one or two "home" sites.
- About a third as many anonymous contacts again (persons who do not give a pseudonym).
- When people are met depends on the place: the station in the afternoon and evening, the green
  areas and the monastery in the daytime, campsites mostly May-September, drop-ins and the
  varmestue only in their opening hours (parsed from the organisation file), the winter night
  shelter on winter evenings. The team works Monday-Friday, with a few Saturday rounds.
- After the project period the outreach goes on as ordinary operation: new persons at about
  60 % of the project's pace, the known faces still met; the target and the grant stay the
  project period's.
- Of persons met at least three times, 45 % are referred to treatment (a request with referral
  source "outreach"); 70 % of those start, the rest withdraw or are still waiting at the end.

Treatment (for a municipality of about 63,000 inhabitants)
- New requests a year per unit of scale: stof 135, alkohol 110, unge 36 (by department id; any
  other department gets 50). A year of warm-up before the period gives an opening caseload, so
  courses active on the first day carry their real earlier request and start dates (at most one
  year before the period). Persons in treatment per year then land at about 200 (stof), 145
  (alkohol) and 45 (unge), inside the brief's ranges (150-250, 100-200, 30-60).
- Waiting from request to start: mostly 2-14 days; 8-18 % breach the guarantee (more in July,
  when staff are on holiday); 8 % withdraw before starting. Requests late in the period may
  still be waiting at its end.
- Duration: log-normal, median 210/160/130 days for stof/alkohol/unge; 20 % drop out within two
  months. End reasons: completed, reduced use, dropped out, transferred, other.
- Modality individual/group 65/35 (stof), 60/40 (alkohol), 90/10 (unge).
- Staffing: one FTE per about 25 active courses, with the odd vacancy month.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from opening_hours import OpeningHours
from sqlalchemy import Engine, select

from data_access import clock, schema
from data_access.db import (
    create_engine_for,
    create_schema,
    has_activity,
    new_batch,
    refresh_statistics,
    resolve_url,
    secrets_file_url,
    sync_organisation,
    vacuum_analyze,
)
from data_access.demo_profiles import (
    CONTACT_TYPE_WEIGHTS,
    DEFAULT_PROFILE,
    END_REASONS,
    HOUR_WEIGHTS_BY_KIND,
    HOUR_WEIGHTS_BY_SITE,
    ORDINARY_PACE,
    OUTREACH_SUBSTANCES,
    POPULARITY_BY_KIND,
    POPULARITY_BY_SITE,
    PROFILES,
    REFERRAL_SOURCES,
    DepartmentProfile,
    season_weight,
)
from data_access.demo_weights import _cumulative, _pick
from data_access.organisation import Organisation, Site, load_organisation
from data_access.records import Row, insert_activity
from data_access.settings import ORG_FILE

DEFAULT_SEED = 217
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I look-alikes


@dataclass
class DemoData:
    persons: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    courses: list[Row] = field(default_factory=list)
    staffing: list[Row] = field(default_factory=list)


class _Generator:
    def __init__(self, org: Organisation, scale: int, seed: int, until: dt.date) -> None:
        self.org = org
        self.scale = scale
        self.rng = random.Random(seed)
        self.start = org.outreach.start
        self.end = until  # the last day with data: the day the demo is made, by default
        # The project (target, grant) keeps its own period; outreach goes on after it.
        self.project_end = min(org.outreach.end, until)
        self.data = DemoData()
        self._pseudonyms: set[str] = set()
        self._opening = {s.id: OpeningHours(s.opening_hours) for s in org.sites}
        self._outreach_sites = org.outreach_sites
        self._popularity = [
            POPULARITY_BY_SITE.get(s.id, POPULARITY_BY_KIND[s.kind]) for s in self._outreach_sites
        ]

    # ---- persons ----------------------------------------------------------------------
    def _pseudonym(self) -> str:
        while True:
            code = "".join(self.rng.choices(PSEUDONYM_ALPHABET, k=6))
            if code not in self._pseudonyms:
                self._pseudonyms.add(code)
                return f"BB-{code}"

    def _person(self, birth_year: int, male_share: float, substances: dict[str, float]) -> int:
        person_id = len(self.data.persons) + 1
        roll = self.rng.random()
        sex = "M" if roll < male_share else ("F" if roll < 0.995 else "X")
        self.data.persons.append(
            {
                "id": person_id,
                "pseudonym": self._pseudonym(),
                "birth_year": birth_year,
                "sex": sex,
                "main_substance": _pick(self.rng, substances),
            }
        )
        return person_id

    # ---- outreach ---------------------------------------------------------------------
    def _visit_time(self, site: Site, day: dt.date) -> dt.datetime | None:
        """A plausible time to meet someone at `site` on `day`, or None if there is none."""
        if self.rng.random() > season_weight(site, day):
            return None
        if day.weekday() == 6 or (day.weekday() == 5 and self.rng.random() < 0.7):
            return None  # the team works weekdays and the odd Saturday
        weights = HOUR_WEIGHTS_BY_SITE.get(site.id, HOUR_WEIGHTS_BY_KIND[site.kind])
        opening = self._opening[site.id]
        for _ in range(6):
            hour = _pick(self.rng, weights)
            when = dt.datetime.combine(day, dt.time(hour, self.rng.randrange(0, 60, 5)))
            if opening.is_open(when):
                return when
        return None

    def _contact(self, person_id: int | None, site: Site, when: dt.datetime, outcome: str) -> None:
        contact_type = _pick(self.rng, CONTACT_TYPE_WEIGHTS)
        self.data.contacts.append(
            {
                "person_id": person_id,
                "site_id": site.id,
                "contact_at": when,
                "contact_type": contact_type,
                "outcome": outcome,
            }
        )

    def _meet(self, day: dt.date, home: list[Site]) -> tuple[Site, dt.datetime] | None:
        """Find a site and time on or soon after `day` where the person can be met."""
        for offset in range(14):
            when_day = day + dt.timedelta(days=offset)
            if when_day > self.end:
                return None
            if home and self.rng.random() < 0.75:
                site = self.rng.choice(home)
            else:
                site = self._outreach_sites[_pick(self.rng, self._popularity)]
            when = self._visit_time(site, when_day)
            if when is not None:
                return site, when
        return None

    def outreach(self) -> None:
        if not self._outreach_sites:
            return
        span = max(1, (self.project_end - self.start).days)
        n_persons = self.rng.randint(62, 68) * self.scale
        for _ in range(n_persons):
            first_day = self.start + dt.timedelta(days=int(span * self.rng.random() ** 1.15))
            self._outreach_person(first_day, self.start, span)
        self._ordinary_operation()
        self._anonymous_contacts(int(len(self.data.contacts) * 0.45))

    def _ordinary_operation(self) -> None:
        """After the project period the team goes on as ordinary operation: fewer new faces
        (about 60 % of the project's pace), the known ones still met."""
        after = self.org.outreach.end + dt.timedelta(days=1)
        span = (self.end - after).days + 1
        if span <= 0:
            return
        project_days = (self.org.outreach.end - self.start).days + 1
        rate = 65 * self.scale / project_days * ORDINARY_PACE  # new persons a day
        n_persons = round(rate * span)
        for _ in range(n_persons):
            first_day = after + dt.timedelta(days=self.rng.randrange(span))
            self._outreach_person(first_day, after, span)

    def _outreach_person(self, first_day: dt.date, span_start: dt.date, span: int) -> None:
        """One person met from `first_day` on, with their returns, plans and referral."""
        home = self.rng.choices(
            self._outreach_sites, cum_weights=_cumulative(self._popularity)[1], k=2
        )
        met = self._meet(first_day, home)
        if met is None:
            # Nobody is met after the last opening of the period: meet them earlier instead.
            met = self._meet(
                span_start + dt.timedelta(days=self.rng.randrange(max(1, span // 2))), home
            )
        if met is None:
            return
        age = self.rng.randint(20, 62)
        person_id = self._person(first_day.year - age, 0.78, OUTREACH_SUBSTANCES)
        visits = 1 if self.rng.random() < 0.25 else 2 + int(self.rng.expovariate(1 / 12))
        refer_at = None
        if visits >= 3 and self.rng.random() < 0.45:
            refer_at = self.rng.randint(2, visits - 1)
        site, when = met
        for k in range(visits):
            outcome = "none"
            if k == refer_at:
                outcome = "referred"
            elif k > 0 and self.rng.random() < 0.12:
                outcome = "plan"
            elif self.rng.random() < 0.04:
                outcome = "declined"
            self._contact(person_id, site, when, outcome)
            if k == refer_at:
                self._outreach_referral(person_id, age, when.date())
            gap = max(1, int(self.rng.expovariate(1 / 11)))
            met = self._meet(when.date() + dt.timedelta(days=gap), home)
            if met is None:
                break
            site, when = met

    def _anonymous_contacts(self, count: int) -> None:
        span = (self.end - self.start).days
        made = 0
        while made < count:
            day = self.start + dt.timedelta(days=self.rng.randrange(span + 1))
            met = self._meet(day, [])
            if met is not None:
                self._contact(None, met[0], met[1], "none")
                made += 1

    def _outreach_referral(self, person_id: int, age: int, day: dt.date) -> None:
        person = self.data.persons[person_id - 1]
        by_substance = {"alcohol": "alkohol"}
        wanted = "unge" if age < 25 else by_substance.get(person["main_substance"], "stof")
        dept_ids = [d.id for d in self.org.departments]
        dept_id = wanted if wanted in dept_ids else dept_ids[0]
        request = day + dt.timedelta(days=self.rng.choice([0, 0, 1, 2]))
        self._course(person_id, dept_id, request, "outreach", start_share=0.70)

    # ---- treatment --------------------------------------------------------------------
    def _waiting_days(self, profile: DepartmentProfile, request: dt.date) -> int:
        breach = profile.breach_share * (2.0 if request.month == 7 else 1.0)
        if self.rng.random() < breach:
            return self.rng.randint(15, 45)
        return min(14, max(1, round(self.rng.triangular(1, 14, 9))))

    def _course(
        self, person_id: int, dept_id: str, request: dt.date, source: str, start_share: float
    ) -> None:
        profile = PROFILES.get(dept_id, DEFAULT_PROFILE)
        started = ended = reason = None
        if self.rng.random() < start_share:
            started = request + dt.timedelta(days=self._waiting_days(profile, request))
            if self.rng.random() < 0.20:
                length = self.rng.randint(7, 60)
                reason = "dropped_out"
            else:
                length = int(self.rng.lognormvariate(math.log(profile.median_days), 0.6))
                reason = _pick(self.rng, END_REASONS)
            ended = started + dt.timedelta(days=max(1, length))
        else:
            ended = request + dt.timedelta(days=self.rng.randint(10, 40))
            reason = "withdrawn"
        if started is not None and started > self.end:
            started = ended = reason = None  # still waiting when the period closes
        elif ended > self.end:
            ended = reason = None  # still in treatment
        dept = self.org.department(dept_id)
        modality = "group" if self.rng.random() < profile.group_share else "individual"
        self.data.courses.append(
            {
                "person_id": person_id,
                "department_id": dept_id,
                "address_site_id": dept.address,
                "requested_on": request,
                "started_on": started,
                "ended_on": ended,
                "end_reason": reason,
                "modality": modality,
                "referral_source": source,
            }
        )

    def treatment(self) -> None:
        warmup_start = self.start - dt.timedelta(days=365)
        for dept in self.org.departments:
            profile = PROFILES.get(dept.id, DEFAULT_PROFILE)
            rate = profile.requests_per_year * self.scale / 365.0
            elapsed = 0.0  # days since warm-up start, as a float so high rates stay Poisson
            while True:
                elapsed += self.rng.expovariate(rate)
                day = warmup_start + dt.timedelta(days=int(elapsed))
                if day > self.end:
                    break
                # Requests are registered on weekdays: a weekend request counts from Monday.
                registered = day + dt.timedelta(
                    days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0
                )
                if registered > self.end:
                    break
                low, high = profile.age_range
                age = self.rng.randint(low, high)
                person_id = self._person(
                    registered.year - age, profile.male_share, profile.substances
                )
                source = _pick(self.rng, REFERRAL_SOURCES)
                before = len(self.data.courses)
                self._course(person_id, dept.id, registered, source, start_share=0.92)
                course = self.data.courses[-1]
                if (
                    registered < self.start
                    and course["ended_on"] is not None
                    and course["ended_on"] < self.start
                ):
                    # Warm-up only builds the opening caseload; drop what ended before the period.
                    del self.data.courses[before:]
                    self.data.persons.pop()

    def staffing(self) -> None:
        month = self.start.replace(day=1)
        while month <= self.end:
            for dept in self.org.departments:
                profile = PROFILES.get(dept.id, DEFAULT_PROFILE)
                # Steady state caseload ~ yearly starts x median length / 365; one FTE per 25.
                base = profile.requests_per_year * self.scale * profile.median_days / 365 / 25
                fte = round(base * 2) / 2 + 1.0
                if self.rng.random() < 0.12:
                    fte -= 1.0  # a vacancy
                self.data.staffing.append({"department_id": dept.id, "month": month, "fte": fte})
            month = (month + dt.timedelta(days=32)).replace(day=1)


def generate(
    org: Organisation, scale: int = 1, seed: int = DEFAULT_SEED, until: dt.date | None = None
) -> DemoData:
    """Build the demo data in memory, from the project's start up to `until` (default today,
    data_access/clock.py); deterministic for a given organisation, scale, seed and end date."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    until = until or clock.today()
    if until < org.outreach.start:
        raise ValueError(f"the demo cannot end ({until}) before the project starts")
    gen = _Generator(org, scale, seed, until)
    gen.outreach()
    gen.treatment()
    gen.staffing()
    gen.data.contacts.sort(key=lambda c: c["contact_at"])
    return gen.data


def write_demo(
    engine: Engine,
    org: Organisation,
    scale: int = 1,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
    until: dt.date | None = None,
) -> DemoData:
    """Create the schema, sync the organisation and write the demo data in one transaction."""
    say = progress or (lambda _msg: None)
    say("Generating demo data")
    until = until or clock.today()
    data = generate(org, scale, seed, until)
    create_schema(engine)
    sync_organisation(engine, org)
    say(
        f"Writing {len(data.persons)} persons, {len(data.contacts)} contacts, "
        f"{len(data.courses)} courses"
    )
    with engine.begin() as conn:
        batch = new_batch(
            conn, "demo", note=f"demo data, scale {scale}, seed {seed}, until {until:%Y-%m-%d}"
        )
        insert_activity(
            conn,
            batch,
            persons=data.persons,
            contacts=data.contacts,
            courses=data.courses,
            staffing=data.staffing,
        )
        refresh_statistics(conn)
    vacuum_analyze(engine)
    return data


_UNTIL_NOTE = re.compile(r"until (\d{4}-\d{2}-\d{2})")


def stale_demo(engine: Engine, today: dt.date) -> dt.date | None:
    """The end date of a database that holds nothing but demo data ending before `today`
    (so `make run` can make it anew up to today), else None. Real data or a contact logged
    in the demo is never thrown away."""
    batches = schema.import_batches.c
    with engine.connect() as conn:
        rows = conn.execute(select(batches.source, batches.note)).all()
    if not rows or any(source != "demo" for source, _ in rows):
        return None
    ends = [m.group(1) for _, note in rows if (m := _UNTIL_NOTE.search(note or ""))]
    # A demo from before --until existed ended with the project period.
    end = max(dt.date.fromisoformat(e) for e in ends) if ends else dt.date(2025, 12, 31)
    return end if end < today else None


def _remove_sqlite(url: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a Brobygger database with demo data.")
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    parser.add_argument("--org", default=ORG_FILE.value(), help="organisation file (TOML)")
    parser.add_argument("--scale", type=int, default=1, help="multiply the volume (benchmarks)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--until",
        type=dt.date.fromisoformat,
        help="last day of the data, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing if the database already has data (a SQLite file holding only demo "
        "data that ends before today is made anew)",
    )
    parser.add_argument("--replace", action="store_true", help="delete an existing SQLite file")
    args = parser.parse_args(argv)

    url = args.url or resolve_url(secrets_file_url())
    org = load_organisation(args.org)
    if args.replace and url.startswith("sqlite:///"):
        _remove_sqlite(url)
    engine = create_engine_for(url)
    create_schema(engine)
    if has_activity(engine) and args.if_missing and url.startswith("sqlite:///"):
        ended = stale_demo(engine, args.until or clock.today())
        if ended is not None:
            print(f"The demo data ended {ended:%Y-%m-%d}; making it anew up to today.")
            engine.dispose()
            _remove_sqlite(url)
            engine = create_engine_for(url)
            create_schema(engine)
    if has_activity(engine):
        if args.if_missing:
            print(f"Database already has data: {engine.url.render_as_string(hide_password=True)}")
            return 0
        print(
            "Database already has data; use --replace for a fresh demo database.", file=sys.stderr
        )
        return 1
    start = dt.datetime.now()
    try:
        data = write_demo(engine, org, args.scale, args.seed, progress=print, until=args.until)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    seconds = (dt.datetime.now() - start).total_seconds()
    print(
        f"Demo database ready in {seconds:.1f} s: {len(data.persons)} persons, "
        f"{len(data.contacts)} contacts, {len(data.courses)} courses "
        f"({engine.url.render_as_string(hide_password=True)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
