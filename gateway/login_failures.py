"""Failed logins that end before any script runs, written to the audit log.

The identity provider sends the browser back to /oauth2callback, where Streamlit checks the
state it stored and exchanges the code for the ID token. When that fails (the provider reports
an error, the state is missing, forged or replayed, the token is refused) Streamlit redirects
to the start page and logs a line, and no page ever learns of it. This middleware watches that
one route: a response that does not set Streamlit's login cookie is a failed login, and gets an
audit row ("login_failed") with the reason and the client's address. Failures the script sees
(a tampered or revoked login cookie, an expired token) are recorded by ui/auth.py.
"""

from __future__ import annotations

import logging

import anyio
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from data_access.access import User
from gateway.file_gate import client_address
from gateway.paths import under_base

log = logging.getLogger("brobygger.gateway")
CALLBACK = "oauth2callback"
LOGIN_COOKIE = "_streamlit_user"
ANONYMOUS = User(subject="anonymous", role=None, kind="oidc")


def sets_login_cookie(headers: MutableHeaders) -> bool:
    """Whether a response sets Streamlit's login cookie to a value (not deletes it)."""
    for value in headers.getlist("set-cookie"):
        name, _, rest = value.partition("=")
        if name.strip() == LOGIN_COOKIE or name.strip().startswith(LOGIN_COOKIE + "_"):
            cookie_value = rest.split(";", 1)[0].strip().strip('"')
            if cookie_value and "max-age=0" not in value.lower():
                return True
    return False


def reason(query: str) -> str:
    from urllib.parse import parse_qs

    params = parse_qs(query, keep_blank_values=True)
    if params.get("error"):
        error = params["error"][0].replace("\n", " ").replace("\r", " ")[:100]
        return f"provider error: {error}"
    if not params.get("state", [""])[0]:
        return "no state in the callback"
    if not params.get("code", [""])[0]:
        return "no code in the callback"
    return "state not recognised (forged, replayed or expired) or the token refused"


def record_failure(detail: str, client: str | None) -> None:
    from data_access import audit
    from gateway.database import engine

    audit.write(engine(), ANONYMOUS, "login_failed", detail=detail, client=client)


class LoginFailures:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != under_base(CALLBACK):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")

        async def watching(message: Message) -> None:
            # Written before the answer leaves: the browser sees the start page only once the
            # failure is in the log.
            if message["type"] == "http.response.start" and not sets_login_cookie(
                MutableHeaders(scope=message)
            ):
                try:
                    await anyio.to_thread.run_sync(
                        record_failure, reason(query), client_address(scope)
                    )
                except Exception:
                    log.exception("a failed login could not be written to the audit log")
            await send(message)

        await self.app(scope, receive, watching)
