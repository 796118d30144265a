"""When the alert rules are evaluated in the app: after the data changed and at least every
few minutes, but off the request path of the pages that only show the badge.

Evaluating every rule reads a good part of the database (1.2 s at benchmark scale 1000) and
used to run in the rerun after every write: a contact logged on the go waited for it. Now:
- the first evaluation of a database and day runs at once (the badge is right from the start);
- after that, when the data version has changed or the last evaluation is older than
  `every_s`, the badge starts an evaluation in a thread of its own and shows the table's count
  meanwhile (the alerts raised since the last one arrive with the next rerun);
- the alerts page asks for an up-to-date evaluation and waits for it.
A background evaluation starts DEFER_S after the rerun that noticed the change (that rerun
computes and draws the page's new figures meanwhile: at scale 1000 an evaluation at once took
2.4 times the page's own work from the same two cores) and runs at a lower priority (its
thread's nice value, Linux), so a user's reruns get the processor first; the alerts page and
`wait` cut the delay short.
One evaluation per key runs at a time in a process; several processes (replicas) are safe
with each other through the alerts table's unique open key (store.sync).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

LOG = logging.getLogger(__name__)
EVERY_S = 300.0
DEFER_S = 3.0
BACKGROUND_NICENESS = 10


@dataclass(frozen=True)
class _Background:
    thread: threading.Thread
    go: threading.Event  # set: a deferred evaluation starts now


@dataclass(frozen=True)
class _Evaluated:
    version: int
    at: float  # the schedule's clock (monotonic seconds)


class AlertSchedule:
    """Keeps, per key (database, organisation file, day), which data version was evaluated
    when, and runs `evaluate` when that is out of date."""

    def __init__(
        self,
        every_s: float = EVERY_S,
        clock: Callable[[], float] = time.monotonic,
        defer_s: float = DEFER_S,
    ):
        self.every_s = every_s
        self.defer_s = defer_s
        self._clock = clock
        self._lock = threading.Lock()
        self._evaluated: dict[Hashable, _Evaluated] = {}
        self._running: dict[Hashable, _Background] = {}

    def _due(self, key: Hashable, version: int) -> bool:
        last = self._evaluated.get(key)
        return last is None or last.version != version or self._clock() - last.at >= self.every_s

    def _run(self, key: Hashable, version: int, evaluate: Callable[[], object]) -> None:
        started = self._clock()
        try:
            evaluate()
        except Exception:  # a failed check must not take a page down; the next one retries
            LOG.exception("evaluating the alert rules failed")
            return
        finally:
            with self._lock:
                self._running.pop(key, None)
        with self._lock:
            self._evaluated[key] = _Evaluated(version, started)

    def up_to_date(self, key: Hashable, version: int, evaluate: Callable[[], object]) -> None:
        """Evaluate now, waiting for it, unless `version` was evaluated within `every_s`
        (an evaluation already running in the background is waited for first)."""
        with self._lock:
            running = self._running.get(key)
        if running is not None:
            running.go.set()
            running.thread.join()
        with self._lock:
            if not self._due(key, version):
                return
        self._run(key, version, evaluate)

    def in_background(self, key: Hashable, version: int, evaluate: Callable[[], object]) -> bool:
        """The badge's call: evaluate at once the first time for `key`; later, when due, in a
        thread, returning at once. True when an evaluation was started in the background."""
        with self._lock:
            if key in self._running:
                return False
            first = key not in self._evaluated
            if not first:
                if not self._due(key, version):
                    return False
                thread = self._thread(key, version, evaluate, self.defer_s)
        if first:
            self._run(key, version, evaluate)
            return False
        thread.start()
        return True

    def start(self, key: Hashable, version: int, evaluate: Callable[[], object]) -> None:
        """The server's start (gateway/startup.py): the first evaluation in the background, so
        the first visitor's badge does not wait for it (at scale 1000 it was most of a first
        open); a visitor meanwhile gets the count stored by the last evaluation."""
        with self._lock:
            if key in self._running or key in self._evaluated:
                return
            thread = self._thread(key, version, evaluate, 0.0)
        thread.start()

    def _thread(
        self, key: Hashable, version: int, evaluate: Callable[[], object], defer_s: float
    ) -> threading.Thread:
        """A background evaluation, registered as running (the lock is held)."""
        go = threading.Event()
        thread = threading.Thread(
            target=self._in_background,
            args=(key, version, evaluate, go, defer_s),
            name="alert-rules",
            daemon=True,
        )
        self._running[key] = _Background(thread, go)
        return thread

    def _in_background(
        self,
        key: Hashable,
        version: int,
        evaluate: Callable[[], object],
        go: threading.Event,
        defer_s: float,
    ) -> None:
        go.wait(defer_s)
        lower_this_threads_priority()
        self._run(key, version, evaluate)

    def forget(self) -> None:
        """Every key due again (the alerts page's "check now")."""
        with self._lock:
            self._evaluated.clear()

    def wait(self) -> None:
        """Wait for the evaluations running in the background (tests, shutdown), starting a
        deferred one at once."""
        with self._lock:
            running = list(self._running.values())
        for background in running:
            background.go.set()
            background.thread.join()


def lower_this_threads_priority() -> None:
    """The calling thread's nice value raised to BACKGROUND_NICENESS (on Linux a thread is a
    task of its own; raising one's nice value needs no privilege). Elsewhere nothing."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
