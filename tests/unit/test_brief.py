"""The meeting brief: figures read back from the PDF match the database; charts and the map
are drawn; committee-safe; the command line makes the same brief."""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np
import pypdfium2
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from data_access.db import create_engine_for
from data_access.filters import Filters
from tests.conftest import HELSINGOR_FILE
from ui.brief import main, make_brief

YEAR_2025 = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def brief(demo_db_url, helsingor):
    engine = create_engine_for(demo_db_url)
    return make_brief(
        engine, helsingor, HELSINGOR_FILE, YEAR_2025, "da", made=dt.datetime(2026, 1, 5, 9)
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _scalar(url: str, query: str) -> int:
    with create_engine_for(url).connect() as conn:
        return int(conn.execute(text(query)).scalar())


def test_the_figures_in_the_pdf_are_the_databases(brief, demo_db_url):
    content = _text(brief.pdf)
    persons = _scalar(
        demo_db_url,
        "SELECT count(DISTINCT person_id) FROM outreach_contacts "
        "WHERE contact_at >= '2025-01-01' AND contact_at < '2026-01-01'",
    )
    contacts = _scalar(
        demo_db_url,
        "SELECT count(*) FROM outreach_contacts "
        "WHERE contact_at >= '2025-01-01' AND contact_at < '2026-01-01'",
    )
    starts = _scalar(
        demo_db_url,
        "SELECT count(*) FROM treatment_courses "
        "WHERE started_on BETWEEN '2025-01-01' AND '2025-12-31'",
    )
    within = _scalar(
        demo_db_url,
        "SELECT count(*) FROM treatment_courses WHERE started_on "
        "BETWEEN '2025-01-01' AND '2025-12-31' AND "
        "julianday(started_on) - julianday(requested_on) <= 14",
    )
    assert re.search(rf"Personer nået\s*{persons}\b", content)
    assert re.search(rf"Kontakter\s*{contacts}\b", content)
    assert f"{round(100 * within / starts)} %" in content
    assert "Udvalgsbrief: Helsingør Rusmiddelcenter" in content
    assert "1. jan. 2025 - 31. dec. 2025" in content
    assert "Lavet 5. jan. 2026" in content
    for sentence in brief.sentences:
        assert sentence[:40].replace("–", "-") in content.replace("\n", " ")


def test_the_charts_and_the_map_are_drawn(brief):
    reader = PdfReader(io.BytesIO(brief.pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 3  # two charts and the map
    document = pypdfium2.PdfDocument(brief.pdf)
    for index in range(len(document)):
        bitmap = document[index].render(scale=0.5).to_numpy()
        coloured = np.abs(bitmap[..., 0].astype(int) - bitmap[..., 2].astype(int)) > 40
        assert coloured.mean() > 0.002, f"page {index + 1} has no chart or map drawn"
    document.close()


def test_the_brief_is_committee_safe_even_for_a_short_period(demo_db_url, helsingor):
    engine = create_engine_for(demo_db_url)
    short = make_brief(
        engine, helsingor, HELSINGOR_FILE, Filters(dt.date(2025, 6, 1), dt.date(2025, 6, 30)), "da"
    )
    assert not {v for v in short.figures.values()} & {"1", "2", "3", "4"}
    assert "<5" in _text(short.pdf) or all(
        not v.isdigit() or int(v) >= 5 or v == "0" for v in short.figures.values()
    )


def test_english_and_the_command_line(tmp_path, demo_db_url):
    out = tmp_path / "brief.pdf"
    assert (
        main(
            [
                "--from",
                "2025-01-01",
                "--to",
                "2025-06-30",
                "--lang",
                "en",
                "--url",
                demo_db_url,
                "--org",
                str(HELSINGOR_FILE),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    content = _text(out.read_bytes())
    assert "Committee brief: Helsingør Rusmiddelcenter" in content
    assert "Persons reached" in content
    assert main(["--from", "2025-06-30", "--to", "2025-01-01", "--url", demo_db_url]) == 2
