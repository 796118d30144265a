"""Importing awkward files in Chromium, as a person would: markup stays text (no image is
fetched, no link made), a CPR number is refused without being shown, at phone and desk width.

The file's name sorts it after the other browser tests: it writes to the shared demo database.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import TABLE, screenshot, wait_for_app

PIXEL = "http://127.0.0.1:9/pixel.png"
MARKUP = (
    f"pseudonym;sted;tidspunkt;kontakttype;udfald;![x]({PIXEL})\r\n"
    "BB-BRW{n};Helsingør Station;01-03-2025 14:3{n};samtale;plan;\r\n"
)
CPR = (
    "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    "010190 1234;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    "BB-BRW9;kronborg;01-03-2025 14:30;samtale;01.01.90-1234\r\n"
)


def _visible(text: str) -> str:
    return text.replace("\u2060", "")


def _upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    # The upload's own rerun may not have started when the app last looked settled: wait for
    # the file's name in the uploader and the button it brings, as long as a busy machine needs.
    page.wait_for_function(
        """name => [...document.querySelectorAll('[data-testid="stFileChipName"]')].some(
             e => (e.getAttribute("title") || e.textContent).includes(name))
           && !document.querySelector('[data-testid="stFileChipIconSpinner"]')""",
        arg=name,
        timeout=90_000,
    )
    wait_for_app(page)
    button = page.get_by_role("button", name="Importér filen")
    button.wait_for(timeout=90_000)
    button.click()
    wait_for_app(page)


@pytest.mark.parametrize(("width", "n"), [(390, 1), (1440, 2)])
def test_awkward_files_on_the_import_page(page, width, n):
    page.set_viewport_size({"width": width, "height": 900})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{page.app_url}/data?role=admin")
    wait_for_app(page)
    page.get_by_role("tab", name="Importér").click()
    _upload(page, f"[klik](javascript:alert({n})) **fed**.csv", MARKUP.format(n=n).encode())
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for(timeout=30_000)
    # ui.plain puts invisible word joiners where Markdown would make a link of the text
    assert f"[klik](javascript:alert({n})) **fed**.csv" in _visible(success.inner_text())
    ignored = _visible(page.get_by_text("Kolonner, der ikke bruges").inner_text())
    assert f"![x]({PIXEL})" in ignored
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("a[href^='javascript'], strong:has-text('fed')").count() == 0
    assert main.locator(f"img[src='{PIXEL}'], a[href='{PIXEL}']").count() == 0
    screenshot(page, f"import-markup-{width}")

    _upload(page, "udtræk.csv", CPR.encode())
    page.locator('[data-testid="stAlertContentError"]').wait_for(timeout=30_000)
    report = page.locator(TABLE).filter(visible=True).first
    report.wait_for()
    assert "intet er gemt" in page.locator('[data-testid="stAlertContentError"]').inner_text()
    assert "1234" not in main.inner_text()
    screenshot(page, f"import-cpr-{width}")
    assert PIXEL not in fetched
    assert page.js_errors == []
