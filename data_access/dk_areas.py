"""Denmark's areas as Statistics Denmark codes them: the country, the five regions, the 98
municipalities, and DST's municipality groups ("kommunegrupper").

This is classification, not figures. Codes and names follow DST's area codes (OMRÅDE in the
statbank, three digits: "000" the whole country, "081"-"085" the regions, "101" København ...);
the region of each municipality is the 2007 structure; the municipality groups are DST's
nomenclature "Kommunegrupper" (dst.dk/da/Statistik/dokumentation/nomenklaturer/kommunegrupper,
CC BY 4.0, copied from DST's file as published in rOpenGov/dkstat's data-raw/komgrp.csv).
Christiansø (411) appears in some DST tables but is not a municipality and belongs to no group.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTRY = "000"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region: str  # region code
    group: int | None  # DST municipality group, 1-5


REGIONS: dict[str, str] = {
    "084": "Region Hovedstaden",
    "085": "Region Sjælland",
    "083": "Region Syddanmark",
    "082": "Region Midtjylland",
    "081": "Region Nordjylland",
}

GROUPS: dict[int, tuple[str, str]] = {
    1: ("Hovedstadskommuner", "Capital municipalities"),
    2: ("Storbykommuner", "Metropolitan municipalities"),
    3: ("Provinsbykommuner", "Provincial municipalities"),
    4: ("Oplandskommuner", "Commuter municipalities"),
    5: ("Landkommuner", "Rural municipalities"),
}

# (code, name) per region, in DST's order.
_BY_REGION: dict[str, tuple[tuple[str, str], ...]] = {
    "084": (
        ("101", "København"),
        ("147", "Frederiksberg"),
        ("155", "Dragør"),
        ("185", "Tårnby"),
        ("165", "Albertslund"),
        ("151", "Ballerup"),
        ("153", "Brøndby"),
        ("157", "Gentofte"),
        ("159", "Gladsaxe"),
        ("161", "Glostrup"),
        ("163", "Herlev"),
        ("167", "Hvidovre"),
        ("169", "Høje-Taastrup"),
        ("183", "Ishøj"),
        ("173", "Lyngby-Taarbæk"),
        ("175", "Rødovre"),
        ("187", "Vallensbæk"),
        ("201", "Allerød"),
        ("240", "Egedal"),
        ("210", "Fredensborg"),
        ("250", "Frederikssund"),
        ("190", "Furesø"),
        ("270", "Gribskov"),
        ("260", "Halsnæs"),
        ("217", "Helsingør"),
        ("219", "Hillerød"),
        ("223", "Hørsholm"),
        ("230", "Rudersdal"),
        ("400", "Bornholm"),
        ("411", "Christiansø"),
    ),
    "085": (
        ("253", "Greve"),
        ("259", "Køge"),
        ("350", "Lejre"),
        ("265", "Roskilde"),
        ("269", "Solrød"),
        ("320", "Faxe"),
        ("376", "Guldborgsund"),
        ("316", "Holbæk"),
        ("326", "Kalundborg"),
        ("360", "Lolland"),
        ("370", "Næstved"),
        ("306", "Odsherred"),
        ("329", "Ringsted"),
        ("330", "Slagelse"),
        ("340", "Sorø"),
        ("336", "Stevns"),
        ("390", "Vordingborg"),
    ),
    "083": (
        ("420", "Assens"),
        ("430", "Faaborg-Midtfyn"),
        ("440", "Kerteminde"),
        ("482", "Langeland"),
        ("410", "Middelfart"),
        ("480", "Nordfyns"),
        ("450", "Nyborg"),
        ("461", "Odense"),
        ("479", "Svendborg"),
        ("492", "Ærø"),
        ("530", "Billund"),
        ("561", "Esbjerg"),
        ("563", "Fanø"),
        ("607", "Fredericia"),
        ("510", "Haderslev"),
        ("621", "Kolding"),
        ("540", "Sønderborg"),
        ("550", "Tønder"),
        ("573", "Varde"),
        ("575", "Vejen"),
        ("630", "Vejle"),
        ("580", "Aabenraa"),
    ),
    "082": (
        ("710", "Favrskov"),
        ("766", "Hedensted"),
        ("615", "Horsens"),
        ("707", "Norddjurs"),
        ("727", "Odder"),
        ("730", "Randers"),
        ("741", "Samsø"),
        ("740", "Silkeborg"),
        ("746", "Skanderborg"),
        ("706", "Syddjurs"),
        ("751", "Aarhus"),
        ("657", "Herning"),
        ("661", "Holstebro"),
        ("756", "Ikast-Brande"),
        ("665", "Lemvig"),
        ("760", "Ringkøbing-Skjern"),
        ("779", "Skive"),
        ("671", "Struer"),
        ("791", "Viborg"),
    ),
    "081": (
        ("810", "Brønderslev"),
        ("813", "Frederikshavn"),
        ("860", "Hjørring"),
        ("849", "Jammerbugt"),
        ("825", "Læsø"),
        ("846", "Mariagerfjord"),
        ("773", "Morsø"),
        ("840", "Rebild"),
        ("787", "Thisted"),
        ("820", "Vesthimmerlands"),
        ("851", "Aalborg"),
    ),
}

# DST's municipality groups: code -> group.
_GROUP_MEMBERS: dict[int, str] = {
    1: "101 147 151 153 155 157 159 161 163 165 167 169 173 175 183 185 187 190 201 223 230 240 "
    "253 269",
    2: "461 751 851",
    3: "217 219 259 265 330 370 561 607 615 621 630 657 661 730 740 791",
    4: "210 250 260 270 316 320 329 336 340 350 410 420 430 440 450 480 575 706 710 727 746 756 "
    "766 840",
    5: "306 326 360 376 390 400 479 482 492 510 530 540 550 563 573 580 665 671 707 741 760 773 "
    "779 787 810 813 820 825 846 849 860",
}
_GROUP_OF = {code: group for group, codes in _GROUP_MEMBERS.items() for code in codes.split()}

MUNICIPALITIES: dict[str, Municipality] = {
    code: Municipality(code, name, region, _GROUP_OF.get(code))
    for region, members in _BY_REGION.items()
    for code, name in members
}

AREA_NAMES: dict[str, str] = {
    COUNTRY: "Hele landet",
    **REGIONS,
    **{m.code: m.name for m in MUNICIPALITIES.values()},
}


def dst_code(municipality_code: str) -> str:
    """The organisation file's code ("0217") as DST writes it ("217")."""
    return f"{int(municipality_code):03d}"


def members(group: int) -> list[str]:
    return [m.code for m in MUNICIPALITIES.values() if m.group == group]


def region_members(region: str) -> list[str]:
    return [m.code for m in MUNICIPALITIES.values() if m.region == region and m.group]


def code_for_name(name: str) -> str | None:
    """An area's code from its DST name ("Helsingør", "Region Hovedstaden", "Hele landet");
    case and surrounding space do not matter."""
    wanted = name.strip().casefold()
    return next((code for code, known in AREA_NAMES.items() if known.casefold() == wanted), None)
