"""Fixtures shared by every test layer."""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.runtime.caching import cache_data_api

from data_access.db import create_engine_for, create_schema, drop_everything, sync_organisation
from data_access.demo import write_demo
from data_access.organisation import Organisation, load_organisation
from data_access.settings import PROJECT_ROOT
from deploy.postgres import INSTALL_HINT as PG_INSTALL_HINT
from deploy.postgres import LocalPostgres
from deploy.postgres import find_binaries as find_pg_binaries
from tests.synthetic_statbank import serve as serve_statbank

# Most tests read the demo as it was made for the project period, 2024-2025: "today" is pinned
# to its last day (data_access/clock.py), for this process and every app or server it starts.
# Tests of today-relative behaviour pin their own date (monkeypatch BROBYGGER_TODAY, --until).
PINNED_TODAY = "2025-12-31"
os.environ["BROBYGGER_TODAY"] = PINNED_TODAY

# Importing a module with st.cache_data outside a Streamlit server logs "No runtime found" once
# per cached function and process: noise at the top of every run, not a finding.
logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)

HELSINGOR_FILE = PROJECT_ROOT / "organisations" / "helsingor.toml"
OTHER_ORG_FILE = Path(__file__).parent / "fixtures" / "other_org.toml"


# The test layers, by what they need (pyproject.toml lists the markers): `make test-fast` runs
# what needs none of these, `make test` everything, in parallel where that is safe.
LAYER_OF_FOLDER = {"browser": "browser", "cluster": "cluster", "server": "processes", "app": "app"}
POSTGRES_FIXTURES = {"postgres_url", "postgres_engine"}
# Tests that share a machine-wide resource or load it heavily run one after another on one
# worker when `make test` runs in parallel: Chromium with its servers, nginx and the replicas,
# the processes tests, and every test of the one PostgreSQL server (a given URL is one
# database). The other tests are spread over the workers by module.
SERIAL_LAYERS = {"browser", "cluster", "processes", "postgres"}
SERIAL, SLOW = "serial", "slow"
# Where each pytest-xdist worker lists its serial tests for the controller's scheduler (which
# sees test ids only): a folder made by the controller, handed down in the environment.
SERIAL_LISTS = "BROBYGGER_SERIAL_TESTS_DIR"


def layers_of(item: pytest.Item) -> set[str]:
    """The heavy layers a test belongs to: its folder's, PostgreSQL when it uses the server
    (as a fixture or as the "postgresql" case of `any_engine`), and its own markers."""
    parts = Path(str(item.path)).relative_to(Path(__file__).parent).parts
    layers = {LAYER_OF_FOLDER[parts[0]]} if parts[0] in LAYER_OF_FOLDER else set()
    callspec = getattr(item, "callspec", None)
    cases = set(map(str, callspec.params.values())) if callspec else set()
    if POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())) or "postgresql" in cases:
        layers.add("postgres")
    layers |= {m.name for m in item.iter_markers()} & (SERIAL_LAYERS | {"slow", "app"})
    return layers


def _run_order(layers: set[str]) -> int:
    """The serial tests first, Chromium's and the replicas' last among them; then the slow
    ones; then the rest. In parallel the serial worker reaches the browser only after the
    other worker's heaviest tests (the exact attack, the sweeps) are done."""
    if layers & {"browser", "cluster"}:
        return 1
    if layers & SERIAL_LAYERS:
        return 0
    return 2 if "slow" in layers else 3


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    layers = {}
    for item in items:
        layers[item.nodeid] = layers_of(item)
        for layer in sorted(layers[item.nodeid]):
            item.add_marker(getattr(pytest.mark, layer))
    folder = os.environ.get(SERIAL_LISTS)
    if folder and hasattr(config, "workerinput"):  # a pytest-xdist worker (make test)
        items.sort(key=lambda item: _run_order(layers[item.nodeid]))  # stable: file order kept
        listed = [f"{SERIAL}\t{i.nodeid}" for i in items if layers[i.nodeid] & SERIAL_LAYERS]
        listed += [f"{SLOW}\t{i.nodeid}" for i in items if _run_order(layers[i.nodeid]) == 2]
        worker = config.workerinput["workerid"]
        (Path(folder) / f"{worker}.txt").write_text("\n".join(listed), encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput"):
        # Always a folder of this run's own (a pytest run by a test must not reuse its parent's).
        folder = tempfile.mkdtemp(prefix="brobygger-serial-")
        os.environ[SERIAL_LISTS] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        # Work units in the order collected (see _run_order), not largest first.
        config.option.loadscopereorder = False


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """pytest-xdist's scope scheduling with the serial tests as one scope, so one worker runs
    them one after another, the slow ones as one scope that the other worker takes first, and
    every other module as a scope of its own (xdist's own --dist loadgroup cannot do this
    here: with pytest 9 the group it adds to a test's id is lost)."""
    from xdist.scheduler import LoadScopeScheduling

    class LayerScheduling(LoadScopeScheduling):
        _scopes: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self._scopes is None:
                folder = Path(os.environ[SERIAL_LISTS])
                self._scopes = {
                    test: scope
                    for listed in folder.glob("*.txt")
                    for scope, test in (
                        line.split("\t", 1)
                        for line in listed.read_text(encoding="utf-8").splitlines()
                        if line
                    )
                }
            return self._scopes.get(nodeid) or super()._split_scope(nodeid)

    return LayerScheduling(config, log)


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet: connections may go to this machine only."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]  # type: ignore[index]
            try:
                is_local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                is_local = host == "localhost"
            if not is_local:
                raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(scope="session")
def helsingor() -> Organisation:
    return load_organisation(HELSINGOR_FILE)


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory, helsingor: Organisation) -> str:
    """A demo database built by the real generator, shared read-only by the session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    write_demo(create_engine_for(url), helsingor, until=dt.date.fromisoformat(PINNED_TODAY))
    return url


# "Today" for the tests of today-relative behaviour (worklists, alerts, presets): a Tuesday
# eleven months after the project period ended.
LATER_TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def today_db_url(tmp_path_factory: pytest.TempPathFactory, helsingor: Organisation) -> str:
    """A demo database made on LATER_TODAY (data up to that day), shared read-only."""
    url = f"sqlite:///{tmp_path_factory.mktemp('today') / 'today.db'}"
    write_demo(create_engine_for(url), helsingor, until=LATER_TODAY)
    return url


@pytest.fixture
def later_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Pin "today" to LATER_TODAY for this test (and any app it starts)."""
    monkeypatch.setenv("BROBYGGER_TODAY", LATER_TODAY.isoformat())
    return LATER_TODAY


POSTGRES_URL = os.environ.get("BROBYGGER_TEST_POSTGRES_URL", "")
# Skip reasons that the closing summary line (pytest_unconfigure below) counts and explains.
NO_POSTGRES = "no PostgreSQL server binaries"
NO_CHROMIUM = "Chromium not found"
NO_NGINX = "nginx not found"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database the tests may wipe: BROBYGGER_TEST_POSTGRES_URL when given,
    otherwise a throwaway server of our own from the machine's binaries (deploy/postgres.py),
    started on first use and removed at the end. Without binaries the PostgreSQL cases skip,
    unless BROBYGGER_REQUIRE_POSTGRES=1 (set by .ci/run), which makes that a failure."""
    if POSTGRES_URL:
        yield POSTGRES_URL
        return
    if find_pg_binaries() is None:
        message = f"{NO_POSTGRES} (install: {PG_INSTALL_HINT})"
        if os.environ.get("BROBYGGER_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's temporary folder: that is private to us, and the server may run as
    # another user (PostgreSQL refuses root).
    folder = Path(tempfile.mkdtemp(prefix="brobygger-test-pg-"))
    try:
        with LocalPostgres(folder) as server:
            yield server.create_database("brobygger_test")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fresh_engine(kind: str, tmp_path: Path, org: Organisation, request) -> Engine:
    """An empty database with the organisation synced (PostgreSQL: see `postgres_url`)."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = create_engine_for(url)
    drop_everything(engine)
    create_schema(engine)
    sync_organisation(engine, org)
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path, helsingor: Organisation):
    engine = _fresh_engine(request.param, tmp_path, helsingor, request)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(request: pytest.FixtureRequest, tmp_path: Path, helsingor: Organisation):
    engine = _fresh_engine("postgresql", tmp_path, helsingor, request)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_engine(tmp_path: Path, helsingor: Organisation) -> Engine:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'test.db'}")
    create_schema(engine)
    sync_organisation(engine, helsingor)
    return engine


@pytest.fixture
def statbank_api():
    """The synthetic stand-in for Statistics Denmark's API on a free local port:
    (its base URL, its Statbank state)."""
    with serve_statbank() as running:
        yield running


MISSING_TOOLS = {
    NO_CHROMIUM: ("browser", "chromium"),
    NO_POSTGRES: ("PostgreSQL", "postgresql"),
    NO_NGINX: ("replica", "nginx"),
}


def _skip_reason(report: pytest.TestReport) -> str:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason.removeprefix("Skipped: ")


def _tests(n: int, kind: str = "") -> str:
    return f"{n} {kind + ' ' if kind else ''}test{'' if n == 1 else 's'}"


def skip_summary(reasons: list[str]) -> str:
    """The closing line: how many tests did not run and why, grouped by the missing tool,
    with the one command that installs every missing tool; or that nothing was skipped."""
    if not reasons:
        where = "the given URL" if POSTGRES_URL else "a throwaway server"
        return f"NOTHING SKIPPED: every selected test ran (PostgreSQL: {where})."
    tools: dict[str, int] = {}
    others: dict[str, int] = {}
    for reason in reasons:
        marker = next((m for m in MISSING_TOOLS if m in reason), None)
        if marker:
            tools[marker] = tools.get(marker, 0) + 1
        else:
            others[reason] = others.get(reason, 0) + 1
    parts = [f"{_tests(n, MISSING_TOOLS[m][0])} ({m})" for m, n in tools.items()]
    parts += [f"{_tests(n, 'other')} ({reason})" for reason, n in others.items()]
    line = f"NOT RUN: {_tests(len(reasons))} skipped: {', '.join(parts)}"
    if tools:
        packages = " ".join(MISSING_TOOLS[m][1] for m in tools)
        line += f"; install what is missing with: apt-get install -y {packages}"
    return line


def pytest_unconfigure(config: pytest.Config) -> None:
    """One closing line saying what was skipped and why, and the one command that installs a
    missing tool (after pytest's own count, so it is the last thing printed)."""
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the controller prints the line for all of them
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    ran = ("passed", "failed", "skipped", "error")
    if reporter is None or not any(reporter.stats.get(outcome) for outcome in ran):
        return  # nothing ran (--collect-only, --help, a usage error)
    reasons = [_skip_reason(r) for r in reporter.stats.get("skipped", [])]
    reporter.write_line(skip_summary(reasons), yellow=bool(reasons), green=not reasons, bold=True)
