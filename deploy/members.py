"""The processes of the local cluster (deploy/cluster.py): each replica and nginx as a member with
its port and pid, the state written to the cluster's folder, and starting and stopping them
(as an unprivileged user when run as root)."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Member:
    """A process the cluster started: its id and a word of its command line (so `stop`
    never signals a process that merely reuses the id)."""

    name: str
    pid: int
    marker: str
    url: str = ""
    log: str = ""


@dataclass
class State:
    folder: str
    url: str = ""
    database_url: str = ""  # the replicas' (the app's role)
    owner_url: str = ""  # the schema owner's: migrations and `audit prune` (empty: one role)
    members: list[Member] = field(default_factory=list)

    def save(self) -> None:
        path = Path(self.folder) / "state.json"
        path.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> State | None:
        path = folder / "state.json"
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["members"] = [Member(**m) for m in raw["members"]]
        return cls(**raw)

    def replicas(self) -> list[Member]:
        return [m for m in self.members if m.name.startswith("replica")]


def _unprivileged() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("www-data", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and no 'www-data' or 'nobody' user to run nginx as")


def _wait_http(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            last = f"{error.code} {error.read()[:300]!r}"
        except OSError as error:
            last = str(error)
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process ended (exit {process.returncode})")
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s: {last}")


def _alive(member: Member) -> bool:
    try:
        cmdline = Path(f"/proc/{member.pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return member.marker.encode() in cmdline


def stop_members(members: list[Member], children: dict[int, subprocess.Popen]) -> None:
    """End each member (proxy first, database last): SIGTERM, or SIGQUIT for nginx (graceful),
    SIGINT for PostgreSQL (fast shutdown); SIGKILL after 20 s."""
    signals = {"nginx": signal.SIGQUIT, "postgres": signal.SIGINT}
    for member in members:
        if not _alive(member):
            continue
        with contextlib.suppress(ProcessLookupError):
            os.kill(member.pid, signals.get(member.name, signal.SIGTERM))
    for member in members:
        deadline = time.monotonic() + 20
        child = children.get(member.pid)
        while _alive(member) and time.monotonic() < deadline:
            if child is not None and child.poll() is not None:
                break
            time.sleep(0.1)
        if _alive(member) and (child is None or child.poll() is None):
            with contextlib.suppress(ProcessLookupError):
                os.kill(member.pid, signal.SIGKILL)
        if child is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=5)
