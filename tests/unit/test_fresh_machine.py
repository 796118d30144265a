"""`make test` on a fresh machine: without a PostgreSQL URL the PostgreSQL tests start a
throwaway server of their own; a test that cannot run for a missing tool is named in one
closing line with the command that installs it; BROBYGGER_REQUIRE_POSTGRES=1 (CI) fails instead.

Each case runs pytest itself in a child process, on one small test module, with the
environment a fresh machine would have."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from data_access.settings import PROJECT_ROOT
from deploy.postgres import find_binaries
from tests.conftest import NO_CHROMIUM, NO_POSTGRES, skip_summary

pytestmark = pytest.mark.processes  # starts servers or processes of its own

# One SQLite and one PostgreSQL case (the `any_engine` fixture).
TARGET = "tests/unit/test_health.py::test_a_database_at_head_is_ready"


def _pytest(tmp_path, **env: str) -> tuple[int, list[str]]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BROBYGGER_", "PYTEST_")) and k != "PG_BIN"
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            TARGET,
            "-p",
            "no:cacheprovider",
            f"--basetemp={tmp_path}",
        ],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout.strip().splitlines()


def test_without_a_url_the_postgresql_tests_run_on_a_throwaway_server(tmp_path):
    if find_binaries() is None:
        pytest.skip(f"{NO_POSTGRES} (the throwaway server needs them)")
    code, lines = _pytest(tmp_path / "run", BROBYGGER_REQUIRE_POSTGRES="1")
    assert code == 0, "\n".join(lines[-30:])
    assert any("2 passed" in line for line in lines[-3:]), lines[-3:]
    assert lines[-1] == "NOTHING SKIPPED: every selected test ran (PostgreSQL: a throwaway server)."


def test_without_postgresql_the_run_ends_with_one_line_saying_what_and_how(tmp_path):
    no_binaries = tmp_path / "empty-bin"
    no_binaries.mkdir()
    code, lines = _pytest(tmp_path / "run", BROBYGGER_PG_BIN=str(no_binaries))
    assert code == 0, "\n".join(lines[-30:])
    assert "1 passed, 1 skipped" in lines[-2]
    assert lines[-1] == (
        f"NOT RUN: 1 test skipped: 1 PostgreSQL test ({NO_POSTGRES}); "
        "install what is missing with: apt-get install -y postgresql"
    )


def test_ci_makes_a_missing_postgresql_a_failure(tmp_path):
    no_binaries = tmp_path / "empty-bin"
    no_binaries.mkdir()
    code, lines = _pytest(
        tmp_path / "run", BROBYGGER_PG_BIN=str(no_binaries), BROBYGGER_REQUIRE_POSTGRES="1"
    )
    assert code == 1
    assert any("1 passed, 1 error" in line for line in lines[-3:]), lines[-3:]


def test_the_line_groups_the_reasons_and_names_one_command():
    reasons = [
        f"{NO_CHROMIUM} at /usr/bin/chromium (install: apt-get install chromium)",
        f"{NO_POSTGRES} (install: apt-get install postgresql)",
        f"{NO_POSTGRES} (install: apt-get install postgresql)",
        "shared/ is not beside the checkout",
    ]
    assert skip_summary(reasons) == (
        f"NOT RUN: 4 tests skipped: 1 browser test ({NO_CHROMIUM}), "
        f"2 PostgreSQL tests ({NO_POSTGRES}), 1 other test (shared/ is not beside the checkout); "
        "install what is missing with: apt-get install -y chromium postgresql"
    )
    assert skip_summary([]).startswith("NOTHING SKIPPED")
