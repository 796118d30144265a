"""Every additive committee figure at once, protected together.

An additive measure (contacts, requests, starts, ends; active courses and waiting requests on
a day) is counted in SQL once at its finest grain: per day, per site or department, per
category. From that, every publishable figure follows by summing: every offered period × every
site scope or department scope × every category of every split (weekdays, times of day,
anonymous or not; age groups, referral sources, waiting times, end reasons, addresses,
modalities). All of them form one *family* linked by exact sums (a quarter is its months, a
kind is its sites, all departments are the departments, a total is each of its splits), and the
family is protected in one go (data_access/publication/audit.py). So a figure is the same in
every view, and no combination of views pins a hidden count.

The cube is computed once per database state and cached by the caller (data_access/cached.py);
pages read single figures from it by measure, period, scope and category. The counts come from
the pre-aggregated daily tables (data_access/aggregates.py), never from a scan of the raw rows
per period or per day: at national scale the raw tables hold hundreds of thousands of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from data_access.organisation import Organisation
from data_access.publication.audit import Family, protect
from data_access.publication.cells import ALL, PeriodCell
from data_access.schema import (
    departments,
    sites,
)

TOTAL = "total"


@dataclass(frozen=True)
class Split:
    """Categories that together make up `parent` (a category of the same measure)."""

    categories: tuple[str, ...]
    parent: str = TOTAL
    implied: tuple[str, ...] = ()  # categories never shown themselves, only implied


@dataclass(frozen=True)
class Subset:
    """A published count of part of some members' events in one period, known to the reader
    as no more than their sum: the page Landstal's own counts (the national departments
    without the persons whose main substance is excluded). In the family it is tied to the
    members' figures through the implied union and the implied rest (union = its members;
    union = subset + rest), so the audit protects it with everything it could be combined
    with, by the family's own key."""

    scope: str  # the scope id it is published under, e.g. "national"
    period: PeriodCell
    members: tuple[str, ...]
    values: dict[str, int]  # category -> count; every category of `splits` that applies
    splits: tuple[Split, ...] = ()


@dataclass(frozen=True)
class Scopes:
    """The groups of members (sites or departments) figures are published for.

    `groups` maps a scope id ("all", "kind:public", "site:x"; "all", "stof") to its members;
    `published` says which scopes a view may show; `sums` are the exact parent = children
    identities between scopes."""

    groups: dict[str, tuple[str, ...]]
    published: frozenset[str]
    sums: tuple[tuple[str, tuple[str, ...]], ...]
    # Scopes whose splits are published. A single site's month split by weekday is a row of
    # "<5" that says nothing and only ties the figures tighter: not offered.
    split_published: frozenset[str] = frozenset()


def site_scopes(org: Organisation, members: Sequence[str]) -> Scopes:
    """all = every kind (treatment addresses too, unpublished), kind = its sites."""
    kind_of = {s.id: s.kind for s in org.sites}
    offered_sites = {s.id for s in org.outreach_sites}
    offered_kinds = {s.kind for s in org.outreach_sites}
    kinds = list(dict.fromkeys(kind_of.get(m, "other") for m in members))
    groups: dict[str, tuple[str, ...]] = {ALL: tuple(members)}
    published = {ALL}
    sums = []
    for kind in kinds:
        of_kind = tuple(m for m in members if kind_of.get(m, "other") == kind)
        groups[f"kind:{kind}"] = of_kind
        if kind in offered_kinds:
            published.add(f"kind:{kind}")
        for m in of_kind:
            groups[f"site:{m}"] = (m,)
            if m in offered_sites:
                published.add(f"site:{m}")
        sums.append((f"kind:{kind}", tuple(f"site:{m}" for m in of_kind)))
    sums.append((ALL, tuple(f"kind:{k}" for k in kinds)))
    coarse = frozenset(p for p in published if not p.startswith("site:"))
    return Scopes(groups, frozenset(published), tuple(sums), coarse)


def department_scopes(org: Organisation, members: Sequence[str]) -> Scopes:
    offered = {d.id for d in org.departments}
    groups = {ALL: tuple(members), **{m: (m,) for m in members}}
    published = frozenset({ALL, *offered} & set(groups))
    return Scopes(groups, published, ((ALL, tuple(members)),), published)


# ---- the counts at their finest grain -----------------------------------------------------


# ---- from counts to protected figures -----------------------------------------------------
Categorise = Callable[[pd.DataFrame], dict[str, pd.Series]]


def _long(frame: pd.DataFrame, categorise: Categorise) -> pd.DataFrame:
    """One row per (day, member, category) with its count: the total and every category."""
    if frame.empty:
        return pd.DataFrame(columns=["day", "member", "category", "n"])
    parts = [frame.assign(category=TOTAL)[["day", "member", "category", "n"]]]
    for labels in categorise(frame).values():
        tagged = frame.assign(category=labels.to_numpy())[["day", "member", "category", "n"]]
        parts.append(tagged[tagged["category"].notna()])
    long = pd.concat(parts, ignore_index=True)
    return long.groupby(["day", "member", "category"], as_index=False)["n"].sum()


def figure_id(measure: str, period: str, scope: str, category: str = TOTAL) -> str:
    return f"{measure}|{period}|{scope}|{category}"


def period_key(cell: PeriodCell) -> str:
    """Periods are identified by their dates, so two cells covering the same days (a running
    quarter that so far holds one month, say) are one figure."""
    return f"{cell.start}..{cell.end}"


def period_sums(cells: Sequence[PeriodCell]) -> list[tuple[PeriodCell, list[PeriodCell], bool]]:
    """For each period, the smaller offered periods that tile it (months in a quarter, quarters
    in a half, halves in a year; the project by years, else by months), and whether some days
    are left over (then the rest is an implied, unpublished figure)."""
    out = []
    order = ["year", "half", "quarter", "month"]
    below = {"quarter": ["month"], "half": ["quarter"], "year": ["half"], "project": order}
    for cell in cells:
        for kind in below.get(cell.kind, []):
            inside = sorted(c for c in cells if c.kind == kind and cell.contains(c))
            days = sum(c.days for c in inside)
            if inside and days == cell.days:
                out.append((cell, inside, False))
                break
        else:
            months = sorted(c for c in cells if c.kind == "month" and cell.contains(c))
            if cell.kind == "project" and months:
                out.append((cell, months, True))
    return out


@dataclass(frozen=True)
class Cube:
    """Protected figures of one measure: shown[(period key or day, scope, category)]."""

    measure: str
    shown: dict[tuple[str, str, str], int | None]
    # The family it was protected in, for the exact attack (data_access/publication/exact.py).
    family: Family | None = field(default=None, compare=False, repr=False)

    def shown_list(self) -> list[int | None]:
        """The shown value of every figure of the family, in its order (None if unpublished)."""
        assert self.family is not None
        return [
            self.shown.get(tuple(f.split("|")[1:])) if published else None  # type: ignore[arg-type]
            for f, published in zip(self.family.ids, self.family.published, strict=True)
        ]

    def get(self, period: str, scope: str, category: str = TOTAL) -> int | None:
        return self.shown.get((period, scope, category), 0)


def _values_by_range(
    long: pd.DataFrame, first: dt.date, last: dt.date, members: list[str], categories: list[str]
) -> tuple[np.ndarray, dict[str, int], dict[str, int]]:
    """Cumulative counts: cum[category, day_index, member] (day 0 is the day before `first`)."""
    n_days = (last - first).days + 1
    m_index = {m: i for i, m in enumerate(members)}
    c_index = {c: i for i, c in enumerate(categories)}
    grid = np.zeros((len(categories), n_days + 1, len(members)), dtype=np.int64)
    if len(long):
        inside = long[(long["day"] >= first) & (long["day"] <= last)]
        ci = inside["category"].map(c_index).to_numpy()
        di = inside["day"].map(lambda d: (d - first).days + 1).to_numpy()
        mi = inside["member"].map(m_index).to_numpy()
        np.add.at(grid, (ci, di, mi), inside["n"].to_numpy(dtype=np.int64))
    return np.cumsum(grid, axis=1), m_index, c_index


def flow_cube(
    measure: str,
    long: pd.DataFrame,
    periods: Sequence[PeriodCell],
    scopes: Scopes,
    splits: Sequence[Split],
    key: bytes,
    subsets: Sequence[Subset] = (),
) -> Cube:
    """An additive count of events (contacts, requests, starts, ends) over every period, and
    the subsets published beside them."""
    first = min(p.start for p in periods)
    last = max(p.end for p in periods)
    members = sorted({m for g in scopes.groups.values() for m in g})
    categories = [TOTAL, *dict.fromkeys(c for s in splits for c in s.categories)]
    cum, m_index, c_index = _values_by_range(long, first, last, members, categories)
    published_categories = _published(splits)
    family = Family()

    def value(period: PeriodCell, scope: str, category: str) -> int:
        a, b = (period.start - first).days, (period.end - first).days + 1
        totals = cum[c_index[category], b] - cum[c_index[category], a]
        return int(sum(totals[m_index[m]] for m in scopes.groups[scope]))

    unique = {period_key(p): p for p in periods}
    for pkey, period in unique.items():
        for scope in scopes.groups:
            for category in categories:
                family.add(
                    figure_id(measure, pkey, scope, category),
                    value(period, scope, category),
                    published=_is_published(scopes, scope, category, published_categories),
                )
    _link(family, measure, list(unique), scopes, splits, categories)
    for parent, children, remainder in period_sums(list(unique.values())):
        for scope in scopes.groups:
            for category in categories:
                whole = figure_id(measure, period_key(parent), scope, category)
                kids = [figure_id(measure, period_key(c), scope, category) for c in children]
                if remainder:
                    rest = family.values[family.index[whole]]
                    rest -= sum(family.values[family.index[k]] for k in kids)
                    rest_id = figure_id(measure, f"rest:{period_key(parent)}", scope, category)
                    family.add(rest_id, rest, published=False)
                    kids.append(rest_id)
                family.add_sum(whole, kids)
    for subset in subsets:
        if period_key(subset.period) in unique:
            _add_subset(family, measure, subset, lambda m, c, p=subset.period: value(p, m, c))
    return _cube(measure, family, key)


def _add_subset(
    family: Family, measure: str, subset: Subset, of_member: Callable[[str, str], int]
) -> None:
    """The subset's figures (published, or implied for a split's implied categories), the
    union of its members and the rest (both implied), and their sums."""
    pkey = period_key(subset.period)
    implied = {c for split in subset.splits for c in split.implied}

    def ids(category: str) -> tuple[str, str, str]:
        return tuple(  # type: ignore[return-value]
            figure_id(measure, pkey, f"{subset.scope}{part}", category)
            for part in ("", ":union", ":rest")
        )

    for category, own in subset.values.items():
        union = sum(of_member(m, category) for m in subset.members)
        if not 0 <= own <= union:
            raise ValueError(f"{subset.scope} {pkey} {category}: {own} is no part of {union}")
        own_id, union_id, rest_id = ids(category)
        family.add(own_id, own, published=category not in implied)
        family.add(union_id, union, published=False)
        family.add(rest_id, union - own, published=False)
        family.add_sum(union_id, [figure_id(measure, pkey, m, category) for m in subset.members])
        family.add_sum(union_id, [own_id, rest_id])
    for split in subset.splits:
        if {split.parent, *split.categories} <= set(subset.values):
            for part in range(3):
                family.add_sum(ids(split.parent)[part], [ids(c)[part] for c in split.categories])


def stock_cube(
    measure: str,
    long: pd.DataFrame,
    days: Sequence[dt.date],
    scopes: Scopes,
    splits: Sequence[Split],
    key: bytes,
) -> Cube:
    """An additive count of a state on given days (active courses, waiting requests)."""
    categories = [TOTAL, *dict.fromkeys(c for s in splits for c in s.categories)]
    published_categories = _published(splits)
    counts: dict[tuple[str, str, str], int] = {}
    for row in long.itertuples():
        k = (str(row.day), str(row.member), str(row.category))
        counts[k] = counts.get(k, 0) + int(row.n)
    family = Family()
    day_keys = [str(d) for d in dict.fromkeys(days)]
    for day in day_keys:
        for scope, members in scopes.groups.items():
            for category in categories:
                family.add(
                    figure_id(measure, day, scope, category),
                    sum(counts.get((day, m, category), 0) for m in members),
                    published=_is_published(scopes, scope, category, published_categories),
                )
    _link(family, measure, day_keys, scopes, splits, categories)
    return _cube(measure, family, key)


def _is_published(scopes: Scopes, scope: str, category: str, categories: set[str]) -> bool:
    if scope not in scopes.published or category not in categories:
        return False
    return category == TOTAL or scope in scopes.split_published


def _published(splits: Sequence[Split]) -> set[str]:
    shown = {TOTAL} | {c for s in splits for c in s.categories}
    return shown - {c for s in splits for c in s.implied}


def _link(
    family: Family,
    measure: str,
    period_keys: Sequence[str],
    scopes: Scopes,
    splits: Sequence[Split],
    categories: Sequence[str],
) -> None:
    """The sums inside each period: scopes into their parts, categories into their splits."""
    for pkey in period_keys:
        for scope in scopes.groups:
            for split in splits:
                family.add_sum(
                    figure_id(measure, pkey, scope, split.parent),
                    [figure_id(measure, pkey, scope, c) for c in split.categories],
                )
        for category in categories:
            for parent, children in scopes.sums:
                family.add_sum(
                    figure_id(measure, pkey, parent, category),
                    [figure_id(measure, pkey, c, category) for c in children],
                )


def _cube(measure: str, family: Family, key: bytes) -> Cube:
    protected = protect(family, key)
    shown = {}
    for figure, value in protected.items():
        _, period, scope, category = figure.split("|")
        shown[(period, scope, category)] = value
    return Cube(measure, shown, family)


def site_members(org: Organisation, engine: Engine) -> list[str]:
    with engine.connect() as conn:
        in_db = list(conn.scalars(select(sites.c.id)))
    return list(dict.fromkeys([*(s.id for s in org.sites), *in_db]))


def department_members(org: Organisation, engine: Engine) -> list[str]:
    with engine.connect() as conn:
        in_db = list(conn.scalars(select(departments.c.id)))
    return list(dict.fromkeys([*(d.id for d in org.departments), *in_db]))
