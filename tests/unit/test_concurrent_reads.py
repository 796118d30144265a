"""A page's independent figures read at once (data_access/concurrent_reads.py): each read on a
connection of its own, the results by name, an error raised to the caller."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from data_access.concurrent_reads import read_at_once
from data_access.db import create_engine_for


@pytest.fixture
def engine(tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'reads.db'}")
    yield engine
    engine.dispose()


def test_results_by_name_each_on_its_own_connection(engine):
    both_running = threading.Barrier(2, timeout=10)  # a read one after another would hang here
    connections: list[int] = []

    def read(value: int):
        def run(conn):
            connections.append(id(conn.connection.dbapi_connection))
            both_running.wait()
            return conn.execute(text(f"SELECT {value}")).scalar()

        return run

    assert read_at_once(engine, {"a": read(1), "b": read(2)}) == {"a": 1, "b": 2}
    assert len(set(connections)) == 2


def test_an_error_in_a_read_reaches_the_caller(engine):
    def failing(conn):
        conn.execute(text("SELECT * FROM no_such_table"))

    with pytest.raises(Exception, match="no_such_table"):
        read_at_once(engine, {"ok": lambda conn: 1, "bad": failing})


def test_one_read_runs_in_the_callers_thread(engine):
    assert read_at_once(engine, {"only": lambda conn: threading.current_thread().name}) == {
        "only": threading.current_thread().name
    }
