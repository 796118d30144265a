"""Endpoints Streamlit serves that this app does not need, closed to every caller.

- /_stcore/metrics: cache and session statistics (memory per cached function, sessions open),
  to anyone who asks;
- /_stcore/agent/...: Streamlit's API for driving the app without a browser (off by default:
  closed here too, so a configuration change cannot open it).
The shipped nginx configuration (deploy/nginx.conf.template) closes them again at the proxy.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.paths import base_path

CLOSED = ("_stcore/metrics", "_stcore/agent")


def is_closed(path: str, base: str) -> bool:
    rest = path.removeprefix(f"/{base.strip('/')}" if base.strip("/") else "").lstrip("/")
    return any(rest == closed or rest.startswith(closed + "/") for closed in CLOSED)


class ClosedPaths:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_closed(scope["path"], base_path()):
            await PlainTextResponse("Not found\n", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)
