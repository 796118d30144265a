"""The test layers (tests/conftest.py): the fast layer that `make test-fast` runs holds no test
that needs PostgreSQL, Streamlit, a browser, the replicas or processes of its own, and every
heavy test runs in the one serial group when `make test` runs in parallel."""

from __future__ import annotations

import subprocess
import sys

import pytest

from data_access.settings import PROJECT_ROOT

pytestmark = pytest.mark.processes  # collects the suite in a process of its own

FAST = "not (postgres or processes or browser or cluster or app or slow)"


def _collected(*args: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_the_fast_layer_leaves_out_every_heavy_test():
    fast = _collected("-m", FAST)
    everything = _collected()
    assert 0 < len(fast) < len(everything)
    for test in fast:
        assert not test.startswith(("tests/app/", "tests/browser/", "tests/cluster/")), test
        assert not test.startswith("tests/server/"), test
        assert "[postgresql" not in test, test  # any_engine's PostgreSQL case
    # Each layer is found where it lives, and by what a test uses.
    postgres = _collected("-m", "postgres")
    assert any("[postgresql" in t for t in postgres)
    assert any("test_replicas" in t for t in postgres)  # the cluster's database
    assert not any("[sqlite" in t for t in postgres)
    assert all(t.startswith("tests/browser/") for t in _collected("-m", "browser"))
    assert any("test_import_processes" in t for t in _collected("-m", "processes"))


def test_the_scheduler_makes_the_serial_tests_one_work_unit(request, tmp_path, monkeypatch):
    """The serial tests the workers list are one scope (one worker runs them one after
    another); any other test is scheduled by its module, as pytest-xdist's loadscope does."""
    from tests.conftest import SERIAL, SERIAL_LISTS, pytest_xdist_make_scheduler

    monkeypatch.setenv(SERIAL_LISTS, str(tmp_path))
    heavy = ["tests/browser/test_a.py::test_one", "tests/unit/test_b.py::test_pg[postgresql]"]
    listed = [f"serial\t{test}" for test in heavy] + ["slow\ttests/unit/test_c.py::test_sweep"]
    (tmp_path / "gw0.txt").write_text("\n".join(listed), encoding="utf-8")
    (tmp_path / "gw1.txt").write_text("\n".join(listed), encoding="utf-8")
    monkeypatch.setattr(request.config.option, "numprocesses", 2, raising=False)
    monkeypatch.setattr(request.config.option, "tx", ["2*popen"], raising=False)
    scheduler = pytest_xdist_make_scheduler(request.config, None)
    assert {scheduler._split_scope(test) for test in heavy} == {SERIAL}
    assert scheduler._split_scope("tests/unit/test_c.py::test_sweep") == "slow"
    assert scheduler._split_scope("tests/unit/test_b.py::test_pg[sqlite]") == "tests/unit/test_b.py"
