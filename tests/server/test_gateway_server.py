"""The server's gates against a real `streamlit run app.py`, spoken to as a browser would (HTTP
and Streamlit's websocket protocol: bench/streamlit_session.py), without a browser.

- Every file is refused to a request without the browser cookie of the session it was offered
  to (a copied address, a script without cookies), and to another browser.
- Uploads are refused to a session that has not passed the gate as a user who may upload, and
  beyond the import's limit, before the body is read.
- /_stcore/metrics and the agent API are closed; a crafted URL gives no trace.
"""

from __future__ import annotations

import asyncio
import http.client
import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from bench.browser import app_on_a_copy
from bench.streamlit_session import StreamlitSession, run_scenario
from gateway.browser_cookie import COOKIE


@pytest.fixture(scope="module")
def server(demo_db_url, tmp_path_factory):
    with app_on_a_copy(demo_db_url, tmp_path_factory.mktemp("gateway")) as (url, _, log):
        yield url, log


def _status(url: str, method: str = "GET", data: bytes | None = None, headers=None) -> int:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _session(url: str) -> StreamlitSession:
    return StreamlitSession(url, http.cookiejar.CookieJar())


def test_the_page_gives_the_browser_its_cookie(server):
    url, _ = server
    session = _session(url)
    session.http_get("/")
    value = session.cookie(COOKIE)
    assert value and len(value) == 43
    again = session.cookie(COOKIE)
    session.http_get("/outreach")
    assert session.cookie(COOKIE) == again  # kept, not renewed on every page


def test_closed_endpoints(server):
    url, _ = server
    assert _status(f"{url}/_stcore/metrics") == 404
    assert _status(f"{url}/_stcore/agent/openapi.json") == 404
    assert _status(f"{url}/_stcore/agent/interact", "POST", b"{}") == 404
    assert _status(f"{url}/_stcore/health") == 200  # liveness stays
    assert _status(f"{url}/api/ready") == 200


async def _offered(url: str, page: str, query: str) -> tuple[StreamlitSession, dict[str, str]]:
    session = _session(url)
    run = await session.connect(page, query)
    assert not run.exceptions, run.exceptions
    return session, run.downloads


def test_files_only_to_the_browser_that_was_offered_them(server):
    url, _ = server

    async def scenario() -> None:
        session, downloads = await _offered(url, "outreach", "role=leder")
        links = [u for u in downloads.values() if u]
        assert links, downloads  # the site table's CSV and Excel (aggregates: bytes in the page)
        jar = {COOKIE: session.cookie(COOKIE)}
        for link in links:
            full = f"{url}{link}"
            assert _status(full) == 404  # no cookie: a copied address gives nothing
            other = {"Cookie": f"{COOKIE}={'x' * 43}"}
            assert _status(full, headers=other) == 404  # another browser
            mine = {"Cookie": f"{COOKIE}={jar[COOKIE]}"}
            assert _status(full, headers=mine) == 200  # the browser that was offered it
            assert _status(full, headers=mine) == 200  # an aggregate file: again while shown
        await session.close()
        # The session has gone: its files with it.
        await asyncio.sleep(0)

    run_scenario(scenario)


def test_person_files_are_not_in_the_page(server):
    """Person rows are made only when a button is clicked: the data page, the worklists and the
    audit log send no file address with the page."""
    url, _ = server

    async def scenario() -> None:
        for page, query in (
            ("data", "role=admin"),
            ("worklists", "role=leder"),
            ("audit", "role=admin"),
        ):
            session, downloads = await _offered(url, page, query)
            person = {k: v for k, v in downloads.items() if "CSV" in k or "Excel" in k}
            assert all(v == "" for v in person.values()), (page, person)
            await session.close()

    run_scenario(scenario)


def _upload(session: StreamlitSession | None, url: str, session_id: str, size: int) -> int:
    """PUT a file as the frontend does (with the XSRF cookie and header of `session`)."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + b"x" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if session is not None:
        xsrf = session.cookie("_streamlit_xsrf") or ""
        headers.update({"Cookie": session._cookie_header(), "X-Xsrftoken": xsrf})
    request = urllib.request.Request(
        f"{url}/_stcore/upload_file/{session_id}/{uuid.uuid4().hex}",
        data=body,
        method="PUT",
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _announced(session: StreamlitSession, url: str, session_id: str, length: int) -> int:
    """The answer to an upload that announces `length` bytes, before any of them is sent:
    a refusal must come without the server reading the body."""
    host = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4().hex}")
    xsrf = session.cookie("_streamlit_xsrf") or ""
    for name, value in (
        ("Content-Type", "multipart/form-data; boundary=x"),
        ("Content-Length", str(length)),
        ("Cookie", session._cookie_header()),
        ("X-Xsrftoken", xsrf),
    ):
        connection.putheader(name, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_uploads_only_from_a_session_that_may_upload(server):
    url, _ = server

    async def scenario() -> None:
        committee, _ = await _offered(url, "", "role=udvalg")
        assert _upload(committee, url, committee.session_id, 100) == 403  # uploads nothing
        assert _announced(committee, url, committee.session_id, 150 * 1024 * 1024) == 403
        admin, _ = await _offered(url, "data", "role=admin")
        assert _upload(admin, url, admin.session_id, 100) in (200, 204)
        assert _announced(admin, url, admin.session_id, 11 * 1024 * 1024) == 413  # over the limit
        assert _upload(admin, url, "no-such-session", 100) == 403
        await committee.close()
        await admin.close()

    run_scenario(scenario)


def test_a_crafted_url_gives_no_trace(server):
    url, _ = server

    async def scenario() -> None:
        for query in ("period=9999-Q4", "from=0001-01-01&to=9999-12-31&period=custom", "dept=%00"):
            session = _session(url)
            run = await session.connect("", f"{query}&role=admin")
            assert not run.exceptions, (query, run.exceptions)
            texts = " ".join(body for _, body in run.alerts)
            assert "Traceback" not in texts and "fejlnummeret" not in texts, (query, texts)
            await session.close()

    run_scenario(scenario)
