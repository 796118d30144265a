"""Two replicas behind nginx on one PostgreSQL: started at once on an empty database, sticky
sessions, login through the proxy, and a write on one replica seen on the other on its next
rerun (its own caches still hold the old figure: only the data version tells it)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import urllib.request

from sqlalchemy import text

from bench.streamlit_session import StreamlitSession, run_scenario
from data_access import health
from data_access.db import create_engine_for, schema_revision
from data_access.demo import write_demo
from data_access.overview import data_extent
from deploy.cluster import AFFINITY_COOKIE
from ui.i18n import translate

LOGIN = translate("auth.login.button", "da")
CONTACTS = translate("kpi.contacts", "da")


def _replica_for(cluster, cookie: str | None) -> tuple[str, str | None]:
    """(which replica answered, the affinity cookie set) for a request with `cookie`."""
    request = urllib.request.Request(f"{cluster.url}/_stcore/health")
    if cookie:
        request.add_header("Cookie", f"{AFFINITY_COOKIE}={cookie}")
    with urllib.request.urlopen(request, timeout=10) as response:
        values = [
            header.split(";")[0].partition("=")[2]
            for header in response.headers.get_all("Set-Cookie") or []
            if header.startswith(f"{AFFINITY_COOKIE}=")
        ]
        return response.headers["X-Brobygger-Replica"], values[0] if values else None


def _cookie_per_replica(cluster) -> dict[str, str]:
    found: dict[str, str] = {}
    for _ in range(200):
        cookie = secrets.token_hex(16)
        replica, _ = _replica_for(cluster, cookie)
        found.setdefault(replica, cookie)
        if len(found) == len(cluster.replica_ports):
            return found
    raise AssertionError(f"the proxy sent 200 browsers to {sorted(found)} only")


def test_replicas_starting_at_once_migrated_the_empty_database_once(cluster, postgres_url):
    engine = create_engine_for(postgres_url)
    assert schema_revision(engine) == health.expected_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM data_version")).scalar() == 1
    engine.dispose()
    for url in cluster.replica_urls:  # each replica's readiness, as a platform asks it
        with urllib.request.urlopen(f"{url}/api/ready", timeout=10) as response:
            said = json.loads(response.read())
        assert response.status == 200 and said["ready"] and said["schema"] == said["expected"]


def test_the_proxy_keeps_a_browser_on_its_replica(cluster):
    replica, cookie = _replica_for(cluster, None)
    assert cookie, "the first response sets the affinity cookie"
    assert {_replica_for(cluster, cookie)[0] for _ in range(20)} == {replica}
    assert _replica_for(cluster, cookie)[1] is None  # set once, not on every response
    replicas = _cookie_per_replica(cluster)
    assert set(replicas) == {f"127.0.0.1:{p}" for p in cluster.replica_ports}


async def _logged_in(cluster, cookie: str, subject: str, page: str = "", query: str = ""):
    session = StreamlitSession(cluster.url, timeout=180)
    session.set_cookie(AFFINITY_COOKIE, cookie)
    run = await session.connect(page, query)
    run = await session.log_in(run, LOGIN, subject)
    assert not run.exceptions, run.exceptions
    return session, run


def _count(run) -> int:
    return int(run.metrics[CONTACTS].replace(".", ""))


def test_a_write_on_one_replica_shows_on_the_other(cluster, postgres_url, helsingor):
    engine = create_engine_for(postgres_url)
    write_demo(engine, helsingor)  # from outside, after both replicas are up
    last_day = data_extent(engine)[1]
    engine.dispose()
    first, second = _cookie_per_replica(cluster).values()

    async def scenario() -> None:
        reader, run = await _logged_in(cluster, first, "sub-leder", query="period=project")
        before = _count(run)
        assert _count(await reader.rerun()) == before  # warm: from this replica's cache
        writer, run = await _logged_in(cluster, second, "sub-writer-1", page="data")
        writer.set(run.widget(translate("log.date", "da")), last_day)
        writer.set(run.widget(translate("log.time", "da")), dt.time(10, 5))
        saved = await writer.click(run.widget(translate("log.save", "da"), "button"))
        assert any(kind == "SUCCESS" for kind, _ in saved.alerts), saved.alerts
        assert _count(await reader.rerun()) == before + 1
        undone = await writer.click(saved.widget(translate("log.undo", "da"), "button"))
        removed = translate("log.undone.what", "da", what="\x00").split("\x00")[0]
        assert undone.has_text(removed), undone.alerts  # "Fjernet: <what it removed>."
        assert _count(await reader.rerun()) == before
        await reader.close()
        await writer.close()

    run_scenario(scenario)
    log = (cluster.folder / "nginx" / "access.log").read_text()
    streams = [line for line in log.splitlines() if "/_stcore/stream" in line]
    served = {line.split("upstream=")[1].split()[0] for line in streams}
    assert len(served) == 2  # the two sessions' websockets went to different replicas


def test_the_proxy_closes_what_nobody_outside_needs(cluster):
    """The shipped nginx configuration: no statistics, no agent API, no upload beyond the
    import's limit (each closed by the app too: gateway/)."""
    import urllib.error
    import urllib.request

    def status(path: str, data: bytes | None = None) -> int:
        request = urllib.request.Request(
            f"{cluster.url}{path}", data=data, method="PUT" if data else "GET"
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except urllib.error.URLError:  # the proxy may close the connection on a refused body
            return 413

    assert status("/_stcore/metrics") == 404
    assert status("/_stcore/agent/openapi.json") == 404
    assert status("/_stcore/health") == 200
    assert status("/_stcore/upload_file/x/y", b"x" * (12 * 1024 * 1024)) == 413
