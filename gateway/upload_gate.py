"""/_stcore/upload_file/: only a session that passed the gate as a user who may upload, and no
more bytes than an import may have.

Streamlit accepts an upload from any session it knows, logged in or not, up to its own limit
(200 MB unless configured), and keeps it in memory. Here an upload is refused before its body
is read unless the session named in its URL has passed the gate (gateway/passes.py) as a user
whose role may upload a file (data_access/access.py), and unless it says how long it is and
that is within the import limit (data_access/imports/limits.py, with room for the form's
framing). Streamlit's own limit (server.maxUploadSize in .streamlit/config.toml) caps what is
actually read.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from data_access.access import may_upload
from data_access.imports.limits import Limits
from gateway import passes
from gateway.paths import base_path

# The multipart form around the file: its boundaries and headers (Streamlit allows 64 KiB).
FRAMING_BYTES = 64 * 1024
REFUSED = "Upload afvist. / Upload refused.\n"
TOO_LARGE = "Filen er for stor. / The file is too large.\n"


def upload_session(path: str, base: str) -> str | None:
    prefix = (
        f"/{base.strip('/')}/_stcore/upload_file/" if base.strip("/") else "/_stcore/upload_file/"
    )
    if not path.startswith(prefix):
        return None
    parts = path[len(prefix) :].split("/")
    return parts[0] if parts and parts[0] else ""


def decide(session_id: str, method: str, content_length: str | None) -> int:
    """200, 403 (nobody, or a role that uploads nothing), 411 or 413."""
    user = passes.standing(session_id)
    if user is None or not may_upload(user.role):
        return 403
    if method != "PUT":
        return 200
    if content_length is None or not content_length.isdigit():
        return 411
    if int(content_length) > Limits().max_bytes + FRAMING_BYTES:
        return 413
    return 200


class UploadGate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        session_id = upload_session(scope["path"], base_path()) if scope["type"] == "http" else None
        if session_id is None or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length")
        status = decide(session_id, scope["method"], length.decode() if length else None)
        if status == 200:
            await self.app(scope, receive, send)
            return
        text = TOO_LARGE if status == 413 else REFUSED
        await PlainTextResponse(text, status_code=status)(scope, receive, send)
