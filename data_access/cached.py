"""The one place where data_access meets Streamlit: the connection and cached query wrappers.

Every cached function takes the database URL and organisation file as arguments so that two
databases in one process (tests, benchmark) never share cache entries, and the data version
(data_access/data_version.py), read once per rerun by `note_data_version`, so that a write on
any replica reaches every replica's caches on its next rerun.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from data_access import audit_chain, clock, contact_log, data_version, dst
from data_access import audit_verify as chain
from data_access import caseload as caseload_queries
from data_access import national as national_queries
from data_access import outreach as outreach_queries
from data_access import overview as overview_queries
from data_access import routes as routes_queries
from data_access.alerts.schedule import AlertSchedule
from data_access.db import (
    create_schema,
    default_url,
    prepare_engine,
    resolve_url,
    sync_organisation,
)
from data_access.filters import Filters
from data_access.organisation import Organisation, load_organisation, outline_path
from data_access.publication import publish, store
from data_access.settings import DATABASE_URL, DST_DIR, ORG_FILE

QUERY_TTL = "10m"


def cache_key(*values: object) -> str:
    """The values as one short string for a cached function's key. Streamlit's cache hasher
    walks a dataclass (the filters, a publication cell) field by field on every call, a few
    milliseconds each, which added up to more than a cached page's own work on a rerun; the
    cached functions below take this key and their real arguments unhashed (a leading `_`).
    Pickling keeps every value whole, where a repr would cut a long one short."""
    return hashlib.blake2b(pickle.dumps(values, protocol=5), digest_size=20).hexdigest()


def _secrets_url() -> str | None:
    try:
        return st.secrets["connections"]["sql"]["url"]
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return None


def _chain_key_secret() -> object:
    try:
        return st.secrets["audit"]["chain_key"]
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return None


audit_chain.secret_source = _chain_key_secret  # the audit chain's key from the app's secrets


def database_url() -> str:
    return resolve_url(_secrets_url())


def engine() -> Engine:
    """The app's engine, from st.connection("sql"), with SQLite pragmas attached."""
    override = DATABASE_URL.value()
    if override:
        connection = st.connection("sql", url=override)
    elif _secrets_url():
        connection = st.connection("sql")
    else:
        connection = st.connection("sql", url=default_url())
    return prepare_engine(connection.engine)


def org_file() -> str:
    return ORG_FILE.value()


@st.cache_resource(show_spinner=False)
def _organisation(path: str, mtime: float, url: str) -> Organisation:
    org = load_organisation(path)
    # Sync on start: the file is the truth for sites and departments.
    eng = engine()
    create_schema(eng)
    sync_organisation(eng, org)
    return org


def organisation() -> Organisation:
    path = org_file()
    mtime = Path(path).stat().st_mtime if Path(path).exists() else 0.0
    return _organisation(path, mtime, database_url())


_VERSION_KEY = "_brobygger_data_version"


def note_data_version() -> int:
    """Read the data version for this rerun (app.py, at the top of every rerun; after a write).

    One primary-key lookup per rerun; every cached wrapper below is keyed by the value read
    here, so a session sees one consistent version for the whole rerun."""
    version = data_version.current(engine())
    st.session_state[_VERSION_KEY] = version
    return version


def version() -> int:
    """The data version this rerun's cached figures are keyed by."""
    held = st.session_state.get(_VERSION_KEY)
    return held if held is not None else note_data_version()


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def _data_extent(url: str, version: int) -> tuple[dt.date, dt.date] | None:
    return overview_queries.data_extent(engine())


def data_extent() -> tuple[dt.date, dt.date] | None:
    return _data_extent(database_url(), version())


# The audit chain's full walk reads every row (about 20 s a million): for a large log at most
# this often per process, the rows appended since on every run. A log that is walked in under
# CHAIN_WALK_ALWAYS seconds (some 25,000 rows) is walked whole on every run.
CHAIN_FULL_TTL = "5m"
CHAIN_WALK_ALWAYS = 0.5


@st.cache_data(ttl=CHAIN_FULL_TTL, max_entries=4, show_spinner=False)
def _audit_chain_full(url: str) -> chain.VerifyResult:
    return chain.verify(engine())


def audit_chain() -> chain.VerifyResult:
    """The audit chain's state for the audit page. A small log is walked whole on every run;
    a large one fully at most every five minutes and, on every run, from the last row that
    walk verified (after checking that row is still there, unchanged). So a break always
    shows: at once, or for a row changed in place far back in a large log at the next full
    walk. A broken result is shown as it is."""
    full = _audit_chain_full(database_url())
    if not full.intact:
        return full
    if full.seconds < CHAIN_WALK_ALWAYS:
        return chain.verify(engine())
    return chain.verify(engine(), after=full)


@st.cache_data(ttl=QUERY_TTL, max_entries=200, show_spinner=False)
def _overview(
    key: str, _f: Filters, _project_start: dt.date, _project_end: dt.date | None
) -> overview_queries.OverviewData:
    return overview_queries.overview(engine(), _f, _project_start, _project_end)


def overview(
    f: Filters, project_start: dt.date, project_end: dt.date | None = None
) -> overview_queries.OverviewData:
    key = cache_key(database_url(), version(), f, project_start, project_end)
    return _overview(key, f, project_start, project_end)


@st.cache_data(ttl=QUERY_TTL, max_entries=200, show_spinner=False)
def _outreach(key: str, _f: Filters, _project: tuple) -> outreach_queries.OutreachData:
    return outreach_queries.outreach_page(engine(), _f, *_project)


def outreach(f: Filters, org: Organisation) -> outreach_queries.OutreachData:
    project = org.outreach
    values = (project.start, project.end, project.target_persons, project.grant_dkk)
    return _outreach(cache_key(database_url(), version(), f, values), f, values)


@st.cache_resource(show_spinner=False)
def _outline(path: str) -> dict | None:
    file = Path(path)
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else None


def outline(org: Organisation) -> dict | None:
    """The municipality outline (GeoJSON) named in the organisation file, if any."""
    path = outline_path(org, org_file())
    return _outline(str(path)) if path else None


@st.cache_data(ttl=QUERY_TTL, max_entries=200, show_spinner=False)
def _caseload(key: str, _f: Filters) -> caseload_queries.CaseloadData:
    return caseload_queries.caseload_page(engine(), _f)


def caseload(f: Filters) -> caseload_queries.CaseloadData:
    return _caseload(cache_key(database_url(), version(), f), f)


@st.cache_data(ttl=QUERY_TTL, max_entries=50, show_spinner=False)
def _contact_profile(url: str, version: int, until: dt.date) -> routes_queries.ContactProfile:
    return routes_queries.contact_profile(engine(), until)


def contact_profile(until: dt.date) -> routes_queries.ContactProfile:
    return _contact_profile(database_url(), version(), until)


@st.cache_data(ttl=QUERY_TTL, max_entries=20, show_spinner=False)
def _pseudonyms(url: str, version: int) -> list[str]:
    return contact_log.pseudonyms(engine())


def pseudonyms() -> list[str]:
    """The pseudonyms of the persons met most recently, for the contact form (writes clear
    this with everything else)."""
    return _pseudonyms(database_url(), version())


# ---- committee publications (data_access/publication) -------------------------------------
@st.cache_data(ttl=QUERY_TTL, max_entries=4, show_spinner=False)
def _publication(
    url: str, version: int, org_path: str, mtime: float, as_of: dt.date
) -> store.Publication:
    extent = overview_queries.data_extent(engine())
    first = extent[0] if extent else as_of
    return store.build(engine(), organisation(), first, as_of)


def publication(as_of: dt.date) -> store.Publication:
    """Every protected committee figure on `as_of` (counted, rounded and audited once)."""
    path = org_file()
    mtime = Path(path).stat().st_mtime if Path(path).exists() else 0.0
    return _publication(database_url(), version(), path, mtime, as_of)


@st.cache_data(ttl=QUERY_TTL, max_entries=500, show_spinner=False)
def _committee(
    key: str, _page: str, _as_of: dt.date, _cell: publish.Cell, _coarse: bool, _compare: str
) -> object:
    pub = publication(_as_of)
    build = {
        "overview": publish.overview,
        "outreach": publish.outreach,
        "caseload": publish.caseload,
    }[_page]
    return build(pub, engine(), organisation(), _cell, _coarse, _compare)


def committee(
    page: str, as_of: dt.date, cell: publish.Cell, coarse: bool = False, compare: str = "year"
):
    """A page's publication for one cell: the protected figures in the page's data class,
    compared with the cell a year earlier or (compare="previous") the one before."""
    key = cache_key(database_url(), version(), page, as_of, cell, coarse, compare)
    return _committee(key, page, as_of, cell, coarse, compare)


@st.cache_data(ttl=QUERY_TTL, max_entries=20, show_spinner=False)
def _national(
    url: str, version: int, org_path: str, committee: bool
) -> national_queries.NationalData:
    # Committee mode: our own counts as the committee publication has them (audited with the
    # departments' figures), the same publication the other committee pages read.
    extent = data_extent()
    org = organisation()
    pub = publication(clock.as_of(extent, org.outreach.end)) if committee and extent else None
    return national_queries.national_comparison(engine(), org, committee, pub)


def national(committee: bool) -> national_queries.NationalData:
    # The data version covers DST's figures too: a fetch from the command line shows at once.
    return _national(database_url(), version(), org_file(), committee)


@st.cache_resource(show_spinner=False, max_entries=20)
def _synced_folder(url: str, folder: str, signature: tuple) -> list[dst.FileResult]:
    return dst.sync_folder(engine(), Path(folder))  # new figures bump the data version


def sync_dst_folder() -> list[dst.FileResult]:
    """Load files placed in the DST folder; runs again only when the folder's files change."""
    folder = Path(DST_DIR.value())
    signature = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in dst.data_files(folder)
    )
    results = _synced_folder(database_url(), str(folder), signature) if signature else []
    if any(r.figure_count and not r.already_loaded for r in results):
        note_data_version()  # figures loaded in this rerun show in this rerun
    return results


def after_write() -> None:
    """After a write in this session: read the new data version, so the rest of this rerun and
    every session on every replica asks for fresh figures; and clear this process's cached
    figures, which belong to versions no rerun will ask for again."""
    st.cache_data.clear()
    note_data_version()


@st.cache_resource(show_spinner=False)
def _alert_schedule() -> AlertSchedule:
    return AlertSchedule()


def _alert_check(today: dt.date, data_version_now: int | None = None):
    """(the schedule's key, the data version, the evaluation) for `today`; the version is the
    session's unless given (the server's start, outside any session)."""
    from data_access.alerts import store

    eng, org = engine(), organisation()
    key = (database_url(), org_file(), today)
    now = version() if data_version_now is None else data_version_now
    return key, now, lambda: store.refresh(eng, org, today)


def evaluate_alerts_at_start() -> None:
    """The alert rules' first evaluation for the day the pages count back from, started in the
    background at the server's start (outside any session: the data version read directly)."""
    eng = engine()
    extent = overview_queries.data_extent(eng)
    if extent is None:
        return
    today = clock.as_of(extent, organisation().outreach.end)
    _alert_schedule().start(*_alert_check(today, data_version.current(eng)))


def open_alerts(today: dt.date) -> int:
    """The badge's count of open alerts. The rules are evaluated after the data changed and
    at least every five minutes, in the background after the first time (see
    data_access/alerts/schedule.py): a page never waits for them to show its badge."""
    from data_access.alerts import store

    _alert_schedule().in_background(*_alert_check(today))
    return store.open_count(engine())


def alerts_up_to_date(today: dt.date) -> None:
    """The alerts brought up to date with this rerun's data, waiting for it (the alerts page)."""
    _alert_schedule().up_to_date(*_alert_check(today))


def alerts_changed() -> None:
    """Evaluate the rules again on the next call ("check now")."""
    _alert_schedule().forget()


def wait_for_alert_checks() -> None:
    """Wait for the evaluations running in the background (the benchmark between steps, and
    tests before their database goes)."""
    _alert_schedule().wait()
