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
