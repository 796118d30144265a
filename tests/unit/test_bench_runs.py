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
    result = {
        "measured": "2026-12-06 10:00",
        "load_before": "0.1",
        "load_after": "0.1",
        "rows": {"outreach_contacts": 1, "treatment_courses": 1, "persons": 1},
        "statements": {"overview": 4},
        "peer_differences": [],
        "peer": {"project_ms": 10, "peer_ms": 100, "project_mb": 1, "peer_mb": 20},
        "pages": {title: dict(timing) for title, _ in pages.PAGES},
        "contact_form": {"save_ms": 1, "undo_ms": 1},
    }
    report = run.report(json.loads(json.dumps({"runs": {"sqlite": {"100": result}}})))
    assert "- sqlite 100 overview: warm 151 ms" in report
    assert "naive/project" not in report.split("## Over budget")[1]  # 10x and 20x: within
