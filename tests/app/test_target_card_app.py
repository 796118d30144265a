"""The overview's target card after the project (issue 15): with today pinned eleven months
after the project period, the card counts only the project period (the same figure as for
the project period itself) and says that it is the project period's result and has ended."""

from __future__ import annotations

import re

from tests.app.test_today_app import db_url, run_as  # noqa: F401 (the today database)

OVERVIEW = "pages/overview.py"


def _target_caption(at) -> str:
    return next(c.value for c in at.caption if "målet på" in c.value or "target of" in c.value)


def _reached(caption: str) -> int:
    return int(re.search(r"(\d[\d.,]*) (?:af målet|of the target)", caption)[1].replace(".", ""))


def test_after_the_project_the_card_counts_the_project_period_and_says_so(db_url):  # noqa: F811
    later = run_as("leder", OVERVIEW)  # opens on the last 12 months
    caption = _target_caption(later)
    assert "Projektperiodens resultat (2024–2025)" in caption
    assert "sluttede 31. dec. 2025" in caption
    project = run_as("leder", OVERVIEW, period="project")
    assert "Projektperiodens resultat" not in _target_caption(project)
    assert _reached(caption) == _reached(_target_caption(project))
    year = run_as("leder", OVERVIEW, period="year")  # 2026: wholly after the project
    assert _reached(_target_caption(year)) == _reached(caption)


def test_in_english_and_in_committee_mode(db_url):  # noqa: F811
    english = run_as("admin", OVERVIEW, lang="en")
    assert "The project period's result (2024–2025)" in _target_caption(english)
    assert "ended on" in _target_caption(english)
    committee = run_as("leder", OVERVIEW, committee="1", period="2026-Q3")
    caption = _target_caption(committee)
    assert "Projektperiodens resultat" in caption
    in_project = run_as("leder", OVERVIEW, committee="1", period="project")
    assert _reached(caption) == _reached(_target_caption(in_project))
