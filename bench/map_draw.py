"""How long Chromium takes to draw the outreach map with many sites (budget: 500 sites < 2 s).

The map is built by the real builder, saved as a standalone HTML page whose Leaflet comes from
static/ (file:// URLs, no network), and opened in headless Chromium. The time is from the
start of navigation until every marker is in the DOM, as the page itself measures it.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from data_access.settings import PROJECT_ROOT
from maps.assets import MapAssets
from maps.outreach_map import KIND_STYLES, SiteOnMap, build_outreach_map
from ui.outreach_view import MAP_TEXT_KEYS

TEXTS = {key: key for key in MAP_TEXT_KEYS} | {"days": "{n} days"}


def synthetic_sites(count: int, seed: int = 1) -> list[SiteOnMap]:
    rng = random.Random(seed)
    kinds = list(KIND_STYLES)
    return [
        SiteOnMap(
            id=f"site-{i}",
            name=f"Site {i}",
            kind=kinds[i % len(kinds)],
            address="Gade 1",
            lat=56.0 + rng.uniform(-0.08, 0.08),
            lon=12.55 + rng.uniform(-0.12, 0.12),
            precision="approximate" if i % 2 else "exact",
            opening_hours="24/7",
            contacts=rng.randint(0, 200),
            persons=rng.randint(0, 40),
            last_visit=dt.datetime(2025, 12, 1),
            days_since=30,
        )
        for i in range(count)
    ]


def map_page(count: int, folder: Path) -> Path:
    assets = MapAssets(local_base=(PROJECT_ROOT / "static").as_uri() + "/", tiles_url=None)
    fmap = build_outreach_map(
        synthetic_sites(count),
        texts=TEXTS,
        kind_labels={k: k for k in KIND_STYLES},
        assets=assets,
    )
    path = folder / f"map-{count}-sites.html"
    fmap.save(str(path))
    return path


def draw_ms(count: int = 500, repeats: int = 3) -> float | None:
    """Median draw time in ms, or None when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    folder = PROJECT_ROOT / "artifacts"
    folder.mkdir(exist_ok=True)
    page_path = map_page(count, folder)
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(page_path.as_uri())
            page.wait_for_function(
                f"document.querySelectorAll('path.leaflet-interactive').length >= {count}"
            )
            times.append(page.evaluate("performance.now()"))
            page.close()
        browser.close()
    return statistics.median(times)
