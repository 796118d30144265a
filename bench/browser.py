"""Chromium and the app under `streamlit run`: shared by the browser tests (tests/browser/) and
the browser benchmarks (first paint, the 500-site map)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from data_access.settings import PROJECT_ROOT

CHROMIUM = os.environ.get("BROBYGGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Nothing leaves this machine, and nothing is held up on its way: every request through a
# Playwright route handler makes a round trip to the benchmark's process first (the app's
# start-up loads some 150 scripts), which added 0.1-0.7 s to each page. Other hosts fail to
# resolve instead.
LOCAL_ONLY_ARGS = [
    *CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (the app, data: and blob: URLs)."""
    host = urlparse(url).hostname
    return host in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:"))


@contextmanager
def serve_app(
    env: dict[str, str], log_path: Path, *args: str, port: int | None = None, timeout: float = 60
) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port (or `port`) with `env` added to the
    environment; its address while the block runs, stopped afterwards."""
    with serve_app_process(env, log_path, *args, port=port, timeout=timeout) as (url, _):
        yield url


@contextmanager
def serve_app_process(
    env: dict[str, str], log_path: Path, *args: str, port: int | None = None, timeout: float = 60
) -> Iterator[tuple[str, int]]:
    """As serve_app, with the server's process id (for its CPU time and memory)."""
    port = port or free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless=true",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
                *args,
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)  # a loaded machine takes its time to stop
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()  # reaped: no "subprocess is still running" warning at teardown


def app_against(database_url: str, log_path: Path, timeout: float = 60):
    """The app against `database_url`, without map tiles (no internet here)."""
    env = {"BROBYGGER_DATABASE_URL": database_url, "BROBYGGER_MAP_TILES": "none"}
    return serve_app(env, log_path, timeout=timeout)


@contextmanager
def app_on_a_copy(database_url: str, folder: Path) -> Iterator[tuple[str, Path, Path]]:
    """The app on its own copy of a SQLite database (for tests that write: exports and views
    add audit rows), without map tiles: (its address, the copy, its log). SQLite's backup, not
    a file copy: the database may still hold its data in the write-ahead log."""
    from data_access.backup import backup_sqlite

    copy = backup_sqlite(database_url, folder / "copy.db")
    log = folder / "streamlit.log"
    with app_against(f"sqlite:///{copy}", log) as url:
        yield url, copy, log
