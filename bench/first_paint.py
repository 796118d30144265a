"""First paint in Chromium: each page's time from navigation to its charts and maps drawn.

The real app runs under `streamlit run` against a database (demo scale), Chromium opens each
page in a fresh browser context (nothing cached, as for a committee member opening a link),
and the time is the page's own clock (performance.now(), from the start of navigation) at the
first frame where the script has finished, every Vega chart has drawn its marks and every
map has drawn its sites. Also recorded per page: what the server sent over the websocket (the
page weight beyond the static app), the number of charts and the maps' HTML size.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS, app_against, is_local
from data_access.settings import PROJECT_ROOT

PAGES = [("overview", ""), ("outreach", "outreach"), ("caseload", "caseload"), ("routes", "routes")]
BUDGET_MS = 2500
# Nothing leaves this machine, and nothing is held up on its way: every request through a
# Playwright route handler makes a round trip to this process first (the app's start-up loads
# some 60 scripts), which added 0.1-0.7 s to each page. Other hosts fail to resolve instead,
# and a request for one fails the measurement.
LOCAL_ONLY_ARGS = [
    *CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
SETTLED_S = 5  # the first visit counts charts and maps once nothing new appeared for this long

# True once the script has finished and every chart and map present has drawn; the number of
# charts and maps the page shows when complete is passed in (found on a first visit).
DRAWN = """([charts, maps]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const drawn = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(c => c.querySelector('canvas, svg .mark-group, svg .marks'));
  if (drawn.length < charts) return false;
  let mapsDrawn = 0;
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument;
    if (doc && doc.querySelector('.leaflet-container') &&
        doc.querySelector('.leaflet-interactive, .leaflet-marker-icon')) mapsDrawn += 1;
  }
  return mapsDrawn >= maps;
}"""
COUNT = """() => {
  let maps = 0;
  let html = 0;
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument;
    if (doc && doc.querySelector('.leaflet-container')) {
      maps += 1;
      html += doc.documentElement.outerHTML.length;
    }
  }
  return [document.querySelectorAll('[data-testid="stVegaLiteChart"]').length, maps, html];
}"""


@dataclass(frozen=True)
class Paint:
    page: str
    drawn_ms: float
    charts: int
    maps: int
    map_html_kb: float
    websocket_kb: float


def _visit(browser, address: str, expected: tuple[int, int] | None) -> tuple[float, list, int]:
    """One visit in a fresh context: (ms until drawn, [charts, maps, map html], ws bytes)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
    received = [0]

    def on_socket(ws) -> None:
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    page.goto(address)
    if expected is None:  # the first visit: count what the page shows once it has settled
        page.wait_for_function(DRAWN, arg=[0, 0], timeout=120_000)
        counts, stable_since = page.evaluate(COUNT), time.monotonic()
        while time.monotonic() - stable_since < SETTLED_S:
            page.wait_for_timeout(500)
            now = page.evaluate(COUNT)
            if now[:2] != counts[:2]:
                counts, stable_since = now, time.monotonic()
        page.wait_for_function(DRAWN, arg=counts[:2], timeout=120_000)
        elapsed = float("nan")
    else:
        page.wait_for_function(DRAWN, arg=list(expected), timeout=120_000, polling="raf")
        elapsed = page.evaluate("performance.now()")
        counts = page.evaluate(COUNT)
    context.close()
    if outside:
        raise RuntimeError(f"the page asked for something outside this machine: {outside[:3]}")
    return elapsed, counts, received[0]


def first_paint(url: str, repeats: int = 7) -> list[Paint] | None:
    """Median time to drawn per page, or None when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    artifacts = PROJECT_ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    out = []
    with (
        app_against(url, artifacts / "first-paint-streamlit.log", timeout=90) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LOCAL_ONLY_ARGS)
        for title, path in PAGES:
            address = f"{base}/{path}?role=admin"  # the demo opens as udvalg without it
            _, counts, _ = _visit(browser, address, None)  # warms the server's caches too
            runs = [_visit(browser, address, (counts[0], counts[1])) for _ in range(repeats)]
            out.append(
                Paint(
                    page=title,
                    drawn_ms=statistics.median(r[0] for r in runs),
                    charts=counts[0],
                    maps=counts[1],
                    map_html_kb=counts[2] / 1024,
                    websocket_kb=statistics.median(r[2] for r in runs) / 1024,
                )
            )
        browser.close()
    return out
