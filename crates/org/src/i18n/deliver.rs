//! The texts of delivery: the receipt key, the signed declaration, link
//! codes, the inbox and HTTPS, in Dutch (B1) and English.

use regie_model::texts;

texts! {
    // ----- link requests that linked nothing ------------------------------
    E_LINK_UNKNOWN = (
        "Deze koppelcode kennen we niet. Kijk de code na in de brief of in de app van de organisatie, en typ hem opnieuw. Klopt hij wel, vraag dan een nieuwe code aan.",
        "This link code is not known. Check the code in the letter or the organisation's app, and type it again. If it is right, ask for a new code."
    );
    E_LINK_USED = (
        "Deze koppelcode is al gebruikt. Een code werkt maar één keer. Vraag de organisatie om een nieuwe code.",
        "This link code has been used already. A code works once. Ask the organisation for a new code."
    );
    E_LINK_EXPIRED = (
        "Deze koppelcode is verlopen, of vervangen door een nieuwere code. Vraag de organisatie om een nieuwe code.",
        "This link code has expired, or a newer code replaced it. Ask the organisation for a new code."
    );
    E_LINK_CUSTOMER_LINKED = (
        "Deze klant is al gekoppeld aan een andere Regie. Bent u uw Regie kwijt, vraag de organisatie dan om een code die de oude koppeling vervangt.",
        "This customer is linked to another Regie already. If you lost your Regie, ask the organisation for a code that replaces the old link."
    );
    E_LINK_KEY_IN_USE = (
        "Deze Regie is al gekoppeld aan een andere klant van deze organisatie; er is niets veranderd.",
        "This Regie is linked to another customer of this organisation already; nothing was changed."
    );
}

texts! {
    // ----- the inbox --------------------------------------------------------
    H_INBOX_ADDRESS_RATE = (
        "er komen te veel verzoeken van uw adres. Probeer het over {secs} seconden opnieuw.",
        "too many requests come from your address. Try again in {secs} seconds."
    );
    H_INBOX_KEY_RATE = (
        "er komen te veel bestanden met deze sleutel. Probeer het over {secs} seconden opnieuw.",
        "too many files come with this key. Try again in {secs} seconds."
    );
    H_LINK_ADDRESS_LIMIT = (
        "er zijn het afgelopen uur te veel koppelcodes vanaf uw adres geweigerd. Probeer het over {secs} seconden opnieuw, en kijk de code goed na.",
        "too many link codes from your address were refused in the last hour. Try again in {secs} seconds, and check the code carefully."
    );
    H_LINK_KEY_LIMIT = (
        "er zijn het afgelopen uur te veel koppelcodes van deze Regie geweigerd. Probeer het over {secs} seconden opnieuw, en kijk de code goed na.",
        "too many link codes from this Regie were refused in the last hour. Try again in {secs} seconds, and check the code carefully."
    );
    H_LINK_TOTAL_LIMIT = (
        "de organisatie neemt even geen koppelverzoeken aan. Probeer het over {secs} seconden opnieuw.",
        "the organisation takes no link requests for a while. Try again in {secs} seconds."
    );
    H_INBOX_NO_KEY = (
        "dit bestand noemt geen sleutel (did:key) die het ondertekende, dus er is geen ontvangstbewijs; het is geweigerd: {reason}",
        "this file names no key (did:key) that signed it, so there is no receipt; it was rejected: {reason}"
    );
    H_LOG_LINK_TOTAL = (
        "POST /v1/inbox: het afgelopen uur zijn {max} koppelpogingen mislukt; koppelverzoeken krijgen 429 tot het minder is. Raadt iemand codes? Kijk in regie-org history.",
        "POST /v1/inbox: {max} link attempts failed in the last hour; link requests get 429 until there are fewer. Is someone guessing codes? See regie-org history."
    );
    H_NO_INBOX = (
        "deze server heeft geen inbox: hij is gestart zonder ontvangstsleutel (--key-file)",
        "this server has no inbox: it was started without a receipt key (--key-file)"
    );
    H_NO_DECLARATION = (
        "deze server publiceert geen verklaring: hij is gestart zonder --declaration",
        "this server publishes no declaration: it was started without --declaration"
    );
}

texts! {
    // ----- the declaration ------------------------------------------------
    E_DECL_REFUSED = (
        "Regie weigert deze verklaring ({kind}); regie-org declaration maakt er een die Regie aanneemt",
        "Regie refuses this declaration"
    );
    E_DECL_UNSIGNED = (
        "de verklaring is niet ondertekend (regie-declaration/1): er staat geen inbox en geen ontvangstsleutel in. Maak er een met regie-org declaration.",
        "the declaration is not signed (regie-declaration/1): it names no inbox and no receipt key. Make one with regie-org declaration."
    );
    E_DECL_OTHER_ORG = (
        "dit is de verklaring van {org}, niet van deze organisatie",
        "this is the declaration of {org}, not of this organisation"
    );
    E_DECL_OTHER_KEY = (
        "de ontvangstsleutel in de verklaring is {key}, niet de sleutel waarmee deze server ontvangstbewijzen ondertekent (--key-file)",
        "the receipt key in the declaration is {key}, not the key this server signs receipts with (--key-file)"
    );
    H_LOG_DECLARATION = (
        "de verklaring in {path} wordt niet gepubliceerd ({err}); de vorige blijft staan",
        "the declaration in {path} is not published ({err}); the one before stays"
    );
}

texts! {
    // ----- the command line ---------------------------------------------
    KEY_WRITTEN = (
        "Een nieuwe ontvangstsleutel staat in {path} (alleen de eigenaar mag het lezen; maak er een reservekopie van op een veilige plek). Sleutel: {did}. Vingerafdruk: {fingerprint}. Zet de vingerafdruk ook op uw website of in uw brieven, zodat klanten hem kunnen vergelijken. Maak daarna de verklaring met regie-org declaration --key-file {path}.",
        "A new receipt key is in {path} (readable by its owner only; keep a backup in a safe place). Key: {did}. Fingerprint: {fingerprint}. Publish the fingerprint on your website or in your letters too, so that customers can compare it. Then make the declaration with regie-org declaration --key-file {path}."
    );
    E_KEY_EXISTS = (
        "{path} bestaat al, en een bestaand bestand wordt nooit overschreven (het kan een sleutel zijn die nog in gebruik is). Kies een andere naam.",
        "{path} exists already, and an existing file is never overwritten (it may be a key still in use). Choose another name."
    );
    E_KEY_WRITE = ("kan de sleutel niet schrijven in {path}: {reason}", "cannot write the key to {path}: {reason}");
    E_KEY_READ = ("kan het sleutelbestand {path} niet lezen: {reason}", "cannot read the key file {path}: {reason}");
    E_KEY_EXPOSED = (
        "het sleutelbestand {path} mogen anderen ook lezen (rechten {mode}). Wie het leest, kan namens u ondertekenen. Maak het alleen voor de eigenaar leesbaar (chmod 600 {path}); heeft iemand anders het gelezen, maak dan een nieuwe sleutel en wissel die (regie-org declaration --previous-key-file).",
        "the key file {path} can be read by others (mode {mode}). Whoever reads it can sign in your name. Make it readable by its owner only (chmod 600 {path}); if someone else has read it, make a new key and change to it (regie-org declaration --previous-key-file)."
    );
    E_KEY_INVALID = (
        "{path} is geen ontvangstsleutel: er staat geen Ed25519-privésleutel in als PKCS#8 PEM (zoals regie-org key en openssl genpkey -algorithm ed25519 die maken)",
        "{path} is not a receipt key: it holds no Ed25519 private key in PKCS#8 PEM (as regie-org key and openssl genpkey -algorithm ed25519 make)"
    );
    E_BAD_INBOX = ("{url} kan geen inbox zijn: {err}", "{url} cannot be an inbox: {err}");
    E_SAME_KEY = (
        "--previous-key-file en --key-file zijn dezelfde sleutel; bij een sleutelwissel is de vorige sleutel een andere",
        "--previous-key-file and --key-file are the same key; in a key change the previous key is another one"
    );
    E_DECL_READ = ("kan de verklaring {path} niet lezen: {reason}", "cannot read the declaration {path}: {reason}");
    E_DECL_WRITE = ("kan de verklaring niet schrijven in {path}: {reason}", "cannot write the declaration to {path}: {reason}");
    E_DECL_BODY = (
        "de verklaring in {path} is niet goed ({kind}): {err}",
        "the declaration in {path} is not right ({kind}): {err}"
    );
    DECLARATION_WRITTEN = (
        "De ondertekende verklaring staat in {path}, met de inbox {inbox} en de ontvangstsleutel met vingerafdruk {fingerprint}. Publiceer hem met regie-org serve --declaration {path}.",
        "The signed declaration is in {path}, with the inbox {inbox} and the receipt key with fingerprint {fingerprint}. Publish it with regie-org serve --declaration {path}."
    );
    DECLARATION_KEY_CHANGE_WRITTEN = (
        "De ondertekende verklaring met de sleutelwissel staat in {path}, met de inbox {inbox} en de nieuwe ontvangstsleutel met vingerafdruk {fingerprint}; de vorige sleutel tekende mee. Publiceer hem zolang klanten de vorige sleutel nog kunnen hebben.",
        "The signed declaration with the key change is in {path}, with the inbox {inbox} and the new receipt key with fingerprint {fingerprint}; the previous key signed it too. Publish it for as long as customers may still have the previous key."
    );
    E_BAD_VALID = (
        "{value} is geen geldigheidsduur: schrijf uren, dagen of weken, zoals 36h, 14d of 2w, van 1 uur tot 90 dagen",
        "{value} is not a validity: write hours, days or weeks, such as 36h, 14d or 2w, from 1 hour to 90 days"
    );
    E_EMPTY_CUSTOMER = ("het kenmerk van de klant is leeg", "the customer reference is empty");
    E_CUSTOMER_HAS_KEY = (
        "klant {customer} is al gekoppeld aan de sleutel {did}; er is geen code gemaakt. Is de klant zijn Regie kwijt, maak dan een code die de oude koppeling vervangt: regie-org link --customer {customer} --replace-key.",
        "customer {customer} is linked to the key {did} already; no code was made. If the customer lost their Regie, make a code that replaces the old link: regie-org link --customer {customer} --replace-key."
    );
    LINK_CODE_MADE = (
        "Koppelcode voor klant {customer}: {code} (geldig tot {expires}, werkt één keer). Geef hem alleen aan de klant, zoals in uw app of in een brief; oudere codes van deze klant werken niet meer.",
        "Link code for customer {customer}: {code} (valid until {expires}, works once). Give it to the customer only, in your app or in a letter, say; older codes of this customer no longer work."
    );
    // ----- serve ----------------------------------------------------------
    SERVING_TLS = ("Luistert op https://{addr} (stoppen: Ctrl-C).", "Listening on https://{addr} (stop: Ctrl-C).");
    INBOX_OPEN = (
        "Inbox open op POST /v1/inbox; ontvangstbewijzen ondertekend met de sleutel met vingerafdruk {fingerprint}.",
        "Inbox open at POST /v1/inbox; receipts signed with the key with fingerprint {fingerprint}."
    );
    E_DECL_NOT_SERVED = (
        "de verklaring in {path} kan niet gepubliceerd worden: {err}",
        "the declaration in {path} cannot be published: {err}"
    );
    E_TLS_CERT_FILE = (
        "het certificaat in {path} is niet te gebruiken. Geef een PEM-bestand met het certificaat van de server en de tussencertificaten. {err}",
        "the certificate in {path} cannot be used. Give a PEM file with the server's certificate and its chain: {err}"
    );
    E_TLS_KEY_FILE = (
        "de sleutel in {path} is niet te gebruiken. Geef de privésleutel van het certificaat als PEM-bestand. {err}",
        "the key in {path} cannot be used. Give the certificate's private key as a PEM file: {err}"
    );
    E_TLS_PAIR = (
        "het certificaat in {path} en de sleutel passen niet bij elkaar, of zijn van een soort die niet werkt. {err}",
        "the certificate in {path} and the key do not belong together, or are of a kind that does not work: {err}"
    );
}
