"""`make loadtest`: 50 sessions at once across 3 replicas behind nginx, while writers log contacts.

It starts a cluster of its own (deploy/cluster.py: PostgreSQL, replicas, nginx, the local test
identity provider; loopback only) in a temporary folder, and stops it at the end. Every session
is a new browser (its own cookies) speaking Streamlit's protocol (bench/streamlit_session.py):
it logs in through the proxy, then opens each page and changes the period filter on it, for a
few rounds. Writers, among the sessions, log contacts through the data page's form. It reports

- errors (must be 0): a script exception, a run that did not finish, a closed websocket, a
  write not confirmed;
- p50/p95 seconds per page, for opening it and for the filter change (server's run plus the
  transfer, measured at the client: the time from the message to `script_finished`);
- each replica's memory (resident set, peak) and how many sessions it served;
- that every write arrived exactly once (each writer's contacts counted in the database and in
  the audit log), and that afterwards every replica shows the same contact count.

Bounded: a fixed number of sessions and rounds, a time limit for the whole run. The figures go
into docs/benchmark.md between the load-test markers (--no-write to leave it).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from bench.streamlit_session import SessionError, StreamlitSession
from data_access.db import create_engine_for
from data_access.overview import data_extent
from data_access.settings import PROJECT_ROOT
from deploy.cluster import AFFINITY_COOKIE, Cluster, replica_memory_kib
from ui.i18n import translate

PAGES = ("", "outreach", "caseload", "routes", "national")
PAGE_NAMES = {"": "overview"}
DOC = PROJECT_ROOT / "docs" / "benchmark.md"
BEGIN, END = "<!-- load test: begin -->", "<!-- load test: end -->"


@dataclass
class Results:
    timings: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    confirmed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    replica_of_session: list[str] = field(default_factory=list)

    def error(self, who: str, what: object) -> None:
        self.errors.append(f"{who}: {what}")


def _check(run, who: str, results: Results) -> None:
    for exception in run.exceptions:
        results.error(who, f"exception shown: {exception}")


async def _login(url: str, subject: str, page: str = "") -> tuple[StreamlitSession, object]:
    session = StreamlitSession(url, timeout=240)
    run = await session.connect(page)
    run = await session.log_in(run, translate("auth.login.button", "da"), subject)
    return session, run


async def reader(n: int, url: str, rounds: int, results: Results) -> None:
    who = f"reader-{n}"
    session = None
    try:
        session, run = await _login(url, "sub-leder")
        results.replica_of_session.append(session.cookie(AFFINITY_COOKIE) or "")
        _check(run, who, results)
        period_label = translate("filters.period", "da")
        for round_no in range(rounds):
            for page in random.sample(PAGES, len(PAGES)):
                name = PAGE_NAMES.get(page, page)
                run = await session.open(page)
                results.timings[(name, "open")].append(run.seconds)
                _check(run, who, results)
                period = run.widget(period_label, "selectbox")
                choices = period.options[:5]  # not "choose dates"
                run = await session.change(period, choices[(n + round_no) % len(choices)])
                results.timings[(name, "filter")].append(run.seconds)
                _check(run, who, results)
    except (SessionError, OSError) as error:
        results.error(who, error)
    finally:
        if session is not None:
            await session.close()


def slot(writer: int, index: int, last_day: dt.date) -> tuple[dt.date, dt.time]:
    """A time of its own for each write: writer w's i-th contact, so each can be found."""
    day = last_day - dt.timedelta(days=writer)
    minutes = 8 * 60 + 5 * index
    return day, dt.time(minutes // 60, minutes % 60)


async def writer(n: int, url: str, writes: int, last_day: dt.date, results: Results) -> None:
    who = f"writer-{n}"
    session = None
    try:
        session, run = await _login(url, f"sub-writer-{n}", page="data")
        results.replica_of_session.append(session.cookie(AFFINITY_COOKIE) or "")
        for index in range(writes):
            day, moment = slot(n, index, last_day)
            session.set(run.widget(translate("log.date", "da")), day)
            session.set(run.widget(translate("log.time", "da")), moment)
            started = time.perf_counter()
            run = await session.click(run.widget(translate("log.save", "da"), "button"))
            results.timings[("data", "log contact")].append(time.perf_counter() - started)
            _check(run, who, results)
            if any(kind == "SUCCESS" for kind, _ in run.alerts):
                results.confirmed[f"sub-writer-{n}"] += 1
            else:
                results.error(who, f"write {index} not confirmed: {run.alerts}")
            await asyncio.sleep(random.uniform(0.5, 2.0))  # a person, not a loop
    except (SessionError, OSError) as error:
        results.error(who, error)
    finally:
        if session is not None:
            await session.close()


class MemorySampler(threading.Thread):
    """Each replica's resident memory once a second, for the peak during the run."""

    def __init__(self, pids: dict[str, int]):
        super().__init__(daemon=True)
        self.pids = pids
        self.peak: dict[str, int] = dict.fromkeys(pids, 0)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            for name, pid in self.pids.items():
                try:
                    rss, _ = replica_memory_kib(pid)
                except OSError:
                    continue
                self.peak[name] = max(self.peak[name], rss)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _exactly_once(db_url: str, writers: int, writes: int, last_day: dt.date) -> list[str]:
    """Every writer's contacts are in the database once each, at the times it chose, and each
    write is audited once."""
    problems = []
    engine = create_engine_for(db_url)
    with engine.connect() as conn:
        for n in range(1, writers + 1):
            subject = f"sub-writer-{n}"
            rows = conn.execute(
                text("SELECT contact_at FROM outreach_contacts WHERE made_by = :s"),
                {"s": subject},
            ).scalars()
            times = sorted(
                r if isinstance(r, dt.datetime) else dt.datetime.fromisoformat(r) for r in rows
            )
            wanted = sorted(dt.datetime.combine(*slot(n, i, last_day)) for i in range(writes))
            if times != wanted:
                problems.append(f"{subject}: {len(times)} contacts in the database, {writes} sent")
            audited = conn.execute(
                text(
                    "SELECT count(*) FROM audit_log WHERE subject = :s "
                    "AND action = 'contact_logged'"
                ),
                {"s": subject},
            ).scalar()
            if audited != writes:
                problems.append(f"{subject}: {audited} audit rows, {writes} writes")
    engine.dispose()
    return problems


async def _counts_per_replica(cluster: Cluster) -> dict[str, str]:
    """A fresh session on each replica: the project period's contact count it shows."""
    found: dict[str, str] = {}
    for _ in range(300):
        cookie = secrets.token_hex(16)
        request = urllib.request.Request(f"{cluster.url}/_stcore/health")
        request.add_header("Cookie", f"{AFFINITY_COOKIE}={cookie}")
        with urllib.request.urlopen(request, timeout=10) as response:
            replica = response.headers["X-Brobygger-Replica"]
        if replica in found:
            continue
        session = StreamlitSession(cluster.url, timeout=240)
        session.set_cookie(AFFINITY_COOKIE, cookie)
        run = await session.connect("", "period=project")
        run = await session.log_in(run, translate("auth.login.button", "da"), "sub-leder")
        found[replica] = run.metrics.get(translate("kpi.contacts", "da"), "?")
        await session.close()
        if len(found) == len(cluster.replica_ports):
            break
    return found


async def _run_sessions(args, cluster: Cluster, last_day: dt.date, results: Results) -> None:
    async def staggered(coro_factory, delay: float):
        await asyncio.sleep(delay)
        await coro_factory()

    tasks = []
    readers = args.sessions - args.writers
    for n in range(1, readers + 1):
        tasks.append(
            staggered(
                lambda n=n: reader(n, cluster.url, args.rounds, results),
                random.uniform(0, args.ramp),
            )
        )
    for n in range(1, args.writers + 1):
        tasks.append(
            staggered(
                lambda n=n: writer(n, cluster.url, args.writes, last_day, results),
                random.uniform(0, args.ramp),
            )
        )
    try:
        async with asyncio.timeout(args.time_limit):
            await asyncio.gather(*tasks)
    except TimeoutError:
        results.error("load test", f"not finished within {args.time_limit} s")


def report(args, cluster, results, memory, started_at, seconds, problems, counts) -> str:
    lines = [
        BEGIN,
        "## Load test: replicas behind nginx",
        "",
        f"Measured {started_at:%Y-%m-%d %H:%M} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, by `make loadtest` "
        "(bench/load.py): "
        f"{args.sessions} sessions at once ({args.sessions - args.writers} readers, "
        f"{args.writers} writers) across {args.replicas} replicas of `streamlit run app.py` "
        "behind nginx (cookie affinity), one PostgreSQL 15, login through the local OpenID "
        "Connect test provider. Every session is a new browser speaking Streamlit's websocket "
        "protocol; a reader opens each page and changes the period on it, "
        f"{args.rounds} rounds; a writer logs {args.writes} contacts through the data page's "
        "form. Everything, the load generator included, shares the machine's cores, so the "
        "times are those of a saturated machine, not of one user.",
        "",
        f"Errors: **{len(results.errors)}**. Writes confirmed: "
        f"{sum(results.confirmed.values())} of {args.writers * args.writes}; "
        f"in the database exactly once: **{'yes' if not problems else 'NO'}**. "
        f"Contact count shown afterwards by each replica: "
        f"{', '.join(f'{r} {c}' for r, c in sorted(counts.items()))}"
        f" ({'the same on all' if len(set(counts.values())) == 1 else 'DIFFERENT'}). "
        f"Whole run: {seconds:.0f} s.",
        "",
        "| page | action | runs | p50 | p95 |",
        "|---|---|---:|---:|---:|",
    ]
    for (page, action), values in sorted(results.timings.items()):
        lines.append(
            f"| {page} | {action} | {len(values)} | {statistics.median(values):.2f} s "
            f"| {_pct(values, 0.95):.2f} s |"
        )
    lines += [
        "",
        "| replica | websocket connections | memory after | peak during |",
        "|---|---:|---:|---:|",
    ]
    for name, (after, peak, connections) in memory.items():
        lines.append(f"| {name} | {connections} | {after / 1024:.0f} MiB | {peak / 1024:.0f} MiB |")
    if results.errors or problems:
        lines += ["", "Problems:", *[f"- {e}" for e in [*results.errors, *problems][:30]]]
    lines.append(END)
    return "\n".join(lines)


def _write_doc(section: str) -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    updated = (
        pattern.sub(lambda _m: section, current)
        if pattern.search(current)
        else current.rstrip() + "\n\n" + section + "\n"
    )
    DOC.write_text(updated, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--writes", type=int, default=10, help="contacts per writer")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds to start them all")
    parser.add_argument("--time-limit", type=float, default=1500.0)
    parser.add_argument("--no-write", action="store_true", help="leave docs/benchmark.md")
    args = parser.parse_args(argv)
    if not 1 <= args.writers <= 10 or args.writers >= args.sessions:
        parser.error("1-10 writers, fewer than the sessions")
    random.seed(17)
    started_at = dt.datetime.now()
    folder = Path(tempfile.mkdtemp(prefix="brobygger-load-"))
    results = Results()
    print(f"starting PostgreSQL, {args.replicas} replicas and nginx in {folder} ...", flush=True)
    with Cluster(
        folder,
        replicas=args.replicas,
        env={"BROBYGGER_MAP_TILES": "none"},
        upstream_header=True,
    ) as cluster:
        engine = create_engine_for(cluster.state.database_url)
        last_day = data_extent(engine)[1]
        engine.dispose()
        pids = {m.name: m.pid for m in cluster.state.replicas()}
        sampler = MemorySampler(pids)
        sampler.start()
        print(f"{args.sessions} sessions against {cluster.url} ...", flush=True)
        began = time.perf_counter()
        asyncio.run(_run_sessions(args, cluster, last_day, results))
        seconds = time.perf_counter() - began
        sampler.stopped.set()
        sampler.join()
        problems = _exactly_once(cluster.state.database_url, args.writers, args.writes, last_day)
        counts = asyncio.run(_counts_per_replica(cluster))
        served = defaultdict(int)
        for line in (cluster.folder / "nginx" / "access.log").read_text().splitlines():
            if "/_stcore/stream" in line:
                served[line.split("upstream=")[1].split()[0]] += 1
        memory = {}
        for member in cluster.state.replicas():
            after, _ = replica_memory_kib(member.pid)
            address = member.url.removeprefix("http://")
            memory[f"{member.name} ({address})"] = (
                after,
                max(sampler.peak[member.name], after),
                served[address],
            )
    if len(set(counts.values())) != 1:
        problems.append(f"the replicas show different counts: {counts}")
    section = report(args, cluster, results, memory, started_at, seconds, problems, counts)
    print(section)
    if not args.no_write:
        _write_doc(section)
        print(f"written to {DOC.relative_to(PROJECT_ROOT)}")
    return 0 if not results.errors and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
