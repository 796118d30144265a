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
