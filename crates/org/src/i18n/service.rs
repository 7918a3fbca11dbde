//! The texts of running as a service: the health check, the metrics, the
//! log and the API's description (`GET /openapi.json`), in Dutch (B1) and
//! English.

use regie_model::texts;

texts! {
    // ----- GET /healthz ----------------------------------------------------
    H_HEALTH_STORE = (
        "De database antwoordt niet, dus deze server kan nu niets controleren of opslaan. De beheerder vindt de oorzaak in het logboek van de server.",
        "The database does not answer, so this server cannot check or store anything now. The operator finds the cause in the server's log."
    );
    H_HEALTH_FILE_MISSING = (
        "Het databasebestand staat niet meer waar de server het opende. Wat de server nu opslaat, gaat verloren bij de volgende start. De beheerder moet het bestand terugzetten en de server opnieuw starten.",
        "The database file is no longer where the server opened it. What the server stores now is lost at its next start. The operator must put the file back and restart the server."
    );
    H_HEALTH_FILE_REPLACED = (
        "Op de plek van het databasebestand staat nu een ander bestand dan de server opende. De beheerder moet de server opnieuw starten, zodat hij het bestand gebruikt dat er nu staat.",
        "Another file is now where the server opened its database file. The operator must restart the server so that it uses the file that is there now."
    );
    H_HEALTH_FILE_UNREADABLE = (
        "De server mag het databasebestand niet meer lezen. De beheerder moet de rechten van het bestand herstellen.",
        "The server may no longer read its database file. The operator must put the file's permissions right."
    );
    H_LOG_UNHEALTHY = (
        "niet gezond ({code}): {reason} {err}",
        "not healthy ({code}): {reason} {err}"
    );
    H_LOG_HEALTHY = ("weer gezond: de database antwoordt.", "healthy again: the database answers.");
    // ----- GET /metrics ---------------------------------------------------
    H_NO_METRICS = (
        "Deze server houdt geen meetgegevens bij: hij is gestart met --no-metrics.",
        "This server keeps no metrics: it was started with --no-metrics."
    );
    E_METRICS_TOKEN_SAME = (
        "Het meettoken in {path} is hetzelfde als het toegangstoken. Maak een apart token met regie-org token --out, zodat wie de meetgegevens ophaalt niets anders kan.",
        "The metrics token in {path} is the same as the access token. Make a separate one with regie-org token --out, so that whoever collects the metrics can do nothing else."
    );
}

texts! {
    // ----- the API's description (GET /openapi.json) ---------------------
    O_TITLE = ("regie-org HTTP-API", "regie-org HTTP API");
    O_DESCRIPTION = (
        "De HTTP-API van regie-org serve: voorkeurenbestanden inlezen, controleren of een bericht mag, verzendingen vastleggen, en de inbox waar de Regie van klanten bestanden aflevert. Elk adres vraagt Authorization: Bearer <token>, behalve de openbare: de inbox, de verklaring, /healthz en /openapi.json. Accept-Language: nl of en kiest de taal van de berichten. Een fout is {\"error\":{\"code\",\"message\"}}: programma's kijken naar de code. Een adres dat niet bestaat geeft 404 not-found; een methode die een adres niet kent 405 method-not-allowed met Allow (zie components.responses). HEAD werkt overal waar GET werkt, zonder inhoud.",
        "The HTTP API of regie-org serve: import preference files, check whether a message may be sent, record sends, and the inbox where customers' own Regie delivers files. Every address needs Authorization: Bearer <token>, except the public ones: the inbox, the declaration, /healthz and /openapi.json. Accept-Language: nl or en picks the language of messages. An error is {\"error\":{\"code\",\"message\"}}: programs switch on the code. An address that does not exist answers 404 not-found; a method an address does not take, 405 method-not-allowed with Allow (see components.responses). HEAD works wherever GET does, without a body."
    );
    O_SERVER = ("Het standaardadres van regie-org serve.", "The default address of regie-org serve.");
    O_TOKEN = (
        "Het toegangstoken uit het bestand van serve --token-file. GET /metrics neemt ook het token van --metrics-token-file aan.",
        "The access token from the file of serve --token-file. GET /metrics also takes the token of --metrics-token-file."
    );
    O_FILES = ("Eén voorkeurenbestand inlezen", "Import one preference file");
    O_FILES_TEXT = (
        "Controleert het bestand en slaat het op volgens dezelfde regels als regie-org import: 201 aangenomen, 200 al eerder ingelezen, 422 afgekeurd met de code van de reden.",
        "Verifies the file and stores it by the same rules as regie-org import: 201 accepted, 200 already imported, 422 rejected with the reason's code."
    );
    O_FILE_BODY = (
        "Een voorkeurenbestand of sleutelwissel, precies zoals de Regie van de klant het maakte (docs/spec/preference-file.md), hoogstens 65536 bytes.",
        "A preference file or key rotation, exactly as the customer's Regie made it (docs/spec/preference-file.md), at most 65536 bytes."
    );
    O_CHECK = ("Mag dit bericht nu naar deze klant?", "May this message go to this customer now?");
    O_CHECK_TEXT = (
        "Uit het geheugen, binnen microseconden. Een klant zonder bestand krijgt de standaard van de organisatie (no-preference-on-file). Als de opgeslagen gegevens niet te lezen zijn, is het antwoord nee.",
        "From memory, in microseconds. A customer without a file gets the organisation's default (no-preference-on-file). When the stored data cannot be read, the answer is no."
    );
    O_CHECK_USE = ("Mogen we deze gegevens voor dit doel gebruiken?", "May we use this data for this purpose?");
    O_CHECK_USE_TEXT = (
        "Uit de besluiten en bijzondere gegevens in het nieuwste bestand van de klant.",
        "From the decisions and sensitive categories in the customer's newest file."
    );
    O_SENDS = ("Een verzonden bericht vastleggen", "Record a message sent");
    O_SENDS_TEXT = (
        "Telt mee voor het maximum per week en voor feedback, in elk proces op dezelfde database.",
        "Counts for the weekly and feedback caps, in every process on the same database."
    );
    O_INBOX = ("Een bestand afleveren (voor de Regie van de klant)", "Deliver a file (for the customer's own Regie)");
    O_INBOX_TEXT = (
        "Openbaar: de handtekening op het bestand is de controle. Een voorkeurenbestand, sleutelwissel of koppelverzoek krijgt een ondertekend ontvangstbewijs terug (docs/spec/receipt.md): 201 aangenomen, 200 al eerder ingelezen, 422 afgekeurd. Per adres en per sleutel geldt een maximum per minuut (429 met Retry-After).",
        "Public: the file's signature is what authenticates it. A preference file, key rotation or link request gets a signed receipt back (docs/spec/receipt.md): 201 accepted, 200 already imported, 422 rejected. Each address and each key has a rate (429 with Retry-After)."
    );
    O_RECEIPT = ("Het ondertekende ontvangstbewijs (docs/spec/receipt.md).", "The signed receipt (docs/spec/receipt.md).");
    O_DECLARATION = ("De ondertekende verklaring van de organisatie", "The organisation's signed declaration");
    O_DECLARATION_TEXT = (
        "Openbaar: zegt waar de inbox is en met welke sleutel de ontvangstbewijzen ondertekend zijn (docs/spec/declaration.md).",
        "Public: says where the inbox is and which key signs the receipts (docs/spec/declaration.md)."
    );
    O_HEALTH = ("Werkt deze server?", "Is this server working?");
    O_HEALTH_TEXT = (
        "Openbaar, voor een load balancer of bewaking: 200 als de database antwoordt (en bij SQLite het bestand er nog is en te lezen is), anders 503 met de reden. Geen persoonsgegevens.",
        "Public, for a load balancer or a monitor: 200 when the database answers (and, with SQLite, its file is still there and readable), else 503 with the reason. No personal data."
    );
    O_METRICS = ("Meetgegevens (Prometheus)", "Metrics (Prometheus)");
    O_METRICS_TEXT = (
        "De tellingen in het tekstformaat van Prometheus: bestanden per uitkomst en reden, controles per uitkomst, duur van verzoeken per route, de vertraging tot de server een wijziging ziet, en de versie. Zonder persoonsgegevens en zonder klantnummers.",
        "The counts in the Prometheus text format: files by outcome and reason, checks by verdict, request durations by route, the lag until the server sees a change, and the version. Without personal data or customer references."
    );
    O_OPENAPI = ("Deze beschrijving", "This description");
    O_OPENAPI_TEXT = (
        "Openbaar. In het Nederlands met Accept-Language: nl. Hetzelfde als docs/openapi.json in de broncode.",
        "Public. In Dutch with Accept-Language: nl. The same as docs/openapi.json in the source."
    );
    O_P_CUSTOMER = ("Het klantnummer van de organisatie.", "The organisation's customer reference.");
    O_P_CHANNEL = ("Het kanaal.", "The channel.");
    O_P_KIND = ("De soort bericht.", "The kind of message.");
    O_P_AT = (
        "Wanneer (RFC 3339); zonder: nu. Hoogstens 7 dagen van nu.",
        "When (RFC 3339); now if absent. At most 7 days from now."
    );
    O_P_PURPOSE = ("Het doel: dpv:Naam of het volledige IRI.", "The purpose: dpv:Name or its full IRI.");
    O_P_CATEGORY = (
        "De soort gegevens: pd:Naam of het volledige IRI; zonder: alle gegevens.",
        "The data category: pd:Name or its full IRI; any data if absent."
    );
    O_R_ACCEPTED = ("Aangenomen en opgeslagen.", "Accepted and stored.");
    O_R_ALREADY = ("Dit bestand was al eerder aangenomen; er is niets veranderd.", "This file was accepted before; nothing changed.");
    O_R_REJECTED = ("Afgekeurd, met de code van de reden; het staat in de geschiedenis.", "Rejected, with the reason's code; it is in the history.");
    O_R_ANSWER = ("Het antwoord, met de reden.", "The answer, with its reason.");
    O_R_RECORDED = ("Vastgelegd.", "Recorded.");
    O_R_BAD_REQUEST = ("Het verzoek is niet goed: het bericht zegt wat.", "The request is malformed: the message says how.");
    O_R_UNAUTHORISED = ("Geen of een verkeerd toegangstoken.", "No access token, or a wrong one.");
    O_R_NOT_FOUND = ("Bestaat niet, of staat op deze server niet aan.", "Does not exist, or is not on at this server.");
    O_R_NOT_ALLOWED = ("Deze methode werkt niet op dit adres; Allow noemt die wel werken.", "This address does not take this method; Allow names the ones it takes.");
    O_R_SLOW_BODY = ("De inhoud kwam niet op tijd binnen (30 s); de verbinding sluit.", "The body did not arrive in time (30 s); the connection closes.");
    O_R_TOO_LARGE = ("De inhoud is groter dan 65536 bytes.", "The body is larger than 65536 bytes.");
    O_R_TOO_MANY = ("Te veel verzoeken; Retry-After zegt na hoeveel seconden het weer kan.", "Too many requests; Retry-After says after how many seconds to try again.");
    O_R_RETRY_AFTER = ("Seconden tot een nieuwe poging kan.", "Seconds until a new attempt may succeed.");
    O_R_INTERNAL = ("Een fout in de server zelf.", "A fault inside the server.");
    O_R_UNAVAILABLE = ("De opslag werkt niet, of het antwoord duurde te lang (30 s).", "The store does not work, or the answer took too long (30 s).");
    O_R_HEALTHY = ("De server werkt.", "The server works.");
    O_R_UNHEALTHY = ("De server werkt niet, met de reden.", "The server does not work, with the reason.");
    O_R_METRICS = ("De tellingen.", "The counts.");
    O_R_DOCUMENT = ("Het OpenAPI-document.", "The OpenAPI document.");
    O_R_DECLARATION = ("De verklaring, zoals ondertekend.", "The declaration, as signed.");
    O_S_ERROR = ("Een fout: code voor programma's, bericht voor mensen.", "An error: a code for programs, a message for people.");
    O_S_FILE = ("Wat er met het bestand gebeurde.", "What became of the file.");
    O_S_VERDICT = ("Het antwoord op een controle: de vraag, allowed en de reden.", "The answer to a check: the question, allowed and the reason.");
    O_S_SEND = ("Een verzonden bericht.", "A message sent.");
    O_S_HEALTH = ("Of de server werkt.", "Whether the server works.");
    O_S_SIGNED = ("Een ondertekend JSON-document; zie de specificatie.", "A signed JSON document; see the specification.");
}
