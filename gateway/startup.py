"""The server's start: the database brought to the newest schema before users are taken, and
/api/ready for the proxy's or a platform's readiness probe.

- At start the database is migrated and the organisation file synced (replicas starting at once
  take turns: data_access/db.migration_lock); as the schema's owner when
  BROBYGGER_DATABASE_OWNER_URL is set, which also grants the app's role what it needs and no
  more (data_access/roles.py); while the database cannot be reached, it tries again every few
  seconds.
- Every URL runs app.py, which draws the frame (navigation, language, filters) and then the
  page: Streamlit's legacy multipage mode, which runs a `pages/` script on its own, is switched
  off before the first session (`pages_only_through_navigation`).
- The pages' modules are imported before the first request is taken (ui/startup.py).
- /api/ready answers 200 when the database answers and its schema is at the newest migration,
  503 otherwise (data_access/health.py). Streamlit's own /_stcore/health stays the liveness
  probe.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
from starlette.requests import Request
from starlette.responses import Response
from streamlit.logger import get_logger

RETRY_SECONDS = 5
log = get_logger("brobygger.serve")  # Streamlit's format and level


def _prepare_database() -> None:
    from data_access import cached
    from data_access.db import create_engine_for, owner_url, prepare_database, sync_organisation
    from data_access.organisation import load_organisation

    url = cached.database_url()
    # As the schema's owner when BROBYGGER_DATABASE_OWNER_URL is set (which also grants the
    # app's role its rights); otherwise the app's own role migrates, as before.
    prepare_database(url, owner_url())
    engine = create_engine_for(url)
    try:
        sync_organisation(engine, load_organisation(cached.org_file()))
    finally:
        engine.dispose()


def _start_alert_rules() -> None:
    """The alert rules' first evaluation, in the background from now (data_access/cached.py):
    not in the first visitor's script run, where at scale 1000 it took seconds."""
    from data_access import cached

    try:
        cached.evaluate_alerts_at_start()
    except Exception:  # the first visitor's badge evaluates them instead, as before
        log.exception("the alert rules could not be started at start-up")


def pages_only_through_navigation() -> None:
    """Switch off Streamlit's legacy multipage mode for this process, before any session runs.

    Beside a `pages/` folder Streamlit starts in its v1 multipage mode: until some session has
    called st.navigation, a URL such as /outreach runs pages/outreach.py by itself, without
    app.py's frame (no login gate, no filters, no language). st.navigation switches that mode
    off for the whole process (streamlit/commands/navigation.py: "disregard v1 behavior"), and
    outside a session it changes nothing else and returns its default page. So it is called
    here once, with app.py as its only page: every script run, the first included, then runs
    app.py, whose own st.navigation picks the page. Pages call nothing for it. The server
    calls it at start (`lifespan`); AppTest, which resets the mode before every run, starts
    app.py from a folder without `pages/` instead (bench/app_entry.py).
    """
    import logging

    import streamlit as st

    from data_access.settings import PROJECT_ROOT

    # Outside a session Streamlit logs "missing ScriptRunContext" twice; expected here.
    context_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = context_log.level
    context_log.setLevel(logging.ERROR)
    try:
        st.navigation([st.Page(str(PROJECT_ROOT / "app.py"))], position="hidden")
    finally:
        context_log.setLevel(level)


@asynccontextmanager
async def lifespan(_app):
    from ui.startup import warm_up

    pages_only_through_navigation()
    # The pages' libraries loaded now, before the server takes a user, not in the first
    # visitor's script run (1.8 s of the first open at demo scale: ui/startup.py).
    await anyio.to_thread.run_sync(warm_up)

    async def migrate_until_done() -> None:
        while True:
            try:
                await anyio.to_thread.run_sync(_prepare_database)
                log.info("database at the newest schema")
                await anyio.to_thread.run_sync(_start_alert_rules)
                return
            except Exception:
                log.exception("database not ready; trying again in %s s", RETRY_SECONDS)
                await anyio.sleep(RETRY_SECONDS)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(migrate_until_done)
        try:
            yield
        finally:
            tasks.cancel_scope.cancel()


async def ready(_request: Request) -> Response:
    from data_access import cached, health

    # The same URL the app's sessions use (environment, then the secrets Streamlit loaded).
    result = await anyio.to_thread.run_sync(health.check, cached.database_url())
    return Response(
        result.to_json(),
        status_code=200 if result.ready else 503,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )
