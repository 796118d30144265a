"""A PostgreSQL server of its own, from the machine's PostgreSQL binaries, in a folder.

The tests start one when no BROBYGGER_TEST_POSTGRES_URL is given (a throwaway in a temporary
folder), and `make cluster` starts one for the replicas unless BROBYGGER_DATABASE_URL names a
database. It listens on 127.0.0.1 only, on a free port, with trust authentication for local
connections: a server for this machine's tests and trials, never for data that matters.

PostgreSQL refuses to run as root; as root the server runs as the `postgres` user (made by
Debian's postgresql package) or, failing that, `nobody`, and the folder is handed to that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg

SUPERUSER = "brobygger"
INSTALL_HINT = "apt-get install postgresql"


def find_binaries() -> Path | None:
    """The folder with initdb and postgres: BROBYGGER_PG_BIN, then `pg_config --bindir`, then
    the newest /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH)."""
    candidates: list[Path] = []
    if os.environ.get("BROBYGGER_PG_BIN"):  # given: that folder only
        candidates.append(Path(os.environ["BROBYGGER_PG_BIN"]))
    else:
        candidates.extend(_found_binaries())
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    return None


def _found_binaries() -> list[Path]:
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, check=True)
            candidates.append(Path(out.stdout.decode().strip()))
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    return [*candidates, *versions]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and no 'postgres' or 'nobody' user to run PostgreSQL as")


class LocalPostgres:
    """initdb (once) and a `postgres` process on 127.0.0.1:`port`, data in `folder`.

    Use as a context manager, or call start() and stop(). `url(database)` gives a SQLAlchemy
    URL; `create_database(name)` makes an empty database.
    """

    def __init__(self, folder: Path, port: int | None = None, bin_dir: Path | None = None):
        self.folder = Path(folder)
        self.port = port or free_port()
        self.bin_dir = bin_dir or find_binaries()
        if self.bin_dir is None:
            raise FileNotFoundError(f"no PostgreSQL server binaries ({INSTALL_HINT})")
        self.process: subprocess.Popen | None = None
        self.user = _run_as()

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log_path(self) -> Path:
        return self.folder / "postgres.log"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def _dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def _as_user(self) -> dict:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def _hand_over(self, path: Path) -> None:
        if self.user is not None:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def start(self, timeout: float = 60) -> LocalPostgres:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._hand_over(self.folder)
        if not (self.data_dir / "PG_VERSION").exists():
            made = subprocess.run(
                [
                    str(self.bin_dir / "initdb"),
                    f"--pgdata={self.data_dir}",
                    f"--username={SUPERUSER}",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                capture_output=True,
                **self._as_user(),
            )
            if made.returncode != 0:
                said = (made.stdout + made.stderr).decode(errors="replace")
                raise RuntimeError(f"initdb failed in {self.data_dir}:\n{said}")
        log = self.log_path.open("a")
        self._hand_over(self.log_path)
        self.process = subprocess.Popen(
            [
                str(self.bin_dir / "postgres"),
                "-D",
                str(self.data_dir),
                "-p",
                str(self.port),
                "-h",
                "127.0.0.1",
                "-k",
                str(self.folder),  # the Unix socket stays in our folder, not /var/run
                "-c",
                "max_connections=200",
                # A server for tests and trials: speed over crash safety.
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in a terminal stops us, and we stop the server
            **self._as_user(),
        )
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self._dsn(), connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"PostgreSQL did not start:\n{self.log_path.read_text()}"
                    ) from None
                time.sleep(0.2)

    def create_database(self, name: str, owner: str | None = None) -> str:
        """An empty database `name` (made if missing), owned by `owner` when given (an
        existing one is handed over); its URL (the superuser's)."""
        with psycopg.connect(self._dsn(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if owner else ""))
            elif owner:
                conn.execute(f'ALTER DATABASE "{name}" OWNER TO "{owner}"')
        return self.url(name)

    def create_role(self, name: str) -> None:
        """A login role `name` (made if missing; trust authentication: no password)."""
        with psycopg.connect(self._dsn(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(f'CREATE ROLE "{name}" LOGIN')

    def stop(self) -> None:
        """Fast shutdown (SIGINT): open sessions are ended, nothing is kept waiting."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
