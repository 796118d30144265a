"""Texts: login, roles, refusals, undo confirmations and the audit log (see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    # Login and logout
    "auth.login.title": {"da": "Log ind", "en": "Log in"},
    "auth.login.body": {
        "da": "Brobygger viser oplysninger om borgere i behandling og er kun for kommunens "
        "medarbejdere og politikere med en rolle i systemet. Log ind med din kommunale konto.",
        "en": "Brobygger shows information about citizens in treatment and is only for the "
        "municipality's staff and politicians with a role in it. Log in with your municipal "
        "account.",
    },
    "auth.login.button": {"da": "Log ind med kommunens konto", "en": "Log in with your account"},
    "auth.login.ended": {
        "da": "Dette login er afsluttet: der er logget ud. Log ind igen for at fortsætte. "
        "Forsøget er registreret i revisionsloggen.",
        "en": "This login has ended: it was logged out. Log in again to continue. The attempt "
        "is recorded in the audit log.",
    },
    "auth.login.failed": {
        "da": "Login kunne ikke bekræftes. Log ind igen. Forsøget er registreret i "
        "revisionsloggen.",
        "en": "The login could not be verified. Log in again. The attempt is recorded in the "
        "audit log.",
    },
    "auth.signed_in": {
        "da": "Logget ind som **{who}** ({role})",
        "en": "Signed in as **{who}** ({role})",
    },
    "auth.logout": {"da": "Log ud", "en": "Log out"},
    "auth.no_role.title": {"da": "Ingen adgang", "en": "No access"},
    "auth.no_role.body": {
        "da": "Du er logget ind som **{who}**, men du har ingen rolle i Brobygger. Bed kommunens "
        "IT-administrator om at tildele dig en af rollerne udvalg, medarbejder, leder eller "
        "admin. Forsøget er registreret i revisionsloggen.",
        "en": "You are signed in as **{who}**, but you have no role in Brobygger. Ask the "
        "municipality's IT administrator to assign you one of the roles udvalg, medarbejder, "
        "leder or admin. The attempt is recorded in the audit log.",
    },
    "auth.refused.title": {"da": "Login er ikke sat op", "en": "Login is not configured"},
    "auth.refused.require_login": {
        "da": "Denne installation kræver login (BROBYGGER_REQUIRE_LOGIN=1), men der er intet "
        "login sat op. Der vises ingen data.",
        "en": "This installation requires a login (BROBYGGER_REQUIRE_LOGIN=1), but no login is "
        "configured. No data is shown.",
    },
    "auth.refused.public": {
        "da": "Serveren lytter på andet end localhost ({address}), og der er intet login sat "
        "op. Uden login kører Brobygger kun som lokal demo på denne maskine. Der vises ingen data.",
        "en": "The server listens on more than localhost ({address}) and no login is "
        "configured. Without a login Brobygger runs only as a local demo on this machine. No "
        "data is shown.",
    },
    "auth.refused.proxied": {
        "da": "Appen nås gennem en proxy eller et andet navn end localhost, og der er intet login "
        "sat op. Uden login kører Brobygger kun som lokal demo på denne maskine. Der vises ingen "
        "data.",
        "en": "The app is reached through a proxy or a name other than localhost and no login "
        "is configured. Without a login Brobygger runs only as a local demo on this machine. No "
        "data is shown.",
    },
    "auth.refused.how": {
        "da": "Sådan sættes login op: tilføj en `[auth]`-sektion i `.streamlit/secrets.toml` "
        "med `redirect_uri` (appens adresse + `/oauth2callback`), `cookie_secret`, `client_id`, "
        "`client_secret` og `server_metadata_url` fra kommunens identitetsudbyder (Microsoft "
        "Entra ID: `https://login.microsoftonline.com/<tenant>/v2.0/.well-known/"
        "openid-configuration`), og giv brugerne app-roller (udvalg, medarbejder, leder, "
        "admin). Se `.streamlit/secrets.toml.example` og README'ens afsnit om konfiguration.",
        "en": "To configure login: add an `[auth]` section to `.streamlit/secrets.toml` with "
        "`redirect_uri` (the app's address + `/oauth2callback`), `cookie_secret`, `client_id`, "
        "`client_secret` and `server_metadata_url` from the municipality's identity provider "
        "(Microsoft Entra ID: `https://login.microsoftonline.com/<tenant>/v2.0/.well-known/"
        "openid-configuration`), and give users app roles (udvalg, medarbejder, leder, admin). "
        "See `.streamlit/secrets.toml.example` and the README's configuration section.",
    },
    "auth.config_error": {
        "da": "Adgangsopsætningen i `.streamlit/secrets.toml` er forkert: {error}",
        "en": "The access configuration in `.streamlit/secrets.toml` is wrong: {error}",
    },
    # The local demo
    "auth.demo.banner": {
        "da": "**Lokal demo** – intet login er sat op. Vælg en rolle for at se, hvad den må.",
        "en": "**Local demo** – no login is configured. Pick a role to see what it may do.",
    },
    "auth.demo.role": {"da": "Rolle (demo)", "en": "Role (demo)"},
    "role.udvalg": {"da": "Udvalgsmedlem", "en": "Committee member"},
    "role.medarbejder": {"da": "Medarbejder", "en": "Outreach worker"},
    "role.leder": {"da": "Leder", "en": "Manager"},
    "role.admin": {"da": "Administrator", "en": "Administrator"},
    "role.none": {"da": "ingen rolle", "en": "no role"},
    # Refusals inside the app
    "auth.denied.page": {
        "da": "Din rolle ({role}) giver ikke adgang til siden **{page}**. Forsøget er registreret.",
        "en": "Your role ({role}) gives no access to the page **{page}**. The attempt is recorded.",
    },
    "auth.denied.committee": {
        "da": "Siden **{page}** viser personoplysninger og er ikke tilgængelig i udvalgsvisning.",
        "en": "The page **{page}** shows person data and is not available in committee mode.",
    },
    "auth.denied.action": {
        "da": "Din rolle ({role}) må ikke dette. Forsøget er registreret.",
        "en": "Your role ({role}) may not do this. The attempt is recorded.",
    },
    # Undo with a confirmation
    "undo.preview": {
        "da": "Fortryd fjerner **bunke #{id}** ({source}, {when}): {contacts} kontakter, "
        "{courses} forløb og {persons} personer, som kun denne bunke bruger.",
        "en": "Undo removes **batch #{id}** ({source}, {when}): {contacts} contacts, {courses} "
        "courses and {persons} persons used by this batch only.",
    },
    "undo.confirm": {
        "da": "Ja, fjern bunke #{id} for altid",
        "en": "Yes, remove batch #{id} for good",
    },
    "undo.confirm.needed": {
        "da": "Sæt hak i bekræftelsen først.",
        "en": "Tick the confirmation first.",
    },
    "undo.missing": {"da": "Bunken findes ikke længere.", "en": "The batch no longer exists."},
    "undo.not_yours": {
        "da": "Du kan kun fortryde dine egne registreringer.",
        "en": "You can only undo your own entries.",
    },
    "own.title": {"da": "Mine seneste registreringer", "en": "My latest entries"},
    "own.none": {"da": "Du har ingen registreringer endnu.", "en": "You have no entries yet."},
    "own.undo": {"da": "Fortryd valgt registrering", "en": "Undo the chosen entry"},
    "own.choice": {"da": "Registrering", "en": "Entry"},
    "own.undone": {"da": "Registreringen er fjernet.", "en": "The entry is removed."},
    "history.made_by": {"da": "Lavet af", "en": "Made by"},
    "undo.preview.restored": {
        "da": "{n} rækker, som kørslen ændrede (fx et forløb, der blev afsluttet i en senere "
        "eksport), får deres tidligere værdier igen.",
        "en": "{n} rows the batch changed (for example a course ended in a later export) get "
        "their earlier values back.",
    },
    # The audit page
    "nav.audit": {"da": "Revisionslog", "en": "Audit log"},
    "nav.audit.help": {
        "da": "Hvem har set eller ændret hvad og hvornår; udtræk for én person; eksport.",
        "en": "Who looked at or changed what and when; the extract for one person; export.",
    },
    "audit.caption": {
        "da": "Alle opslag i personoplysninger og alle ændringer, med hvem der gjorde det. Tider "
        "i dansk tid. Loggen kan ikke ændres, og hver række er kædet til den forrige, så en "
        "ændring ses; rækker ældre end {days} dage slettes af kommandoen "
        "`python -m data_access.audit prune`, som selv logges.",
        "en": "Every look at person data and every change, with who did it. Times in Danish "
        "time. The log cannot be changed, and each row is chained to the one before, so a "
        "change shows; rows older than {days} days are deleted by the command "
        "`python -m data_access.audit prune`, which is logged itself.",
    },
    "audit.chain.intact": {
        "da": "Loggens kæde er intakt: {n} rækker kontrolleret, den ældste fra {since}. Alle "
        "rækker blev regnet efter kl. {checked}, nyere rækker nu.",
        "en": "The log's chain is intact: {n} rows checked, the oldest from {since}. Every "
        "row was recomputed at {checked}, newer rows now.",
    },
    "audit.chain.empty": {
        "da": "Loggens kæde er intakt (ingen rækker endnu).",
        "en": "The log's chain is intact (no rows yet).",
    },
    "audit.chain.broken": {
        "da": "Loggens kæde er brudt ved række {row}: {what} ({n} brud i alt). Loggen er "
        "ændret uden om appen: kør `python -m data_access.audit verify`, og se "
        "docs/audit.md.",
        "en": "The log's chain is broken at row {row}: {what} ({n} breaks in all). The log "
        "was changed around the app: run `python -m data_access.audit verify`, and see "
        "docs/audit.md.",
    },
    "audit.chain.break.changed": {
        "da": "rækken er ændret, efter den blev skrevet",
        "en": "the row was changed after it was written",
    },
    "audit.chain.break.inserted": {
        "da": "rækken er ikke skrevet af appen",
        "en": "the row was not written by the app",
    },
    "audit.chain.break.missing": {
        "da": "rækker før den er slettet",
        "en": "rows before it were removed",
    },
    "audit.chain.break.start": {
        "da": "de ældste rækker er slettet uden om den kommando, der sletter efter "
        "opbevaringsfristen",
        "en": "the oldest rows were removed around the retention command",
    },
    "audit.chain.break.key": {
        "da": "rækken er beregnet med en ukendt eller ældre nøgle",
        "en": "the row is hashed with an unknown or older key",
    },
    "audit.chain.break.head": {
        "da": "de nyeste rækker er slettet",
        "en": "the newest rows were removed",
    },
    "audit.retention.refused": {
        "da": "Opbevaringsfristen er sat forkert, og kommandoen, der sletter gamle rækker, "
        "nægter at køre: {problem}.",
        "en": "The retention is set wrongly, and the command that deletes old rows refuses to "
        "run: {problem}.",
    },
    "audit.tab.log": {"da": "Loggen", "en": "The log"},
    "audit.tab.extract": {"da": "Udtræk for én person", "en": "Extract for one person"},
    "audit.from": {"da": "Fra", "en": "From"},
    "audit.to": {"da": "Til", "en": "To"},
    "audit.actions": {"da": "Handlinger", "en": "Actions"},
    "audit.actions.all": {"da": "Alle handlinger", "en": "All actions"},
    "audit.who": {"da": "Bruger (del af e-mail eller id)", "en": "User (part of e-mail or id)"},
    "audit.pseudonym": {"da": "Pseudonym", "en": "Pseudonym"},
    "audit.rows": {"da": "{n} rækker", "en": "{n} rows"},
    "audit.none": {"da": "Ingen rækker med de valgte filtre.", "en": "No rows for these filters."},
    "audit.col.at": {"da": "Tidspunkt", "en": "Time"},
    "audit.col.subject": {"da": "Bruger-id", "en": "User id"},
    "audit.col.email": {"da": "E-mail", "en": "E-mail"},
    "audit.col.role": {"da": "Rolle", "en": "Role"},
    "audit.col.action": {"da": "Handling", "en": "Action"},
    "audit.col.page": {"da": "Side", "en": "Page"},
    "audit.col.batch": {"da": "Bunke", "en": "Batch"},
    "audit.col.pseudonym": {"da": "Pseudonym", "en": "Pseudonym"},
    "audit.col.filters": {"da": "Filtre", "en": "Filters"},
    "audit.col.detail": {"da": "Detaljer", "en": "Detail"},
    "audit.col.client": {"da": "Klientadresse", "en": "Client address"},
    "audit.col.date": {"da": "Dato", "en": "Date"},
    "audit.col.purpose": {"da": "Formål", "en": "Purpose"},
    "audit.extract.caption": {
        "da": "Indsigt efter databeskyttelsesforordningens art. 15: datoer og formål for opslag i "
        "én persons oplysninger, uden medarbejdernavne (EU-Domstolen C-579/21, som "
        "Datatilsynet følger). Udtrækket registreres selv i loggen.",
        "en": "Right of access under GDPR art. 15: the dates and purposes of lookups of one "
        "person's data, without staff names (CJEU C-579/21, which Datatilsynet follows). The "
        "extract is recorded in the log itself.",
    },
    "audit.extract.input": {"da": "Pseudonym (BB-XXXXXX)", "en": "Pseudonym (BB-XXXXXX)"},
    "audit.extract.run": {"da": "Lav udtræk", "en": "Make the extract"},
    "audit.extract.invalid": {
        "da": "Skriv et pseudonym som BB-ABC123.",
        "en": "Enter a pseudonym such as BB-ABC123.",
    },
    "audit.extract.none": {
        "da": "Ingen opslag registreret for {pseudonym}.",
        "en": "No lookups recorded for {pseudonym}.",
    },
    "audit.extract.count": {
        "da": "{n} registrerede opslag og ændringer for **{pseudonym}**.",
        "en": "{n} recorded lookups and changes for **{pseudonym}**.",
    },
    "audit.action.login": {"da": "Login", "en": "Login"},
    "audit.action.logout": {"da": "Log ud", "en": "Logout"},
    "audit.action.denied": {"da": "Adgang nægtet", "en": "Access denied"},
    "audit.action.view": {"da": "Visning af personoplysninger", "en": "View of person data"},
    "audit.action.export": {"da": "Eksport", "en": "Export"},
    "audit.action.import": {"da": "Import", "en": "Import"},
    "audit.action.undo_import": {"da": "Fortrudt import", "en": "Import undone"},
    "audit.action.contact_logged": {"da": "Kontakt registreret", "en": "Contact logged"},
    "audit.action.contact_undone": {"da": "Kontakt fortrudt", "en": "Contact undone"},
    "audit.action.brief": {"da": "Udvalgsbrief lavet", "en": "Brief made"},
    "audit.action.audit_extract": {"da": "Indsigtsudtræk", "en": "Access extract"},
    "audit.action.prune": {"da": "Sletning efter opbevaringsfrist", "en": "Retention pruning"},
    "audit.action.login_failed": {"da": "Mislykket login", "en": "Failed login"},
    "audit.action.login_refused": {"da": "Login afvist", "en": "Login refused"},
    "audit.action.search": {"da": "Søgning", "en": "Search"},
    # Purposes in the extract for one person (what the look was for, not who looked)
    "purpose.view": {
        "da": "Opslag i forbindelse med sagsbehandling ({page})",
        "en": "Lookup for casework ({page})",
    },
    "purpose.export": {
        "da": "Udtræk af data til opfølgning og rapportering",
        "en": "Data extract for follow-up and reporting",
    },
    "purpose.import": {
        "da": "Indlæsning af oplysninger fra fagsystem",
        "en": "Information loaded from the case system",
    },
    "purpose.undo_import": {
        "da": "Tilbagerulning af en indlæsning",
        "en": "A load of information rolled back",
    },
    "purpose.contact_logged": {
        "da": "Registrering af kontakt med den opsøgende indsats",
        "en": "A contact with the outreach team recorded",
    },
    "purpose.contact_undone": {
        "da": "Rettelse: registrering af kontakt fortrudt",
        "en": "Correction: a recorded contact undone",
    },
    "purpose.audit_extract": {
        "da": "Indsigtsanmodning (dette udtræk)",
        "en": "Request for access (this extract)",
    },
    "purpose.search": {
        "da": "Søgning efter personen ({page})",
        "en": "A search for the person ({page})",
    },
    "purpose.other": {"da": "Andet ({action})", "en": "Other ({action})"},
}
