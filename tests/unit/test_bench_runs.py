"""The benchmark's own steps still run against the code as it is (`make bench` is not part of
`make test`, so a changed signature would otherwise surface only when someone measures):
the committee brief, a page's timings through AppTest, the contact form's save and undo, the
report with its budgets."""

from __future__ import annotations

import json

from bench import pages, run


def test_the_brief_step_makes_a_brief(demo_db_url):
    assert run.brief_ms(demo_db_url) > 0


def test_a_page_is_timed_and_the_form_leaves_the_database_as_it_was(tmp_path, demo_db_url):
    from sqlalchemy import text

    from data_access.backup import backup_sqlite
    from data_access.db import create_engine_for

    target = tmp_path / "bench.db"
    backup_sqlite(demo_db_url, target)
    url = f"sqlite:///{target}"
    timing = pages.measure("pages/caseload.py", url, 1)
    assert timing.page == "caseload" and timing.change_ms > 0 and timing.warm_ms > 0
    engine = create_engine_for(url)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar()
    save = pages.contact_form(url, 1)
    with engine.connect() as conn:
        after = conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar()
    engine.dispose()
    assert save.save_ms > 0 and save.undo_ms > 0
    assert after == before


def test_the_report_names_what_is_over_budget():
    timing = {"first_ms": 1, "warm_ms": 151, "change_ms": 10, "warm_cpu_ms": 1, "change_cpu_ms": 1}
    browser = {
        "app_mb": 200.0,
        "database_mb": None,
        "pages": [
            {
                "page": "overview",
                "first_open_ms": 2000.0,
                "cold_ms": 501.0,
                "warm_ms": 100.0,
                "cold_cpu_ms": 100.0,
                "warm_cpu_ms": 50.0,
                "load": 0.5,
            },
            {
                "page": "routes",
                "first_open_ms": 3001.0,
                "cold_ms": 300.0,
                "warm_ms": 100.0,
                "cold_cpu_ms": 100.0,
                "warm_cpu_ms": 50.0,
                "load": 0.5,
            },
        ],
    }

    def result(peer: dict, with_browser: bool) -> dict:
        return {
            "measured": "2026-12-06 10:00",
            "load_before": "0.1",
            "load_after": "0.1",
            "rows": {"outreach_contacts": 1, "treatment_courses": 1, "persons": 1},
            "statements": {"overview": 4},
            "peer_differences": [],
            "peer": peer,
            "pages": {title: dict(timing) for title, _ in pages.PAGES},
            "contact_form": {"save_ms": 1, "undo_ms": 1},
            **({"browser": browser} if with_browser else {}),
        }

    within = {"project_ms": 10, "peer_ms": 100, "project_mb": 1, "peer_mb": 20}
    # At scale 100 the project may use 1.5x the in-memory peer's CPU: 16 ms against 10 is over.
    slower = {**within, "project_cpu_ms": 16, "in_memory_cpu_ms": 10, "in_memory_mb": 50}
    runs = {"sqlite": {"1": result(within, True), "100": result(slower, False)}}
    over = run.report(json.loads(json.dumps({"runs": runs}))).split("## Over budget")[1]
    assert "- sqlite 1 overview in Chromium: filter change (cold) 501 ms > 500 ms" in over
    assert "- sqlite 1 routes in Chromium: first open 3001 ms > 3000 ms" in over
    assert "overview in Chromium: first open" not in over
    assert "routes in Chromium: filter change" not in over
    assert "sqlite 100: CPU per filter change 16 ms against the in-memory peer's 10 ms" in over
    assert "naive/project" not in over  # 10x and 20x: within
    assert "warm 151 ms" not in over  # the in-process figures are a diagnosis, no budget
