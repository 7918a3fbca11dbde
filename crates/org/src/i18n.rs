//! Every text a person sees, in Dutch (plain, B1) and English, side by
//! side. Texts with `{name}` placeholders are filled in with [`fill`];
//! a text about a number of things has a form for one and for more
//! ([`Plural`], filled in with [`fill_n`]), since "1 bestanden" and "1
//! files" are wrong in either language.

use regie_model::{Language, Text};

/// Picks the text and replaces each `{key}` with its value.
pub fn fill(lang: Language, t: Text, vars: &[(&str, &str)]) -> String {
    t.fill(lang, vars)
}

/// A text about a number of things, in its form for exactly one and its
/// form for any other number. Dutch and English both use the first for 1
/// only ("1 bestand", "0 bestanden", "2 files").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    /// For exactly one.
    pub one: Text,
    /// For any other number.
    pub other: Text,
}

/// The form of `p` for `n`, with `{n}` and each other `{key}` filled in.
pub fn fill_n(lang: Language, p: Plural, n: f64, vars: &[(&str, &str)]) -> String {
    let t = if n == 1.0 { p.one } else { p.other };
    let number = number(lang, n);
    let mut all = vec![("n", number.as_str())];
    all.extend_from_slice(vars);
    t.fill(lang, &all)
}

/// A number as people write it: "30", "0.4" ("0,4" in Dutch).
pub fn number(lang: Language, n: f64) -> String {
    let s = n.to_string();
    match lang {
        Language::Nl => s.replace('.', ","),
        Language::En => s,
    }
}

use regie_model::texts;

mod deliver;
pub use deliver::*;
mod service;
pub use service::*;

texts! {
    // ----- reasons of a check ---------------------------------------------
    R_ALLOWED = ("Mag: de klant heeft hier geen bezwaar tegen gemaakt.", "Allowed: the customer has not said no to this.");
    R_SERVICE = ("Mag: een servicebericht is altijd toegestaan.", "Allowed: a service message is always allowed.");
    R_SERVICE_OTHER = (
        "Mag: een servicebericht is altijd toegestaan, maar de klant wil servicebericht liever via {channel}.",
        "Allowed: a service message is always allowed, but the customer prefers service messages by {channel}."
    );
    R_OPTED_OUT = ("Niet sturen: de klant heeft dit soort bericht via dit kanaal uitgezet.", "Do not send: the customer switched this kind of message off on this channel.");
    R_GLOBAL = ("Niet sturen: de klant wil van geen enkele organisatie ongevraagde berichten.", "Do not send: the customer wants no unsolicited messages from any organisation.");
    R_QUIET = ("Niet sturen: het is nu binnen de rusttijden van de klant.", "Do not send: it is within the customer's quiet hours now.");
    R_FREQUENCY_ONE = (
        "Niet sturen: de klant kreeg de afgelopen 7 dagen al 1 bericht, het maximum is {max} per week.",
        "Do not send: the customer got 1 message in the last 7 days; the maximum is {max} a week."
    );
    R_FREQUENCY_OTHER = (
        "Niet sturen: de klant kreeg de afgelopen 7 dagen al {n} berichten, het maximum is {max} per week.",
        "Do not send: the customer got {n} messages in the last 7 days; the maximum is {max} a week."
    );
    R_FEEDBACK = ("Niet sturen: de klant wil nu niet (opnieuw) om feedback gevraagd worden.", "Do not send: the customer does not want to be asked for feedback (again) now.");
    R_NO_PREFERENCE = (
        "Geen voorkeurenbestand van deze klant: de standaardregel van de organisatie geldt.",
        "No preference file from this customer: the organisation's default applies."
    );
    R_DOUBTFUL = (
        "Niet sturen: de opgeslagen voorkeuren zijn niet te lezen. Vraag de klant om een nieuw bestand.",
        "Do not send: the stored preferences cannot be read. Ask the customer for a new file."
    );
    // ----- reasons of a check of a use of data ---------------------------
    U_CONSENT_GIVEN = ("Mag: de klant heeft hiervoor toestemming gegeven.", "Allowed: the customer gave consent for this.");
    U_NOT_OBJECTED = ("Mag: de klant heeft geen bezwaar gemaakt tegen dit gebruik.", "Allowed: the customer has not objected to this use.");
    U_LOCKED = (
        "Mag: de klant kan dit niet weigeren. Grondslag: {basis} (AVG {article}).",
        "Allowed: the customer cannot refuse this. Basis: {basis} (GDPR {article})."
    );
    U_CONSENT_WITHDRAWN = ("Niet doen: de klant heeft de toestemming hiervoor ingetrokken.", "Do not: the customer withdrew consent for this.");
    U_OBJECTED = (
        "Niet doen: de klant heeft bezwaar gemaakt (AVG artikel 21). Stop hiermee; bij direct marketing altijd.",
        "Do not: the customer objected (GDPR Article 21). Stop this use; for direct marketing always."
    );
    U_SENSITIVE = (
        "Niet doen: de klant heeft deze gegevens gevoelig genoemd. Gebruik ze niet voor reclame, profielen of berichten op maat.",
        "Do not: the customer marked this data sensitive. Do not use it for marketing, profiling or personalisation."
    );
    U_NOT_MENTIONED = (
        "Het bestand van de klant noemt dit doel (of deze gegevens ervoor) niet: de standaardregel van de organisatie geldt.",
        "The customer's file does not mention this purpose (or this data for it): the organisation's default applies."
    );
    // ----- import ---------------------------------------------------------
    I_ACCEPTED = ("aangenomen", "accepted");
    I_ALREADY = ("al ingelezen", "already imported");
    I_REJECTED = ("afgekeurd", "rejected");
    I_ALREADY_DETAIL = (
        "Dit bestand is al eerder aangenomen; er verandert niets.",
        "This file was accepted before; nothing changes."
    );
    I_ACCEPTED_DETAIL = (
        "Klant {customer}, volgnummer {seq}: voorkeuren opgeslagen.",
        "Customer {customer}, sequence {seq}: preferences stored."
    );
    I_ROTATED_DETAIL = (
        "Klant {customer}, volgnummer {seq}: nieuwe sleutel vastgelegd.",
        "Customer {customer}, sequence {seq}: new key recorded."
    );
    I_SUMMARY_ONE = (
        "1 bestand: {accepted} aangenomen, {already} al ingelezen, {rejected} afgekeurd.",
        "1 file: {accepted} accepted, {already} already imported, {rejected} rejected."
    );
    I_SUMMARY_OTHER = (
        "{n} bestanden: {accepted} aangenomen, {already} al ingelezen, {rejected} afgekeurd.",
        "{n} files: {accepted} accepted, {already} already imported, {rejected} rejected."
    );
    E_TOO_LARGE_FILE = (
        "het bestand is {size} bytes, en een voorkeurenbestand is hoogstens {max} bytes",
        "the file is {size} bytes, and a preference file is at most {max} bytes"
    );
    E_TOO_LARGE_STREAM = (
        "er kwamen meer dan {max} bytes binnen, en een voorkeurenbestand is hoogstens {max} bytes",
        "more than {max} bytes arrived, and a preference file is at most {max} bytes"
    );
    E_UNKNOWN_KEY = (
        "Dit bestand is ondertekend met een sleutel die bij geen klant hoort. Schrijf de klant eerst in (regie-org enrol) met het kenmerk dat de klant u gaf.",
        "This file is signed with a key that belongs to no customer. Enrol the customer first (regie-org enrol) with the identifier the customer gave you."
    );
    E_REPLAYED = (
        "Dit bestand is ouder dan (of even oud als) het laatst aangenomen bestand van deze klant (volgnummer {have}, dit bestand {got}). Het nieuwere blijft gelden.",
        "This file is older than (or as old as) the last accepted file from this customer (sequence {have}, this file {got}). The newer one stays in force."
    );
    E_ROTATED_OUT = (
        "Dit bestand is ondertekend met een oude sleutel van deze klant. De klant gebruikt sinds een sleutelwissel een nieuwe sleutel; het nieuwere blijft gelden.",
        "This file is signed with an old key of this customer. Since a key change the customer uses a new key; the newer one stays in force."
    );
    E_TOFU_TAKEN = (
        "Dit bestand is ondertekend met een onbekende sleutel, en het kenmerk dat deze sleutel zou krijgen hoort al bij een andere klant. Schrijf de klant in met regie-org enrol.",
        "This file is signed with an unknown key, and the reference this key would get already belongs to another customer. Enrol the customer with regie-org enrol."
    );
    E_NOT_A_FILE = (
        "Dit is geen gewoon bestand (een snelkoppeling, een pijp of een apparaat) en is niet gelezen. Leg het bestand zelf in de map.",
        "This is not a regular file (a link, a pipe or a device) and was not read. Put the file itself in the folder."
    );
    E_UNSTORABLE = (
        "De database kon dit bestand niet opslaan; het is afgekeurd en de andere bestanden gaan door. Vraag de klant om een nieuw bestand.",
        "The database could not store this file; it is rejected and the other files go on. Ask the customer for a new file."
    );
    E_KEY_IN_USE = (
        "De nieuwe sleutel hoort al bij een andere klant; de sleutelwissel is niet vastgelegd.",
        "The new key already belongs to another customer; the key change was not recorded."
    );
    E_UNREADABLE = (
        "Het bestand is niet gelezen: {reason}. Kijk of het bestand er is en of dit programma het mag lezen.",
        "The file was not read: {reason}. Check that the file is there and that this program may read it."
    );
    E_UNRECOGNISED = (
        "Afgekeurd om een reden ({code}) die deze versie van regie-org niet kent. Werk regie-org bij om de uitleg te lezen.",
        "Rejected for a reason ({code}) this version of regie-org does not know. Update regie-org to read the explanation."
    );
    // ----- command line ---------------------------------------------------
    INITIALISED = ("Organisatie {org} ({name}) ingesteld in {db}.", "Organisation {org} ({name}) set up in {db}.");
    ENROLLED = ("Klant {customer} ingeschreven met sleutel {did}.", "Customer {customer} enrolled with key {did}.");
    RECORDED_SEND = ("Verzending vastgelegd.", "Send recorded.");
    ALLOWED = ("MAG", "ALLOWED");
    BLOCKED = ("NIET STUREN", "BLOCKED");
    BLOCKED_USE = ("NIET GEBRUIKEN", "DO NOT USE");
    HISTORY_EMPTY = ("Nog niets ontvangen.", "Nothing received yet.");
    SERVING = ("Luistert op http://{addr} (stoppen: Ctrl-C).", "Listening on http://{addr} (stop: Ctrl-C).");
    STOPPED = ("Gestopt.", "Stopped.");
    ERROR = ("Fout", "Error");
    // ----- errors ---------------------------------------------------------
    E_NOT_INITIALISED = (
        "deze database is nog niet ingesteld: begin met regie-org init --org ID --name NAAM",
        "this database is not set up yet: start with regie-org init --org ID --name NAME"
    );
    E_NOT_SET_UP_AT = (
        "er is geen regie-org-database in {db} (het bestand of schema bestaat niet, of is niet ingesteld). Er is niets gemaakt of veranderd. Begin met regie-org init --org ID --name NAAM, of wijs met --db de goede database aan.",
        "there is no regie-org database in {db} (the file or schema does not exist, or is not set up). Nothing was created or changed. Start with regie-org init --org ID --name NAME, or name the right database with --db."
    );
    E_ALREADY_INITIALISED = (
        "deze database is al ingesteld voor organisatie {org}; er is niets veranderd. Geef met --db een andere database voor een nieuwe organisatie.",
        "this database is already set up for organisation {org}; nothing was changed. Name another database with --db for a new organisation."
    );
    // ----- what kind of database failure, in plain words -----------------
    E_DB_UNREACHABLE = (
        "de databaseserver is niet te bereiken. Kijk of de server draait en of het adres in --db klopt.",
        "the database server cannot be reached. Check that it runs and that the address in --db is right."
    );
    E_DB_LOGIN = (
        "de databaseserver weigert de gebruikersnaam of het wachtwoord uit --db. Kijk of ze kloppen.",
        "the database server refused the user name or password in --db. Check them."
    );
    E_DB_NO_DATABASE = (
        "de database die --db noemt, bestaat niet op de server. Kijk of de naam klopt, of maak de database eerst (createdb).",
        "the database that --db names does not exist on the server. Check the name, or create the database first (createdb)."
    );
    E_DB_CANNOT_OPEN = (
        "het databasebestand is niet te openen. Kijk of het pad in --db klopt, en of dit programma de map en het bestand mag lezen en schrijven.",
        "the database file cannot be opened. Check the path in --db, and that this program may read and write the folder and the file."
    );
    E_DB_PERMISSION = (
        "dit programma mag de database niet gebruiken (geen toestemming). Geef het de rechten, of gebruik een andere gebruiker.",
        "this program may not use the database (permission denied). Give it the rights, or use another user."
    );
    E_DB_BUSY = (
        "de database is bezet door een ander programma. Probeer het opnieuw als dat klaar is.",
        "the database is in use by another program. Try again when it is done."
    );
    E_DB_READ_ONLY = (
        "de database kan alleen gelezen worden (door de rechten van het bestand, of een schijf waarop niet geschreven kan worden), en deze opdracht moet schrijven. Geef dit programma schrijfrechten.",
        "the database can only be read (the file's rights, or a disk that cannot be written), and this command has to write. Give this program the right to write."
    );
    E_DB_FULL = (
        "de schijf van de database is vol. Maak ruimte vrij en probeer het opnieuw.",
        "the database's disk is full. Make room and try again."
    );
    E_DB_IO = (
        "de schijf gaf een fout bij lezen of schrijven (of het bestand werd te groot). Kijk of de schijf in orde is en probeer het opnieuw.",
        "the disk reported an error while reading or writing (or the file grew too large). Check the disk and try again."
    );
    E_DB_DAMAGED = (
        "het databasebestand is beschadigd. Zet een reservekopie terug.",
        "the database file is damaged. Restore a backup."
    );
    E_DB_NOT_A_DATABASE = (
        "dit bestand is geen regie-org-database (geen SQLite-bestand). Kijk of --db het goede bestand noemt; er is niets in veranderd.",
        "this file is not a regie-org database (not an SQLite file). Check that --db names the right file; nothing in it was changed."
    );
    E_DB_DATA = (
        "gegevens in de database zijn niet te lezen. Meld dit bij wie regie-org beheert.",
        "data in the database cannot be read. Report this to whoever looks after regie-org."
    );
    E_DB_OTHER = (
        "de database gaf een fout. Probeer het opnieuw; gebeurt het vaker, meld het dan bij wie de database beheert.",
        "the database reported an error. Try again; if it keeps happening, report it to whoever looks after the database."
    );
    E_DB_IMPORT_PARTLY = (
        "Bestanden die hiervoor al waren opgeslagen, blijven opgeslagen. Doe dezelfde import gerust opnieuw: wat al is opgeslagen, heet dan 'al ingelezen'.",
        "Files stored before this stay stored. Running the same import again is safe: what is stored already is then 'already imported'."
    );
    E_DB_URL = (
        "onbekende database {url}: gebruik sqlite:PAD of postgres://...",
        "unknown database {url}: use sqlite:PATH or postgres://..."
    );
    E_TLS_MODE = (
        "onbekende sslmode '{mode}' in de database-URL: kies disable, prefer, require, verify-ca of verify-full",
        "unknown sslmode '{mode}' in the database URL: choose disable, prefer, require, verify-ca or verify-full"
    );
    E_TLS_SYSTEM_MODE = (
        "sslrootcert=system werkt alleen met sslmode=verify-full, niet met {mode}: laat sslmode weg of zet het op verify-full",
        "sslrootcert=system works only with sslmode=verify-full, not with {mode}: leave sslmode out or set it to verify-full"
    );
    E_TLS_ROOT_UNREADABLE = (
        "kan het rootcertificaat {path} niet lezen ({err}): controleer het pad bij sslrootcert= in de database-URL",
        "cannot read the root certificate {path} ({err}): check the path after sslrootcert= in the database URL"
    );
    E_TLS_ROOT_INVALID = (
        "in {path} staat geen bruikbaar certificaat ({err}): geef bij sslrootcert= het certificaat (PEM) van de CA die het certificaat van de server ondertekende",
        "{path} holds no usable certificate ({err}): give sslrootcert= the certificate (PEM) of the CA that signed the server's certificate"
    );
    E_TLS_NO_SYSTEM_ROOTS = (
        "deze computer heeft geen vertrouwde rootcertificaten om de server mee te controleren: geef het CA-certificaat mee met sslrootcert=PAD",
        "this computer has no trusted root certificates to check the server with: give the CA's certificate with sslrootcert=PATH"
    );
    E_TLS_UNAVAILABLE = (
        "de databaseserver {host} biedt geen versleutelde verbinding (TLS), maar sslmode={mode} eist die. Zet TLS aan op de server (ssl = on). Gebruik sslmode=disable alleen op een netwerk dat u vertrouwt.",
        "the database server {host} does not offer an encrypted connection (TLS), but sslmode={mode} requires one. Turn TLS on at the server (ssl = on). Use sslmode=disable only on a network you trust."
    );
    E_TLS_CERTIFICATE = (
        "het certificaat van de databaseserver {host} is niet te vertrouwen: {why}. Geef het certificaat van de CA van de server mee met sslrootcert=PAD. Verwachtte u dit niet, maak dan geen verbinding: iemand kan zich voordoen als uw database.",
        "the certificate of the database server {host} cannot be trusted: {why}. Give the certificate of the server's CA with sslrootcert=PATH. If you did not expect this, do not connect: someone may be posing as your database."
    );
    E_TLS_WHY_ISSUER = ("het is niet ondertekend door een CA die u vertrouwt", "it is not signed by a CA you trust");
    E_TLS_WHY_EXPIRED = ("het is verlopen", "it has expired");
    E_TLS_WHY_NOT_YET = ("het is nog niet geldig (klopt de klok?)", "it is not valid yet (is the clock right?)");
    E_TLS_WHY_OTHER = ("het is niet goed opgesteld of niet voor een server bedoeld", "it is not made out correctly, or not for a server");
    E_TLS_WHY_UNUSABLE = ("het is geen leesbaar PEM-certificaat", "it is not a readable PEM certificate");
    E_TLS_HOST_NAME = (
        "het certificaat van de databaseserver hoort niet bij de naam {host}. Gebruik in de database-URL de naam die in het certificaat staat, of sslmode=verify-ca als alleen de CA gecontroleerd hoeft te worden.",
        "the database server's certificate is not made out to the name {host}. Use the name in the certificate in the database URL, or sslmode=verify-ca if only the CA is to be checked."
    );
    E_BAD_DID = ("{did} is geen geldig did:key-kenmerk: {err}", "{did} is not a valid did:key identifier: {err}");
    E_DID_TAKEN = ("deze sleutel hoort al bij klant {customer}", "this key already belongs to customer {customer}");
    E_KEY_RETIRED = (
        "deze sleutel is bij een sleutelwissel vervangen door een nieuwe sleutel van klant {customer} en kan niet opnieuw worden ingeschreven",
        "this key was replaced by a newer key of customer {customer} in a key change and cannot be enrolled again"
    );
    E_AT_WINDOW = (
        "{value} ligt meer dan 7 dagen van nu; vraag naar een tijdstip binnen een week voor of na nu",
        "{value} is more than 7 days from now; ask about a time within a week before or after now"
    );
    E_BAD_PURPOSE = (
        "{value} is geen DPV-doel: schrijf het als dpv:Naam of https://w3id.org/dpv#Naam",
        "{value} is not a DPV purpose: write it as dpv:Name or https://w3id.org/dpv#Name"
    );
    E_BAD_CATEGORY = (
        "{value} is geen DPV-gegevenssoort: schrijf het als pd:Naam of https://w3id.org/dpv/pd#Naam",
        "{value} is not a DPV data category: write it as pd:Name or https://w3id.org/dpv/pd#Name"
    );
    E_BAD_TIME = ("{value} is geen tijdstip zoals 2026-03-01T10:00:00Z", "{value} is not a time like 2026-03-01T10:00:00Z");
    E_BAD_ORG = (
        "{value} is geen geldig organisatiekenmerk: gebruik kvk: en 8 cijfers, oin: en 20 cijfers, of een korte naam zoals boekhandel-de-vries",
        "{value} is not a valid organisation id: {err}"
    );
    E_UNKNOWN_CUSTOMER = (
        "klant {customer} is onbekend: verzendingen worden alleen bijgehouden voor ingeschreven klanten. Schrijf de klant in met regie-org enrol, of kijk of het kenmerk klopt.",
        "customer {customer} is unknown: sends are kept for enrolled customers only. Enrol the customer with regie-org enrol, or check the reference."
    );
    E_TOKEN = ("kan het tokenbestand {path} niet lezen: {reason}", "cannot read the token file {path}: {reason}");
    E_TOKEN_EMPTY = (
        "het tokenbestand {path} is leeg. Maak een token met regie-org token --out NIEUW-BESTAND, en start de server met --token-file NIEUW-BESTAND.",
        "the token file {path} is empty. Make a token with regie-org token --out NEW-FILE, and start the server with --token-file NEW-FILE."
    );
    E_TOKEN_WEAK_ONE = (
        "het token in {path} is te makkelijk te raden: er zit ongeveer 1 bit toeval in, en er zijn er minstens {min} nodig. Maak een nieuw token met regie-org token --out NIEUW-BESTAND, geef het aan de programma's die deze server gebruiken, en start de server met --token-file NIEUW-BESTAND.",
        "the token in {path} is too easy to guess: it holds about 1 bit of randomness, and at least {min} are needed. Make a new token with regie-org token --out NEW-FILE, give it to the programs that use this server, and start the server with --token-file NEW-FILE."
    );
    E_TOKEN_WEAK_OTHER = (
        "het token in {path} is te makkelijk te raden: er zitten ongeveer {n} bits toeval in, en er zijn er minstens {min} nodig. Maak een nieuw token met regie-org token --out NIEUW-BESTAND, geef het aan de programma's die deze server gebruiken, en start de server met --token-file NIEUW-BESTAND.",
        "the token in {path} is too easy to guess: it holds about {n} bits of randomness, and at least {min} are needed. Make a new token with regie-org token --out NEW-FILE, give it to the programs that use this server, and start the server with --token-file NEW-FILE."
    );
    E_TOKEN_EXISTS = (
        "{path} bestaat al, en een bestaand bestand wordt nooit overschreven. Kies een andere naam, of haal het bestand eerst weg.",
        "{path} exists already, and an existing file is never overwritten. Choose another name, or remove the file first."
    );
    E_TOKEN_WRITE = ("kan het tokenbestand {path} niet schrijven: {reason}", "cannot write the token file {path}: {reason}");
    TOKEN_WRITTEN = (
        "Een nieuw toegangstoken staat in {path} (alleen de eigenaar mag het lezen). Start de server met --token-file {path}, en geef het token aan de programma's die de server gebruiken.",
        "A new access token is in {path} (readable by its owner only). Start the server with --token-file {path}, and give the token to the programs that use the server."
    );
    E_LISTEN = ("kan niet luisteren op {addr}: {reason}", "cannot listen on {addr}: {reason}");
    E_RUNTIME = ("kan de server niet starten: {reason}", "cannot start the server: {reason}");
    E_SERVE = ("de server is gestopt door een fout: {reason}", "the server stopped because of an error: {reason}");
    E_DB_CREATE = (
        "kan het databasebestand {path} niet maken: {reason}",
        "cannot create the database file {path}: {reason}"
    );
    E_DB_OPEN_PATH = (
        "kan het databasebestand {path} niet openen: {reason}. Kijk of --db het goede bestand noemt.",
        "cannot open the database file {path}: {reason}. Check that --db names the right file."
    );
    // ----- HTTP -----------------------------------------------------------
    H_UNAUTHORISED = ("een geldig toegangstoken is nodig (Authorization: Bearer ...)", "a valid access token is needed (Authorization: Bearer ...)");
    H_TOO_LARGE = (
        "Het verzoek is groter dan {max} bytes, het meeste dat deze server aanneemt; een voorkeurenbestand is nooit groter. Stuur het bestand zoals Regie het maakte.",
        "The request is larger than {max} bytes, the most this server takes; a preference file is never larger. Send the file as Regie made it."
    );
    H_BAD_REQUEST = ("het verzoek is niet goed: {err}", "the request is malformed: {err}");
    H_NOT_FOUND = ("deze pagina bestaat niet", "no such page");
    H_NOT_ALLOWED = (
        "{path} werkt niet met {method}, alleen met {allowed}.",
        "{path} does not take {method}, only {allowed}."
    );
    H_PARAM_MISSING = (
        "de parameter '{name}' ontbreekt. {path} heeft nodig: {required}.",
        "the parameter '{name}' is missing. {path} needs {required}."
    );
    H_PARAM_UNKNOWN = (
        "de parameter '{name}' bestaat niet bij {path}. Die kent: {known}.",
        "there is no parameter '{name}' at {path}. It takes {known}."
    );
    H_PARAM_TWICE = ("de parameter '{name}' staat er meer dan één keer in.", "the parameter '{name}' is given more than once.");
    H_QUERY_UNREADABLE = (
        "het deel na het vraagteken is niet te lezen: schrijf het als naam=waarde&naam=waarde, met %-codes voor bijzondere tekens (UTF-8).",
        "the part after the question mark cannot be read: write it as name=value&name=value, with %-escapes for special characters (UTF-8)."
    );
    H_BODY_NOT_OBJECT = (
        "de inhoud van het verzoek is geen JSON-object. Stuur bijvoorbeeld {\"customer\": \"C-1001\", \"channel\": \"email\", \"kind\": \"marketing\"}.",
        "the body of the request is not a JSON object. Send, for example, {\"customer\": \"C-1001\", \"channel\": \"email\", \"kind\": \"marketing\"}."
    );
    H_FIELD_MISSING = (
        "het veld '{name}' ontbreekt in de inhoud. Nodig: {required}.",
        "the field '{name}' is missing from the body. Needed: {required}."
    );
    H_FIELD_UNKNOWN = (
        "het veld '{name}' bestaat niet. Velden: {known}.",
        "there is no field '{name}'. The fields are {known}."
    );
    H_FIELD_NOT_TEXT = ("het veld '{name}' moet tekst zijn (tussen aanhalingstekens).", "the field '{name}' must be text (in quotes).");
    H_BODY_UNREADABLE = (
        "de inhoud van het verzoek kwam niet goed binnen. Stuur het verzoek opnieuw.",
        "the body of the request did not arrive intact. Send the request again."
    );
    H_BAD_CHANNEL = (
        "'{value}' is geen kanaal: kies uit {values}",
        "'{value}' is not a channel: choose from {values}"
    );
    H_BAD_KIND = (
        "'{value}' is geen soort bericht: kies uit {values}",
        "'{value}' is not a kind of message: choose from {values}"
    );
    H_UNAVAILABLE = (
        "De opslag werkt nu niet, dus dit verzoek is niet uitgevoerd. Probeer het over een paar minuten opnieuw. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "The store is not working right now, so this request was not carried out. Try again in a few minutes. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_TIMEOUT_ONE = (
        "Het antwoord duurde langer dan 1 seconde. Probeer het over een paar minuten opnieuw; hetzelfde verzoek nog eens sturen kan geen kwaad. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "The answer took longer than 1 second. Try again in a few minutes; sending the same request again does no harm. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_TIMEOUT_OTHER = (
        "Het antwoord duurde langer dan {n} seconden. Probeer het over een paar minuten opnieuw; hetzelfde verzoek nog eens sturen kan geen kwaad. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "The answer took longer than {n} seconds. Try again in a few minutes; sending the same request again does no harm. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_INTERNAL = (
        "Er ging iets mis in deze server; het verzoek is misschien niet uitgevoerd. Probeer het opnieuw. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "Something went wrong inside this server; the request may not have been carried out. Try again. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_SLOW_BODY_ONE = (
        "De inhoud van het verzoek kwam niet binnen 1 seconde helemaal binnen. Stuur het verzoek opnieuw, in één keer.",
        "The body of the request did not arrive in full within 1 second. Send the request again, all at once."
    );
    H_SLOW_BODY_OTHER = (
        "De inhoud van het verzoek kwam niet binnen {n} seconden helemaal binnen. Stuur het verzoek opnieuw, in één keer.",
        "The body of the request did not arrive in full within {n} seconds. Send the request again, all at once."
    );
    // ----- HTTP, for the operator (stderr) --------------------------------
    H_LOG_STORE = ("{what}: de opslag gaf een fout, 503 gestuurd: {err}", "{what}: the store reported an error, sent 503: {err}");
    H_LOG_TIMEOUT = (
        "{what}: geen antwoord binnen {secs} s, 503 gestuurd. De opslag is misschien traag of hangt.",
        "{what}: no answer within {secs} s, sent 503. The store may be slow or stuck."
    );
    H_LOG_INTERNAL = ("{what}: interne fout, 500 gestuurd: {err}", "{what}: internal error, sent 500: {err}");
    H_LOG_ACCEPT = (
        "kan geen nieuwe verbinding aannemen: {err}. Nieuwe poging over 0,1 s. Bij 'Too many open files': verhoog de limiet (ulimit -n) of verlaag --max-connections.",
        "cannot accept a new connection: {err}. Trying again in 0.1 s. On 'Too many open files': raise the limit (ulimit -n) or lower --max-connections."
    );
}

/// The summary of an import, by the number of files.
pub const I_SUMMARY: Plural = Plural {
    one: I_SUMMARY_ONE,
    other: I_SUMMARY_OTHER,
};

/// A check blocked by the weekly maximum, by the number of messages sent.
pub const R_FREQUENCY: Plural = Plural {
    one: R_FREQUENCY_ONE,
    other: R_FREQUENCY_OTHER,
};

/// A token that is too weak, by its number of bits.
pub const E_TOKEN_WEAK: Plural = Plural {
    one: E_TOKEN_WEAK_ONE,
    other: E_TOKEN_WEAK_OTHER,
};

/// An answer that took too long, by its number of seconds.
pub const H_TIMEOUT: Plural = Plural {
    one: H_TIMEOUT_ONE,
    other: H_TIMEOUT_OTHER,
};

/// A body that came too slowly, by its number of seconds.
pub const H_SLOW_BODY: Plural = Plural {
    one: H_SLOW_BODY_ONE,
    other: H_SLOW_BODY_OTHER,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: "1 bestanden" and "got 1 messages".
    #[test]
    fn one_thing_is_said_in_the_singular_in_both_languages() {
        let v = [("accepted", "1"), ("already", "0"), ("rejected", "0")];
        assert_eq!(
            fill_n(Language::Nl, I_SUMMARY, 1.0, &v),
            "1 bestand: 1 aangenomen, 0 al ingelezen, 0 afgekeurd."
        );
        assert_eq!(
            fill_n(Language::En, I_SUMMARY, 1.0, &v),
            "1 file: 1 accepted, 0 already imported, 0 rejected."
        );
        assert!(fill_n(Language::En, I_SUMMARY, 2.0, &v).starts_with("2 files:"));
        assert!(fill_n(Language::Nl, I_SUMMARY, 0.0, &v).starts_with("0 bestanden:"));
        let max = [("max", "1")];
        assert!(fill_n(Language::En, R_FREQUENCY, 1.0, &max).contains("got 1 message in"));
        assert!(fill_n(Language::Nl, R_FREQUENCY, 1.0, &max).contains("al 1 bericht,"));
        assert!(fill_n(Language::En, R_FREQUENCY, 3.0, &max).contains("got 3 messages in"));
        assert!(fill_n(Language::En, H_TIMEOUT, 1.0, &[]).contains("than 1 second."));
        assert!(fill_n(Language::Nl, H_TIMEOUT, 0.4, &[]).contains("dan 0,4 seconden."));
        assert!(fill_n(Language::Nl, H_SLOW_BODY, 1.0, &[]).contains("binnen 1 seconde helemaal"));
    }
}
