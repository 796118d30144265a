"""The main script AppTest runs: app.py, run as the session's script (`__main__`).

AppTest resets Streamlit's multipage mode before every run, and a main script with a `pages/`
folder beside it starts each run in Streamlit's legacy mode, which would run a page script on
its own, without app.py's frame. This folder has no `pages/`, so every AppTest run executes
app.py, whose st.navigation picks the page, exactly as under `streamlit run` (where
gateway/startup.pages_only_through_navigation switches the legacy mode off at the start).
"""

import runpy

from data_access.settings import PROJECT_ROOT

runpy.run_path(str(PROJECT_ROOT / "app.py"), run_name="__main__")
