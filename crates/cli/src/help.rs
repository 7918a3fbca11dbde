//! What `regie --help` says, in Dutch and English: every command, argument
//! and described value, by clap's ids (see [`regie_cli_text::Help`]). A
//! test fails when the command line has an argument without both texts
//! here.

use regie_cli_text::{Help, LANG, LANG_EN, LANG_NL};
use regie_model::Text;

const fn t(nl: &'static str, en: &'static str) -> Text {
    Text { nl, en }
}

const ORG: Text = t(
    "De organisatie (kenmerk of precieze naam).",
    "The organisation (id or exact name).",
);
const ORG_SHORT: Text = t("De organisatie.", "The organisation.");
const PURPOSE: Text = t(
    "Het doel: dpv:DirectMarketing, de volledige IRI, of DirectMarketing.",
    "The purpose: dpv:DirectMarketing, its full IRI, or DirectMarketing.",
);
const ONLY_CATEGORY: Text = t(
    "Alleen voor deze soort gegevens (pd:X).",
    "Only for this kind of data (pd:X).",
);

/// The table.
pub const HELP: Help = Help {
    texts: &[
        (
            "",
            t(
                "Regie: uw eigen overzicht van welke organisaties welke gegevens van u hebben, en welke berichten u van ze wilt.",
                "Regie: your own record of which organisations hold which of your data, and which messages you want from them.",
            ),
        ),
        (
            "#after",
            t(
                "Afsluitcodes:
  0  in orde
  1  andere fout (er staat al iets op die plek, een onverwachte fout in de
     database)
  2  verkeerd gebruik (de opdrachtregel klopt niet)
  3  geen kluis op die plek
  4  kluis in gebruik door een ander venster of commando
  5  probleem met de sleutel (verkeerde sleutel of wachtwoordzin; geen
     wachtwoordzin gegeven; sleutelbos niet beschikbaar of op slot;
     verkeerde herstelcode)
  6  kluis beschadigd (bewezen door een controle)
  7  niet toegestaan (verplicht door de wet of een contract; serviceberichten)
  8  onbekende organisatie of onbekend gebruik
  9  ongeldige invoer
  10 het voorkeurenbestand is afgekeurd (regie verify)
  11 sleutel kwijt (het sleutelbestand of de sleutel in de sleutelbos
     ontbreekt of is beschadigd: de herstelcode helpt)
  12 geen kluis (een map, of een ander soort bestand)
  13 geen toestemming, of de kluis kan alleen gelezen worden (lezen kan wel)
  14 een bestand kon niet gelezen of geschreven worden (schijf vol,
     schijffout, map bestaat niet)
  15 de kluis is gemaakt met een nieuwere versie van Regie
  16 niet afgeleverd (geen inbox bekend, niet gekoppeld, of de organisatie
     was niet te bereiken of bevestigde het niet; het bestand blijft wachten)
  17 de organisatie weigerde de koppelcode
  70 er ging iets mis in regie zelf (een fout in het programma; er staat een
     verslag in ~/.local/state/regie/crash)

Omgeving:
  REGIE_VAULT          het pad van de kluis (in plaats van --vault)
  REGIE_LANG           nl of en (in plaats van --lang; anders de taal van het
                       systeem, anders Nederlands)
  REGIE_PASSPHRASE     de wachtwoordzin van een kluis met wachtwoordzin
  REGIE_RECOVERY_CODE  de herstelcode voor `regie restore`
  REGIE_CA_FILE        extra CA-certificaten (PEM) om te vertrouwen bij het
                       versturen, naast die van het systeem
  REGIE_RESOLVE        NAAM=ADRES,... om een inbox op een vast adres te
                       bereiken (voor tests en eigen netwerken)
  REGIE_TODAY          JJJJ-MM-DD: de dag die regie als vandaag neemt voor
                       termijnen (alleen voor tests)",
                "Exit codes:
  0  ok
  1  other error (something already exists there, an unexpected database
     error)
  2  usage (the command line is wrong)
  3  no vault at that path
  4  vault in use by another window or command
  5  key problem (wrong key or passphrase; no passphrase given; keychain
     unavailable or locked; wrong recovery code)
  6  vault damaged (proven by a check)
  7  not allowed (required by law or contract; service messages)
  8  unknown organisation or holding
  9  invalid input
  10 the preference file was rejected (regie verify)
  11 key missing (the key file or the keychain's key is gone or damaged:
     the recovery code helps)
  12 not a vault (a folder, or a file of another kind)
  13 no permission, or the vault can only be read (reading still works)
  14 a file could not be read or written (disk full, disk error, no such
     folder)
  15 the vault was written by a newer version of Regie
  16 not delivered (no inbox known, not linked, or the organisation could
     not be reached or did not confirm; the file keeps waiting)
  17 the organisation refused the link code
  70 something went wrong inside regie (a fault in the program; a log is in
     ~/.local/state/regie/crash)

Environment:
  REGIE_VAULT          the vault's path (instead of --vault)
  REGIE_LANG           nl or en (instead of --lang; else the system's language,
                       else Dutch)
  REGIE_PASSPHRASE     the passphrase of a passphrase vault
  REGIE_RECOVERY_CODE  the recovery code for `regie restore`
  REGIE_CA_FILE        extra CA certificates (PEM) to trust when sending,
                       besides the system's
  REGIE_RESOLVE        HOST=ADDRESS,... to reach an inbox at a fixed address
                       (for tests and private networks)
  REGIE_TODAY          YYYY-MM-DD: the day regie takes as today for deadlines
                       (for tests only)",
            ),
        ),
        (
            ".vault",
            t(
                "Het kluisbestand [standaard: $REGIE_VAULT, anders uw gegevensmap, zoals ~/.local/share/regie/vault.regie].",
                "The vault file [default: $REGIE_VAULT, else your data folder, e.g. ~/.local/share/regie/vault.regie].",
            ),
        ),
        (
            ".json",
            t(
                "Uitvoer voor programma's (JSON op stdout; fouten als JSON op stderr).",
                "Machine-readable output (JSON on stdout; errors as JSON on stderr).",
            ),
        ),
        (".lang", LANG),
        (".lang=nl", LANG_NL),
        (".lang=en", LANG_EN),
        (
            ".passphrase_stdin",
            t(
                "Lees de wachtwoordzin uit de eerste regel van de invoer (in plaats van $REGIE_PASSPHRASE). Met `restore --recovery-code-stdin` komt eerst de herstelcode en de wachtwoordzin op de tweede regel.",
                "Read the passphrase from the first line of standard input (instead of $REGIE_PASSPHRASE). With `restore --recovery-code-stdin`, the recovery code comes first and the passphrase on the second line.",
            ),
        ),
        (
            "init",
            t(
                "Maak een nieuwe kluis (sleutel in de sleutelbos van uw computer, of een wachtwoordzin).",
                "Create a new vault (key in your computer's keychain, or a passphrase).",
            ),
        ),
        (
            "init.passphrase",
            t(
                "Beveilig de kluis met een wachtwoordzin in plaats van de sleutelbos (uit $REGIE_PASSPHRASE of --passphrase-stdin; anders vraagt Regie er in de terminal twee keer om).",
                "Protect the vault with a passphrase instead of the keychain (from $REGIE_PASSPHRASE or --passphrase-stdin; else Regie asks for it twice in the terminal).",
            ),
        ),
        (
            "demo",
            t(
                "Toon een kluis met voorbeeldorganisaties (tijdelijk, tenzij met --vault).",
                "Show a vault with example organisations (temporary, unless --vault).",
            ),
        ),
        (
            "orgs",
            t(
                "Het overzicht: elke organisatie en wat die van u heeft.",
                "The overview: every organisation and what it holds.",
            ),
        ),
        ("show", t("Alles over één organisatie.", "Everything about one organisation.")),
        (
            "show.org",
            t(
                "Het kenmerk van de organisatie (of de precieze naam).",
                "The organisation's id (or its exact name).",
            ),
        ),
        ("org", t("Voeg zelf organisaties toe.", "Add organisations by hand.")),
        ("org add", t("Voeg een organisatie toe.", "Add an organisation.")),
        (
            "org add.id",
            t(
                "Het kenmerk: kvk: en 8 cijfers, oin: en 20 cijfers, of een korte naam zoals boekhandel-de-vries.",
                "Its id: kvk: and 8 digits, oin: and 20 digits, or a slug like boekhandel-de-vries.",
            ),
        ),
        ("org add.name", t("De naam zoals u die kent.", "Its name as you know it.")),
        (
            "org add.sector",
            t(
                "De sector, bijvoorbeeld bank, insurer, telecom, energy, retail of municipality.",
                "Sector, e.g. bank, insurer, telecom, energy, retail, municipality.",
            ),
        ),
        ("org add.website", t("De website.", "Website.")),
        (
            "org add.privacy_email",
            t(
                "Het e-mailadres voor vragen over privacy.",
                "E-mail address for privacy requests.",
            ),
        ),
        (
            "org add.privacy_postal",
            t(
                "Het postadres voor vragen over privacy.",
                "Postal address for privacy requests.",
            ),
        ),
        (
            "holding",
            t(
                "Leg vast wat een organisatie met uw gegevens doet.",
                "Record what an organisation does with your data.",
            ),
        ),
        (
            "holding add",
            t(
                "Leg vast dat een organisatie een soort gegevens voor een doel gebruikt.",
                "Record that an organisation uses a kind of data for a purpose.",
            ),
        ),
        ("holding add.org", ORG_SHORT),
        (
            "holding add.category",
            t(
                "De soort gegevens: pd:Financial, de volledige IRI, of Financial.",
                "Kind of data: pd:Financial, its full IRI, or Financial.",
            ),
        ),
        ("holding add.purpose", PURPOSE),
        (
            "holding add.basis",
            t(
                "De grondslag: consent, contract, legal-obligation, vital-interest, public-interest, legitimate-interest (of eu-gdpr:A6-1-a ...).",
                "Legal basis: consent, contract, legal-obligation, vital-interest, public-interest, legitimate-interest (or eu-gdpr:A6-1-a ...).",
            ),
        ),
        (
            "holding add.retention",
            t(
                "Hoe lang de gegevens bewaard worden, als ISO 8601-duur (P7Y).",
                "How long it is kept, as an ISO 8601 duration (P7Y).",
            ),
        ),
        (
            "holding add.grain",
            t(
                "Bij volgen en meten: general, specific-incidental of continuous.",
                "For monitoring: general|specific-incidental|continuous.",
            ),
        ),
        (
            "consent",
            t(
                "Geef toestemming voor een doel, of trek die in.",
                "Give or withdraw permission (consent) for a purpose.",
            ),
        ),
        ("consent.org", ORG_SHORT),
        ("consent.purpose", PURPOSE),
        ("consent.action", t("Geven of intrekken.", "Give or withdraw.")),
        ("consent.action=give", t("Toestemming geven.", "Give permission.")),
        ("consent.action=withdraw", t("Toestemming intrekken.", "Take permission back.")),
        ("consent.category", ONLY_CATEGORY),
        (
            "object",
            t(
                "Maak bezwaar tegen een doel dat steunt op het eigen belang van de organisatie.",
                "Object to a purpose that rests on the organisation's own interest.",
            ),
        ),
        ("object.org", ORG_SHORT),
        ("object.purpose", PURPOSE),
        ("object.category", ONLY_CATEGORY),
        ("object.withdraw", t("Trek het bezwaar in.", "Take the objection back.")),
        (
            "contact",
            t(
                "Welke berichten u mogen bereiken, per organisatie, kanaal en soort.",
                "Which messages may reach you, per organisation, channel and kind.",
            ),
        ),
        (
            "contact#after",
            t(
                "Voorbeelden:
  regie contact kvk:33031431 --channel push --kind marketing off
  regie contact kvk:33031431 --channel all --kind all off
  regie contact --all-orgs off                  geen ongevraagde berichten van wie dan ook
  regie contact --all-orgs --channel sms --kind all off
  regie contact kvk:33031431 --exempt on        deze mag u nog wel berichten sturen
  regie contact kvk:33031431 --service-channel email --max-per-week 2 --feedback every-6-months

--feedback: never (nooit vragen), none (geen grens), of every-N-months (hoogstens
eens per N maanden, N van 1 tot 60). --max-per-week: 1 tot 1000, of none.",
                "Examples:
  regie contact kvk:33031431 --channel push --kind marketing off
  regie contact kvk:33031431 --channel all --kind all off
  regie contact --all-orgs off                  no unsolicited messages from anyone
  regie contact --all-orgs --channel sms --kind all off
  regie contact kvk:33031431 --exempt on        this one may still reach you
  regie contact kvk:33031431 --service-channel email --max-per-week 2 --feedback every-6-months

--feedback: never (never ask), none (no limit), or every-N-months (at most once
every N months, N from 1 to 60). --max-per-week: 1 to 1000, or none.",
            ),
        ),
        (
            "contact.positional",
            t("De organisatie, dan on of off.", "The organisation, then `on` or `off`."),
        ),
        (
            "contact.all_orgs",
            t(
                "Voor elke organisatie. Zonder --channel en --kind: de algemene schakelaar (geen ongevraagde berichten van wie dan ook).",
                "For every organisation. Without --channel/--kind: the global switch (\"no unsolicited messages from anyone\").",
            ),
        ),
        (
            "contact.channel",
            t(
                "push, in-app, email, sms, phone, post, of all.",
                "push, in-app, email, sms, phone, post, or all.",
            ),
        ),
        (
            "contact.kind",
            t(
                "proactive, marketing, feedback, service, of all (alle soorten die uit kunnen).",
                "proactive, marketing, feedback, service, or all (all kinds that can be switched off).",
            ),
        ),
        (
            "contact.exempt",
            t(
                "Zonder deze organisatie uit van de algemene schakelaar (on), of niet (off).",
                "Exempt this organisation from the global switch (on), or not (off).",
            ),
        ),
        ("contact.exempt=on", t("Toegestaan.", "Allowed.")),
        ("contact.exempt=off", t("Niet toegestaan.", "Not allowed.")),
        (
            "contact.service_channel",
            t(
                "Het kanaal voor serviceberichten.",
                "The channel for service messages.",
            ),
        ),
        (
            "contact.max_per_week",
            t(
                "Hoogstens zoveel berichten per week, of none.",
                "At most this many messages a week, or `none`.",
            ),
        ),
        (
            "contact.feedback",
            t(
                "Vragen om feedback: never, none, of every-N-months.",
                "Requests for feedback: never, none, or every-N-months.",
            ),
        ),
        ("contact.language", t("Uw taal: nl of en.", "Your language: nl or en.")),
        (
            "contact.address",
            t(
                "Hoe u aangesproken wilt worden: neutral, formal of first-name.",
                "How to address you: neutral, formal or first-name.",
            ),
        ),
        (
            "contact.human",
            t(
                "Hoe u een mens wilt bereiken: phone, chat, email, in-person of post.",
                "How you want to reach a person: phone, chat, email, in-person or post.",
            ),
        ),
        (
            "quiet-hours",
            t(
                "Een vaste tijd per dag zonder berichten (behalve over uw contract).",
                "A daily window without messages (except about your contract).",
            ),
        ),
        ("quiet-hours.org", ORG_SHORT),
        ("quiet-hours.from", t("Begin, UU:MM.", "Start, HH:MM.")),
        (
            "quiet-hours.to",
            t(
                "Einde, UU:MM (mag vroeger zijn dan het begin: over middernacht).",
                "End, HH:MM (may be earlier than the start: over midnight).",
            ),
        ),
        ("quiet-hours.tz", t("De tijdzone.", "Time zone.")),
        ("quiet-hours.off", t("Haal de rustige uren weg.", "Remove the quiet hours.")),
        (
            "sensitive",
            t(
                "Noem een soort gegevens gevoelig: houd die buiten berichten op maat.",
                "Mark a kind of data sensitive: keep it out of personalisation.",
            ),
        ),
        (
            "sensitive.category",
            t(
                "De soort gegevens: pd:Health, de volledige IRI, of Health.",
                "The kind of data: pd:Health, its full IRI, or Health.",
            ),
        ),
        ("sensitive.off", t("Haal het kenmerk gevoelig weg.", "Remove the mark.")),
        ("history", t("Wat er veranderde, en wanneer.", "What changed, and when.")),
        ("history.org", t("Alleen deze organisatie.", "Only this organisation.")),
        (
            "check",
            t(
                "Controleer de kluis: het bestand, de versleuteling en de keten van de geschiedenis.",
                "Check the vault: the file, its encryption and the history chain.",
            ),
        ),
        (
            "backup",
            t(
                "Schrijf een versleutelde reservekopie en controleer die door hem terug te lezen.",
                "Write an encrypted backup and check it by reading it back.",
            ),
        ),
        (
            "backup.file",
            t(
                "Waar hij komt (dat bestand mag nog niet bestaan); - is de uitvoer (stdout).",
                "Where to write it (must not exist yet); - is standard output.",
            ),
        ),
        (
            "restore",
            t(
                "Kom weer in uw kluis met uw herstelcode, eventueel vanuit een reservekopie.",
                "Regain access with your recovery code, optionally from a backup.",
            ),
        ),
        (
            "restore.recovery_code_stdin",
            t(
                "Lees de herstelcode uit de invoer (anders uit $REGIE_RECOVERY_CODE, of Regie vraagt erom in de terminal).",
                "Read the recovery code from standard input (else $REGIE_RECOVERY_CODE, or Regie asks for it in the terminal).",
            ),
        ),
        (
            "restore.from",
            t(
                "Zet deze reservekopie terug naar --vault (dat bestand mag nog niet bestaan); - is de invoer (stdin).",
                "Restore this backup to --vault (which must not exist yet); - is standard input.",
            ),
        ),
        (
            "restore.passphrase",
            t(
                "Beveilig de teruggezette kluis met een wachtwoordzin in plaats van de sleutelbos.",
                "Protect the restored vault with a passphrase instead of the keychain.",
            ),
        ),
        (
            "import",
            t(
                "Lees de eigen verklaring van een organisatie in: wat ze van u heeft en waarom.",
                "Import an organisation's own declaration of what it holds and why.",
            ),
        ),
        (
            "import.file",
            t(
                "Het bestand met de verklaring (regie-declaration/1 of /2); - is de invoer (stdin).",
                "The declaration file (regie-declaration/1 or /2); - is standard input.",
            ),
        ),
        (
            "export",
            t(
                "Maak een ondertekend voorkeurenbestand voor een organisatie (of voor allemaal).",
                "Export a signed preference file for an organisation (or all of them).",
            ),
        ),
        (
            "export.org",
            t(
                "De organisatie (kenmerk of precieze naam). Laat weg met --all.",
                "The organisation (id or exact name). Leave out with --all.",
            ),
        ),
        (
            "export.all",
            t(
                "Elke organisatie, een bestand per organisatie, in de map van --out.",
                "Every organisation, one file each, into the folder given by --out.",
            ),
        ),
        (
            "export.out",
            t(
                "Het bestand (of, met --all, de map) om te schrijven; - is de uitvoer (stdout). Standaard: een bestand met de naam van de organisatie, in de huidige map.",
                "The file (or, with --all, the folder) to write; - is standard output. Default: a file named after the organisation in the current folder.",
            ),
        ),
        (
            "verify",
            t(
                "Controleer een voorkeurenbestand en toon in gewone woorden wat erin staat.",
                "Check a preference file and show what it says, in plain words.",
            ),
        ),
        (
            "verify.file",
            t(
                "Het bestand; - is de invoer (stdin).",
                "The file; - is standard input.",
            ),
        ),
        (
            "verify.org",
            t(
                "Neem alleen een bestand aan dat voor dit organisatiekenmerk is.",
                "Only accept a file meant for this organisation id.",
            ),
        ),
        (
            "rotate",
            t(
                "Vervang uw kenmerk voor een organisatie door een nieuw kenmerk, en bewaar de aankondiging (ondertekend met het oude en het nieuwe kenmerk) om naar de organisatie te sturen.",
                "Replace your identifier for an organisation with a new one, and save the announcement (signed with the old and the new one) to send to it.",
            ),
        ),
        ("rotate.org", ORG),
        (
            "rotate.out",
            t(
                "Het bestand om te schrijven. Standaard: een bestand met de naam van de organisatie.",
                "The file to write. Default: a file named after the organisation.",
            ),
        ),
        (
            "did",
            t(
                "Toon uw eigen kenmerk (did:key) voor een organisatie.",
                "Show your pairwise identifier (did:key) for an organisation.",
            ),
        ),
        ("did.org", ORG),
        (
            "link",
            t(
                "Koppel een organisatie met de koppelcode die zij u gaf: Regie stuurt een ondertekend koppelverzoek naar haar inbox en bewaart het ontvangstbewijs.",
                "Link an organisation with the link code it gave you: Regie sends a signed link request to its inbox and keeps the receipt.",
            ),
        ),
        ("link.org", ORG),
        (
            "link.code",
            t(
                "De koppelcode, zoals 7K3Q-M9TD-2HX2 (streepjes en spaties mogen, hoofdletters of kleine letters).",
                "The link code, such as 7K3Q-M9TD-2HX2 (hyphens and spaces allowed, upper or lower case).",
            ),
        ),
        (
            "send",
            t(
                "Stuur wat wacht naar de inbox van een organisatie (of van alle organisaties waarvoor het tijd is) en bewaar de ontvangstbewijzen.",
                "Send what waits to an organisation's inbox (or to every organisation whose turn it is) and keep the receipts.",
            ),
        ),
        (
            "send.org",
            t(
                "De organisatie (kenmerk of precieze naam): nu versturen, ook als de volgende poging pas later was. Laat weg met --all.",
                "The organisation (id or exact name): send now, even if the next try was later. Leave out with --all.",
            ),
        ),
        (
            "send.all",
            t(
                "Elke organisatie waarvoor iets wacht en het tijd is voor een nieuwe poging.",
                "Every organisation with something waiting whose next try is due.",
            ),
        ),
        (
            "outbox",
            t(
                "Toon wat nog verstuurd moet worden: per organisatie sinds wanneer, de volgende poging en wat er de laatste keer misging.",
                "Show what waits to be sent: per organisation since when, the next try and what went wrong last time.",
            ),
        ),
        (
            "receipts",
            t(
                "Toon de ontvangstbewijzen van een organisatie, en de vingerafdruk van haar sleutel.",
                "Show an organisation's receipts, and its key's fingerprint.",
            ),
        ),
        ("receipts.org", ORG),
        (
            "request",
            t(
                "Gebruik uw rechten onder de AVG: een verzoek opstellen, de brief maken, en bijhouden wanneer het verstuurd en beantwoord is.",
                "Use your rights under the GDPR: draft a request, make its letter, and keep track of when it was sent and answered.",
            ),
        ),
        (
            "request new",
            t(
                "Stel een verzoek op aan een organisatie; toont het nummer van het verzoek.",
                "Draft a request to an organisation; shows the request's number.",
            ),
        ),
        ("request new.org", ORG),
        (
            "request new.right",
            t(
                "Het recht: access (inzage), rectification (verbeteren), erasure (wissen), restriction (beperken), portability (meenemen), objection (bezwaar) of withdrawal (toestemming intrekken).",
                "The right: access, rectification, erasure, restriction, portability, objection or withdrawal (of consent).",
            ),
        ),
        (
            "request new.detail",
            t(
                "Een gegeven over u dat in de brief mag, als NAAM=WAARDE: name, address (een regel per keer), email, phone, customer-number, date-of-birth (JJJJ-MM-DD), of een eigen naam. Herhaal voor meer. Wat u niet noemt, staat nergens in de brief.",
                "A detail about you that may go into the letter, as NAME=VALUE: name, address (one line each time), email, phone, customer-number, date-of-birth (YYYY-MM-DD), or a name of your own. Repeat for more. What you do not give is nowhere in the letter.",
            ),
        ),
        (
            "request new.purpose",
            t(
                "Bij bezwaar of intrekken: het doel waar het om gaat (herhaal voor meer). Zonder: de doelen waartegen u in Regie bezwaar maakte of uw toestemming introk.",
                "For an objection or a withdrawal: the purpose concerned (repeat for more). Without: the purposes you objected to, or withdrew consent for, in Regie.",
            ),
        ),
        (
            "request new.note",
            t(
                "Uw eigen woorden in de brief: bij verbeteren wat niet klopt en hoe het wel moet (nodig), anders een reden of toelichting.",
                "Your own words in the letter: for rectification what is wrong and what it should be (needed), otherwise a reason or note.",
            ),
        ),
        (
            "request letter",
            t(
                "Maak de brief voor een verzoek, of (als het te laat is) een herinnering of een klacht bij de Autoriteit Persoonsgegevens.",
                "Make the letter for a request, or (when it is overdue) a reminder or a complaint to the Autoriteit Persoonsgegevens.",
            ),
        ),
        ("request letter.id", t("Het nummer van het verzoek.", "The request's number.")),
        (
            "request letter.kind",
            t(
                "letter (het verzoek zelf), reminder (herinnering) of complaint (klacht).",
                "letter (the request itself), reminder or complaint.",
            ),
        ),
        (
            "request letter.format",
            t(
                "text, pdf (om te printen en op te sturen) of eml (om te openen in uw mailprogramma).",
                "text, pdf (to print and post) or eml (to open in your mail program).",
            ),
        ),
        ("request letter.format=text", t("Gewone tekst.", "Plain text.")),
        ("request letter.format=pdf", t("Een PDF voor de post (vensterenvelop).", "A PDF for the post (window envelope).")),
        ("request letter.format=eml", t("Een e-mail om te versturen.", "An e-mail to send.")),
        (
            "request letter.out",
            t(
                "Het bestand om te schrijven; - is de uitvoer (stdout).",
                "The file to write; - is standard output.",
            ),
        ),
        (
            "request sent",
            t(
                "Zet een verzoek op verstuurd: vanaf dan loopt de termijn.",
                "Mark a request sent: its deadline runs from then.",
            ),
        ),
        ("request sent.id", t("Het nummer van het verzoek.", "The request's number.")),
        (
            "request sent.on",
            t(
                "De dag van versturen (bij de post: van posten), JJJJ-MM-DD.",
                "The day it was sent (for post: posted), YYYY-MM-DD.",
            ),
        ),
        (
            "request sent.via",
            t(
                "Hoe: email, post of webform.",
                "How: email, post or webform.",
            ),
        ),
        (
            "request sent.delivered",
            t(
                "Bij aangetekende post: de dag van bezorgen, JJJJ-MM-DD (anders telt Regie twee werkdagen na het posten).",
                "For registered post: the day it was delivered, YYYY-MM-DD (else Regie counts two working days after posting).",
            ),
        ),
        (
            "request answered",
            t(
                "Leg het antwoord vast, met het bestand dat erbij kwam (versleuteld bewaard, tot 10 MB; een verklaring wordt ingelezen).",
                "Record the answer, with the file that came with it (kept encrypted, up to 10 MB; a declaration is imported).",
            ),
        ),
        ("request answered.id", t("Het nummer van het verzoek.", "The request's number.")),
        (
            "request answered.on",
            t("De dag van het antwoord, JJJJ-MM-DD.", "The day the answer came, YYYY-MM-DD."),
        ),
        (
            "request answered.outcome",
            t(
                "full (helemaal), partial (deels) of refused (geweigerd).",
                "full, partial or refused.",
            ),
        ),
        (
            "request answered.file",
            t("Het bestand dat bij het antwoord kwam.", "The file that came with the answer."),
        ),
        (
            "request extended",
            t(
                "Leg vast dat de organisatie twee maanden extra nam (dat mag één keer, binnen de eerste maand).",
                "Record that the organisation took two more months (allowed once, within the first month).",
            ),
        ),
        ("request extended.id", t("Het nummer van het verzoek.", "The request's number.")),
        (
            "request extended.on",
            t(
                "De dag waarop de organisatie dat liet weten, JJJJ-MM-DD.",
                "The day the organisation said so, YYYY-MM-DD.",
            ),
        ),
        (
            "requests",
            t(
                "Toon uw verzoeken, elk met de stand en de termijn; te laat beantwoorde staan gemarkeerd.",
                "Show your requests, each with its state and deadline; overdue ones are marked.",
            ),
        ),
        (
            "directory",
            t(
                "De lijst van organisaties met hun privacyadressen (van datarequests.org) die met Regie meekomt.",
                "The directory of organisations' privacy addresses (from datarequests.org) that comes with Regie.",
            ),
        ),
        ("directory search", t("Zoek een organisatie.", "Search for an organisation.")),
        (
            "directory search.text",
            t(
                "Een naam of een deel ervan, zoals \"ABN AMRO\".",
                "A name or part of one, such as \"ABN AMRO\".",
            ),
        ),
        (
            "directory add",
            t(
                "Voeg een organisatie uit de lijst toe aan uw kluis; wat u zelf verbetert, geldt.",
                "Add an organisation from the directory to your vault; what you correct yourself applies.",
            ),
        ),
        (
            "directory add.slug",
            t(
                "De sleutel in de lijst, tussen [ ] bij regie directory search.",
                "Its key in the directory, in [ ] in regie directory search.",
            ),
        ),
        (
            "directory add.id",
            t(
                "Het kenmerk in uw kluis (standaard de sleutel in de lijst).",
                "Its id in your vault (default: its key in the directory).",
            ),
        ),
        (
            "directory add.privacy_email",
            t(
                "Uw eigen verbetering van het e-mailadres voor privacyverzoeken.",
                "Your own correction of the e-mail address for privacy requests.",
            ),
        ),
        (
            "directory add.privacy_postal",
            t(
                "Uw eigen verbetering van het postadres, een regel per keer.",
                "Your own correction of the postal address, one line each time.",
            ),
        ),
    ],
    value_names: &[
        ("PATH", "PAD"),
        ("LANG", "TAAL"),
        ("ORG", "ORGANISATIE"),
        ("ID", "KENMERK"),
        ("NAME", "NAAM"),
        ("SECTOR", "SECTOR"),
        ("WEBSITE", "WEBSITE"),
        ("PRIVACY_EMAIL", "E-MAIL"),
        ("PRIVACY_POSTAL", "ADRES"),
        ("CATEGORY", "GEGEVENS"),
        ("PURPOSE", "DOEL"),
        ("BASIS", "GRONDSLAG"),
        ("RETENTION", "DUUR"),
        ("GRAIN", "DETAIL"),
        ("ACTION", "ACTIE"),
        ("ORG|on|off", "ORGANISATIE|on|off"),
        ("CHANNEL", "KANAAL"),
        ("KIND", "SOORT"),
        ("on|off", "on|off"),
        ("SERVICE_CHANNEL", "KANAAL"),
        ("N|none", "N|none"),
        ("never|none|every-N-months", "never|none|every-N-months"),
        ("LANGUAGE", "TAAL"),
        ("ADDRESS", "AANSPREKEN"),
        ("HUMAN", "CONTACT"),
        ("FROM", "BEGIN"),
        ("TO", "EINDE"),
        ("TZ", "TIJDZONE"),
        ("FILE", "BESTAND"),
        ("CODE", "CODE"),
        ("BACKUP", "RESERVEKOPIE"),
        ("RIGHT", "RECHT"),
        ("NUMBER", "NUMMER"),
        ("NAME=VALUE", "NAAM=WAARDE"),
        ("NOTE", "TOELICHTING"),
        ("letter|reminder|complaint", "letter|reminder|complaint"),
        ("FORMAT", "VORM"),
        ("FILE|-", "BESTAND|-"),
        ("YYYY-MM-DD", "JJJJ-MM-DD"),
        ("email|post|webform", "email|post|webform"),
        ("full|partial|refused", "full|partial|refused"),
        ("TEXT", "TEKST"),
        ("SLUG", "SLEUTEL"),
        ("LINE", "REGEL"),
    ],
};

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::CommandFactory;
    use regie_model::Language;

    use super::*;
    use crate::args::Cli;

    /// Adding an argument without a Dutch and an English help text fails
    /// here, as does a text for an argument that is gone.
    #[test]
    fn every_command_and_argument_has_both_texts() {
        let missing = regie_cli_text::missing(&Cli::command(), &HELP);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// What `main` does with the arguments: the language first, then the
    /// parse, in that language.
    fn parse(args: &[&str]) -> regie_cli_text::Stop {
        let args: Vec<OsString> = std::iter::once("regie")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        let lang = regie_cli_text::language(&args, |_| None);
        *regie_cli_text::parse::<Cli>(Cli::command(), &HELP, args, lang).unwrap_err()
    }

    /// `regie --lang nl init --help` was English: clap's own help.
    #[test]
    fn help_is_dutch_in_dutch() {
        let s = parse(&["--lang", "nl", "init", "--help"]);
        assert_eq!((s.code, s.stderr), (0, false));
        for want in [
            "Maak een nieuwe kluis",
            "Gebruik: regie init [OPTIES]",
            "--passphrase",
            "Beveilig de kluis met een wachtwoordzin",
            "--vault <PAD>",
            "Toon deze hulp",
        ] {
            assert!(s.text.contains(want), "{want:?} in:\n{}", s.text);
        }
        for english in ["Usage", "Options", "Print help", "Create a new vault"] {
            assert!(!s.text.contains(english), "{english:?} in:\n{}", s.text);
        }
        let s = parse(&["--lang", "nl", "--help"]);
        assert!(s.text.contains("Afsluitcodes:"), "{}", s.text);
        assert!(!s.text.contains("Exit codes"), "{}", s.text);
        let s = parse(&["--lang", "en", "contact", "--help"]);
        assert!(
            s.text.contains("Usage: regie contact [OPTIONS]"),
            "{}",
            s.text
        );
        assert!(s.text.contains("Examples:"), "{}", s.text);
    }

    /// Usage errors of `regie` were English: clap's own.
    #[test]
    fn usage_errors_are_dutch_in_dutch_with_exit_2() {
        let s = parse(&["--lang", "nl", "frobnicate"]);
        assert_eq!((s.code, s.stderr), (2, true));
        assert!(
            s.text.starts_with("Fout: 'frobnicate' is geen opdracht."),
            "{}",
            s.text
        );
        assert!(
            s.text.contains("Gebruik: regie [OPTIES] <OPDRACHT>"),
            "{}",
            s.text
        );
        let s = parse(&[
            "--lang",
            "nl",
            "contact",
            "shop",
            "--channel",
            "pigeon",
            "off",
        ]);
        assert_eq!(s.code, 2);
        assert!(
            s.text
                .starts_with("Fout: 'pigeon' kan niet bij --channel <KANAAL>."),
            "{}",
            s.text
        );
        assert!(
            s.text.contains("Meer uitleg: regie contact --help"),
            "{}",
            s.text
        );
        let s = parse(&["--lang", "nl", "consent", "shop", "dpv:X", "maybe"]);
        assert!(
            s.text
                .starts_with("Fout: 'maybe' kan niet bij <ACTIE>. Kies uit: give, withdraw."),
            "{}",
            s.text
        );
        let s = parse(&["--lang", "en", "consent", "shop", "dpv:X", "maybe"]);
        assert!(
            s.text
                .starts_with("Error: 'maybe' is not a valid value for <ACTION>."),
            "{}",
            s.text
        );
    }

    /// Both command lines choose the language by one rule, Dutch last.
    #[test]
    fn the_language_is_dutch_unless_something_says_otherwise() {
        let args = [OsString::from("regie")];
        assert_eq!(regie_cli_text::language(&args, |_| None), Language::Nl);
        let c = |k: &str| (k == "LANG").then(|| "C.UTF-8".to_owned());
        assert_eq!(regie_cli_text::language(&args, c), Language::En);
    }
}
