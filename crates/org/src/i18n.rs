//! Every text a person sees, in Dutch (plain, B1) and English, side by
//! side. Texts with `{name}` placeholders are filled in with [`fill`].

use regie_model::{Language, Text};

/// Picks the text and replaces each `{key}` with its value.
pub fn fill(lang: Language, t: Text, vars: &[(&str, &str)]) -> String {
    t.fill(lang, vars)
}

use regie_model::texts;

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
    R_FREQUENCY = (
        "Niet sturen: de klant kreeg de afgelopen 7 dagen al {sent} berichten, het maximum is {max} per week.",
        "Do not send: the customer got {sent} messages in the last 7 days; the maximum is {max} a week."
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
    I_SUMMARY = (
        "{files} bestanden: {accepted} aangenomen, {already} al ingelezen, {rejected} afgekeurd.",
        "{files} files: {accepted} accepted, {already} already imported, {rejected} rejected."
    );
    E_UNKNOWN_KEY = (
        "Dit bestand is ondertekend met een sleutel die bij geen klant hoort. Schrijf de klant eerst in (regie-org enrol) met het kenmerk dat de klant u gaf.",
        "This file is signed with a key that belongs to no customer. Enrol the customer first (regie-org enrol) with the identifier the customer gave you."
    );
    E_REPLAYED = (
        "Dit bestand is ouder dan (of even oud als) het laatst aangenomen bestand van deze klant (volgnummer {have}, dit bestand {got}). Het nieuwere blijft gelden.",
        "This file is older than (or as old as) the last accepted file from this customer (sequence {have}, this file {got}). The newer one stays in force."
    );
    E_KEY_IN_USE = (
        "De nieuwe sleutel hoort al bij een andere klant; de sleutelwissel is niet vastgelegd.",
        "The new key already belongs to another customer; the key change was not recorded."
    );
    E_TOO_LARGE = ("Het bestand is groter dan {max} bytes; zo groot is een voorkeurenbestand nooit.", "The file is larger than {max} bytes; a preference file is never that large.");
    E_READ = ("kan {path} niet lezen: {err}", "cannot read {path}: {err}");
    // ----- command line ---------------------------------------------------
    INITIALISED = ("Organisatie {org} ({name}) ingesteld in {db}.", "Organisation {org} ({name}) set up in {db}.");
    ENROLLED = ("Klant {customer} ingeschreven met sleutel {did}.", "Customer {customer} enrolled with key {did}.");
    RECORDED_SEND = ("Verzending vastgelegd.", "Send recorded.");
    ALLOWED = ("MAG", "ALLOWED");
    BLOCKED = ("NIET STUREN", "BLOCKED");
    HISTORY_EMPTY = ("Nog niets ontvangen.", "Nothing received yet.");
    SERVING = ("Luistert op http://{addr} (stoppen: Ctrl-C).", "Listening on http://{addr} (stop: Ctrl-C).");
    STOPPED = ("Gestopt.", "Stopped.");
    ERROR = ("Fout", "Error");
    // ----- errors ---------------------------------------------------------
    E_NOT_INITIALISED = (
        "deze database is nog niet ingesteld: begin met regie-org init --org ID --name NAAM",
        "this database is not set up yet: start with regie-org init --org ID --name NAME"
    );
    E_ALREADY_INITIALISED = (
        "deze database is al ingesteld voor organisatie {org}",
        "this database is already set up for organisation {org}"
    );
    E_STORE = ("de database gaf een fout: {err}", "the database reported an error: {err}");
    E_DB_URL = (
        "onbekende database {url}: gebruik sqlite:PAD of postgres://...",
        "unknown database {url}: use sqlite:PATH or postgres://..."
    );
    E_BAD_DID = ("{did} is geen geldig did:key-kenmerk: {err}", "{did} is not a valid did:key identifier: {err}");
    E_DID_TAKEN = ("deze sleutel hoort al bij klant {customer}", "this key already belongs to customer {customer}");
    E_BAD_TIME = ("{value} is geen tijdstip zoals 2026-03-01T10:00:00Z", "{value} is not a time like 2026-03-01T10:00:00Z");
    E_BAD_ORG = ("{value} is geen geldig organisatiekenmerk: {err}", "{value} is not a valid organisation id: {err}");
    E_UNKNOWN_CUSTOMER = ("klant {customer} is onbekend", "customer {customer} is unknown");
    E_TOKEN = ("kan het tokenbestand {path} niet lezen, of het is leeg", "cannot read the token file {path}, or it is empty");
    E_LISTEN = ("kan niet luisteren op {addr}: {err}", "cannot listen on {addr}: {err}");
    // ----- HTTP -----------------------------------------------------------
    H_UNAUTHORISED = ("een geldig toegangstoken is nodig (Authorization: Bearer ...)", "a valid access token is needed (Authorization: Bearer ...)");
    H_TOO_LARGE = ("het verzoek is groter dan {max} bytes", "the request is larger than {max} bytes");
    H_BAD_REQUEST = ("het verzoek is niet goed: {err}", "the request is malformed: {err}");
    H_NOT_FOUND = ("deze pagina bestaat niet", "no such page");
    H_UNAVAILABLE = (
        "De opslag werkt nu niet, dus dit verzoek is niet uitgevoerd. Probeer het over een paar minuten opnieuw. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "The store is not working right now, so this request was not carried out. Try again in a few minutes. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_TIMEOUT = (
        "Het antwoord duurde langer dan {secs} seconden. Probeer het over een paar minuten opnieuw; hetzelfde verzoek nog eens sturen kan geen kwaad. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "The answer took longer than {secs} seconds. Try again in a few minutes; sending the same request again does no harm. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_INTERNAL = (
        "Er ging iets mis in deze server; het verzoek is misschien niet uitgevoerd. Probeer het opnieuw. Gebeurt dit vaker, vraag dan de beheerder van deze server om in het logboek te kijken.",
        "Something went wrong inside this server; the request may not have been carried out. Try again. If this keeps happening, ask the operator of this server to look at its log."
    );
    H_SLOW_BODY = (
        "De inhoud van het verzoek kwam niet binnen {secs} seconden helemaal binnen. Stuur het verzoek opnieuw, in één keer.",
        "The body of the request did not arrive in full within {secs} seconds. Send the request again, all at once."
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
