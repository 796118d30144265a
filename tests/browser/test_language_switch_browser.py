"""In Chromium: switch the language in the sidebar, then change page, in committee and
manager mode: every page runs without an exception and the sidebar's choice boxes read in
the language chosen (the bug: a keyed box kept its Danish label, see
tests/app/test_language_switch_app.py). The demo's role survives both, and the demo without
a role is the least privileged one (tests/app/test_demo_role_app.py)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app
from ui.i18n import TEXTS

MODES = {"committee": "role=admin&committee=1", "manager": "role=leder"}
BANNER = TEXTS["committee.banner"]["da"]
LANGUAGE_NAME = {"da": "Dansk", "en": "English"}
# The period box's label in each language; in committee mode also the period kind's value.
PERIOD_LABEL = {"da": "Periode", "en": "Period"}
KIND_VALUE = {"da": "Projektperioden", "en": "Project period"}


def _sidebar_boxes(page) -> tuple[list[str], list[str]]:
    """The sidebar's selectboxes as shown: their labels, and their values (the inputs')."""
    boxes = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
    labels = [text.strip() for text in boxes.all_inner_texts()]
    values = boxes.locator("input").evaluate_all("els => els.map(e => e.value)")
    values += [text.strip() for text in boxes.locator('[data-baseweb="select"]').all_inner_texts()]
    return labels, values


def _check(page, lang: str, mode: str, where: str) -> None:
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0, where
    labels, values = _sidebar_boxes(page)
    assert PERIOD_LABEL[lang] in " ".join(labels).split(), (where, labels)
    if mode == "committee":
        shown = " | ".join(values)
        assert KIND_VALUE[lang] in shown, (where, shown)
        assert KIND_VALUE[{"da": "en", "en": "da"}[lang]] not in shown, (where, shown)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("start", ["da", "en"])
def test_switch_language_then_every_page(page, mode: str, start: str):
    other = {"da": "en", "en": "da"}[start]
    page.goto(f"{page.app_url}/?{MODES[mode]}&lang={start}")
    _check(page, start, mode, "opened")
    page.locator('[data-testid="stSidebar"]').get_by_text(LANGUAGE_NAME[other], exact=True).click()
    page.wait_for_url(f"**lang={other}**" if other != "da" else "**")
    _check(page, other, mode, "switched")
    links = page.locator('[data-testid="stSidebarNavLink"]')
    count = links.count()
    assert count >= 5
    for index in range(count):
        link = page.locator('[data-testid="stSidebarNavLink"]').nth(index)
        name = link.inner_text().strip()
        link.click()
        _check(page, other, mode, f"{mode} {start}->{other} page {name}")
    assert page.js_errors == []


def _nav(page) -> str:
    return " ".join(page.locator('[data-testid="stSidebarNav"]').all_inner_texts())


def test_the_demo_role_survives_the_language_switch_and_a_page_change(page):
    """The reported bug: /?role=leder, English, one page on: the URL lost the role and the
    demo was Administrator (the picker sent back its Danish label, which no English option
    matched)."""
    page.goto(f"{page.app_url}/?role=leder")
    wait_for_app(page)
    assert "Revisionslog" not in _nav(page) and "Arbejdslister" in _nav(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url("**lang=en**")
    wait_for_app(page)
    for name in ("Caseload", "Worklists", "Outreach"):
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=name).click()
        page.wait_for_url("**role=leder**")
        wait_for_app(page)
        assert "role=leder" in page.url and "lang=en" in page.url, page.url
        nav = _nav(page)
        assert "Worklists" in nav and "Audit log" not in nav, (name, nav)
        picked = page.locator('[data-testid="stSidebar"] [role="radiogroup"] input:checked')
        assert picked.evaluate("e => e.closest('label').innerText").strip() == "Manager"
    page.reload()  # and a reload opens as the role in the URL
    wait_for_app(page)
    assert "role=leder" in page.url and "Audit log" not in _nav(page)
    assert page.js_errors == []


def test_the_demo_without_a_role_is_a_committee_member(page):
    page.goto(page.app_url)
    wait_for_app(page)
    page.wait_for_url("**role=udvalg**")
    nav = _nav(page)
    assert "Data" not in nav.split() and "Revisionslog" not in nav
    page.get_by_text(BANNER).wait_for()
    assert page.js_errors == []
