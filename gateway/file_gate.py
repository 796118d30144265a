"""/media/: a file is served only against a grant for the browser asking (gateway/grants.py).

Every file the app hands out (downloads of every kind; the app shows no other media) lives in
Streamlit's media store at /media/<id>. This gate stands in front of Streamlit's own handler:
it reads the stored file, finds a grant for its bytes and the requesting browser, writes the
export's audit row when the grant asks for one, and only then lets Streamlit send the file. A
request without a grant gets 404 (whether the file exists is nobody else's business), a grant
whose audit row cannot be written gets 503, and nothing is sent in either case.
"""

from __future__ import annotations

import logging

import anyio
from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import grants
from gateway.browser_cookie import cookies_of, from_cookies
from gateway.paths import base_path

log = logging.getLogger("brobygger.gateway")

GONE = (
    "Filen kan ikke hentes her. Hent den igen fra siden i Brobygger.\n"
    "The file cannot be fetched here. Download it again from its page in Brobygger.\n"
)
NOT_LOGGED = "Hentningen kunne ikke logges og er stoppet.\nThe download could not be logged.\n"


def media_file_id(path: str, base: str) -> str | None:
    """The file id in a /media/ path (under the server's base path), or None."""
    prefix = f"/{base.strip('/')}/media/" if base.strip("/") else "/media/"
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix) :]
    return rest if rest and "/" not in rest else None


def client_address(scope: Scope) -> str | None:
    """The browser's address: the proxy's X-Real-IP when there is one (deploy/nginx)."""
    headers = dict(scope.get("headers", []))
    real = headers.get(b"x-real-ip")
    if real:
        return real.decode("latin-1")[:64]
    client = scope.get("client")
    return client[0] if client else None


def _stored_bytes(file_id: str) -> bytes | None:
    from streamlit import runtime

    if not runtime.exists():
        return None
    try:
        stored = runtime.get_instance().media_file_mgr.read_file(file_id)
    except Exception:  # a media store that cannot be read serves nothing through us
        return None
    return None if stored is None else stored.content


def is_probe(scope: Scope) -> bool:
    """Whether a request only checks that the file is there: a HEAD, or the fetch() with which
    Streamlit's download button checks an address before (or while) the browser downloads it
    (Sec-Fetch-Mode cors, Sec-Fetch-Dest empty; the download itself is a navigation). A probe
    gets an empty answer and uses up no grant."""
    if scope["method"] == "HEAD":
        return True
    headers = dict(scope.get("headers", []))
    mode = headers.get(b"sec-fetch-mode", b"")
    return (
        mode in (b"cors", b"no-cors", b"same-origin") and headers.get(b"sec-fetch-dest") == b"empty"
    )


def decide(file_id: str, browser: str | None, probe: bool, client: str | None) -> int:
    """200 (let it through), 204 (a probe of a granted file), 404 or 503; the audit row
    written when the grant asks for it."""
    data = _stored_bytes(file_id)
    return 404 if data is None else decide_for(data, browser, probe, client)


def decide_for(data: bytes, browser: str | None, probe: bool, client: str | None) -> int:
    """`decide` for a stored file's bytes."""
    held = grants.take(grants.digest(data), browser, consume=not probe)
    if held is None:
        return 404
    if probe:
        return 204
    if held.on_fetch is not None:
        try:
            held.on_fetch(client)
        except Exception:
            log.exception("the audit row of a download could not be written; nothing sent")
            return 503
    return 200


def _no_store(send: Send) -> Send:
    """No browser or proxy cache keeps a copy of a file handed out."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message)["cache-control"] = "no-store"
        await send(message)

    return sending


class FileGate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        file_id = media_file_id(scope["path"], base_path()) if scope["type"] == "http" else None
        if file_id is None or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        browser = from_cookies(cookies_of(scope))
        status = await anyio.to_thread.run_sync(
            decide, file_id, browser, is_probe(scope), client_address(scope)
        )
        if status == 200:
            await self.app(scope, receive, _no_store(send))
            return
        if status == 204:  # fetch() checks `ok`: 200 with nothing in it
            empty = Response(b"", status_code=200, headers={"Cache-Control": "no-store"})
            await empty(scope, receive, send)
            return
        text = GONE if status == 404 else NOT_LOGGED
        response = PlainTextResponse(
            text, status_code=status, headers={"Cache-Control": "no-store"}
        )
        await response(scope, receive, send)
