"""PostgreSQL is a URL away: the same demo data shows the same figures as on SQLite."""

from __future__ import annotations

from bench.app_test import app_test
from data_access.demo import write_demo
from tests.app.conftest import metrics


def test_overview_on_postgresql_matches_sqlite(
    monkeypatch, postgres_engine, demo_db_url, helsingor
):
    write_demo(postgres_engine, helsingor)
    url = postgres_engine.url.render_as_string(hide_password=False)

    def shown(database_url: str, period: str) -> dict[str, str]:
        monkeypatch.setenv("BROBYGGER_DATABASE_URL", database_url)
        at = app_test(default_timeout=60)
        at.query_params["role"] = "admin"
        at.query_params["period"] = period
        at.run()
        assert not at.exception
        return metrics(at)

    for period in ("project", "quarter"):
        assert shown(url, period) == shown(demo_db_url, period)
