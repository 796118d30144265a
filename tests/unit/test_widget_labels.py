"""Choice widgets hold stable ids and show translated labels through a format_func bound to
the language of the run that drew them.

A format_func is called again outside the script run (AppTest builds the next run's widget
state with it; there the session's language cannot be read and t() falls back to Danish), so
one that reads the language at call time showed "Kalenderår" among English options: the bug
behind "'Kalenderår' is not in list" (tests/app/test_language_switch_app.py). This check reads
the code for the whole class: no format_func calls t() (or a function of its module that
does), and no choice widget's options are translated labels themselves."""

from __future__ import annotations

import ast
from pathlib import Path

from data_access.settings import PROJECT_ROOT

SOURCES = sorted([*(PROJECT_ROOT / "ui").glob("*.py"), *(PROJECT_ROOT / "pages").glob("*.py")])
CHOICE_WIDGETS = {"selectbox", "radio", "segmented_control", "pills", "multiselect"}
CHOICE_WIDGETS |= {"select_slider"}


def _calls_t(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "t"
        for n in ast.walk(node)
    )


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _reads_language_late(value: ast.AST, functions: dict[str, ast.FunctionDef]) -> bool:
    if _calls_t(value):
        return True
    named = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    called = {
        n.func.id
        for n in ast.walk(value)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    # A function passed by name, or called from the lambda without a language.
    for name in named | called:
        function = functions.get(name)
        if function is None or not _calls_t(function):
            continue
        if name in called and not any(
            isinstance(c, ast.Call) and getattr(c.func, "id", None) == name and len(c.args) > 1
            for c in ast.walk(value)
        ):
            return True
        if name not in called:
            return True
    return False


def _choice_calls(tree: ast.Module):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CHOICE_WIDGETS
        ):
            yield node


def test_the_check_sees_the_widgets():
    found = sum(len(list(_choice_calls(ast.parse(p.read_text("utf-8"))))) for p in SOURCES)
    assert found >= 20


def test_no_format_func_reads_the_language_when_called():
    offenders = []
    for path in SOURCES:
        tree = ast.parse(path.read_text("utf-8"))
        functions = _functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "format_func" and _reads_language_late(keyword.value, functions):
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert not offenders, f"format_func reading the language at call time: {offenders}"


def test_no_choice_widget_has_translated_labels_as_options():
    offenders = []
    for path in SOURCES:
        for node in _choice_calls(ast.parse(path.read_text("utf-8"))):
            options = node.args[1] if len(node.args) > 1 else None
            options = options or next((k.value for k in node.keywords if k.arg == "options"), None)
            if options is not None and any(
                isinstance(n, ast.Call) and getattr(n.func, "id", None) in ("t", "translate")
                for n in ast.walk(options)
            ):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert not offenders, f"options that are translated labels: {offenders}"


def test_the_check_would_catch_the_reported_bug():
    bug = ast.parse(
        "def label(k):\n    return t(k)\n"
        "st.selectbox('x', KINDS, format_func=lambda k: t(f'committee.kind.{k}'))\n"
        "st.radio('x', ROLES, format_func=label)\n"
    )
    functions = _functions(bug)
    values = [
        k.value
        for n in ast.walk(bug)
        if isinstance(n, ast.Call)
        for k in n.keywords
        if k.arg == "format_func"
    ]
    assert all(_reads_language_late(v, functions) for v in values)
    bound = ast.parse("st.radio('x', R, format_func=lambda r, lang=lang: label(r, lang))")
    value = next(k.value for n in ast.walk(bound) if isinstance(n, ast.Call) for k in n.keywords)
    assert not _reads_language_late(value, functions)


def test_sources_exist():
    assert all(isinstance(p, Path) and p.exists() for p in SOURCES)
