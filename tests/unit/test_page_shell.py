"""The page's HTML as the gateway serves it (gateway/page_shell.py)."""

from __future__ import annotations

from gateway.page_shell import is_page, page_language, shell

INDEX = b'<!doctype html><html lang="en"><head><meta charset="UTF-8" /></head><body></body></html>'


def test_the_language_is_the_urls_or_danish():
    assert page_language(b"role=leder&lang=en") == "en"
    assert page_language(b"role=leder") == "da"
    assert page_language(b"lang=de") == "da"  # only the app's languages
    assert page_language(b"lang=%22%3E%3Cscript%3E") == "da"


def test_the_page_says_its_language_and_where_the_server_is():
    page = shell(INDEX, "da", "")
    assert b'<html lang="da">' in page and b'lang="en"' not in page
    assert b'BACKEND_BASE_URL: new URL("/", window.location.origin).href' in page
    assert page.index(b"<script>") > page.index(b"<head>")
    assert b'new URL("/brobygger/"' in shell(INDEX, "en", "brobygger")


def test_only_pages_are_changed():
    assert is_page("/", "") and is_page("/outreach", "") and is_page("/brobygger/data", "brobygger")
    for path in (
        "/_stcore/health",
        "/static/js/index.js",
        "/media/abc.csv",
        "/api/ready",
        "/favicon.png",
        "/component/x/index.html",
    ):
        assert not is_page(path, ""), path
    assert not is_page("/outreach", "brobygger")
