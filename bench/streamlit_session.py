"""A browser session without the browser: Streamlit's own websocket protocol, from Python.

The load test and the replica tests need dozens of sessions at once on a 2-core machine;
Chromium pages would measure Chromium. A Streamlit session is a websocket that carries
protobuf messages (streamlit/proto): the client sends BackMsg `rerun_script` with the URL's
page and query string and the widgets' values; the server answers with ForwardMsg deltas (one
per element) and `script_finished`. This client does what the frontend does for that: it
fetches the page first (for the XSRF and proxy affinity cookies), connects with the same
subprotocol, Origin and cookies, keeps the query string the app sets, keeps the widget values
it has set (the frontend sends them all on every rerun), and follows the login redirect.

Loopback only: it is for the local replicas and proxy that the tests and `make loadtest` start.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.cookiejar
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_KINDS = (
    "selectbox",
    "radio",
    "multiselect",
    "date_input",
    "time_input",
    "button",
    "button_group",
    "checkbox",
    "text_input",
    "number_input",
)
FINISHED = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR,
}


class SessionError(RuntimeError):
    """The server did not answer as a browser would need (closed, timed out, no widget)."""


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    options: list[str]


@dataclass
class Run:
    """What one script run sent: its elements, in order, and how long it took."""

    seconds: float = 0.0
    widgets: list[Widget] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (format, body)
    texts: list[str] = field(default_factory=list)  # markdown, headings, captions
    exceptions: list[str] = field(default_factory=list)
    auth_redirect: str | None = None
    page_not_found: bool = False
    downloads: dict[str, str] = field(default_factory=dict)  # label -> /media/ URL ("": deferred)

    def widget(self, label: str, kind: str | None = None) -> Widget:
        for widget in self.widgets:
            if widget.label == label and (kind is None or widget.kind == kind):
                return widget
        raise SessionError(f"no widget {label!r} ({kind or 'any kind'})")

    def has_text(self, needle: str) -> bool:
        haystack = [*self.texts, *(body for _, body in self.alerts), *self.metrics]
        return any(needle in text for text in haystack)


def _options(kind: str, proto: object) -> list[str]:
    if kind in ("selectbox", "radio", "multiselect"):
        return list(proto.options)  # type: ignore[attr-defined]
    if kind == "button_group":
        return [o.content for o in proto.options]  # type: ignore[attr-defined]
    return []


def _collect(msg: ForwardMsg, run: Run) -> None:
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    proto = getattr(element, kind)
    if kind in WIDGET_KINDS:
        run.widgets.append(Widget(kind, proto.id, proto.label, _options(kind, proto)))
    elif kind == "metric":
        run.metrics[proto.label] = proto.body
    elif kind == "alert":
        run.alerts.append((type(proto).Format.Name(proto.format), proto.body))
    elif kind in ("markdown", "heading", "text"):
        run.texts.append(proto.body)
    elif kind == "exception":
        run.exceptions.append(f"{proto.type}: {proto.message}")
    elif kind == "download_button":
        run.downloads[proto.label] = proto.url


class StreamlitSession:
    """One browser tab's session against `base_url` (a replica or the proxy).

    `cookies` is shared with the login flow (and may be shared by several sessions of one
    person, like a browser's cookie jar)."""

    def __init__(
        self,
        base_url: str,
        cookies: http.cookiejar.CookieJar | None = None,
        timeout: float = 120.0,
    ):
        self.base_url = base_url.rstrip("/")
        self.cookies = cookies if cookies is not None else http.cookiejar.CookieJar()
        self.timeout = timeout
        self.query_string = ""
        self.page = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.states: dict[str, WidgetState] = {}
        self.session_id = ""  # the server's id of this session (in upload URLs)
        self._ws: websockets.ClientConnection | None = None
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    # ---- HTTP, as the browser does it before the websocket ----------------------------------
    def http_get(self, path_or_url: str, data: dict[str, str] | None = None) -> tuple[str, str]:
        """GET (or POST `data`) following redirects with the cookie jar: (final URL, body)."""
        url = path_or_url if "://" in path_or_url else f"{self.base_url}{path_or_url}"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        with self._opener.open(url, data=body, timeout=self.timeout) as response:
            return response.geturl(), response.read().decode("utf-8", "replace")

    def set_cookie(self, name: str, value: str) -> None:
        """Put a cookie in the jar for the session's host (e.g. the proxy's affinity cookie,
        to open a session on a chosen replica)."""
        host = urllib.parse.urlsplit(self.base_url).hostname or ""
        self.cookies.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def _cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    # ---- the websocket ------------------------------------------------------------------
    async def connect(self, page: str = "", query: str = "") -> Run:
        """Load the page over HTTP, open the websocket and run the script once."""
        await asyncio.to_thread(self.http_get, f"/{page}" + (f"?{query}" if query else ""))
        # The frontend asks for the health endpoint first; its answer sets the XSRF cookie,
        # without which the server ignores the login cookie on the websocket.
        await asyncio.to_thread(self.http_get, "/_stcore/health")
        parsed = urllib.parse.urlsplit(self.base_url)
        ws_url = f"ws://{parsed.netloc}/_stcore/stream"
        xsrf = self.cookie("_streamlit_xsrf")
        self._ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"],
            origin=f"{parsed.scheme}://{parsed.netloc}",
            additional_headers={"Cookie": self._cookie_header()},
            max_size=None,
            open_timeout=self.timeout,
        )
        self.page, self.query_string = page, query
        return await self._rerun(page_name=page)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> StreamlitSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _rerun(
        self, *, page_name: str = "", page_hash: str = "", trigger: WidgetState | None = None
    ) -> Run:
        if self._ws is None:
            raise SessionError("not connected")
        back = BackMsg()
        client = back.rerun_script
        client.query_string = self.query_string
        client.page_name = page_name
        client.page_script_hash = page_hash
        client.context_info.timezone = "Europe/Copenhagen"
        client.context_info.locale = "da-DK"
        client.context_info.url = f"{self.base_url}/{self.page}"
        for state in self.states.values():
            client.widget_states.widgets.append(state)
        if trigger is not None:
            client.widget_states.widgets.append(trigger)
        started = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        run = Run()
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    msg = ForwardMsg()
                    msg.ParseFromString(await self._ws.recv())
                    kind = msg.WhichOneof("type")
                    if kind == "new_session":
                        run = Run()  # a rerun started (st.rerun or the app's own)
                        self.session_id = msg.new_session.initialize.session_id or self.session_id
                    elif kind == "delta":
                        _collect(msg, run)
                    elif kind == "navigation":
                        self.pages = {
                            p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages
                        }
                    elif kind == "page_info_changed":
                        self.query_string = msg.page_info_changed.query_string
                    elif kind == "auth_redirect":
                        run.auth_redirect = msg.auth_redirect.url
                    elif kind == "page_not_found":
                        run.page_not_found = True
                    elif kind == "script_finished" and msg.script_finished in FINISHED:
                        break
        except TimeoutError:
            raise SessionError(f"no end of the script run within {self.timeout} s") from None
        except websockets.ConnectionClosed as closed:
            raise SessionError(f"websocket closed: {closed}") from None
        run.seconds = time.perf_counter() - started
        return run

    # ---- what a person does ---------------------------------------------------------------
    async def open(self, page: str) -> Run:
        """Go to another page of the app (the sidebar navigation): `page` is its URL path."""
        if page not in self.pages:
            raise SessionError(f"no page {page!r} in the navigation ({sorted(self.pages)})")
        self.page = page
        return await self._rerun(page_hash=self.pages[page])

    async def rerun(self) -> Run:
        """Run the script again as it stands (a rerun in the browser, or its next interaction)."""
        return await self._rerun(page_hash=self.pages.get(self.page, ""))

    def set(self, widget: Widget, value: object) -> None:
        """Set a widget's value for the next run (as the frontend holds it until then)."""
        state = WidgetState(id=widget.id)
        if widget.kind in ("selectbox", "radio"):
            if value not in widget.options:
                raise SessionError(f"{value!r} is not an option of {widget.label!r}")
            state.string_value = str(value)
        elif widget.kind in ("multiselect", "button_group"):
            values = [str(v) for v in value]  # type: ignore[attr-defined]
            state.string_array_value.data.extend(values)
        elif widget.kind == "date_input":
            state.string_array_value.data.append(value.isoformat())  # type: ignore[attr-defined]
        elif widget.kind == "time_input":
            state.string_value = value.strftime("%H:%M")  # type: ignore[attr-defined]
        elif widget.kind == "checkbox":
            state.bool_value = bool(value)
        elif widget.kind == "text_input":
            state.string_value = str(value)
        elif widget.kind == "number_input":
            state.double_value = float(value)  # type: ignore[arg-type]
        else:
            raise SessionError(f"cannot set a {widget.kind}")
        self.states[widget.id] = state

    async def change(self, widget: Widget, value: object) -> Run:
        """Set a widget and rerun, as a change in the browser does."""
        self.set(widget, value)
        return await self._rerun(page_hash=self.pages.get(self.page, ""))

    async def click(self, widget: Widget) -> Run:
        """Press a button (a form's submit button sends the form's values with it)."""
        if widget.kind != "button":
            raise SessionError(f"{widget.label!r} is a {widget.kind}, not a button")
        return await self._rerun(
            page_hash=self.pages.get(self.page, ""),
            trigger=WidgetState(id=widget.id, trigger_value=True),
        )

    async def log_in(self, run: Run, button_label: str, subject: str) -> Run:
        """Press the app's login button and log in at the local OpenID Connect test provider
        (oidc-provider-mock: its form posts the chosen subject), then reconnect, as the
        browser does after the redirect back to the app."""
        redirected = await self.click(run.widget(button_label, "button"))
        if not redirected.auth_redirect:
            raise SessionError("the login button did not redirect to the identity provider")
        login_url = urllib.parse.urljoin(self.base_url + "/", redirected.auth_redirect)
        provider_form, _ = await asyncio.to_thread(self.http_get, login_url)
        await asyncio.to_thread(self.http_get, provider_form, {"sub": subject})
        if not self.cookie("_streamlit_user"):
            raise SessionError("no login cookie after the identity provider's redirect")
        await self.close()
        self.states.clear()
        return await self.connect(self.page, self.query_string)


def run_scenario(scenario) -> None:
    """asyncio.run(scenario()) in a thread of its own: the browser tests' Playwright (sync API)
    keeps an event loop running in the main thread for the whole test session, and asyncio.run
    refuses to start inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(scenario())).result()
