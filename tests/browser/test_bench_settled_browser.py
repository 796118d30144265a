"""The benchmark's clock in the browser (bench/settled.py): a change counts until the last thing
drawn, a DOM change or a canvas draw in any frame, and not before the script has finished."""

from __future__ import annotations

import pytest

from bench.settled import INIT_SCRIPT, wait_settled

# A stand-in for Streamlit's frame: a click "runs the script" for 200 ms, then the page keeps
# changing: text at 400 ms, a canvas draw in an iframe at `canvas_ms`.
PAGE = """<html><body>
<div data-testid="stApp" data-test-script-state="notRunning">
  <button id="go">go</button><p id="out"></p>
  <iframe id="frame" srcdoc="<canvas id=c width=10 height=10></canvas>"></iframe>
</div>
<script>
document.getElementById('go').addEventListener('click', () => {
  const app = document.querySelector('[data-testid=stApp]');
  app.setAttribute('data-test-script-state', 'running');
  setTimeout(() => app.setAttribute('data-test-script-state', 'notRunning'), 200);
  setTimeout(() => { document.getElementById('out').textContent = 'drawn'; }, 400);
  setTimeout(() => {
    const doc = document.getElementById('frame').contentDocument;
    doc.getElementById('c').getContext('2d').fillRect(0, 0, 5, 5);
  }, CANVAS_MS);
});
</script></body></html>"""


ADDRESS = "http://stand-in.invalid/"


def _open(browser, html: str):
    """The stand-in page, served by a route (set_content's document.open would drop the init
    script's listeners)."""
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    context.route(ADDRESS, lambda route: route.fulfill(body=html, content_type="text/html"))
    page = context.new_page()
    page.goto(ADDRESS)
    return page


@pytest.mark.parametrize("canvas_ms", [100, 900])
def test_a_change_lasts_until_the_last_thing_drawn(browser, canvas_ms):
    page = _open(browser, PAGE.replace("CANVAS_MS", str(canvas_ms)))
    page.wait_for_function("() => document.getElementById('frame').contentDocument.body")
    page.wait_for_timeout(1200)  # the loading's own changes are over
    page.click("#go")
    took = wait_settled(page, "click", timeout_s=20)
    page.context.close()
    last = max(400, canvas_ms)
    assert last - 50 <= took <= last + 250, took


def test_a_change_is_not_settled_before_its_run_has_started(browser):
    """A click whose run starts late is measured to the end of that run, not to the click."""
    page = _open(
        browser,
        PAGE.replace("CANVAS_MS", "0")
        .replace(
            "app.setAttribute('data-test-script-state', 'running');",
            "setTimeout(() => app.setAttribute('data-test-script-state', 'running'), 1500);",
        )
        .replace("'notRunning'), 200)", "'notRunning'), 1700)"),
    )
    page.wait_for_timeout(1200)
    page.click("#go")
    took = wait_settled(page, "click", timeout_s=20)
    page.context.close()
    assert 1650 <= took <= 1950, took
