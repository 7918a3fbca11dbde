// Generated from regie-model by crates/model/tests/model/vocabulary.rs. Do not edit this
// file manually: the names are decided in docs/GLOSSARY.md and kept in regie-model.
// Regenerate with `REGIE_UPDATE_TS=1 cargo test -p regie-model --test model`.
import type { Channel } from './Channel';
import type { DecisionState } from './DecisionState';
import type { Label } from './Label';
import type { Language } from './Language';
import type { LegalBasis } from './LegalBasis';
import type { MessageKind } from './MessageKind';

/** The things a person meets. */
export const concept: Record<string, Label> = {
  "vault": { nl: "Kluis", en: "Vault" },
  "organisation": { nl: "Organisatie", en: "Organisation" },
  "preference-file": { nl: "Voorkeurenbestand", en: "Preference file" },
  "declaration": { nl: "Verklaring", en: "Declaration" },
  "identifier": { nl: "Kenmerk", en: "Identifier" },
  "recovery-code": { nl: "Herstelcode", en: "Recovery code" },
  "backup": { nl: "Reservekopie", en: "Backup" },
  "history": { nl: "Geschiedenis", en: "History" },
  "kind-of-message": { nl: "Soort bericht", en: "Kind of message" },
  "channel": { nl: "Kanaal", en: "Channel" },
  "unsolicited-messages": { nl: "Ongevraagde berichten", en: "Unsolicited messages" },
  "global-switch": { nl: "Algemene schakelaar", en: "Global switch" },
  "exemption": { nl: "Uitzondering op de algemene schakelaar", en: "Exemption from the global switch" },
  "quiet-hours": { nl: "Rustige uren", en: "Quiet hours" },
  "use-of-data": { nl: "Gebruik van gegevens", en: "Use of data" },
  "purpose": { nl: "Doel", en: "Purpose" },
  "data-category": { nl: "Soort gegevens", en: "Kind of data" },
  "legal-basis": { nl: "Grondslag", en: "Legal basis" },
  "choice": { nl: "Keuze", en: "Choice" },
  "sensitive-data": { nl: "Gevoelige gegevens", en: "Sensitive data" },
  "sector": { nl: "Sector", en: "Sector" },
  "language": { nl: "Taal", en: "Language" },
  "link-code": { nl: "Koppelcode", en: "Link code" },
  "receipt": { nl: "Ontvangstbewijs", en: "Receipt" },
  "organisation-key": { nl: "Sleutel van de organisatie", en: "Organisation's key" },
  "fingerprint": { nl: "Vingerafdruk", en: "Fingerprint" },
  "outbox": { nl: "Nog te versturen", en: "Waiting to be sent" },
  "request": { nl: "Verzoek", en: "Request" },
  "deadline": { nl: "Termijn", en: "Deadline" },
  "reminder": { nl: "Herinnering", en: "Reminder" },
  "complaint": { nl: "Klacht", en: "Complaint" },
  "directory": { nl: "Lijst van organisaties", en: "Directory of organisations" },
};

/** Kinds of message. */
export const kind: Record<MessageKind, Label> = {
  "proactive": { nl: "Tips en advies", en: "Tips and advice" },
  "marketing": { nl: "Reclame en aanbiedingen", en: "Advertising and offers" },
  "feedback": { nl: "Vragen om feedback", en: "Requests for feedback" },
  "service": { nl: "Serviceberichten", en: "Service messages" },
};

/** Channels. */
export const channel: Record<Channel, Label> = {
  "push": { nl: "Pushberichten", en: "Push notifications" },
  "in-app": { nl: "Berichten in de app", en: "In-app messages" },
  "email": { nl: "E-mail", en: "E-mail" },
  "sms": { nl: "Sms", en: "Text messages (SMS)" },
  "phone": { nl: "Telefoon", en: "Phone calls" },
  "post": { nl: "Post", en: "Post" },
};

/** Where a switch stands: on is allowed, for every switch. */
export const switchState: Record<'on' | 'off', Label> = {
  "on": { nl: "aan", en: "on" },
  "off": { nl: "uit", en: "off" },
};

/** What the global switch's position means. */
export const globalSwitchMeaning: Record<'on' | 'off', Label> = {
  "on": { nl: "ongevraagde berichten mogen; uw keuzes per organisatie gelden", en: "unsolicited messages allowed; your choices per organisation apply" },
  "off": { nl: "geen ongevraagde berichten, van geen enkele organisatie", en: "no unsolicited messages, from any organisation" },
};

/** Choices about a use of data. */
export const decision: Record<DecisionState, Label> = {
  "consent-given": { nl: "Toestemming gegeven", en: "Permission given" },
  "consent-withdrawn": { nl: "Toestemming ingetrokken", en: "Permission withdrawn" },
  "not-objected": { nl: "Geen bezwaar gemaakt", en: "No objection made" },
  "objected": { nl: "Bezwaar gemaakt", en: "Objection made" },
  "locked": { nl: "Vast", en: "Fixed" },
};

/** Legal bases. */
export const basis: Record<LegalBasis, Label> = {
  "consent": { nl: "Toestemming", en: "Permission" },
  "contract": { nl: "Nodig voor het contract", en: "Needed for the contract" },
  "legal-obligation": { nl: "Verplicht door de wet", en: "Required by law" },
  "vital-interest": { nl: "Nodig om iemands leven te beschermen", en: "Needed to protect someone's life" },
  "public-interest": { nl: "Taak van de overheid", en: "Public task" },
  "legitimate-interest": { nl: "Eigen belang van de organisatie", en: "The organisation's own interest" },
};

/** Sectors Regie has a name for. */
export const sector: Record<string, Label> = {
  "bank": { nl: "Bank", en: "Bank" },
  "insurer": { nl: "Verzekeraar", en: "Insurer" },
  "health-insurer": { nl: "Zorgverzekeraar", en: "Health insurer" },
  "telecom": { nl: "Telecom", en: "Telecom" },
  "energy": { nl: "Energie", en: "Energy" },
  "retail": { nl: "Winkel", en: "Shop" },
  "webshop": { nl: "Webwinkel", en: "Web shop" },
  "bookshop": { nl: "Boekhandel", en: "Bookshop" },
  "municipality": { nl: "Gemeente", en: "Municipality" },
};

/** Languages. */
export const language: Record<Language, Label> = {
  "nl": { nl: "Nederlands", en: "Dutch" },
  "en": { nl: "Engels", en: "English" },
};

/** What the history calls each change. */
export const event: Record<string, Label> = {
  "vault-created": { nl: "Kluis gemaakt", en: "Vault created" },
  "organisation-added": { nl: "Organisatie toegevoegd", en: "Organisation added" },
  "organisation-updated": { nl: "Organisatie veranderd", en: "Organisation changed" },
  "holding-added": { nl: "Gebruik van gegevens toegevoegd", en: "Use of data added" },
  "holding-removed": { nl: "Gebruik van gegevens weggehaald", en: "Use of data removed" },
  "decision": { nl: "Keuze veranderd", en: "Choice changed" },
  "contact-changed": { nl: "Contactvoorkeur veranderd", en: "Contact preference changed" },
  "global-switch": { nl: "Algemene schakelaar omgezet", en: "Global switch turned" },
  "exemption": { nl: "Uitzondering op de algemene schakelaar veranderd", en: "Exemption from the global switch changed" },
  "sensitive": { nl: "Gevoelige gegevens veranderd", en: "Sensitive data changed" },
  "exported": { nl: "Voorkeurenbestand geëxporteerd", en: "Preference file exported" },
  "declaration-imported": { nl: "Verklaring ingelezen", en: "Declaration imported" },
  "restored": { nl: "Kluis teruggezet", en: "Vault restored" },
  "key-rotated": { nl: "Nieuw kenmerk voor deze organisatie", en: "New identifier for this organisation" },
  "receipt-key-pinned": { nl: "Sleutel van de organisatie vastgelegd", en: "Organisation's key recorded" },
  "receipt-key-changed": { nl: "Sleutel van de organisatie vervangen", en: "Organisation's key replaced" },
  "linked": { nl: "Gekoppeld met een koppelcode", en: "Linked with a link code" },
  "receipt-stored": { nl: "Ontvangstbewijs bewaard", en: "Receipt kept" },
  "request-made": { nl: "Verzoek opgesteld", en: "Request drafted" },
  "request-sent": { nl: "Verzoek verstuurd", en: "Request sent" },
  "request-extended": { nl: "Termijn verlengd", en: "Deadline extended" },
  "request-answered": { nl: "Antwoord ontvangen", en: "Answer received" },
};
