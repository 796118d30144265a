"""The HTML page Streamlit serves for every app URL, as this app needs it from the first paint.

- `<html lang>`: Streamlit's index.html says "en" on every page. A screen reader reads the
  page with the language it names, so a Danish page was read with English pronunciation
  (WCAG 3.1.1). The page is served with the language its URL asks for (`?lang=en`) or Danish,
  the app's default; ui/browser_locale.py keeps it right when the language is switched later.
- Where the server is: Streamlit's frontend, opened at a page's URL (/outreach), does not
  know whether the app lives at /outreach or at /, so it asks both (/outreach/_stcore/health
  and /outreach/_stcore/host-config, 404 in the console, Streamlit issue #7074). The page
  says where the server is (`window.__streamlit.BACKEND_BASE_URL`, the frontend's own setting
  for hosts that embed it): the base path, and no guess.

Only a page's HTML is changed; it is asked for without compression, so it can be read (a
page is 8 kB).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.paths import base_path

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
# Paths under the base that are not pages: Streamlit's endpoints and files, the app's own.
NOT_PAGES = ("_stcore/", "static/", "media/", "component/", "app/", "api/", "auth/", "oauth2")
HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
HEAD_TAG = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)


def page_language(query_string: bytes) -> str:
    asked = parse_qs(query_string.decode("latin-1")).get("lang", [""])[0]
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def is_page(path: str, base: str) -> bool:
    prefix = f"/{base}" if base else ""
    if not path.startswith(prefix):
        return False
    rest = path[len(prefix) :].lstrip("/")
    return not rest.startswith(NOT_PAGES) and "." not in rest.rsplit("/", 1)[-1]


def shell(html: bytes, lang: str, base: str) -> bytes:
    """The page with its language and the server's address set."""
    html = HTML_TAG.sub(f'<html lang="{lang}">'.encode(), html, count=1)
    where = json.dumps(f"/{base}/" if base else "/")
    script = (
        "<script>window.__streamlit = Object.assign(window.__streamlit || {}, "
        f"{{BACKEND_BASE_URL: new URL({where}, window.location.origin).href}});</script>"
    ).encode()
    return HEAD_TAG.sub(lambda match: match.group(0) + script, html, count=1)


class PageShell:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        base = base_path()
        if scope["type"] != "http" or scope["method"] != "GET" or not is_page(scope["path"], base):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}  # the page unpacked, so it can be read
        lang = page_language(scope.get("query_string", b""))
        start: Message | None = None
        body: list[bytes] = []

        async def send_page(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                response = MutableHeaders(raw=list(message["headers"]))
                if "text/html" not in response.get("content-type", "") or response.get(
                    "content-encoding"
                ):
                    start = None
                    await send(message)
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = shell(b"".join(body), lang, base)
            response = MutableHeaders(raw=list(start["headers"]))
            response["content-length"] = str(len(page))
            await send({**start, "headers": response.raw})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_page)
