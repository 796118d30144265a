"""The README's screenshots, taken again: `python -m bench.screenshots`.

The app as `make run` serves it (the demo data, here up to a pinned day so the pictures hold
still) in Debian's Chromium at desktop (1440 px) and phone (390 px) width; files in docs/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS, serve_app
from data_access.db import create_engine_for
from data_access.demo import write_demo
from data_access.organisation import load_organisation
from data_access.settings import PROJECT_ROOT

PAGES = {"overview": "/", "outreach": "/outreach", "caseload": "/caseload", "routes": "/routes"}
WIDTHS = {"": (1440, 1500), "-phone": (390, 1400)}  # file suffix: viewport (width, height)
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && document.querySelectorAll('[data-testid="stSkeleton"], [data-stale="true"]')
            .length === 0;
}"""


def take(url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for suffix, (width, height) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="da-DK"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(f"{url}{path}?role=admin")  # the demo opens as udvalg without it
                page.wait_for_function(SETTLED, timeout=120_000)
                page.wait_for_timeout(500)
                page.wait_for_function(SETTLED, timeout=120_000)
                for frame in page.frames[1:]:  # the maps: drawn inside their iframes
                    frame.wait_for_selector(".leaflet-container", state="attached")
                page.wait_for_timeout(1500)  # charts' and maps' own drawing after the run
                target = out / f"{name}{suffix}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2025-12-31", help="the day the app treats as today")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        org = load_organisation(PROJECT_ROOT / "organisations" / "helsingor.toml")
        write_demo(create_engine_for(url), org, until=dt.date.fromisoformat(args.today))
        env = {
            "BROBYGGER_DATABASE_URL": url,
            "BROBYGGER_MAP_TILES": "none",  # no internet here: the map draws the outline only
            "BROBYGGER_TODAY": args.today,
        }
        with serve_app(env, Path(folder) / "streamlit.log", timeout=120) as app:
            for path in take(app, args.out):
                print(path)


if __name__ == "__main__":
    main()
