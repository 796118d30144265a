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
from data_access.publication import publish, store
from data_access.publication.cells import ALL, Cell, SiteScope, find_period
from tests.conftest import HELSINGOR_FILE
from ui.brief import main, make_brief


@pytest.fixture(scope="module")
def publication(demo_db_url, helsingor):
    engine = create_engine_for(demo_db_url)
    first, last = data_extent(engine)
    return store.build(engine, helsingor, first, last)


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
        # No sentence carries a count of 1-4 either (dates and changes of a share in
        # percentage points aside: those are differences of protected shares, not counts).
        for sentence in short.sentences:
            counts = re.findall(
                r"(?<![\d.,–-])\b([1-4])\b(?![\d.,%])(?! procentpoint| percentage point)",
                sentence,
            )
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


# ---- what the changes are against (issue 15, point 6) ----------------------------------
def _persons_change(sentence: str) -> int:
    """The signed change in the persons sentence ("5 flere" / "5 færre" / "samme antal")."""
    if "samme antal" in sentence or "unchanged" in sentence:
        return 0
    found = re.search(r"(\d+) (flere|færre|more|fewer)", sentence)
    return int(found.group(1)) * (1 if found.group(2) in ("flere", "more") else -1)


def test_a_quarter_is_compared_with_the_same_quarter_a_year_earlier_by_default(
    demo_db_url, helsingor, publication
):
    engine = create_engine_for(demo_db_url)
    cell = _cell(publication, "2025-Q3")
    made = make_brief(publication, engine, helsingor, HELSINGOR_FILE, cell, "da")
    assert "samme kvartal sidste år (K3 2024)" in made.sentences[0]
    persons = next(s for s in made.sentences if s.startswith("Den opsøgende indsats mødte"))
    assert "end for samme kvartal sidste år" in persons or "som for samme kvartal" in persons
    # The same data path as the committee pages: the year-earlier cell's own protected figure.
    earlier = publish.overview(publication, engine, helsingor, _cell(publication, "2024-Q3"))
    now = publish.overview(publication, engine, helsingor, cell)
    assert now.outreach_previous.persons == earlier.outreach.persons
    assert _persons_change(persons) == now.outreach.persons - earlier.outreach.persons
    content = _text(made.pdf).replace("\n", " ")
    assert "samme kvartal sidste år" in content

    english = make_brief(publication, engine, helsingor, HELSINGOR_FILE, cell, "en")
    assert "the same quarter last year (Q3 2024)" in english.sentences[0]
    assert "than the same quarter last year" in " ".join(english.sentences) or (
        "unchanged from the same quarter last year" in " ".join(english.sentences)
    )


def test_the_previous_period_is_a_choice(demo_db_url, helsingor, publication):
    engine = create_engine_for(demo_db_url)
    cell = _cell(publication, "2025-Q3")
    made = make_brief(
        publication, engine, helsingor, HELSINGOR_FILE, cell, "en", compare="previous"
    )
    assert "the previous quarter (Q2 2025)" in made.sentences[0]
    before = publish.overview(publication, engine, helsingor, _cell(publication, "2025-Q2"))
    now = publish.overview(publication, engine, helsingor, cell)
    persons = next(s for s in made.sentences if s.startswith("The outreach team met"))
    assert _persons_change(persons) == now.outreach.persons - before.outreach.persons
    assert "last year" not in " ".join(made.sentences)
    with pytest.raises(ValueError):
        make_brief(publication, engine, helsingor, HELSINGOR_FILE, cell, "da", compare="x")


def test_no_change_without_a_year_earlier_cell_and_the_brief_says_why(demo_db_url, helsingor):
    engine = create_engine_for(demo_db_url)
    first, _ = data_extent(engine)
    # Data up to 20 November 2025: the fourth quarter is still running.
    pub = store.build(engine, helsingor, first, dt.date(2025, 11, 20))
    running = make_brief(pub, engine, helsingor, HELSINGOR_FILE, _cell(pub, "2025-Q4"), "da")
    assert "ikke slut endnu" in running.sentences[0]
    outside = make_brief(pub, engine, helsingor, HELSINGOR_FILE, _cell(pub, "2024-Q2"), "en")
    assert "the same quarter last year is outside the data" in outside.sentences[0]
    project = make_brief(pub, engine, helsingor, HELSINGOR_FILE, _cell(pub, "project"), "da")
    assert "Projektperioden sammenlignes ikke" in project.sentences[0]
    for brief_ in (running, outside, project):
        rest = " ".join(brief_.sentences[1:])
        assert not re.search(r"flere|færre|more than|fewer than|procentpoint|percentage", rest)
        assert not re.search(r"samme antal|unchanged|; \.", rest)


def test_the_command_line_takes_the_comparison(tmp_path, demo_db_url, capsys):
    out = tmp_path / "brief.pdf"
    common = ["--period", "2025-Q3", "--url", demo_db_url, "--org", str(HELSINGOR_FILE)]
    assert main([*common, "--out", str(out)]) == 0
    assert "samme kvartal sidste år" in _text(out.read_bytes()).replace("\n", " ")
    assert main([*common, "--compare", "previous", "--lang", "en", "--out", str(out)]) == 0
    assert "the previous quarter" in _text(out.read_bytes()).replace("\n", " ")
    with pytest.raises(SystemExit):
        main([*common, "--compare", "month"])
