//! The texts of errors and states, in Dutch (plain, B1) and English, side
//! by side. Letter texts are not here: they are data, in `templates/`.
//! Texts with `{name}` placeholders are filled in by the caller.

use regie_model::texts;

texts! {
    // ----- dates and the steps of a request --------------------------------
    E_DATE_OUT_OF_RANGE = (
        "Met de datum {date} kan Regie niet rekenen. Kies een datum vanaf 25 mei 2018 (toen de AVG begon te gelden) en vóór het jaar 9999.",
        "Regie cannot work with the date {date}. Choose a date from 25 May 2018 (when the GDPR began to apply) and before the year 9999."
    );
    E_DATE_IN_FUTURE = (
        "De dag waarop het verzoek {step} ({on}) ligt in de toekomst: vandaag is het {today}. Vul de echte dag in, vandaag of eerder.",
        "The day the request was {step} ({on}) is in the future: today is {today}. Fill in the real day, today or earlier."
    );
    E_DATE_BEFORE_SENDING = (
        "Het verzoek kan niet op {on} {step} zijn: u verstuurde het pas op {sent}. Controleer de datum.",
        "The request cannot have been {step} on {on}: you only sent it on {sent}. Check the date."
    );
    E_NOT_SENT = (
        "Dit verzoek is nog niet verstuurd, dus het kan nog niet {step} zijn. Zet het eerst op verstuurd.",
        "This request has not been sent yet, so it cannot have been {step}. Mark it as sent first."
    );
    E_NOT_SENT_YET = (
        "Dit verzoek is nog niet verstuurd. Een herinnering of een klacht kan pas als de organisatie te laat is met antwoorden.",
        "This request has not been sent yet. A reminder or a complaint can only come when the organisation is late in answering."
    );
    E_ALREADY_SENT = (
        "Dit verzoek is al verstuurd, op {on}. Wilt u de organisatie er nog eens aan herinneren? Stuur dan een herinnering.",
        "This request was already sent, on {on}. To remind the organisation, send a reminder."
    );
    E_ALREADY_ANSWERED = (
        "Dit verzoek is al beantwoord, op {on}: er kan niets meer bij. Is het antwoord niet genoeg? Doe dan een nieuw verzoek, of dien een klacht in bij de Autoriteit Persoonsgegevens.",
        "This request was already answered, on {on}: nothing more can be added. Is the answer not enough? Make a new request, or complain to the Autoriteit Persoonsgegevens."
    );
    E_EXTENDED_TWICE = (
        "De organisatie heeft de termijn al verlengd, op {on}. Dat mag maar één keer, met hoogstens twee maanden (artikel 12 lid 3 AVG).",
        "The organisation already extended the deadline, on {on}. That is allowed only once, by two months at most (Article 12(3) GDPR)."
    );
    E_EXTENSION_TOO_LATE = (
        "De organisatie mag de termijn alleen verlengen als zij dat binnen de eerste maand laat weten, dus uiterlijk op {due}. Op {on} was dat te laat: het verzoek is over tijd. U kunt een herinnering sturen.",
        "The organisation may only extend the deadline if it says so within the first month, so by {due} at the latest. On {on} that was too late: the request is overdue. You can send a reminder."
    );
    STEP_SENT = ("verstuurd is", "sent");
    STEP_SENT_PARTICIPLE = ("verstuurd", "sent");
    STEP_DELIVERED = ("bezorgd is", "delivered");
    STEP_DELIVERED_PARTICIPLE = ("bezorgd", "delivered");
    STEP_EXTENDED = ("verlengd is", "extended");
    STEP_EXTENDED_PARTICIPLE = ("verlengd", "extended");
    STEP_ANSWERED = ("beantwoord is", "answered");
    STEP_ANSWERED_PARTICIPLE = ("beantwoord", "answered");

    // ----- what goes into a letter ------------------------------------------
    E_INVALID_DETAIL = (
        "{field} kan zo niet in een brief: {problem}.",
        "{field} cannot go into a letter like this: {problem}."
    );
    FIELD_ORG_ADDRESS = ("Het adres van de organisatie", "The organisation's address");
    FIELD_NAME = ("Uw naam", "Your name");
    FIELD_ADDRESS = ("Uw adres", "Your address");
    FIELD_PHONE = ("Uw telefoonnummer", "Your phone number");
    FIELD_CUSTOMER_NUMBER = ("Uw klantnummer", "Your customer number");
    FIELD_DETAIL_LABEL = ("De naam van een gegeven over u", "The name of a detail about you");
    FIELD_DETAIL_VALUE = ("Een gegeven over u", "A detail about you");
    FIELD_DETAILS = ("Uw toelichting", "Your explanation");
    PROBLEM_EMPTY = ("het is leeg", "it is empty");
    PROBLEM_TOO_LONG = ("het is langer dan {max} tekens", "it is longer than {max} characters");
    PROBLEM_TOO_MANY_LINES = ("het heeft meer dan {max} regels", "it has more than {max} lines");
    PROBLEM_TOO_MANY = ("het zijn er meer dan {max}", "there are more than {max}");
    PROBLEM_INVISIBLE = (
        "er staat een onzichtbaar teken of stuurteken in (U+{code})",
        "it holds an invisible or control character (U+{code})"
    );
    E_NO_PURPOSES_OBJECTION = (
        "Kies tegen welk gebruik van uw gegevens u bezwaar maakt: de brief moet zeggen waar het om gaat.",
        "Choose which use of your data you object to: the letter must say what it is about."
    );
    E_NO_PURPOSES_WITHDRAWAL = (
        "Kies voor welk gebruik van uw gegevens u uw toestemming intrekt: de brief moet zeggen waar het om gaat.",
        "Choose for which use of your data you withdraw your consent: the letter must say what it is about."
    );
    E_NO_CORRECTION = (
        "Schrijf op welke gegevens niet kloppen en hoe het wel moet. Zonder dat weet de organisatie niet wat zij moet verbeteren.",
        "Write down which data is wrong and what it should be. Without that the organisation does not know what to correct."
    );
    E_DEADLINE_NOT_AFTER_DATE = (
        "De termijn ({deadline}) moet na de datum van de brief ({date}) liggen. Reken de termijn uit vanaf de dag waarop de organisatie het verzoek krijgt.",
        "The deadline ({deadline}) must come after the letter's date ({date}). Count the deadline from the day the organisation receives the request."
    );
    E_LETTER_BEFORE_REQUEST = (
        "Deze brief ({date}) kan niet eerder zijn dan het verzoek waar hij over gaat ({sent}). Controleer de datums.",
        "This letter ({date}) cannot come before the request it is about ({sent}). Check the dates."
    );
    E_NOT_OVERDUE = (
        "De organisatie heeft nog tot en met {due} om te antwoorden. Een herinnering of klacht kan pas daarna.",
        "The organisation has until {due} to answer. A reminder or complaint can only come after that."
    );
    E_REMINDER_OUT_OF_ORDER = (
        "De herinnering ({reminded}) moet tussen het verzoek ({sent}) en deze klacht ({date}) liggen. Controleer de datums.",
        "The reminder ({reminded}) must come between the request ({sent}) and this complaint ({date}). Check the dates."
    );

    // ----- sending it -------------------------------------------------------
    E_NO_EMAIL_ADDRESS = (
        "Van {recipient} kent Regie geen e-mailadres. Vul het e-mailadres van hun privacyafdeling in, of stuur de brief per post.",
        "Regie knows no e-mail address for {recipient}. Fill in the address of their privacy team, or send the letter by post."
    );
    E_COMPLAINT_NOT_BY_EMAIL = (
        "Een klacht dient u in met het klachtformulier van de Autoriteit Persoonsgegevens ({form}), of per post. Regie maakt de tekst en de brief; per e-mail neemt de Autoriteit Persoonsgegevens geen klachten aan.",
        "You file a complaint with the complaint form of the Autoriteit Persoonsgegevens ({form}), or by post. Regie makes the text and the letter; the Autoriteit Persoonsgegevens does not take complaints by e-mail."
    );
    E_ADDRESS_NOT_USABLE = (
        "Het e-mailadres {address} kan niet in een e-mail: er staan tekens in die daar niet mogen. Controleer het adres.",
        "The e-mail address {address} cannot go into an e-mail: it holds characters that are not allowed there. Check the address."
    );
    E_UNPRINTABLE = (
        "Deze tekens kan Regie niet in een PDF zetten: {chars}. Stuur de brief per e-mail, of vervang die tekens.",
        "Regie cannot put these characters in a PDF: {chars}. Send the letter by e-mail, or replace those characters."
    );
    E_ADDRESS_TOO_LONG = (
        "{whose} past niet op de plaats van het adres in de brief (hoogstens {max} regels). Maak het adres korter.",
        "{whose} does not fit the address area of the letter ({max} lines at most). Make the address shorter."
    );
    WHOSE_SENDER = ("Uw naam en adres", "Your name and address");
    WHOSE_RECIPIENT = ("Het adres van de ontvanger", "The recipient's address");

    // ----- anything else ----------------------------------------------------
    E_UNKNOWN_RIGHT = (
        "'{text}' is geen recht dat Regie kent. Kies uit: access, rectification, erasure, restriction, portability, objection, withdrawal.",
        "'{text}' is not a right Regie knows. Choose from: access, rectification, erasure, restriction, portability, objection, withdrawal."
    );
    E_TEMPLATE_BROKEN = (
        "Een brieftekst van Regie is kapot ({file}, regel {line}: {problem}). Dit is een fout in Regie: meld het alstublieft.",
        "One of Regie's letter texts is broken ({file}, line {line}: {problem}). This is a bug in Regie: please report it."
    );
    E_DATA_DAMAGED = (
        "Een bestand dat bij Regie hoort is beschadigd ({what}: {detail}). Installeer Regie opnieuw, en meld het als het blijft gebeuren.",
        "A file that comes with Regie is damaged ({what}: {detail}). Install Regie again, and report it if it keeps happening."
    );

    // ----- the directory ----------------------------------------------------
    DIRECTORY_IMPORTED = (
        "Niet gecontroleerd: dit adres komt uit een andere lijst en niemand heeft nagekeken of het voor privacyverzoeken klopt. Kijk het na op de website van de organisatie.",
        "Not checked: this address comes from another list and nobody checked that it is right for privacy requests. Check it on the organisation's website."
    );
    DIRECTORY_SCRAPED = (
        "Niet gecontroleerd: een computerprogramma heeft dit adres verzameld en niemand heeft het nagekeken. Kijk het na op de website van de organisatie.",
        "Not checked: a computer program collected this address and nobody checked it. Check it on the organisation's website."
    );

    // ----- states of a request ---------------------------------------------
    STATUS_DRAFT = ("Nog niet verstuurd", "Not sent yet");
    STATUS_SENT = ("Verstuurd; antwoord uiterlijk op {due}", "Sent; answer due by {due}");
    STATUS_DUE = ("Vandaag is de laatste dag voor een antwoord", "Today is the last day for an answer");
    STATUS_EXTENDED = ("Termijn verlengd tot en met {due}", "Deadline extended to {due}");
    STATUS_OVERDUE = ("Over tijd sinds {due}", "Overdue since {due}");
    STATUS_ANSWERED_FULLY = ("Beantwoord", "Answered");
    STATUS_ANSWERED_PARTLY = ("Deels beantwoord", "Partly answered");
    STATUS_REFUSED = ("Geweigerd", "Refused");
}
