"""Statistics Denmark problems (data_access.dst_metadata.DstProblem) in words, for the page and
the command line alike."""

from __future__ import annotations

from data_access.dst_metadata import DstProblem
from language import translate


def problem_text(problem: DstProblem, lang: str) -> str:
    """A problem in words; our name for a key figure becomes the language's name for it."""
    params = dict(problem.params)
    if params.get("measure"):
        params["measure"] = translate(f"dst.measure.{params['measure']}", lang)
    return translate(f"dst.problem.{problem.code}", lang, **params)
