"""The app in-process through Streamlit's AppTest, for the app tests and the in-process bench.

`app_test()` runs app.py through bench/app_entry.py (see there why), and `switch_page` takes a
page's path from the project's root, as app.py names it ("pages/data.py").
"""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from data_access.settings import PROJECT_ROOT

ENTRY = PROJECT_ROOT / "bench" / "app_entry.py"


class FramedAppTest(AppTest):
    def switch_page(self, page_path: str) -> AppTest:
        return super().switch_page(os.path.relpath(PROJECT_ROOT / page_path, ENTRY.parent))


def app_test(default_timeout: float = 60) -> FramedAppTest:
    return FramedAppTest(str(ENTRY), default_timeout=default_timeout)
