//! What `regie-org --help` says, in Dutch and English: every command,
//! argument and described value, by clap's ids (see
//! [`regie_cli_text::Help`]). A test fails when the command line has an
//! argument without both texts here.

use regie_cli_text::{Help, LANG, LANG_EN, LANG_NL};
use regie_model::Text;

const fn t(nl: &'static str, en: &'static str) -> Text {
    Text { nl, en }
}

/// The table.
pub const HELP: Help = Help {
    texts: &[
        (
            "",
            t(
                "Lees voorkeurenbestanden van klanten in, controleer ze, en houd u eraan: voor één organisatie.",
                "Import and enforce Regie preference files for one organisation.",
            ),
        ),
        (
            ".db",
            t(
                "De database: sqlite:PAD, een pad, of postgres://GEBRUIKER@HOST:POORT/DB[?sslmode=MODUS&sslrootcert=PAD][#SCHEMA].",
                "The database: sqlite:PATH, a path, or postgres://USER@HOST:PORT/DB[?sslmode=MODE&sslrootcert=PATH][#SCHEMA].",
            ),
        ),
        (".lang", LANG),
        (".lang=nl", LANG_NL),
        (".lang=en", LANG_EN),
        (".json", t("Schrijf JSON in plaats van tekst.", "Print JSON instead of text.")),
        (
            "init",
            t("Stel de database in voor een organisatie.", "Set up the database for an organisation."),
        ),
        (
            "init.org",
            t(
                "Het kenmerk van de organisatie, waaraan bestanden gericht moeten zijn (kvk:..., oin:..., of een korte naam).",
                "The organisation id files must be addressed to (kvk:..., oin:..., or a slug).",
            ),
        ),
        ("init.name", t("De naam van de organisatie.", "The organisation's name.")),
        (
            "init.tofu",
            t(
                "Vertrouwen bij eerste gebruik: schrijf de sleutel van een onbekende afzender in bij diens eerste bestand.",
                "Trust on first use: enrol the key of an unknown sender on its first file.",
            ),
        ),
        (
            "init.default",
            t(
                "Wat geldt voor klanten zonder voorkeurenbestand.",
                "What applies to customers without a preference file.",
            ),
        ),
        (
            "init.default=allow",
            t("Sturen (de klant heeft geen nee gezegd).", "Sent (the customer has not said no)."),
        ),
        (
            "init.default=block",
            t(
                "Niet sturen tot de klant ja heeft gezegd.",
                "Do not send until the customer has said yes.",
            ),
        ),
        (
            "enrol",
            t(
                "Schrijf een klant in met het did:key-kenmerk dat de klant u gaf.",
                "Enrol a customer with the did:key they gave you.",
            ),
        ),
        ("enrol.customer", t("Uw kenmerk voor de klant.", "Your reference for the customer.")),
        (
            "enrol.did",
            t(
                "Het did:key-kenmerk van de klant voor uw organisatie.",
                "The customer's did:key for your organisation.",
            ),
        ),
        (
            "import",
            t(
                "Controleer voorkeurenbestanden en sla ze op (bestanden, mappen, of - voor standaardinvoer).",
                "Verify and store preference files (files, directories, or - for stdin).",
            ),
        ),
        ("import.paths", t("Bestanden of mappen.", "Files or directories.")),
        (
            "import.threads",
            t(
                "Hoeveel threads controleren [standaard: alle kernen].",
                "Threads that verify [default: all cores].",
            ),
        ),
        (
            "check",
            t(
                "Mag deze klant nu dit soort bericht via dit kanaal krijgen?",
                "May this customer get this kind of message on this channel now?",
            ),
        ),
        ("check.customer", t("De klant.", "The customer.")),
        ("check.channel", t("Het kanaal.", "The channel.")),
        ("check.kind", t("Het soort bericht.", "The kind of message.")),
        (
            "check.at",
            t(
                "Wanneer (RFC 3339, binnen 7 dagen van nu) [standaard: nu].",
                "When (RFC 3339, within 7 days of now) [default: now].",
            ),
        ),
        (
            "check-use",
            t(
                "Mogen we de gegevens van deze klant (van deze soort) voor dit doel gebruiken?",
                "May we use this customer's data (of this category) for this purpose?",
            ),
        ),
        ("check-use.customer", t("De klant.", "The customer.")),
        (
            "check-use.purpose",
            t(
                "Het doel: een DPV-doel, dpv:Naam of https://w3id.org/dpv#Naam.",
                "The purpose: a DPV purpose, dpv:Name or https://w3id.org/dpv#Name.",
            ),
        ),
        (
            "check-use.category",
            t(
                "De soort gegevens: pd:Naam of https://w3id.org/dpv/pd#Naam [standaard: alle].",
                "The data category: pd:Name or https://w3id.org/dpv/pd#Name [default: any].",
            ),
        ),
        (
            "record-send",
            t(
                "Leg vast dat een bericht is verstuurd (voor het maximum per week en voor vragen om feedback).",
                "Record a message sent (for the weekly and feedback caps).",
            ),
        ),
        ("record-send.customer", t("De klant.", "The customer.")),
        ("record-send.channel", t("Het kanaal.", "The channel.")),
        ("record-send.kind", t("Het soort bericht.", "The kind of message.")),
        (
            "record-send.at",
            t(
                "Wanneer (RFC 3339, binnen 7 dagen van nu) [standaard: nu].",
                "When (RFC 3339, within 7 days of now) [default: now].",
            ),
        ),
        (
            "suppressions",
            t(
                "Toon de klanten die dit soort bericht via dit kanaal nu niet mogen krijgen, of van wie de gegevens niet voor dit doel gebruikt mogen worden.",
                "List customers who must not get this kind on this channel now, or whose data must not be used for this purpose.",
            ),
        ),
        ("suppressions.channel", t("Het kanaal (met --kind).", "The channel (with --kind).")),
        (
            "suppressions.kind",
            t("Het soort bericht (met --channel).", "The kind of message (with --channel)."),
        ),
        (
            "suppressions.purpose",
            t(
                "Een doel in plaats van een kanaal en soort: dpv:Naam of de IRI.",
                "A purpose instead of a channel and kind: dpv:Name or its IRI.",
            ),
        ),
        (
            "suppressions.category",
            t(
                "Met --purpose: alleen deze soort gegevens (pd:Naam of de IRI).",
                "With --purpose: only this data category (pd:Name or its IRI).",
            ),
        ),
        (
            "suppressions.at",
            t("Wanneer (RFC 3339) [standaard: nu].", "When (RFC 3339) [default: now]."),
        ),
        ("suppressions.format", t("De vorm van de uitvoer.", "Output format.")),
        (
            "suppressions.format=csv",
            t(
                "klant,reden per regel, met een kopregel (customer,reason).",
                "customer,reason per line, with a header.",
            ),
        ),
        (
            "suppressions.format=jsonl",
            t("Eén JSON-object per regel.", "One JSON object per line."),
        ),
        (
            "history",
            t(
                "Elk ontvangen bestand, aangenomen en afgekeurd, met de redenen.",
                "Every file received, accepted and rejected, with reasons.",
            ),
        ),
        ("history.customer", t("Alleen deze klant.", "Only this customer.")),
        ("serve", t("Start de HTTP-API.", "Serve the HTTP API.")),
        ("serve.listen", t("Het adres om op te luisteren.", "Address to listen on.")),
        (
            "serve.token_file",
            t(
                "Het bestand met het toegangstoken dat clients moeten sturen.",
                "File holding the bearer token clients must send.",
            ),
        ),
        (
            "serve.max_connections",
            t(
                "Hoeveel verbindingen tegelijk; meer wachten tot er een eindigt. Het proces heeft iets meer open bestanden nodig dan dit (ulimit -n).",
                "Connections served at once; more wait until one ends. The process needs a few more open files than this (ulimit -n).",
            ),
        ),
        (
            "serve.key_file",
            t(
                "De ontvangstsleutel (van regie-org key). Daarmee heeft de server een inbox, POST /v1/inbox, waar de Regie van klanten bestanden aflevert en een ondertekend ontvangstbewijs terugkrijgt. Ook $REGIE_ORG_KEY_FILE.",
                "The receipt key (from regie-org key). With it the server has an inbox, POST /v1/inbox, where customers' Regie delivers files and gets a signed receipt back. Also $REGIE_ORG_KEY_FILE.",
            ),
        ),
        (
            "serve.declaration",
            t(
                "De ondertekende verklaring (van regie-org declaration) om te publiceren op /.well-known/regie-declaration; een nieuwe in hetzelfde bestand wordt meteen gepubliceerd.",
                "The signed declaration (from regie-org declaration) to publish at /.well-known/regie-declaration; a new one in the same file is published at once.",
            ),
        ),
        (
            "serve.tls_cert",
            t(
                "Het certificaat van de server met de tussencertificaten (PEM): de server spreekt dan HTTPS.",
                "The server's certificate with its chain (PEM): the server then speaks HTTPS.",
            ),
        ),
        (
            "serve.tls_key",
            t(
                "De privésleutel bij --tls-cert (PEM).",
                "The private key of --tls-cert (PEM).",
            ),
        ),
        (
            "serve.inbox_rate_per_address",
            t(
                "Hoeveel verzoeken per minuut de inbox van één adres aanneemt (IPv6: per /64); daarboven 429.",
                "Requests a minute the inbox takes from one address (IPv6: per /64); beyond it 429.",
            ),
        ),
        (
            "serve.inbox_rate_per_key",
            t(
                "Hoeveel bestanden per minuut de inbox met één sleutel aanneemt; daarboven 429.",
                "Files a minute the inbox takes signed by one key; beyond it 429.",
            ),
        ),
        (
            "serve.log_format",
            t(
                "Hoe het logboek op stderr eruitziet. Ook $REGIE_LOG_FORMAT.",
                "What the log on stderr looks like. Also $REGIE_LOG_FORMAT.",
            ),
        ),
        (
            "serve.log_format=text",
            t("Een regel tekst per gebeurtenis, om te lezen.", "A line of text per event, to read."),
        ),
        (
            "serve.log_format=json",
            t(
                "Eén JSON-object per regel, ook een per verzoek: tijd, niveau, gebeurtenis, route, status, duur, klantnummer. Nooit een sleutel (did), token of de inhoud van een bestand.",
                "One JSON object a line, also one per request: time, level, event, route, status, duration, customer reference. Never a key (did), a token or a file's content.",
            ),
        ),
        (
            "serve.no_metrics",
            t(
                "Houd geen meetgegevens bij (GET /metrics geeft dan 404); om te meten wat het bijhouden kost.",
                "Keep no metrics (GET /metrics then answers 404); to measure what keeping them costs.",
            ),
        ),
        (
            "serve.metrics_token_file",
            t(
                "Een bestand met een tweede token, dat alleen GET /metrics aanneemt: voor het systeem dat de meetgegevens ophaalt, zodat dat geen bestanden kan inlezen of verzendingen vastleggen. Zonder dit neemt /metrics het gewone toegangstoken aan.",
                "A file with a second token that only GET /metrics takes: for the system that collects the metrics, so that it cannot import files or record sends. Without it, /metrics takes the access token.",
            ),
        ),
        (
            "key",
            t(
                "Maak een nieuwe ontvangstsleutel (Ed25519) in een nieuw bestand dat alleen de eigenaar mag lezen. Die ondertekent de verklaring en de ontvangstbewijzen.",
                "Make a new receipt key (Ed25519) in a new file readable by its owner only. It signs the declaration and the receipts.",
            ),
        ),
        (
            "key.out",
            t(
                "Het bestand voor de sleutel (PKCS#8, PEM); het mag nog niet bestaan.",
                "The file for the key (PKCS#8, PEM); it must not exist yet.",
            ),
        ),
        (
            "declaration",
            t(
                "Schrijf de ondertekende verklaring (regie-declaration/2): wat u bewaart, met uw inbox en ontvangstsleutel.",
                "Write the signed declaration (regie-declaration/2): what you hold, with your inbox and receipt key.",
            ),
        ),
        (
            "declaration.from",
            t(
                "De verklaring zonder inbox en handtekening (regie-declaration/1), of een eerdere ondertekende.",
                "The declaration without inbox and signature (regie-declaration/1), or an earlier signed one.",
            ),
        ),
        (
            "declaration.inbox",
            t(
                "Het https-adres van de inbox, zoals https://inbox.voorbeeldbank.nl/v1/inbox.",
                "The https address of the inbox, such as https://inbox.voorbeeldbank.nl/v1/inbox.",
            ),
        ),
        (
            "declaration.key_file",
            t(
                "De ontvangstsleutel die tekent (van regie-org key). Ook $REGIE_ORG_KEY_FILE.",
                "The receipt key that signs (from regie-org key). Also $REGIE_ORG_KEY_FILE.",
            ),
        ),
        (
            "declaration.previous_key_file",
            t(
                "Bij een sleutelwissel: de vorige ontvangstsleutel, die mee ondertekent, zodat de Regie van klanten de nieuwe aanneemt.",
                "For a key change: the previous receipt key, which signs too, so that customers' Regie takes the new one.",
            ),
        ),
        (
            "declaration.out",
            t(
                "Het bestand voor de verklaring; een bestaand wordt in één keer vervangen.",
                "The file for the declaration; an existing one is replaced in one step.",
            ),
        ),
        (
            "link",
            t(
                "Maak een koppelcode voor een klant: de klant typt hem in Regie, en Regie koppelt zich dan zelf aan deze klant.",
                "Make a link code for a customer: they type it into Regie, which then links itself to this customer.",
            ),
        ),
        ("link.customer", t("Uw kenmerk voor de klant.", "Your reference for the customer.")),
        (
            "link.valid",
            t(
                "Hoe lang de code werkt: uren (36h), dagen (14d) of weken (2w), van 1 uur tot 90 dagen.",
                "How long the code works: hours (36h), days (14d) or weeks (2w), from 1 hour to 90 days.",
            ),
        ),
        (
            "link.replace_key",
            t(
                "Voor een klant die al gekoppeld is (en bijvoorbeeld zijn Regie kwijt is): de code vervangt de oude koppeling.",
                "For a customer who is linked already (who lost their Regie, say): the code replaces the old link.",
            ),
        ),
        (
            "token",
            t(
                "Maak een nieuw toegangstoken voor serve, in een nieuw bestand dat alleen de eigenaar mag lezen.",
                "Make a new access token for serve, in a new file readable by its owner only.",
            ),
        ),
        (
            "token.out",
            t(
                "Het bestand voor het token; het mag nog niet bestaan.",
                "The file for the token; it must not exist yet.",
            ),
        ),
    ],
    value_names: &[
        ("DB", "DB"),
        ("LANG", "TAAL"),
        ("ORG", "ORGANISATIE"),
        ("NAME", "NAAM"),
        ("DEFAULT", "STANDAARD"),
        ("CUSTOMER", "KLANT"),
        ("DID", "DID"),
        ("PATHS", "PADEN"),
        ("THREADS", "AANTAL"),
        ("CHANNEL", "KANAAL"),
        ("KIND", "SOORT"),
        ("AT", "TIJD"),
        ("PURPOSE", "DOEL"),
        ("CATEGORY", "GEGEVENS"),
        ("FORMAT", "VORM"),
        ("LISTEN", "ADRES"),
        ("TOKEN_FILE", "TOKENBESTAND"),
        ("MAX_CONNECTIONS", "AANTAL"),
        ("OUT", "BESTAND"),
        ("KEY_FILE", "SLEUTELBESTAND"),
        ("DECLARATION", "VERKLARING"),
        ("TLS_CERT", "CERTIFICAAT"),
        ("TLS_KEY", "SLEUTELBESTAND"),
        ("INBOX_RATE_PER_ADDRESS", "AANTAL"),
        ("INBOX_RATE_PER_KEY", "AANTAL"),
        ("LOG_FORMAT", "VORM"),
        ("METRICS_TOKEN_FILE", "TOKENBESTAND"),
        ("FROM", "BESTAND"),
        ("INBOX", "URL"),
        ("PREVIOUS_KEY_FILE", "SLEUTELBESTAND"),
        ("VALID", "DUUR"),
    ],
};

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Adding an argument without a Dutch and an English help text fails
    /// here, as does a text for an argument that is gone.
    #[test]
    fn every_command_and_argument_has_both_texts() {
        let missing = regie_cli_text::missing(&super::super::args::Cli::command(), &HELP);
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
