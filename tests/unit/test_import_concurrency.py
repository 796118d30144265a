"""One file imported twice at once: the second is told, in Danish words, that the file is
being imported or was imported; never an IntegrityError. SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import text

from data_access.db import create_engine_for
from data_access.imports import import_file, pipeline
from tests.unit.import_files import NOW, csv_file
from ui.i18n import TEXTS

DATA = csv_file(*[f"BB-C{i};kronborg;01-03-2025 14:{i:02d};samtale;ingen" for i in range(40)])


@pytest.mark.parametrize("across_processes", [False, True])
def test_the_second_of_two_simultaneous_imports_is_told(
    any_engine, helsingor, monkeypatch, across_processes
):
    if across_processes:
        # Two server processes do not share the in-process claim: the database must tell.
        monkeypatch.setattr(pipeline, "claim", lambda key: contextlib.nullcontext())
    url = any_engine.url.render_as_string(hide_password=False)
    second: list = []
    started = threading.Event()

    def import_again() -> None:
        engine = create_engine_for(url)  # another session, its own connections
        try:
            started.set()
            second.append(import_file(engine, helsingor, "contacts", DATA, "b.csv", now=NOW))
        finally:
            engine.dispose()

    worker = threading.Thread(target=import_again)

    def while_the_first_is_open() -> None:
        worker.start()  # the first import's transaction is still open here
        started.wait()
        worker.join(timeout=0.5)

    first = import_file(
        any_engine,
        helsingor,
        "contacts",
        DATA,
        "a.csv",
        now=NOW,
        before_commit=while_the_first_is_open,
    )
    worker.join()
    assert first.ok and first.added == 40
    codes = [p.code for p in second[0].problems]
    assert codes in (["being_imported"], ["already_imported"]), codes
    assert all(TEXTS[f"import.{c}"]["da"] for c in codes)
    with any_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar() == 40
        assert conn.execute(text("SELECT count(*) FROM import_batches")).scalar() == 1


def test_many_imports_of_different_files_at_once_lose_nothing(any_engine, helsingor):
    url = any_engine.url.render_as_string(hide_password=False)
    results: list = []

    def worker(n: int) -> None:
        engine = create_engine_for(url)
        rows = [f"BB-W{n}x{i};stubben;02-03-2025 1{n}:{i:02d};samtale;ingen" for i in range(30)]
        try:
            results.append(
                import_file(engine, helsingor, "contacts", csv_file(*rows), f"{n}.csv", now=NOW)
            )
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.problems for r in results] == [[]] * 6
    with any_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar() == 180
