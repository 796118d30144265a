"""A page's independent figures read at once, each statement on a connection of its own.

A page's figures come from a handful of statements that do not depend on each other. Run one
after another on one connection they take their sum; run at once they take about the longest
one's time on a machine with two cores: SQLite and psycopg release the GIL while a statement
runs. Each read gets its own connection from the engine's pool (a connection is not shared
between threads) and sees the committed data as of its own start, as the statements of one
connection without a transaction did before.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Connection, Engine

# Threads per call: the statements of one page, not more (other sessions run too).
MAX_THREADS = 3


def read_at_once(engine: Engine, reads: dict[str, Callable[[Connection], Any]]) -> dict[str, Any]:
    """Each read's result by its name. Give the longest read first: it starts at once. An
    error in a read is raised here, after the others have finished."""

    def run(read: Callable[[Connection], Any]) -> Any:
        with engine.connect() as conn:
            return read(conn)

    if len(reads) <= 1:
        return {name: run(read) for name, read in reads.items()}
    with ThreadPoolExecutor(
        max_workers=min(MAX_THREADS, len(reads)), thread_name_prefix="figures"
    ) as pool:
        futures = {name: pool.submit(run, read) for name, read in reads.items()}
        return {name: future.result() for name, future in futures.items()}
