"""Fixtures shared by every test layer."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from pathlib import Path

import pytest
from sqlalchemy import Engine

from data_access.db import create_engine_for, create_schema, drop_everything, sync_organisation
from data_access.demo import write_demo
from data_access.organisation import Organisation, load_organisation
from data_access.settings import PROJECT_ROOT
from tests.synthetic_statbank import serve as serve_statbank

# Most tests read the demo as it was made for the project period, 2024-2025: "today" is pinned
# to its last day (data_access/clock.py), for this process and every app or server it starts.
# Tests of today-relative behaviour pin their own date (monkeypatch BROBYGGER_TODAY, --until).
PINNED_TODAY = "2025-12-31"
os.environ["BROBYGGER_TODAY"] = PINNED_TODAY

HELSINGOR_FILE = PROJECT_ROOT / "organisations" / "helsingor.toml"
OTHER_ORG_FILE = Path(__file__).parent / "fixtures" / "other_org.toml"


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


def _fresh_engine(kind: str, tmp_path: Path, org: Organisation) -> Engine:
    """An empty database with the organisation synced.

    PostgreSQL runs when BROBYGGER_TEST_POSTGRES_URL names a database the tests may wipe
    (.ci/run starts one); without it those cases skip, unless BROBYGGER_REQUIRE_POSTGRES=1.
    """
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    elif os.environ.get("BROBYGGER_REQUIRE_POSTGRES") == "1":
        pytest.fail("BROBYGGER_TEST_POSTGRES_URL is not set")
    else:
        pytest.skip("no PostgreSQL (set BROBYGGER_TEST_POSTGRES_URL)")
    engine = create_engine_for(url)
    drop_everything(engine)
    create_schema(engine)
    sync_organisation(engine, org)
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path, helsingor: Organisation):
    engine = _fresh_engine(request.param, tmp_path, helsingor)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(tmp_path: Path, helsingor: Organisation):
    engine = _fresh_engine("postgresql", tmp_path, helsingor)
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
