"""A benchmark process's own peak resident memory (Linux's VmHWM, which can be reset), for the
steps that each run in a process of their own (the peer comparison, the imports)."""

from __future__ import annotations

import resource
from pathlib import Path


def _status_kb(field: str) -> int | None:
    """A field of /proc/self/status in KiB (Linux), or None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak_kb() -> int:
    """Resets the process's peak resident memory to what it uses now (Linux: clear_refs 5);
    returns that, in KiB, to measure the peak of what follows against."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kb("VmRSS") or 0
    except OSError:  # elsewhere: the peak so far (growth above it only)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_kb() -> int:
    """The peak resident memory, in KiB. Not getrusage's ru_maxrss where VmHWM is there: Linux
    carries the parent's resident size across fork and exec into it, so a child started by a
    benchmark process of 585 MB reported 585 MB before it had done anything."""
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def resident_kb() -> int:
    """The resident memory now, in KiB (what a process holds, not its peak)."""
    return _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
