"""One colour per department and per site kind, from the organisation file, on every chart
of every page and in the meeting brief (issue 16)."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import every_tab, open_page


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else []:
        yield from _walk(child)


def vega_specs(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in _walk(at._tree) if e.type == "vega_lite_chart"]


def colour_scales(spec: object):
    """Every (domain, range) pair of an explicit colour scale in a spec."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("color", "fill") and isinstance(value, dict):
                scale = value.get("scale") or {}
                if "domain" in scale and "range" in scale:
                    yield scale["domain"], scale["range"]
            yield from colour_scales(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from colour_scales(item)


def _department_encodings(spec: object):
    """Colour encodings of a department field (their scale may be missing: the defect)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            field = str(value.get("field", "")) if isinstance(value, dict) else ""
            if key == "color" and field.startswith("department"):
                yield value
            yield from _department_encodings(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _department_encodings(item)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("page", ["pages/overview.py", "pages/caseload.py"])
def test_every_department_chart_uses_the_organisations_colours(app, helsingor, page, lang):
    at = open_page(page, role="admin", lang=lang)
    wanted = {d.label(lang): helsingor.department_colors()[d.id] for d in helsingor.departments}
    specs = [spec for each in every_tab(at, page) for spec in vega_specs(each)]
    encodings = [e for spec in specs for e in _department_encodings(spec)]
    assert encodings, "no chart by department found"
    for encoding in encodings:
        scale = encoding.get("scale") or {}
        assert "range" in scale, f"a department colour left to Vega's defaults: {encoding}"
        for label, colour in zip(scale["domain"], scale["range"], strict=True):
            assert wanted[label] == colour, (label, colour)


@pytest.mark.parametrize("page", ["pages/outreach.py"])
def test_every_site_kind_chart_uses_the_organisations_colours(app, helsingor, page):
    at = open_page(page, role="admin")
    from ui.i18n import translate

    colours = helsingor.kind_colors()
    by_label = {translate(f"kind.{k}", "da"): c for k, c in colours.items()}
    labels = set(by_label)
    scales = [(d, r) for spec in vega_specs(at) for d, r in colour_scales(spec) if set(d) & labels]
    assert scales
    for domain, range_ in scales:
        for label, colour in zip(domain, range_, strict=True):
            assert by_label[label] == colour


def test_the_file_sets_the_colours_and_refuses_a_shared_one(tmp_path, helsingor):
    from data_access.organisation import OrganisationFileError, load_organisation
    from tests.conftest import HELSINGOR_FILE

    assert all(d.color for d in helsingor.departments)  # set in the file, not left to chance
    assert helsingor.site_kind_colors
    text = HELSINGOR_FILE.read_text(encoding="utf-8").replace("#e09f3e", "#2a6f97")
    broken = tmp_path / "org.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(OrganisationFileError, match="same color"):
        load_organisation(broken)
