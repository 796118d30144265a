"""CPU time and memory of other processes (Linux /proc): the app's server and the database
server's backends, counted together for what one filter change costs the machine."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _parents() -> dict[int, int]:
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def tree(root: int) -> list[int]:
    """`root` and every process below it, now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    out, i = [root], 0
    while i < len(out):
        out += children.get(out[i], [])
        i += 1
    return out


def cpu_ms(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far, in ms (those gone count 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks * 1000 / TICKS


def memory_mb(pids: list[int]) -> float:
    """Proportional set size (shared pages split among their users, so a PostgreSQL server's
    shared buffers count once), in MB."""
    kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kb += int(line.split()[1])
                    break
        except OSError:
            continue
    return kb / 1024


def postgres_root(data_dir: Path) -> int | None:
    """The postmaster of a PostgreSQL data folder (its postmaster.pid), or None."""
    try:
        return int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Meter:
    """The CPU of a fixed set of process trees, read before and after a step. The trees are
    looked up again at each read: a PostgreSQL server starts a backend per connection."""

    def __init__(self, roots: list[int]):
        self.roots = roots

    def pids(self) -> list[int]:
        return [pid for root in self.roots for pid in tree(root)]

    def cpu_ms(self) -> float:
        return cpu_ms(self.pids())

    def memory_mb(self) -> float:
        return memory_mb(self.pids())
