"""The app as the replicas serve it: app.py, migrations at start, and /api/ready.

`streamlit run serve.py` serves exactly what `streamlit run app.py` does (st.App runs app.py
for every session, on the same Starlette server), and in addition:

- at start, before it takes users, brings the database to the newest schema (as the schema's
  owner when BROBYGGER_DATABASE_OWNER_URL is set, granting the app's role what it needs) and
  syncs the organisation file (replicas starting at once take turns:
  data_access/db.migration_lock);
  while the database cannot be reached it tries again every few seconds;
- answers /api/ready with 200 when the database answers and its schema is at the newest
  migration, 503 otherwise (data_access/health.py), for the proxy's or a platform's readiness
  probe. Streamlit's own /_stcore/health stays the liveness probe.
"""

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.logger import get_logger

APP = Path(__file__).resolve().parent / "app.py"
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


@asynccontextmanager
async def lifespan(_app: st.App):
    async def migrate_until_done() -> None:
        while True:
            try:
                await anyio.to_thread.run_sync(_prepare_database)
                log.info("database at the newest schema")
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


app = st.App(APP, lifespan=lifespan, routes=[Route("/api/ready", ready)])
