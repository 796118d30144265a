"""A random cookie that names the browser, so a file can be handed to the browser that asked.

Set on the first page the browser loads (HttpOnly: no script reads it; SameSite=Lax: it goes
with the app's own requests, the websocket's handshake included, from which the script reads it
through st.context.cookies). It carries no identity and no rights of its own: a file grant
(gateway/grants.py) also needs the session that asked to stand at the gate.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "brobygger_browser"


def from_cookies(cookies: dict[str, str] | None) -> str | None:
    """The browser's id from a request's cookies (None without one, or a malformed one)."""
    value = (cookies or {}).get(COOKIE)
    return (
        value
        if value and len(value) == 43 and value.replace("-", "").replace("_", "").isalnum()
        else None
    )


def cookies_of(scope: Scope) -> dict[str, str]:
    header = next((v for k, v in scope.get("headers", []) if k == b"cookie"), b"")
    jar = SimpleCookie()
    try:
        jar.load(header.decode("latin-1"))
    except Exception:  # a malformed header is no cookie at all
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _secure(scope: Scope) -> bool:
    if scope.get("scheme") == "https":
        return True
    headers = dict(scope.get("headers", []))
    return headers.get(b"x-forwarded-proto", b"").lower() == b"https"


class BrowserCookie:
    """Give a browser without the cookie one, on the app's HTML page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or from_cookies(cookies_of(scope)):
            await self.app(scope, receive, send)
            return
        value = secrets.token_urlsafe(32)
        flags = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if _secure(scope) else "")

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", f"{COOKIE}={value}; {flags}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)
