"""Our municipality beside the country: persons in drug treatment per 1,000 inhabitants and the
share of starts beyond the treatment guarantee, ours beside Statistics Denmark's.

Definitions (the page repeats them):
- our persons in drug treatment in a year: distinct persons with a course in the organisation
  file's [national] departments that had started and had not ended before the year began
  (persons whose main substance is excluded there, alcohol by default, do not count); only
  whole calendar years inside our recorded data are counted;
- requests, starts and ends: our courses dated in the year, the same departments;
- beyond the guarantee: starts more than the department's guarantee days after the request;
- per 1,000 inhabitants: persons / the population on 1 January (FOLK1A, 1st quarter) x 1,000;
- DST's region, country and similar municipalities (DST's municipality group, without us):
  DST's own row where the table has one, else the sum over the municipalities with figures
  (a municipality with ".." is left out of both the count and the population).

Committee safety: our own counts reach the page only through `publish_count` (the publication
layer's keyed rounding in committee mode); a per-1,000 figure or a share is computed from
published counts only, so a count of 1-4 in committee mode
never becomes a rate that gives it away.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from data_access import dk_areas
from data_access.clock import as_of
from data_access.dst import DownloadRecord, sources
from data_access.dst_metadata import DstProblem
from data_access.national_counts import CHECKED, EVENTS, OwnYear, complete_years, own_counts
from data_access.organisation import Organisation
from data_access.overview import data_extent
from data_access.publication import store
from data_access.publication.cubes import TOTAL, figure_id
from data_access.publication.rounding import HIDDEN_TEXT, WITHHELD, WITHHELD_TEXT, rounded
from data_access.publication.rules import MIN_SHARE_BASE
from data_access.publication.store import Publication, national_figure
from data_access.schema import dst_figures

_TABLE_OF = {
    "persons": "SMDBV002",
    "requests": "SMDBV001",
    "starts": "SMDBV001",
    "ends": "SMDBV001",
    "guarantee_starts": "SMDBV004",
    "guarantee_exceeded": "SMDBV004",
    "population": "FOLK1A",
}


@dataclass(frozen=True)
class Published:
    value: int | None  # None: hidden by the committee rules
    text: str  # as shown where hidden ("<5"), else the count


def publish_count(value: int, key: bytes | None, figure: str) -> Published:
    """The one gate between the municipality's own counts and the page. In committee mode
    (`key` given) the publication layer's keyed rounding (data_access/publication): 0, "<5" or
    a multiple of 5, the same figure the same every time."""
    if key is None:
        return Published(value, str(value))
    return _as_shown(rounded(value, key, figure_id("national", figure, "own")))


def _as_shown(shown: int | None) -> Published:
    """A protected count as the page shows it: a number, "<5" (None) or "–" (WITHHELD)."""
    if shown is None:
        return Published(None, HIDDEN_TEXT)
    if shown == WITHHELD:
        return Published(None, WITHHELD_TEXT)
    return Published(shown, str(shown))


def per_thousand(count: float | None, population: float | None) -> float | None:
    if count is None or population is None or population <= 0:
        return None
    return count / population * 1000


def share(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return part / whole


Figures = dict[tuple[str, str, int], float | None]  # (measure, area, year) -> value or None


def dst_figures_held(engine: Engine) -> Figures:
    """Every DST figure held, by measure, area and year (None: DST's "..")."""
    query = select(
        dst_figures.c.table_id,
        dst_figures.c.measure,
        dst_figures.c.area_code,
        dst_figures.c.year,
        dst_figures.c.value,
    )
    with engine.connect() as conn:
        return {
            (measure, area, int(year)): value
            for table, measure, area, year, value in conn.execute(query)
            if _TABLE_OF.get(measure) == table
        }


@dataclass(frozen=True)
class AreaFigure:
    """One area's count and population in a year, from DST."""

    count: float | None
    population: float | None
    members: int = 1  # municipalities behind a summed figure
    with_figures: int = 1  # of them, those with a figure (not "..")
    held: bool = True  # DST has the figure, if only as ".." (False: not fetched, not published)

    @property
    def per_1000(self) -> float | None:
        return per_thousand(self.count, self.population)


def area_figure(
    figures: Figures,
    measure: str,
    area: str,
    year: int,
    members: list[str] | None = None,
    with_population: bool = True,
) -> AreaFigure:
    """DST's figure for an area. For a region, the country or a group (`members` given): DST's
    own row while no member has ".." (the row counts a person once); where some members have
    ".." (not approved), or there is no row, the sum over the members with figures, so that
    the count and the population cover the same municipalities."""
    members = members or []
    key = (measure, area, year)
    held = key in figures or any((measure, m, year) in figures for m in members)
    missing = [
        m for m in members if (measure, m, year) in figures and figures[(measure, m, year)] is None
    ]
    if key in figures and not missing:
        population = figures.get(("population", area, year))
        return AreaFigure(figures[key], population, len(members) or 1, len(members) or 1, held)
    known = [
        (count, population)
        for m in members
        if (count := figures.get((measure, m, year))) is not None
        and (
            (population := figures.get(("population", m, year))) is not None or not with_population
        )
    ]
    if not known:
        return AreaFigure(None, None, len(members) or 1, 0, held)
    total_population = sum(p for _, p in known) if with_population else None
    return AreaFigure(sum(c for c, _ in known), total_population, len(members), len(known), held)


@dataclass(frozen=True)
class Spread:
    lowest: float
    highest: float
    rank: int | None  # our place, 1 = most persons per 1,000
    municipalities: int


def spread(figures: Figures, year: int, own: str) -> Spread | None:
    """The range of per-1,000 figures across the municipalities with figures, and our place."""
    rates = {
        code: rate
        for code in dk_areas.MUNICIPALITIES
        if (rate := area_figure(figures, "persons", code, year).per_1000) is not None
    }
    if not rates:
        return None
    ordered = sorted(rates, key=lambda code: -rates[code])
    rank = ordered.index(own) + 1 if own in rates else None
    return Spread(min(rates.values()), max(rates.values()), rank, len(rates))


@dataclass(frozen=True)
class GuaranteeShare:
    exceeded: float | None
    starts: float | None

    @property
    def share(self) -> float | None:
        return share(self.exceeded, self.starts)


@dataclass(frozen=True)
class CheckRow:
    measure: str
    ours: Published | None  # None: not in our data for the year
    dst: float | None  # None: DST's ".." (dst_held) or not held
    dst_held: bool

    @property
    def difference(self) -> int | None:
        if self.ours is None or self.ours.value is None or self.dst is None:
            return None
        return self.ours.value - int(self.dst)


@dataclass(frozen=True)
class NationalYear:
    year: int
    own_persons: Published | None  # None: the year is not wholly in our data
    own_per_1000: float | None
    population: float | None  # our municipality on 1 January (FOLK1A)
    municipality: AreaFigure
    region: AreaFigure
    similar: AreaFigure
    country: AreaFigure
    spread: Spread | None
    own_guarantee: GuaranteeShare | None
    dst_guarantee: dict[str, GuaranteeShare]  # municipality, region, similar, country
    checks: tuple[CheckRow, ...]


@dataclass(frozen=True)
class NationalData:
    municipality: str  # DST code
    municipality_name: str
    region: str
    group: int | None
    own_configured: bool
    years: tuple[NationalYear, ...]  # ascending; empty: no DST figures held
    sources: tuple[DownloadRecord, ...]

    @property
    def has_figures(self) -> bool:
        return bool(self.years)

    @property
    def has_population(self) -> bool:
        return any(y.population is not None for y in self.years)

    def latest_with_rates(self) -> NationalYear | None:
        """The newest year with DST's figure for us and, if we have one, ours."""
        usable = [y for y in self.years if y.municipality.per_1000 is not None]
        with_own = [y for y in usable if y.own_per_1000 is not None]
        return (with_own or usable or [None])[-1]


def _own(pub: Publication | None, measure: str, year: int, value: int, category: str = TOTAL):
    """One of our own counts as the page may show it. Committee mode (`pub` given): requests,
    starts (and those within the guarantee) and ends as published with their family (audited
    together with the departments' figures they are part of, data_access/publication); persons,
    not additive, by the family's keyed rounding of its own."""
    if pub is None:
        return Published(value, str(value))
    if measure == "persons":
        return publish_count(value, pub.key, f"persons|{year}")
    return _as_shown(national_figure(pub, measure, year, category))


def _own_guarantee(own: OwnYear, pub: Publication | None, year: int) -> GuaranteeShare:
    """Our share beyond the guarantee. In committee mode no count of breaches is published
    of its own (the publication's family keeps breaches implied, never shown); the share is
    the difference of the two published counts, starts and starts within the guarantee, over
    the starts, and hidden where either is hidden or the base is under the publication's
    minimum."""
    if pub is None:
        return GuaranteeShare(own.exceeded, own.starts)
    within = _own(pub, "starts", year, own.starts - own.exceeded, "g:within").value
    starts = _own(pub, "starts", year, own.starts).value
    if within is None or starts is None or starts < MIN_SHARE_BASE:
        return GuaranteeShare(None, None)
    return GuaranteeShare(max(0, starts - within), starts)


def _year(
    figures: Figures, year: int, org_code: str, own: OwnYear | None, pub: Publication | None
) -> NationalYear:
    place = dk_areas.MUNICIPALITIES[org_code]
    group = [m for m in dk_areas.members(place.group) if m != org_code] if place.group else []
    areas = {
        "municipality": (org_code, None),
        "region": (place.region, dk_areas.region_members(place.region)),
        "similar": (f"group{place.group}", group),
        "country": (dk_areas.COUNTRY, [m for m in dk_areas.MUNICIPALITIES if m != "411"]),
    }
    rates = {
        key: area_figure(figures, "persons", code, year, members)
        for key, (code, members) in areas.items()
    }
    dst_guarantee = {
        key: GuaranteeShare(
            area_figure(figures, "guarantee_exceeded", code, year, members, False).count,
            area_figure(figures, "guarantee_starts", code, year, members, False).count,
        )
        for key, (code, members) in areas.items()
    }
    population = figures.get(("population", org_code, year))
    published = _own(pub, "persons", year, own.persons) if own else None
    counts = {"persons": own.persons, **{e: getattr(own, e) for e in EVENTS}} if own else {}
    checks = tuple(
        CheckRow(
            measure,
            _own(pub, measure, year, counts[measure]) if own else None,
            figures.get((measure, org_code, year)),
            (measure, org_code, year) in figures,
        )
        for measure in CHECKED
    )
    return NationalYear(
        year=year,
        own_persons=published,
        own_per_1000=per_thousand(published.value if published else None, population),
        population=population,
        municipality=rates["municipality"],
        region=rates["region"],
        similar=rates["similar"],
        country=rates["country"],
        spread=spread(figures, year, org_code),
        own_guarantee=_own_guarantee(own, pub, year) if own else None,
        dst_guarantee=dst_guarantee,
        checks=checks,
    )


def national_comparison(
    engine: Engine, org: Organisation, committee: bool, pub: Publication | None = None
) -> NationalData:
    """Everything the page Landstal shows, per year. In committee mode our own counts come
    from the committee publication `pub` (built here when not given)."""
    code = dk_areas.dst_code(org.municipality_code)
    place = dk_areas.MUNICIPALITIES.get(code)
    if place is None:
        raise DstProblem("unknown_municipality", municipality=org.municipality_code)
    figures = dst_figures_held(engine)
    dst_years = sorted({year for measure, _, year in figures if measure != "population"})
    extent = data_extent(engine)
    own_years = complete_years(extent) if org.national else []
    own = own_counts(engine, org.national, own_years) if org.national else {}
    years = sorted(set(dst_years) | {y for y in own_years if dst_years and y >= dst_years[0]})
    if not committee:
        pub = None
    elif pub is None and extent:
        pub = store.build(engine, org, extent[0], as_of(extent, extent[1]))
    return NationalData(
        municipality=code,
        municipality_name=place.name,
        region=place.region,
        group=place.group,
        own_configured=org.national is not None,
        years=tuple(_year(figures, y, code, own.get(y), pub) for y in years),
        sources=tuple(sources(engine)) if figures else (),
    )
