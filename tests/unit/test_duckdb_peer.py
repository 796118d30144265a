"""The DuckDB peer (bench/duckdb_peer.py): the project's own queries on a DuckDB copy of the
demo's tables give the project's figures, so the benchmark compares engines, not answers."""

from __future__ import annotations

import datetime as dt

import pytest

from bench import duckdb_peer, naive
from data_access.caseload import caseload_page
from data_access.db import create_engine_for
from data_access.filters import Filters
from data_access.overview import overview

PERIODS = (
    Filters(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # by month
    Filters(dt.date(2025, 4, 1), dt.date(2025, 6, 30), departments=("stof", "unge")),  # weeks
    Filters(dt.date(2024, 1, 1), dt.date(2025, 12, 31), coarse=True),  # by quarter
)


@pytest.fixture(scope="module")
def engines(demo_db_url, tmp_path_factory):
    copy = tmp_path_factory.mktemp("duckdb") / "demo.duckdb"
    duckdb_peer.copy_into_duckdb(demo_db_url, copy)
    source, duck = create_engine_for(demo_db_url), duckdb_peer.engine_for_copy(copy)
    yield source, duck
    source.dispose()
    duck.dispose()


@pytest.mark.parametrize("f", PERIODS, ids=lambda f: f"{f.start}-{f.end}-{f.grain}")
def test_the_copy_gives_the_projects_figures(engines, helsingor, f):
    source, duck = engines
    start = helsingor.outreach.start
    assert naive.differences(overview(source, f, start), overview(duck, f, start)) == []
    assert naive.differences(caseload_page(source, f), caseload_page(duck, f)) == []
    assert overview(duck, f, start).outreach.contacts > 0  # not equal because both are empty
