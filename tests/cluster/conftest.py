"""The replica tests: PostgreSQL, two replicas and nginx, as `make cluster` starts them.

Without nginx these tests skip, unless BROBYGGER_REQUIRE_NGINX=1 (set by .ci/run)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from data_access.db import create_engine_for, drop_everything
from deploy.cluster import NGINX_INSTALL, Cluster, find_nginx
from tests.conftest import NO_NGINX


def empty_database(url: str) -> None:
    engine = create_engine_for(url)
    drop_everything(engine)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP FUNCTION IF EXISTS data_version_bump() CASCADE"))
    engine.dispose()


@pytest.fixture(scope="module")
def cluster(postgres_url: str) -> Iterator[Cluster]:
    """Two replicas started at once on an empty database (they migrate it between them),
    behind nginx, login at the local test identity provider."""
    if find_nginx() is None:
        message = f"{NO_NGINX} (install: {NGINX_INSTALL})"
        if os.environ.get("BROBYGGER_REQUIRE_NGINX") == "1":
            pytest.fail(message)
        pytest.skip(message)
    empty_database(postgres_url)
    # Not under pytest's private temporary folder: nginx runs as an unprivileged user.
    folder = Path(tempfile.mkdtemp(prefix="brobygger-cluster-"))
    try:
        with Cluster(
            folder,
            replicas=2,
            database_url=postgres_url,
            demo=False,
            env={"BROBYGGER_MAP_TILES": "none"},
            upstream_header=True,
        ) as running:
            yield running
    finally:
        shutil.rmtree(folder, ignore_errors=True)
