"""The export seam in AppTest: what a click on a download button and the browser's fetch would
do, run in-process (AppTest has no browser and no HTTP server; tests/browser/ does it for real).

`recorded_files` records every download button the seam draws: aggregate files with their
bytes, person-row files with what their click would run. `click_and_fetch` then does for a
person-row file what the server does when the button is clicked and the browser fetches the
address it gets: the file is made for the session and browser that asked (ui/downloads.py) and
fetched through the file gate's decision (gateway/file_gate.py), which writes the audit row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from data_access import cached
from gateway import file_gate, grants, passes
from ui import downloads

BROWSER = "b" * 43  # a browser cookie's shape (gateway/browser_cookie.py)
SESSION = "session-of-the-test"


@dataclass
class Recorded:
    aggregate: dict[str, bytes] = field(default_factory=dict)
    person: dict[str, tuple] = field(default_factory=dict)  # key -> (contents, spec, format, user)


@pytest.fixture
def recorded_files(monkeypatch) -> Recorded:
    seen = Recorded()
    file_button, person_file_button = downloads.file_button, downloads.person_file_button

    def recording_file(where, label, data, file_name, mime, *, key, **options):
        seen.aggregate[key] = data
        return file_button(where, label, data, file_name, mime, key=key, **options)

    def recording_person(
        where, label, contents, file_name, mime, *, key, spec, file_format, **options
    ):
        from ui import auth

        seen.person[key] = (contents, spec, file_format, auth.current_user())
        return person_file_button(
            where,
            label,
            contents,
            file_name,
            mime,
            key=key,
            spec=spec,
            file_format=file_format,
            **options,
        )

    monkeypatch.setattr(downloads, "file_button", recording_file)
    monkeypatch.setattr(downloads, "person_file_button", recording_person)
    yield seen
    grants.clear()


def click_and_fetch(seen: Recorded, key: str, browser: str = BROWSER) -> tuple[int, bytes]:
    """(the file gate's status for the fetch, the file's bytes) for the person-row button `key`."""
    contents, spec, file_format, user = seen.person[key]
    passes.let_through(SESSION, user)
    data = downloads.make_person_file(
        contents, user, SESSION, BROWSER, cached.engine(), spec, file_format
    )
    return file_gate.decide_for(data, browser, probe=False, client="127.0.0.1"), data
