//! Every text the command line shows a person, in Dutch (plain, B1) and
//! English, side by side.
//!
//! Keeping the pairs in one place makes a missing translation visible in
//! review and keeps the command modules free of prose. Texts with `{name}`
//! placeholders are filled in with [`fill`].

use regie_cli_text::Plural;
use regie_model::{Concept, Language, MessageKind, SwitchState, Text};

/// Picks the text for the language.
pub fn tr(lang: Language, t: Text) -> &'static str {
    t.get(lang)
}

/// Picks the text and replaces each `{key}` with its value.
pub fn fill(lang: Language, t: Text, vars: &[(&str, &str)]) -> String {
    t.fill(lang, vars)
}

use regie_model::texts;

texts! {
    // ----- declarations ---------------------------------------------------
    DECL_IMPORTED = (
        "Verklaring van {name} ({org}) van {date} ingelezen.",
        "Declaration of {name} ({org}) dated {date} imported."
    );
    DECL_NEW_ORG = ("Deze organisatie is nieuw in uw kluis.", "This organisation is new in your vault.");
    DECL_ADDED = ("Nieuw: {what}", "New: {what}");
    DECL_REMOVED = ("Niet meer genoemd, dus verwijderd: {what}", "No longer listed, so removed: {what}");
    DECL_BASIS = (
        "Andere grondslag voor {what}: {from} -> {to}",
        "Different legal basis for {what}: {from} -> {to}"
    );
    // ----- preference files ---------------------------------------------
    EXPORTED = (
        "Ondertekend voorkeurenbestand voor {org} opgeslagen in {path} (volgnummer {seq}).",
        "Signed preference file for {org} saved to {path} (sequence {seq})."
    );
    EXPORT_NOT_RECORDED = (
        "de kluis kan alleen gelezen worden, dus staat deze export niet in de geschiedenis",
        "the vault can only be read, so this export is not in the history"
    );
    EXPORT_NEXT = (
        "Stuur dit bestand naar de organisatie. Die kan met openbare software controleren dat het van u komt en niet is veranderd.",
        "Send this file to the organisation. It can check with public software that it comes from you and was not changed."
    );
    EXPORT_NEEDS_ORG = (
        "noem een organisatie (regie export ORG) of gebruik --all met --out MAP",
        "name an organisation (regie export ORG) or use --all with --out FOLDER"
    );
    EXPORT_WRITE_FAILED = ("kan {path} niet schrijven: {err}", "could not write {path}: {err}");
    READ_FAILED = ("kan {path} niet lezen: {err}", "could not read {path}: {err}");
    VERIFY_OK = (
        "Dit bestand is in orde: het is ondertekend en niet veranderd.",
        "This file is valid: it is signed and has not been changed."
    );
    VERIFY_FOR = ("Voor: {name} ({id})", "For: {name} ({id})");
    VERIFY_SEQ = ("Volgnummer: {seq}, gemaakt op {at}", "Sequence: {seq}, made on {at}");
    VERIFY_BY = ("Ondertekend door: {did}", "Signed by: {did}");
    VERIFY_SAYS = ("Wat erin staat:", "What it says:");
    VERIFY_REJECTED = (
        "Dit bestand is afgekeurd ({code}): {detail}. {advice}",
        "This file was rejected ({code}): {detail}. {advice}"
    );
    UNKNOWN_FILE_KIND = (
        "Dit is een soort Regie-bestand die deze versie niet kent. Werk Regie bij.",
        "This is a kind of Regie file this version does not know. Update Regie."
    );
    ROTATED = (
        "Nieuw kenmerk voor {org}: {did}. Stuur {path} naar de organisatie: dat bestand is ondertekend met uw oude en met uw nieuwe kenmerk, zodat zij weet dat het nieuwe van u is.",
        "New identifier for {org}: {did}. Send {path} to the organisation: it is signed with your old and your new identifier, so it knows the new one is yours."
    );
    DID_IS = (
        "Uw eigen kenmerk voor {org}. Geef dit door aan de organisatie, zodat zij uw bestanden herkent. Andere organisaties krijgen een ander kenmerk.",
        "Your own identifier for {org}. Give it to the organisation so it recognises your files. Other organisations get a different one."
    );
    ROTATION_QUEUED = (
        "De aankondiging wacht ook om naar de inbox van {org} gestuurd te worden: regie send {org}.",
        "The announcement also waits to be sent to {org}'s inbox: regie send {org}."
    );
    // ----- delivery -------------------------------------------------------
    DECL_PINNED = (
        "Bestanden voor deze organisatie gaan naar {host}. Sleutel van de organisatie vastgelegd, vingerafdruk: {fp}. Vergelijk die met wat de organisatie zelf laat zien (haar website, een brief).",
        "Files for this organisation go to {host}. Organisation's key recorded, fingerprint: {fp}. Compare it with what the organisation shows itself (its website, a letter)."
    );
    DECL_KEY_SAME = (
        "Bestanden voor deze organisatie gaan naar {host}. Ondertekend met de vastgelegde sleutel (vingerafdruk {fp}).",
        "Files for this organisation go to {host}. Signed with the recorded key (fingerprint {fp})."
    );
    DECL_KEY_CHANGED = (
        "De organisatie heeft een nieuwe sleutel, en haar oude sleutel ondertekende de wissel: vingerafdruk {from} -> {fp}. Bestanden gaan naar {host}.",
        "The organisation has a new key, and its old key signed the change: fingerprint {from} -> {fp}. Files go to {host}."
    );
    FILE_PREFERENCES = ("voorkeurenbestand", "preference file");
    FILE_KEY_ROTATION = ("nieuw kenmerk (aankondiging)", "new identifier (announcement)");
    FILE_LINK_REQUEST = ("koppelverzoek", "link request");
    RECEIPT_FILE_SEQ = ("{kind} {seq}", "{kind} {seq}");
    RECEIPT_ACCEPTED = ("aangenomen, geldt vanaf {from}", "accepted, in force from {from}");
    RECEIPT_ALREADY = ("had de organisatie al", "the organisation had it already");
    RECEIPT_REJECTED = ("geweigerd: {reason}", "refused: {reason}");
    LINKED = (
        "Gekoppeld: {name} ({org}) weet nu welk kenmerk bij u hoort. Het ontvangstbewijs staat in uw kluis.",
        "Linked: {name} ({org}) now knows which identifier is yours. The receipt is in your vault."
    );
    LINK_QUEUED = (
        "Uw voorkeuren wachten om verstuurd te worden: regie send {org}.",
        "Your preferences wait to be sent: regie send {org}."
    );
    SEND_NEEDS_ORG = (
        "noem een organisatie (regie send ORG) of gebruik --all",
        "name an organisation (regie send ORG) or use --all"
    );
    SEND_STOPPED = ("{name} ({org}): niet afgeleverd: {why}.", "{name} ({org}): not delivered: {why}.");
    SEND_NEXT_TRY = (
        "Het bestand blijft wachten; Regie probeert het opnieuw na {at}.",
        "The file keeps waiting; Regie tries again after {at}."
    );
    SEND_HELD = (
        "Het bestand blijft wachten; Regie stuurt deze organisatie niets meer tot u dit met haar heeft nagegaan.",
        "The file keeps waiting; Regie sends this organisation nothing more until you have checked this with it."
    );
    SEND_NOTHING_FOR = (
        "{name} ({org}): er wacht niets om verstuurd te worden.",
        "{name} ({org}): nothing waits to be sent."
    );
    SEND_NOTHING_DUE = (
        "Er wacht niets dat nu verstuurd moet worden (zie regie outbox).",
        "Nothing waits that is due now (see regie outbox)."
    );
    SEND_NOT_ALL = (
        "niet alles is afgeleverd ({n} organisatie(s)); niets is verloren: de bestanden blijven wachten en gaan later alsnog",
        "not everything was delivered ({n} organisation(s)); nothing is lost: the files keep waiting and go later"
    );
    OUTBOX_EMPTY = ("Er wacht niets om verstuurd te worden.", "Nothing waits to be sent.");
    OUTBOX_SINCE = ("wacht sinds {at}", "waiting since {at}");
    OUTBOX_LAST_ERROR = ("laatste poging: {why}", "last try: {why}");
    OUTBOX_NEXT_NOW = ("gaat mee bij de volgende regie send", "goes with the next regie send");
    OUTBOX_UP_TO_DATE = (
        "{name} ({org}): gekoppeld, alles is afgeleverd.",
        "{name} ({org}): linked, everything delivered."
    );
    RECEIPTS_KEY = (
        "{name}: bestanden gaan naar {host}; sleutel van de organisatie, vingerafdruk {fp}.",
        "{name}: files go to {host}; organisation's key, fingerprint {fp}."
    );
    RECEIPTS_NO_INBOX = (
        "{name}: Regie kent geen inbox van deze organisatie (er is geen ondertekende verklaring ingelezen).",
        "{name}: Regie knows no inbox of this organisation (no signed declaration was imported)."
    );
    RECEIPTS_NONE = ("Nog geen ontvangstbewijzen.", "No receipts yet.");
    // ----- requests -------------------------------------------------------
    REQUEST = ("Verzoek", "Request");
    REQUEST_MADE = (
        "Verzoek {id} opgesteld: {right}, aan {org}.",
        "Request {id} drafted: {right}, to {org}."
    );
    REQUEST_NEXT_LETTER = (
        "Maak de brief met regie request letter {id} --out BESTAND (--format pdf voor de post, eml voor uw mailprogramma), verstuur hem en zet het verzoek dan op verstuurd: regie request sent {id} --on JJJJ-MM-DD --via email|post|webform.",
        "Make the letter with regie request letter {id} --out FILE (--format pdf for the post, eml for your mail program), send it, then mark the request sent: regie request sent {id} --on YYYY-MM-DD --via email|post|webform."
    );
    LETTER_SAVED = ("Brief opgeslagen in {path}: {subject}", "Letter saved to {path}: {subject}");
    COMPLAINT_WHERE = (
        "Een klacht dient u in via het formulier op {form}, of per post: {address}.",
        "File the complaint through the form at {form}, or by post: {address}."
    );
    EML_NEEDS_EMAIL = (
        "voor een e-mail is uw eigen e-mailadres nodig, maar u koos het niet voor dit verzoek: maak het verzoek opnieuw met --detail email=UW-ADRES, of kies --format text of pdf",
        "an e-mail needs your own e-mail address, but you did not choose it for this request: make the request again with --detail email=YOUR-ADDRESS, or choose --format text or pdf"
    );
    ANSWER_FILE_KEPT = (
        "Bestand {name} ({bytes} bytes) versleuteld bewaard in uw kluis.",
        "File {name} ({bytes} bytes) kept encrypted in your vault."
    );
    ANSWER_DECLARATION_IMPORTED = (
        "Het bestand is een verklaring van de organisatie (van {date}): ingelezen zoals regie import dat doet ({added} erbij, {removed} eraf).",
        "The file is the organisation's declaration (dated {date}): imported as regie import does ({added} added, {removed} removed)."
    );
    ANSWER_DECLARATION_NOT_NEWER = (
        "Het bestand is een verklaring van de organisatie, maar niet nieuwer dan die van {date} in uw kluis: niet opnieuw ingelezen.",
        "The file is the organisation's declaration, but not newer than the one of {date} in your vault: not imported again."
    );
    REQUESTS_NONE = (
        "Nog geen verzoeken. Begin er een met regie request new ORGANISATIE --right access.",
        "No requests yet. Start one with regie request new ORGANISATION --right access."
    );
    REQUESTS_TITLE = (
        "Uw verzoeken op {today} ({overdue} te laat beantwoord):",
        "Your requests on {today} ({overdue} overdue):"
    );
    OVERDUE_MARK = ("TE LAAT", "OVERDUE");
    REQUESTS_OVERDUE_NEXT = (
        "Bij een verzoek dat te laat is: stuur een herinnering (regie request letter NUMMER --kind reminder --out BESTAND), en komt er dan nog geen antwoord, een klacht (--kind complaint).",
        "For an overdue request: send a reminder (regie request letter NUMBER --kind reminder --out FILE), and if no answer comes then, a complaint (--kind complaint)."
    );
    DUE_ON = ("termijn: {due}", "due: {due}");
    DIRECTORY_NONE = ("Niets gevonden voor '{text}'.", "Nothing found for '{text}'.");
    EMAIL_WORD = ("e-mail", "e-mail");
    WEBFORM_WORD = ("webformulier", "web form");
    POST_WORD = ("post", "post");
    BAD_DATE = (
        "'{value}' is geen datum: schrijf die als JJJJ-MM-DD, bijvoorbeeld 2026-03-02",
        "'{value}' is not a date: write it as YYYY-MM-DD, for example 2026-03-02"
    );
    BAD_DETAIL = (
        "'{value}' is geen gegeven: schrijf NAAM=WAARDE, zoals name=\"Sam de Vries\" of klantnummer=K-1001",
        "'{value}' is not a detail: write NAME=VALUE, such as name=\"Sam de Vries\" or customer-number=K-1001"
    );
    // ----- words ----------------------------------------------------------
    YES = ("ja", "yes");
    NO = ("nee", "no");
    NONE = ("geen", "none");
    ALWAYS = ("altijd", "always");

    // ----- errors made by the command line itself ------------------------
    ERROR = ("Fout", "Error");
    NO_DATA_DIR = (
        "Regie weet niet waar de kluis moet staan: geef een pad met --vault of REGIE_VAULT",
        "Regie cannot tell where to keep the vault: give a path with --vault or REGIE_VAULT"
    );
    ASK_PASSPHRASE = ("Wachtwoordzin van de kluis:", "The vault's passphrase:");
    ASK_NEW_PASSPHRASE = (
        "Kies een wachtwoordzin voor de nieuwe kluis (wat u typt, blijft onzichtbaar):",
        "Choose a passphrase for the new vault (what you type stays hidden):"
    );
    ASK_PASSPHRASE_AGAIN = ("Typ dezelfde wachtwoordzin nog een keer:", "Type the same passphrase once more:");
    PASSPHRASE_SHORT_AGAIN = (
        "Die is te kort: een wachtwoordzin heeft minstens {n} tekens. Probeer het nog eens.",
        "That is too short: a passphrase has at least {n} characters. Try again."
    );
    PASSPHRASES_DIFFER = (
        "De twee wachtwoordzinnen zijn niet gelijk. Probeer het nog eens.",
        "The two passphrases differ. Try again."
    );
    PASSPHRASE_GAVE_UP = (
        "er is geen wachtwoordzin gekozen: drie keer waren de twee niet gelijk of was hij te kort. Er is niets gemaakt",
        "no passphrase was chosen: three times the two differed or it was too short. Nothing was made"
    );
    NEW_PASSPHRASE_NEEDED = (
        "een kluis met wachtwoordzin heeft een wachtwoordzin nodig: start het commando in een terminal, dan vraagt Regie erom, of geef hem via REGIE_PASSPHRASE of --passphrase-stdin. Er is niets gemaakt",
        "a passphrase vault needs a passphrase: run the command in a terminal and Regie asks for it, or give it in REGIE_PASSPHRASE or with --passphrase-stdin. Nothing was made"
    );
    STDIN_WITHOUT_PASSPHRASE = (
        "--passphrase-stdin geeft een wachtwoordzin, maar zonder --passphrase zet regie {command} de sleutel in de sleutelbos en niet achter een wachtwoordzin. Gebruik regie {command} --passphrase --passphrase-stdin, of laat --passphrase-stdin weg. Er is niets gemaakt",
        "--passphrase-stdin gives a passphrase, but without --passphrase regie {command} keeps the key in the keychain, not behind a passphrase. Use regie {command} --passphrase --passphrase-stdin, or leave out --passphrase-stdin. Nothing was made"
    );
    STDIN_TWICE = (
        "met --from - komt de reservekopie via de invoer (stdin), dus de herstelcode en de wachtwoordzin kunnen daar niet ook komen: geef ze via REGIE_RECOVERY_CODE en REGIE_PASSPHRASE. Er is niets gemaakt",
        "with --from - the backup comes on standard input, so the recovery code and the passphrase cannot come there too: give them in REGIE_RECOVERY_CODE and REGIE_PASSPHRASE. Nothing was made"
    );
    ASK_RECOVERY_CODE = (
        "Uw herstelcode (wat u typt, blijft onzichtbaar):",
        "Your recovery code (what you type stays hidden):"
    );
    STDIN_EMPTY = (
        "er kwam geen regel binnen via de invoer (stdin)",
        "no line arrived on standard input"
    );
    STDIN_FAILED = ("kan de invoer (stdin) niet lezen: {err}", "cannot read standard input: {err}");
    RECOVERY_CODE_NEEDED = (
        "geef de herstelcode: start het commando in een terminal, dan vraagt Regie erom, of geef hem via de invoer (--recovery-code-stdin) of REGIE_RECOVERY_CODE, nooit als argument",
        "give the recovery code: run the command in a terminal and Regie asks for it, or give it on standard input (--recovery-code-stdin) or in REGIE_RECOVERY_CODE, never as an argument"
    );
    BAD_PURPOSE = (
        "'{value}' is geen doel: gebruik de naam die `regie show` laat zien (zoals \"Reclame aan u\") of een DPV-term (zoals dpv:DirectMarketing)",
        "'{value}' is not a purpose: use the name `regie show` shows (such as \"Advertising to you\") or a DPV term (such as dpv:DirectMarketing)"
    );
    BAD_CATEGORY = (
        "'{value}' is geen soort gegevens: gebruik de naam die `regie show` laat zien (zoals Geldzaken) of een DPV-term (zoals pd:Financial)",
        "'{value}' is not a kind of data: use the name `regie show` shows (such as \"Financial data\") or a DPV term (such as pd:Financial)"
    );
    BAD_BASIS = (
        "'{value}' is geen grondslag: kies uit consent, contract, legal-obligation, vital-interest, public-interest, legitimate-interest, of gebruik de naam die `regie show` laat zien (zoals \"Verplicht door de wet\")",
        "'{value}' is not a legal basis: choose from consent, contract, legal-obligation, vital-interest, public-interest, legitimate-interest, or use the name `regie show` shows (such as \"Required by law\")"
    );
    BAD_GRAIN = (
        "'{value}' is geen manier van kijken: gebruik general-incidental, general-continuous, specific-incidental of specific-continuous",
        "'{value}' is not a grain: use general-incidental, general-continuous, specific-incidental or specific-continuous"
    );
    BAD_ORG_ID = (
        "'{value}' is geen geldige code voor een organisatie: gebruik kvk: en 8 cijfers, oin: en 20 cijfers, of kleine letters, cijfers en streepjes",
        "'{value}' is not a valid organisation id: use kvk: and 8 digits, oin: and 20 digits, or lower-case letters, digits and hyphens"
    );
    BAD_TIME = (
        "'{value}' is geen tijd: schrijf die als UU:MM, bijvoorbeeld 21:00",
        "'{value}' is not a time: write it as HH:MM, for example 21:00"
    );
    BAD_FEEDBACK = (
        "'{value}' past niet: gebruik never, none of every-N-months (N van 1 tot 60)",
        "'{value}' does not fit: use never, none or every-N-months (N from 1 to 60)"
    );
    BAD_MAX = (
        "'{value}' past niet: gebruik een aantal van 1 tot 1000, of none",
        "'{value}' does not fit: use a number from 1 to 1000, or none"
    );
    SERVICE_NOT_BLOCKABLE = (
        "serviceberichten kunt u niet uitzetten: die zijn nodig voor uw contract. U kunt wel kiezen hoe u ze krijgt (--service-channel)",
        "service messages cannot be switched off: your contract needs them. You can choose how you get them instead (--service-channel)"
    );
    CONTACT_NEEDS_TARGET = (
        "zeg voor wie: een organisatie, of --all-orgs voor alle organisaties",
        "say for whom: an organisation, or --all-orgs for every organisation"
    );
    CONTACT_NOTHING = (
        "zeg wat u wilt veranderen: --channel en --kind met aan of uit, of een van de andere opties (zie `regie contact --help`)",
        "say what to change: --channel and --kind with on or off, or one of the other options (see `regie contact --help`)"
    );
    CONTACT_NEEDS_SWITCH = (
        "zeg of het aan of uit moet: aan of uit (on of off)",
        "say whether to switch it on or off: on or off"
    );
    CONTACT_NEEDS_CELL = (
        "geef --channel en --kind samen (of laat ze allebei weg bij --all-orgs)",
        "give --channel and --kind together (or leave both out with --all-orgs)"
    );
    QUIET_NEEDS = (
        "geef --from en --to, of --off",
        "give --from and --to, or --off"
    );
    // ----- init -----------------------------------------------------------
    INIT_DONE = ("Uw kluis staat klaar: {path}", "Your vault is ready: {path}");
    INIT_KEYCHAIN = (
        "De sleutel staat in de sleutelbos van uw computer.",
        "Its key is kept in your computer's keychain."
    );
    INIT_PASSPHRASE = (
        "De kluis gaat alleen open met uw wachtwoordzin.",
        "The vault only opens with your passphrase."
    );
    RECOVERY_TITLE = ("Uw herstelcode:", "Your recovery code:");
    RECOVERY_EXPLAIN = (
        "Schrijf deze code op papier en bewaar hem goed. U ziet hem maar één keer.\nRaakt u de sleutelbos of uw wachtwoordzin kwijt, dan is dit de enige manier\nom weer in uw kluis (en in uw reservekopieën) te komen. Niemand anders kan u helpen.",
        "Write this code down on paper and keep it safe. It is shown only once.\nIf you lose the keychain or your passphrase, this is the only way back into\nyour vault (and into your backups). Nobody else can help you."
    );
    INIT_NEXT = (
        "Volgende stap: voeg een organisatie toe met `regie org add`, of probeer eerst `regie demo`.",
        "Next: add an organisation with `regie org add`, or try `regie demo` first."
    );

    // ----- demo -----------------------------------------------------------
    DEMO_TITLE = (
        "Regie-demo: een kluis met voorbeeldorganisaties",
        "Regie demo: a vault with example organisations"
    );
    DEMO_EXAMPLE_NOTE = (
        "Dit zijn voorbeelden om te laten zien hoe Regie werkt, geen echte gegevens over u.",
        "These are examples to show how Regie works, not real data about you."
    );
    DEMO_THROWAWAY = (
        "Deze kluis is tijdelijk: hij wordt gewist zodra dit commando klaar is.",
        "This vault is temporary: it is deleted as soon as this command ends."
    );
    DEMO_KEPT = ("Deze kluis blijft bewaard op {path}.", "This vault is kept at {path}.");
    DEMO_NO_EXAMPLES = (
        "Er zijn (nog) geen voorbeeldorganisaties in deze versie van Regie.",
        "This version of Regie has no example organisations (yet)."
    );
    DEMO_TRY = ("Probeer ook:", "Try next:");
    DEMO_TRY_KEEP = (
        "een demokluis die blijft, om zelf mee te spelen",
        "a demo vault that stays, to play with yourself"
    );
    DEMO_TRY_SHOW = ("alles over één organisatie", "everything about one organisation");
    DEMO_TRY_PUSH = (
        "geen pushberichten meer van deze organisatie, van welke soort ook",
        "no more push notifications from this organisation, of any kind"
    );
    DEMO_TRY_GLOBAL = (
        "algemene schakelaar uit: geen ongevraagde berichten meer, van geen enkele organisatie (serviceberichten komen wel)",
        "global switch off: no more unsolicited messages from any organisation (service messages still come)"
    );
    DEMO_TRY_NAMES = (
        "een doel mag u noemen zoals `regie show` het laat zien",
        "you may name a purpose as `regie show` shows it"
    );
    DEMO_TRY_HISTORY = ("wat er wanneer is veranderd", "what changed, and when");
    DEMO_TRY_WITHDRAW = ("trek uw toestemming in", "withdraw your permission");

    // ----- overview -------------------------------------------------------
    ORGS_TITLE = ("Organisaties in uw kluis", "Organisations in your vault");
    ORGS_EMPTY = (
        "Er staan nog geen organisaties in uw kluis. Voeg er een toe met `regie org add`.",
        "There are no organisations in your vault yet. Add one with `regie org add`."
    );
    GLOBAL_STATE = ("{switch} staat {state}: {meaning}.", "{switch} is {state}: {meaning}.");
    SECTOR = ("sector", "sector");
    DATA = ("gegevens", "data");
    PURPOSES = ("doelen", "purposes");
    BLOCKED_LIST = ("uitgezet", "switched off");
    ALL_CHANNELS = ("alle kanalen", "every channel");
    ALL_UNSOLICITED = ("alle ongevraagde berichten", "all unsolicited messages");
    SENSITIVE_LIST = (
        "Gevoelige gegevens (buiten persoonlijke aanbiedingen gehouden): {list}",
        "Sensitive data (kept out of personalisation): {list}"
    );

    // ----- one organisation ----------------------------------------------
    WEBSITE = ("website", "website");
    PRIVACY_CONTACT = ("privacycontact", "privacy contact");
    SOURCE_EXAMPLE = ("voorbeeld uit Regie", "example from Regie");
    SOURCE_PERSON = ("door u ingevoerd", "entered by you");
    SOURCE_DECLARATION = ("verklaring van de organisatie", "the organisation's declaration");
    SOURCE = ("bron", "source");
    WHAT_THEY_DO = ("Wat zij met uw gegevens doen", "What they do with your data");
    NO_HOLDINGS = (
        "Nog niets vastgelegd. Voeg het toe met `regie holding add`.",
        "Nothing recorded yet. Add it with `regie holding add`."
    );
    PURPOSE = ("Doel", "Purpose");
    BASIS = ("grondslag", "legal basis");
    DECISION = ("uw keuze", "your choice");
    WHY_LOCKED = ("waarom vast", "why fixed");
    GRAIN = ("hoe zij kijken", "how they look");
    RETENTION = ("bewaard", "kept for");
    NOTE = ("let op", "note");
    SENSITIVE_MARK = ("gevoelig", "sensitive");
    CONTACT_TITLE = ("Berichten: wat mag waar", "Messages: what may come where");
    EFFECTIVE_TITLE = (
        "Wat deze organisatie nu moet naleven (de algemene schakelaar staat uit)",
        "What this organisation must honour now (the global switch is off)"
    );
    EFFECTIVE_EXEMPT = (
        "Deze organisatie is uitgezonderd van de algemene schakelaar: uw eigen keuzes hierboven gelden.",
        "This organisation is exempt from the global switch: your own choices above apply."
    );
    SERVICE_CHANNEL = ("Serviceberichten via", "Service messages by");
    MAX_PER_WEEK = ("Hoogstens per week", "At most per week");
    FEEDBACK_NEVER = ("nooit", "never");
    FEEDBACK_NO_CAP = ("geen grens", "no limit");
    ADDRESS = ("Aanspreekvorm", "Form of address");
    HUMAN = ("Een mens bereiken via", "Reach a person by");
    ADDRESS_NEUTRAL = ("neutraal, zonder aanhef als meneer of mevrouw", "neutral, no Mr or Ms");
    ADDRESS_FORMAL = ("formeel (u)", "formal");
    ADDRESS_FIRST = ("met voornaam (je)", "by first name");
    HUMAN_PHONE = ("telefoon", "phone");
    HUMAN_CHAT = ("chat met een mens", "chat with a person");
    HUMAN_EMAIL = ("e-mail", "e-mail");
    HUMAN_IN_PERSON = ("aan de balie", "in person");
    HUMAN_POST = ("brief", "letter");
    NOT_SET = ("niet gekozen", "not chosen");

    // ----- changes --------------------------------------------------------
    ORG_ADDED = ("Organisatie toegevoegd: {name} ({id})", "Organisation added: {name} ({id})");
    HOLDING_ADDED = (
        "Vastgelegd: {org} gebruikt {category} voor '{purpose}' ({basis}). Uw keuze: {decision}.",
        "Recorded: {org} uses {category} for '{purpose}' ({basis}). Your choice: {decision}."
    );
    DECIDED = ("{purpose} / {category}: {decision}", "{purpose} / {category}: {decision}");
    NOTHING_CHANGED = ("Niets veranderd: zo stond het al.", "Nothing changed: it was already like that.");
    CONTACT_SET = ("{org}: {channel} / {kind} staat nu {state}.", "{org}: {channel} / {kind} is now {state}.");
    CONTACT_SET_ALL = (
        "{channel} / {kind} staat nu {state} bij alle organisaties ({n} veranderd).",
        "{channel} / {kind} is now {state} for every organisation ({n} changed)."
    );
    GLOBAL_SET_OFF = (
        "De algemene schakelaar staat nu uit: geen enkele organisatie mag u nog ongevraagde berichten sturen. Serviceberichten blijven komen.",
        "The global switch is now off: no organisation may send you unsolicited messages any more. Service messages still arrive."
    );
    GLOBAL_SET_ON = (
        "De algemene schakelaar staat weer aan: ongevraagde berichten mogen weer, zoals u per organisatie kiest.",
        "The global switch is on again: unsolicited messages are allowed again, as you choose per organisation."
    );
    EXEMPT_SET = (
        "{org} is uitgezonderd van de algemene schakelaar.",
        "{org} is exempt from the global switch."
    );
    EXEMPT_UNSET = (
        "{org} valt weer onder de algemene schakelaar.",
        "{org} follows the global switch again."
    );
    CONTACT_UPDATED = ("Berichtvoorkeuren van {org} bijgewerkt.", "Message preferences for {org} updated.");
    QUIET_SET = (
        "Rustige uren voor {org}: geen berichten tussen {from} en {to} ({tz}), behalve serviceberichten.",
        "Quiet hours for {org}: no messages between {from} and {to} ({tz}), except service messages."
    );
    QUIET_UNSET = ("{org}: geen rustige uren meer.", "{org}: no quiet hours any more.");
    SENSITIVE_SET = (
        "{category} is nu gevoelig: Regie vraagt organisaties dit niet te gebruiken voor persoonlijke aanbiedingen.",
        "{category} is now sensitive: Regie asks organisations not to use it for personalisation."
    );
    SENSITIVE_UNSET = ("{category} is niet meer gemarkeerd als gevoelig.", "{category} is no longer marked sensitive.");

    // ----- history --------------------------------------------------------
    HISTORY_TITLE = ("Geschiedenis", "History");
    HISTORY_EMPTY = ("Nog geen gebeurtenissen.", "No events yet.");

    // ----- check, backup, restore ---------------------------------------
    CHECK_OK = (
        "Uw kluis is in orde: het bestand is heel, de versleuteling klopt en de geschiedenis ({events}) is niet aangepast.",
        "Your vault is sound: the file is intact, the encryption checks out and the history ({events}) has not been altered."
    );
    BACKUP_DONE = (
        "Reservekopie gemaakt en gecontroleerd: {path} ({bytes}, {orgs}, {events}).",
        "Backup written and checked: {path} ({bytes}, {orgs}, {events})."
    );
    BACKUP_HOW = (
        "De kopie is versleuteld. Terugzetten kan alleen met uw herstelcode:\n  regie --vault NIEUW-PAD restore --from {path} --recovery-code-stdin",
        "The copy is encrypted. You can only restore it with your recovery code:\n  regie --vault NEW-PATH restore --from {path} --recovery-code-stdin"
    );
    RESTORE_DONE = (
        "Kluis teruggezet: {path} ({orgs}).",
        "Vault restored: {path} ({orgs})."
    );
    RESTORE_SAME_CODE = (
        "Uw herstelcode blijft dezelfde. Bewaar hem goed.",
        "Your recovery code stays the same. Keep it safe."
    );
}

// ----- names from regie-model (docs/GLOSSARY.md) --------------------------
// The command line names these things exactly as the glossary does, so it
// takes them from regie-model rather than keeping words of its own.

/// On (allowed).
pub const ON: Text = SwitchState::On.label();
/// Off (not allowed).
pub const OFF: Text = SwitchState::Off.label();
/// "Rustige uren" / "Quiet hours".
pub const QUIET_HOURS: Text = Concept::QuietHours.label();
/// Requests for feedback, and how often they may come.
pub const FEEDBACK_CAP: Text = MessageKind::Feedback.label();
/// An organisation's exemption from the global switch.
pub const EXEMPT: Text = Concept::Exemption.label();
/// The person's language for messages.
pub const LANGUAGE: Text = Concept::Language.label();
/// The channel column of the message table.
pub const CHANNEL: Text = Concept::Channel.label();

// ----- counts -------------------------------------------------------------
// Each in the form for one and for any other number (regie_cli_text::Plural).

/// Uses of data a declaration left as they were.
pub const DECL_UNCHANGED: Plural = Plural::new(
    (
        "{n} gebruik ongewijzigd; uw keuzes daarover blijven staan.",
        "{n} use unchanged; your choices about it stay as they were.",
    ),
    (
        "{n} gebruiken ongewijzigd; uw keuzes daarover blijven staan.",
        "{n} uses unchanged; your choices about them stay as they were.",
    ),
);
/// Files `export --all` saved.
pub const EXPORTED_ALL: Plural = Plural::new(
    (
        "{n} bestand opgeslagen in {dir}. Stuur het alleen naar de organisatie waarvoor het is.",
        "{n} file saved to {dir}. Send it only to the organisation it is for.",
    ),
    (
        "{n} bestanden opgeslagen in {dir}. Stuur elk bestand alleen naar de organisatie waarvoor het is.",
        "{n} files saved to {dir}. Send each file only to the organisation it is for.",
    ),
);
/// Example organisations the demo added.
pub const DEMO_ADDED: Plural = Plural::new(
    (
        "{n} voorbeeldorganisatie toegevoegd.",
        "{n} example organisation added.",
    ),
    (
        "{n} voorbeeldorganisaties toegevoegd.",
        "{n} example organisations added.",
    ),
);
/// An organisation's uses of data in the overview; `{off}` of them off.
pub const HOLDINGS_COUNT: Plural = Plural::new(
    (
        "{n} keer gegevens voor een doel, waarvan {off} door u uitgezet",
        "{n} use of data for a purpose, {off} of them switched off by you",
    ),
    (
        "{n} keer gegevens voor een doel, waarvan {off} door u uitgezet",
        "{n} uses of data for a purpose, {off} of them switched off by you",
    ),
);
/// Kinds of message switched off.
pub const BLOCKED_CELLS: Plural = Plural::new(
    (
        "{n} soort bericht uitgezet (kanaal x soort)",
        "{n} kind of message switched off (channel x kind)",
    ),
    (
        "{n} soorten berichten uitgezet (kanaal x soort)",
        "{n} kinds of message switched off (channel x kind)",
    ),
);
/// The feedback cap.
pub const FEEDBACK_EVERY: Plural = Plural::new(
    ("hoogstens eens per maand", "at most once a month"),
    (
        "hoogstens eens per {n} maanden",
        "at most once every {n} months",
    ),
);
/// History events.
pub const EVENTS: Plural = Plural::new(
    ("{n} gebeurtenis", "{n} event"),
    ("{n} gebeurtenissen", "{n} events"),
);
/// Organisations.
pub const ORGANISATIONS: Plural = Plural::new(
    ("{n} organisatie", "{n} organisation"),
    ("{n} organisaties", "{n} organisations"),
);
/// A size in bytes.
pub const BYTES: Plural = Plural::new(("{n} byte", "{n} byte"), ("{n} bytes", "{n} bytes"));
