"""When a page has settled in Chromium: what the user waits for, measured in the browser.

An init script runs in every frame (the app and each map's iframe) and notes, in epoch
milliseconds (performance.timeOrigin + performance.now(), comparable across frames), the last
moment anything changed on screen: a DOM mutation, or a draw on a canvas (Vega draws its
marks on a canvas without touching the DOM). A page has settled when the script has finished
(stApp's data-test-script-state), every frame has been quiet for QUIET_MS, and the time it
took is the last change minus the start (the navigation's start, or the click that changed a
filter).
"""

from __future__ import annotations

QUIET_MS = 1000

INIT_SCRIPT = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__brobyggerLast = now();
  const touch = () => { window.__brobyggerLast = now(); };
  const observe = () => new MutationObserver(touch).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) observe(); else addEventListener('DOMContentLoaded', observe);
  const proto = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
  if (proto) for (const name of ['fill', 'stroke', 'fillRect', 'fillText', 'drawImage',
                                 'clearRect', 'strokeText']) {
    const original = proto[name];
    proto[name] = function (...args) { touch(); return original.apply(this, args); };
  }
  addEventListener('click', () => { window.__brobyggerClick = now(); }, true);
  // Whether the script ran after the last click (a rerun that has not started yet is not
  // "finished").
  const watchScript = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(watchScript, 20); return; }
    new MutationObserver(() => {
      if (app.getAttribute('data-test-script-state') === 'running')
        window.__brobyggerRan = now();
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  };
  if (window === window.top) watchScript();
})();"""

STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    state: app ? app.getAttribute('data-test-script-state') : null,
    now: performance.timeOrigin + performance.now(),
    start: performance.timeOrigin,
    click: window.__brobyggerClick || null,
    ran: window.__brobyggerRan || null,
  };
}"""

LAST = "() => window.__brobyggerLast || 0"


def _last_change(page) -> float:
    last = 0.0
    for frame in page.frames:
        try:
            last = max(last, float(frame.evaluate(LAST)))
        except Exception:  # a frame that went away while asked (Playwright's own error types)
            continue
    return last


def wait_settled(page, since: str, timeout_s: float = 180) -> float:
    """Milliseconds from the navigation's start (`since="navigation"`) or the last click
    (`since="click"`) to the page's last change, once it has settled."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        state = page.evaluate(STATE)
        start = state["start"] if since == "navigation" else state["click"]
        finished = state["state"] == "notRunning" and start is not None
        if since == "click":
            finished = finished and (state["ran"] or 0) >= start
        if finished:
            last = _last_change(page)
            if state["now"] - last >= QUIET_MS:
                return last - start
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page did not settle within {timeout_s:.0f} s: {state}")
        page.wait_for_timeout(100)
