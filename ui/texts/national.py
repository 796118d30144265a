"""Texts: the national comparison, page Landstal (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.national": {"da": "Landstal", "en": "National figures"},
    "nav.national.help": {
        "da": "Vores kommune ved siden af regionen, lignende kommuner og hele landet: personer i "
        "stofmisbrugsbehandling pr. 1.000 indbyggere, fra Danmarks Statistik.",
        "en": "Our municipality beside the region, similar municipalities and the whole "
        "country: persons in drug treatment per 1,000 inhabitants, from Statistics Denmark.",
    },
    "national.intro": {
        "da": "Er det mange? {municipality} ved siden af landet: personer i "
        "stofmisbrugsbehandling pr. 1.000 indbyggere og behandlingsgarantien, vores egne tal "
        "ved siden af Danmarks Statistiks. Hele kalenderår; periode- og afdelingsfiltrene "
        "gælder ikke her.",
        "en": "Is that a lot? {municipality} beside the country: persons in drug treatment per "
        "1,000 inhabitants and the treatment guarantee, our own figures beside Statistics "
        "Denmark's. Whole calendar years; the period and department filters do not apply here.",
    },
    "national.alcohol": {
        "da": "Alkoholbehandling findes ikke i Danmarks Statistiks statistikbank: den opgøres i "
        "Det Nationale Alkoholbehandlingsregister (NAB) hos Sundhedsdatastyrelsen. Siden "
        "sammenligner derfor kun stofmisbrugsbehandling.",
        "en": "Alcohol treatment is not in Statistics Denmark's statbank: it is recorded in the "
        "national alcohol treatment register (NAB) at the Danish Health Data Authority "
        "(Sundhedsdatastyrelsen). This page therefore compares drug treatment only.",
    },
    "national.empty": {
        "da": "Der er endnu ingen tal fra Danmarks Statistik. Sådan får du dem:\n\n"
        "1. **Hent dem fra Danmarks Statistiks API** med knappen nederst på siden, eller på "
        "kommandolinjen: `{command}`.\n"
        "2. **Uden internet på serveren:** gem tabellerne {tables} fra statistikbanken.dk som "
        "CSV (semikolonsepareret) med alle kommuner, hele landet, regionerne og alle år (FOLK1A: "
        "1. kvartal, i alt for køn, alder og civilstand). Læg filerne i mappen `{folder}` med "
        "tabellens navn i filnavnet (fx `SMDBV002.csv`), eller indlæs dem med knappen nederst "
        "eller med `{load}`.",
        "en": "There are no figures from Statistics Denmark yet. To get them:\n\n"
        "1. **Fetch them from Statistics Denmark's API** with the button at the bottom of the "
        "page, or on the command line: `{command}`.\n"
        "2. **Without internet on the server:** save the tables {tables} from "
        "statistikbanken.dk as CSV (semicolon separated) with every municipality, the whole "
        "country, the regions and every year (FOLK1A: 1st quarter, totals for sex, age and "
        "marital status). Put the files in the folder `{folder}` with the table's name in the "
        "file name (e.g. `SMDBV002.csv`), or load them with the button at the bottom or with "
        "`{load}`.",
    },
    "national.not_configured": {
        "da": "Organisationsfilen siger ikke, hvilke afdelinger der er stofmisbrugsbehandling "
        "(afsnittet [national] med departments), så siden viser kun Danmarks Statistiks tal.",
        "en": "The organisation file does not say which departments are drug treatment (the "
        "[national] section with departments), so the page shows Statistics Denmark's figures "
        "only.",
    },
    "national.no_population": {
        "da": "Indbyggertallet (FOLK1A) mangler, så der er ingen tal pr. 1.000 indbyggere endnu: "
        "hent tallene igen, eller indlæs FOLK1A (1. kvartal, alle områder og år).",
        "en": "The population (FOLK1A) is missing, so there are no figures per 1,000 "
        "inhabitants yet: fetch again, or load FOLK1A (1st quarter, every area and year).",
    },
    "national.latest": {
        "da": "Personer i stofmisbrugsbehandling pr. 1.000 indbyggere, {year}",
        "en": "Persons in drug treatment per 1,000 inhabitants, {year}",
    },
    "national.kpi.ours": {"da": "Vores opgørelse", "en": "Our count"},
    "national.kpi.ours.help": {
        "da": "{persons} personer i stofmisbrugsbehandling i vores data i {year}, ud af "
        "{population} indbyggere 1. januar (Danmarks Statistik, FOLK1A).",
        "en": "{persons} persons in drug treatment in our data in {year}, out of {population} "
        "inhabitants on 1 January (Statistics Denmark, FOLK1A).",
    },
    "national.kpi.ours.hidden": {
        "da": "Færre end 5 personer: antallet og tallet pr. 1.000 vises ikke i udvalgsvisning.",
        "en": "Fewer than 5 persons: the count and the figure per 1,000 are not shown in "
        "committee mode.",
    },
    "national.kpi.ours.none": {
        "da": "Vores data dækker ikke hele {year}, eller indbyggertallet mangler.",
        "en": "Our data do not cover the whole of {year}, or the population is missing.",
    },
    "national.kpi.dst": {"da": "DST: {name}", "en": "DST: {name}"},
    "national.kpi.dst.help": {
        "da": "Danmarks Statistiks tal for {name}: {count} personer (SMDBV002) ud af {population} "
        "indbyggere (FOLK1A).",
        "en": "Statistics Denmark's figure for {name}: {count} persons (SMDBV002) out of "
        "{population} inhabitants (FOLK1A).",
    },
    "national.kpi.similar": {"da": "Andre {group}", "en": "Other {group}"},
    "national.kpi.similar.help": {
        "da": "Danmarks Statistiks kommunegruppe »{group}« uden {name}: {members} kommuner.",
        "en": 'Statistics Denmark\'s municipality group "{group}" without {name}: {members} '
        "municipalities.",
    },
    "national.kpi.country": {"da": "Hele landet", "en": "All Denmark"},
    "national.kpi.partial": {
        "da": "{with_figures} af {members} kommuner har tal for året; de øvrige (»..«) er holdt "
        "ude af både antal og indbyggertal.",
        "en": "{with_figures} of {members} municipalities have figures for the year; the others "
        '("..") are left out of both the count and the population.',
    },
    "national.no_value": {"da": "–", "en": "–"},
    "national.spread": {
        "da": "I {year} lå kommunerne mellem {lowest} og {highest} personer pr. 1.000 indbyggere "
        "({municipalities} kommuner med tal).",
        "en": "In {year} the municipalities ranged from {lowest} to {highest} persons per 1,000 "
        "inhabitants ({municipalities} municipalities with figures).",
    },
    "national.spread.rank": {
        "da": "{name} lå som nr. {rank} (flest først).",
        "en": "{name} was number {rank} (most first).",
    },
    "national.chart.title": {
        "da": "Personer i stofmisbrugsbehandling pr. 1.000 indbyggere, pr. år",
        "en": "Persons in drug treatment per 1,000 inhabitants, by year",
    },
    "national.chart.year": {"da": "År", "en": "Year"},
    "national.chart.rate": {"da": "Pr. 1.000 indbyggere", "en": "Per 1,000 inhabitants"},
    "national.chart.series": {"da": "Serie", "en": "Series"},
    "national.table.title": {"da": "Tallene pr. år", "en": "The figures by year"},
    "national.col.year": {"da": "År", "en": "Year"},
    "national.col.ours_count": {"da": "Vores antal", "en": "Our count"},
    "national.col.ours_rate": {"da": "Vores pr. 1.000", "en": "Ours per 1,000"},
    "national.col.population": {"da": "Indbyggere 1. jan.", "en": "Inhabitants 1 Jan"},
    "national.col.dst_count": {"da": "DST antal", "en": "DST count"},
    "national.col.dst_rate": {"da": "DST pr. 1.000", "en": "DST per 1,000"},
    "national.missing_note": {
        "da": "»..« betyder, at Danmarks Statistik ikke har tallet: kommunen har ikke godkendt "
        "sine data, eller tallet er diskretioneret. Det tælles aldrig som 0. »–« betyder, at "
        "tallet ikke findes (fx et år uden for vores data).",
        "en": '".." means Statistics Denmark has no figure: the municipality has not approved '
        'its data, or the figure is confidential. It never counts as 0. "–" means there is no '
        "figure (e.g. a year outside our data).",
    },
    "national.checks.title": {
        "da": "Vores tal mod Danmarks Statistiks",
        "en": "Our count against Statistics Denmark's",
    },
    "national.checks.intro": {
        "da": "Samme kommune og samme år. Forskelle kan skyldes registrering og afgrænsning: "
        "Danmarks Statistik tæller kommunens visiterede behandling (SEL § 101, SUL § 142, "
        "Barnets Lov § 33) og kun godkendte data.",
        "en": "The same municipality and year. Differences can come from recording and scope: "
        "Statistics Denmark counts the municipality's referred treatment (SEL § 101, SUL § 142, "
        "Barnets Lov § 33) and approved data only.",
    },
    "national.col.measure": {"da": "Tal", "en": "Figure"},
    "national.col.ours": {"da": "Vores", "en": "Ours"},
    "national.col.dst": {"da": "DST", "en": "DST"},
    "national.col.difference": {"da": "Forskel", "en": "Difference"},
    "national.measure.persons": {"da": "Personer i behandling", "en": "Persons in treatment"},
    "national.measure.requests": {"da": "Anmodninger", "en": "Requests"},
    "national.measure.starts": {"da": "Iværksættelser", "en": "Starts"},
    "national.measure.ends": {"da": "Afsluttede behandlinger", "en": "Ended treatments"},
    "national.guarantee.title": {
        "da": "Behandlingsgarantien overskredet",
        "en": "Treatment guarantee exceeded",
    },
    "national.guarantee.intro": {
        "da": "Andel af årets iværksatte behandlinger, der startede senere end garantien (14 dage "
        "fra anmodning). Vores andel er fra vores data; de øvrige fra Danmarks Statistik "
        "(SMDBV004).",
        "en": "Share of the year's starts that began later than the guarantee (14 days from the "
        "request). Ours is from our data; the others from Statistics Denmark (SMDBV004).",
    },
    "national.source": {
        "da": "Kilde: Danmarks Statistik, statistikbanken.dk, {tables}. Licens: {licence}; "
        "gengivet med kildeangivelse.",
        "en": "Source: Statistics Denmark, statistikbanken.dk, {tables}. Licence: {licence}; "
        "reproduced with attribution.",
    },
    "national.source.api": {
        "da": "{table} »{title}« (hentet fra API'et {when})",
        "en": '{table} "{title}" (fetched from the API {when})',
    },
    "national.source.file": {
        "da": "{table} »{title}« (indlæst fra filen {file} {when})",
        "en": '{table} "{title}" (loaded from the file {file} {when})',
    },
    "national.admin.title": {
        "da": "Hent tal fra Danmarks Statistik",
        "en": "Get figures from Statistics Denmark",
    },
    "national.admin.intro": {
        "da": "Henter {tables} for alle kommuner, regionerne og hele landet, alle år, fra {url}.",
        "en": "Fetches {tables} for every municipality, the regions and the whole country, all "
        "years, from {url}.",
    },
    "national.admin.fetch": {
        "da": "Hent fra Danmarks Statistik",
        "en": "Fetch from Statistics Denmark",
    },
    "national.admin.fetching": {"da": "Henter fra Danmarks Statistik …", "en": "Fetching …"},
    "national.admin.fetched": {
        "da": "Hentet: {tables}.",
        "en": "Fetched: {tables}.",
    },
    "national.admin.kept": {
        "da": "Intet er ændret: siden viser de tal, der var der i forvejen. Du kan også gemme "
        "tabellerne fra statistikbanken.dk i hånden og indlæse dem her.",
        "en": "Nothing was changed: the page shows the figures it had before. You can also save "
        "the tables from statistikbanken.dk by hand and load them here.",
    },
    "national.admin.upload": {
        "da": "Indlæs filer gemt fra statistikbanken.dk (CSV eller JSON-stat)",
        "en": "Load files saved from statistikbanken.dk (CSV or JSON-stat)",
    },
    "national.admin.loaded": {
        "da": "{file}: {count} tal fra {table} er indlæst.",
        "en": "{file}: {count} figures from {table} loaded.",
    },
    "national.folder.loaded": {
        "da": "Nye filer fra mappen {folder} er indlæst: {files}.",
        "en": "New files from the folder {folder} were loaded: {files}.",
    },
    "national.file.problem": {"da": "{file}: {problem}", "en": "{file}: {problem}"},
    "dst.problem.unreachable": {
        "da": "Danmarks Statistiks API kunne ikke nås på {url} ({reason}).",
        "en": "Statistics Denmark's API could not be reached at {url} ({reason}).",
    },
    "dst.problem.api_error": {
        "da": "Danmarks Statistiks API svarede med en fejl for {table} (HTTP {status}): {message}",
        "en": "Statistics Denmark's API answered with an error for {table} (HTTP {status}): "
        "{message}",
    },
    "dst.problem.bad_tableinfo": {
        "da": "Tabellens metadata (tableinfo) kunne ikke læses: {detail}",
        "en": "The table's metadata (tableinfo) could not be read: {detail}",
    },
    "dst.problem.bad_jsonstat": {
        "da": "Filen er ikke gyldig JSON-stat: {detail}",
        "en": "The file is not valid JSON-stat: {detail}",
    },
    "dst.problem.bad_encoding": {
        "da": "Filens tegnsæt kan ikke læses (gem den som UTF-8 eller Windows-1252).",
        "en": "The file's character set cannot be read (save it as UTF-8 or Windows-1252).",
    },
    "dst.problem.bad_number": {
        "da": "Række {row}, kolonne {column}: »{value}« er ikke et tal (»..« betyder mangler).",
        "en": 'Row {row}, column {column}: "{value}" is not a number (".." means missing).',
    },
    "dst.problem.negative_value": {
        "da": "Række {row}, kolonne {column}: »{value}« er negativ; et antal kan ikke være det.",
        "en": 'Row {row}, column {column}: "{value}" is negative; a count cannot be.',
    },
    "dst.problem.short_row": {
        "da": "Række {row} mangler kolonnen {column}.",
        "en": "Row {row} lacks the column {column}.",
    },
    "dst.problem.unknown_layout": {
        "da": "Filens opstilling kendes ikke: den skal have kolonnen INDHOLD (som API'et giver) "
        "eller årene hen over (som statistikbanken.dk gemmer).",
        "en": "The file's layout is not known: it needs the column INDHOLD (as the API gives) or "
        "the years across (as statistikbanken.dk saves).",
    },
    "dst.problem.which_table": {
        "da": "Det fremgår ikke, hvilken tabel filen {file} er fra: giv den tabellens navn, fx "
        "SMDBV002.csv.",
        "en": "It is not clear which table the file {file} is from: give it the table's name, "
        "e.g. SMDBV002.csv.",
    },
    "dst.problem.unknown_table": {
        "da": "Tabellen {table} bruges ikke her; siden læser {known}.",
        "en": "The table {table} is not used here; the page reads {known}.",
    },
    "dst.problem.wrong_tableinfo": {
        "da": "Metadata er for {tableinfo}, men filen er fra {table}.",
        "en": "The metadata are for {tableinfo}, but the file is from {table}.",
    },
    "dst.problem.unknown_column": {
        "da": "Kolonnen {column} findes ikke i metadata for {table} (der er: {known}). Tabellens "
        "koder kan være ændret: hent metadata på ny.",
        "en": "The column {column} is not in the metadata of {table} (there are: {known}). The "
        "table's codes may have changed: get the metadata again.",
    },
    "dst.problem.unknown_value": {
        "da": "Række {row}, kolonne {column}: »{value}« findes ikke i tabellens metadata.",
        "en": 'Row {row}, column {column}: "{value}" is not in the table\'s metadata.',
    },
    "dst.problem.missing_column": {
        "da": "Filen fra {table} mangler kolonnen {column} (vælg alle områder og år, når du "
        "gemmer).",
        "en": "The file from {table} lacks the column {column} (choose every area and year when "
        "you save it).",
    },
    "dst.problem.duplicate_figure": {
        "da": "Række {row} gentager tallet fra række {first}.",
        "en": "Row {row} repeats the figure from row {first}.",
    },
    "dst.problem.no_figures": {
        "da": "Filen fra {table} indeholder ingen af de tal, siden bruger (hele landet, regioner "
        "eller kommuner, hele år).",
        "en": "The file from {table} holds none of the figures the page uses (the whole country, "
        "regions or municipalities, whole years).",
    },
    "dst.problem.no_time_variable": {
        "da": "{table} har ingen tidsvariabel (variable: {variables}).",
        "en": "{table} has no time variable (variables: {variables}).",
    },
    "dst.problem.no_area_variable": {
        "da": "{table} har ingen områdevariabel med kommunekoder (variable: {variables}).",
        "en": "{table} has no area variable with municipality codes (variables: {variables}).",
    },
    "dst.problem.measure_not_found": {
        "da": "{table}: nøgletallet »{measure}« findes ikke i tabellens værdier ({offered}). "
        "Uden metadata kan koder ikke tolkes: gem filen med tekster, eller læg metadata ved.",
        "en": '{table}: the key figure "{measure}" is not among the table\'s values '
        "({offered}). Without metadata codes cannot be read: save the file with texts, or add "
        "the metadata.",
    },
    "dst.problem.measure_ambiguous": {
        "da": "{table}: flere værdier ligner nøgletallet »{measure}«: {values}.",
        "en": '{table}: several values look like the key figure "{measure}": {values}.',
    },
    "dst.problem.no_total": {
        "da": "{table}: variablen {variable} har ingen »i alt«-værdi at vælge.",
        "en": "{table}: the variable {variable} has no total to choose.",
    },
    "dst.problem.no_periods": {
        "da": "{table} har ingen år, siden kan bruge.",
        "en": "{table} has no years the page can use.",
    },
    "dst.measure.persons": {"da": "personer i behandling", "en": "persons in treatment"},
    "dst.measure.contact_courses": {"da": "kontaktforløb", "en": "contact courses"},
    "dst.measure.treatment_courses": {"da": "behandlingsforløb", "en": "treatment courses"},
    "dst.measure.requests": {"da": "anmodninger", "en": "requests"},
    "dst.measure.starts": {"da": "iværksættelser", "en": "starts"},
    "dst.measure.ends": {"da": "afsluttede behandlinger", "en": "ended treatments"},
    "dst.measure.guarantee_starts": {
        "da": "iværksatte behandlinger i alt",
        "en": "treatments started, total",
    },
    "dst.measure.guarantee_exceeded": {
        "da": "behandlingsgaranti overskredet",
        "en": "treatment guarantee exceeded",
    },
    "dst.problem.unknown_municipality": {
        "da": "Kommunekoden {municipality} i organisationsfilen er ikke en af Danmarks "
        "Statistiks kommuner.",
        "en": "The municipality code {municipality} in the organisation file is not one of "
        "Statistics Denmark's municipalities.",
    },
    "dst.problem.empty_file": {"da": "Filen er tom.", "en": "The file is empty."},
    "dst.problem.too_many_figures": {
        "da": "Filen lover flere end {limit} tal; vælg færre områder eller år.",
        "en": "The file promises more than {limit} figures; choose fewer areas or years.",
    },
    "dst.problem.too_big": {
        "da": "Filen er større end {limit}.",
        "en": "The file is larger than {limit}.",
    },
}
