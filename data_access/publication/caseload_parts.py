"""The parts of the caseload page a committee sees, as publish.caseload assembles them: the
categories a measure is split by, a protected frame per split, caseload per FTE, and each
department's figures against the previous period."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data_access import caseload as caseload_queries
from data_access.organisation import Organisation
from data_access.publication import rules
from data_access.publication.cells import (
    ALL,
    Cell,
    PeriodCell,
)
from data_access.publication.rounding import WITHHELD
from data_access.publication.store import (
    Publication,
    _dept_ids,
    _flow,
    _protected,
    _stock,
)


def _categories(pub: Publication, measure: str, prefix: str) -> list[str]:
    return sorted({c for (_, _, c) in pub.cubes[measure].shown if c.startswith(prefix)})


def _split_frame(
    pub: Publication,
    measure: str,
    period: PeriodCell,
    rows_for: list[tuple[str, str]],
    prefix: str,
    categories,
    column: str,
) -> pd.DataFrame:
    """A split of a measure per department, columns (department, <name>, column); `rows_for`
    pairs a row's department label with the scope its figures come from."""
    name = {"reason": "reason", "src": "source", "age": "group", "wait": "bin"}[prefix]
    rows = [
        (label, c, _flow(pub, measure, period, scope, f"{prefix}:{c}"))
        for label, scope in rows_for
        for c in categories
    ]
    return _protected(pd.DataFrame(rows, columns=["department", name, column]), column)


def _per_fte(
    pub: Publication, engine: Engine, cell: Cell, series: list[PeriodCell], depts: list[str]
) -> pd.DataFrame:
    """Active courses per FTE from the protected active counts (months with staffing)."""
    months = [p for p in pub.periods if p.kind == "month" and cell.period.contains(p)]
    raw = caseload_queries.caseload_per_fte(engine, cell.filters())
    fte = {(r.month, r.department): r.fte for r in raw.itertuples()}
    rows = []
    for p in months:
        for d in depts:
            if (p.start, d) not in fte:
                continue
            active = _stock(pub, "active", p.end, d)
            ok = active is not None and active != WITHHELD and active > 0
            rows.append(
                (p.start, d, active, fte[(p.start, d)], active / fte[(p.start, d)] if ok else None)
            )
    frame = pd.DataFrame(rows, columns=["month", "department", "active", "fte", "per_fte"])
    frame["per_fte"] = pd.to_numeric(frame["per_fte"])
    return _protected(frame, "active")


def _department_figures(
    pub: Publication, engine: Engine, org: Organisation, cell: Cell | None
) -> dict[str, caseload_queries.DepartmentFigures]:
    if cell is None:
        return {}
    raw = caseload_queries.department_figures(engine, cell.filters())
    out = {}
    for dept in [*_dept_ids(org, cell), ALL]:
        # "all" is the departments shown together: the cell's one department, if it has one.
        scope = cell.department if dept == ALL else dept
        stats = raw.get(dept)
        starts = _flow(pub, "starts", cell.period, scope)
        enough = stats is not None and stats.waiting.starts >= rules.MIN_MEDIAN_BASE
        out[dept] = caseload_queries.DepartmentFigures(
            active_at_end=_stock(pub, "active", cell.period.end, scope),
            requests=_flow(pub, "requests", cell.period, scope),
            starts=starts,
            ends=_flow(pub, "ends", cell.period, scope),
            waiting=caseload_queries.WaitingStats(
                starts=starts,
                within=_flow(pub, "starts", cell.period, scope, "g:within"),
                median_days=stats.waiting.median_days if enough else None,
                p90_days=stats.waiting.p90_days if enough else None,
                protected=True,
            ),
        )
    return out
