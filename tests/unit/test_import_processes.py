"""What must keep holding with real processes: kill -9 in the middle of an import leaves
nothing, and ten processes importing at once lose nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from data_access.settings import PROJECT_ROOT
from tests.unit.import_files import csv_file, snapshot

pytestmark = pytest.mark.processes  # starts processes of its own

CHILD = """
import sys, time, datetime as dt, pathlib
from data_access.db import create_engine_for
from data_access.imports import import_file
from data_access.organisation import load_organisation
url, path, signal_file = sys.argv[1:4]
org = load_organisation("organisations/helsingor.toml")
def hold():
    pathlib.Path(signal_file).write_text("inside")  # every row written, not committed
    time.sleep(120)
seam = hold if signal_file != "-" else None
result = import_file(create_engine_for(url), org, "contacts", pathlib.Path(path).read_bytes(),
                     pathlib.Path(path).name, now=dt.datetime(2025, 12, 31, 12), before_commit=seam)
print("ok" if result.ok else [p.code for p in result.problems])
"""


def _child(url: str, path, signal_file: str = "-") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(path), signal_file],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_kill_9_in_the_middle_of_an_import_leaves_nothing(any_engine, tmp_path):
    url = any_engine.url.render_as_string(hide_password=False)
    rows = [
        f"BB-K{i};kronborg;01-03-2025 {10 + i % 8}:{i % 60:02d};samtale;ingen" for i in range(500)
    ]
    path = tmp_path / "kontakter.csv"
    path.write_bytes(csv_file(*rows))
    before = snapshot(any_engine)
    signal_file = tmp_path / "inside"
    child = _child(url, path, str(signal_file))
    deadline = time.monotonic() + 120
    while not signal_file.exists():
        assert child.poll() is None, child.stdout.read()
        assert time.monotonic() < deadline, "the import never reached its last write"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()  # reaps the process and closes its pipe
    any_engine.dispose()
    assert snapshot(any_engine) == before


def test_ten_processes_importing_at_once_lose_nothing(any_engine, tmp_path):
    url = any_engine.url.render_as_string(hide_password=False)
    children = []
    for n in range(10):
        rows = [
            f"BB-P{n}x{i};stubben;0{1 + n % 9}-03-2025 1{i % 10}:{i:02d};samtale;ingen"
            for i in range(40)
        ]
        path = tmp_path / f"kontakter-{n}.csv"
        path.write_bytes(csv_file(*rows))
        children.append(_child(url, path))
    try:
        # Generous: ten interpreters starting at once on a loaded 2-core machine.
        outputs = [
            child.communicate(timeout=900)[0].strip().splitlines()[-1:] for child in children
        ]
    finally:
        for child in children:  # a timeout must not leave processes and open pipes behind
            if child.poll() is None:
                child.kill()
            child.communicate()
    assert outputs == [["ok"]] * 10, outputs
    with any_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar() == 400
        assert conn.execute(text("SELECT count(*) FROM import_batches")).scalar() == 10
