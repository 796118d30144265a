"""The HTTP side of the app: what the server answers before, beside and around the script.

app.py hands `server_options()` to st.App, so `streamlit run app.py` (and every replica) serves:
- the start-up migration and /api/ready (startup.py);
- a random cookie naming each browser (browser_cookie.py);
- /media/ only against a grant for the browser that asked, with the export's audit row written
  before a byte leaves (file_gate.py, grants.py);
- uploads only from a session that passed the gate as a user who may upload, within the import
  limit (upload_gate.py, passes.py);
- failed logins at the identity provider's callback written to the audit log
  (login_failures.py);
- no /_stcore/metrics and no agent API (closed_paths.py);
- each page's HTML in its language (<html lang>) and saying where the server is, so the
  browser does not probe a page's URL for it (page_shell.py).
"""

from __future__ import annotations

from typing import Any


def server_options() -> dict[str, Any]:
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from gateway.browser_cookie import BrowserCookie
    from gateway.closed_paths import ClosedPaths
    from gateway.file_gate import FileGate
    from gateway.login_failures import LoginFailures
    from gateway.page_shell import PageShell
    from gateway.startup import lifespan, ready
    from gateway.upload_gate import UploadGate

    return {
        "routes": [Route("/api/ready", ready)],
        # The first listed sees a request first.
        "middleware": [
            Middleware(ClosedPaths),
            Middleware(LoginFailures),
            Middleware(UploadGate),
            Middleware(FileGate),
            Middleware(BrowserCookie),
            Middleware(PageShell),
        ],
        "lifespan": lifespan,
    }
