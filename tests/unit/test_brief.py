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
from data_access.overview import data_extent
from data_access.publication import publish
from data_access.publication.cells import ALL, Cell, SiteScope, find_period
from tests.conftest import HELSINGOR_FILE
from ui.brief import main, make_brief


@pytest.fixture(scope="module")
def publication(demo_db_url, helsingor):
    engine = create_engine_for(demo_db_url)
    first, last = data_extent(engine)
    return publish.build(engine, helsingor, first, last)


def _cell(pub, period: str) -> Cell:
    return Cell(find_period(list(pub.periods), period), SiteScope("all"), ALL)


@pytest.fixture(scope="module")
def brief(demo_db_url, helsingor, publication):
    engine = create_engine_for(demo_db_url)
    return make_brief(
        publication,
        engine,
        helsingor,
        HELSINGOR_FILE,
        _cell(publication, "2025"),
        "da",
        made=dt.datetime(2026, 1, 5, 9),
    )


def _protected(shown: str, truth: int) -> None:
    """A figure in the brief is the true count rounded to a multiple of 5 (or "<5")."""
    if 1 <= truth <= 4:
        assert shown == "<5"
    else:
        value = int(shown.replace(".", ""))
        assert value % 5 == 0 and abs(value - truth) <= 4, (shown, truth)


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
    _protected(re.search(r"Personer nået\s*([\d.]+|<5)", content).group(1), persons)
    _protected(re.search(r"Kontakter\s*([\d.]+|<5)", content).group(1), contacts)
    shown_starts = brief_figure(brief, "Garanti overholdt")
    assert shown_starts.endswith("%")
    share = int(shown_starts.rstrip(" %"))
    assert abs(share - 100 * within / starts) <= 3  # a share of rounded figures
    assert "Udvalgsbrief: Helsingør Rusmiddelcenter" in content
    assert "1. jan. 2025 - 31. dec. 2025" in content
    assert "Lavet 5. jan. 2026" in content
    for sentence in brief.sentences:
        assert sentence[:40].replace("–", "-") in content.replace("\n", " ")


def brief_figure(brief, label_start: str) -> str:
    return next(v for k, v in brief.figures.items() if k.startswith(label_start))


def test_one_or_two_pages_with_the_organisation_the_period_and_page_numbers(brief):
    reader = PdfReader(io.BytesIO(brief.pdf))
    assert 1 <= len(reader.pages) <= 2
    for number, page in enumerate(reader.pages, start=1):
        text_ = page.extract_text()
        assert "Helsingør Rusmiddelcenter" in text_
        assert "2025" in text_
        assert f"Side {number} af {len(reader.pages)}" in text_
    # The reader is told how to read rounded, hidden and withheld figures.
    assert "<5" in _text(brief.pdf) and "afrundet" in _text(brief.pdf)


def test_the_charts_and_the_map_are_drawn(brief):
    reader = PdfReader(io.BytesIO(brief.pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 3  # two charts and the map
    document = pypdfium2.PdfDocument(brief.pdf)
    for index in range(len(document)):
        bitmap = document[index].render(scale=0.5).to_numpy()
        coloured = np.abs(bitmap[..., 0].astype(int) - bitmap[..., 2].astype(int)) > 40
        # Page 1 holds the map, page 2 the two charts.
        assert coloured.mean() > 0.0005, f"page {index + 1} has no chart or map drawn"
    document.close()


def test_the_brief_is_committee_safe_even_for_a_short_period(demo_db_url, helsingor, publication):
    engine = create_engine_for(demo_db_url)
    for period in ("2025-06", "2024-01"):
        short = make_brief(
            publication, engine, helsingor, HELSINGOR_FILE, _cell(publication, period), "da"
        )
        for value in short.figures.values():
            number = value.rstrip(" %").replace(".", "")
            assert value in ("<5", "–") or value.endswith("%") or int(number) % 5 == 0, value
        # No sentence carries a count of 1-4 either (dates aside).
        for sentence in short.sentences:
            counts = re.findall(r"(?<![\d.,–-])\b([1-4])\b(?![\d.,%])", sentence)
            assert not counts, sentence


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
    # A free range is not a publication period: refused, with what is offered instead.
    assert main(["--from", "2025-02-03", "--to", "2025-05-01", "--url", demo_db_url]) == 2
    assert (
        main(
            [
                "--period",
                "2025-Q2",
                "--kind",
                "public",
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
    assert "Offentligt sted" in _text(out.read_bytes())
