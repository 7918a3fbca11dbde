//! The built-in catalogue of W3C DPV terms Regie uses.
//!
//! Each purpose, personal-data category and legal basis carries a Dutch (B1)
//! and an English label and a one-sentence explanation, so no screen or file
//! ever shows a bare IRI to a person. Terms come from
//! `https://w3id.org/dpv#` (purposes), `https://w3id.org/dpv/pd#` (data
//! categories) and `https://w3id.org/dpv/legal/eu/gdpr#` (legal bases, see
//! [`crate::LegalBasis`]).

use serde::Serialize;

use crate::text::Text;

/// The DPV core namespace (purposes).
pub const DPV_NS: &str = "https://w3id.org/dpv#";
/// The DPV personal-data namespace (data categories).
pub const PD_NS: &str = "https://w3id.org/dpv/pd#";

/// What a catalogue term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// A purpose (`dpv:`).
    Purpose,
    /// A personal-data category (`pd:`).
    DataCategory,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Compact IRI, e.g. `dpv:DirectMarketing` or `pd:Financial`.
    pub compact: &'static str,
    /// Purpose or data category.
    pub kind: TermKind,
    /// Short label.
    pub label: Text,
    /// One sentence in plain words.
    pub explanation: Text,
    /// For purposes: whether it watches the person's data over time, so its
    /// grain (general/specific, incidental/continuous) matters.
    pub monitoring: bool,
    /// For data categories: special or sensitive by nature (health, religion,
    /// ...), proposed to the person as "keep out of personalisation".
    pub sensitive: bool,
    /// For purposes: whether it personalises, profiles or markets, so that
    /// data the person marked sensitive must stay out of it (preference
    /// file spec, section 3.6).
    pub personalising: bool,
}

impl Term {
    /// The full IRI.
    pub fn iri(&self) -> String {
        expand(self.compact).unwrap_or_else(|| self.compact.to_owned())
    }
}

/// Expands `dpv:X` or `pd:X` to a full IRI.
pub fn expand(compact: &str) -> Option<String> {
    if let Some(rest) = compact.strip_prefix("dpv:") {
        Some(format!("{DPV_NS}{rest}"))
    } else {
        compact
            .strip_prefix("pd:")
            .map(|rest| format!("{PD_NS}{rest}"))
    }
}

/// Shortens a full DPV IRI to its compact form; compact input is returned as is.
pub fn compact(iri: &str) -> String {
    if let Some(rest) = iri.strip_prefix(DPV_NS) {
        format!("dpv:{rest}")
    } else if let Some(rest) = iri.strip_prefix(PD_NS) {
        format!("pd:{rest}")
    } else {
        iri.to_owned()
    }
}

/// Looks a term up by compact or full IRI.
pub fn lookup(iri: &str) -> Option<&'static Term> {
    let c = compact(iri);
    TERMS.iter().find(|t| t.compact == c)
}

/// All purposes.
pub fn purposes() -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(|t| t.kind == TermKind::Purpose)
}

/// All data categories.
pub fn data_categories() -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(|t| t.kind == TermKind::DataCategory)
}

const fn purpose(compact: &'static str, label: Text, explanation: Text, monitoring: bool) -> Term {
    Term {
        compact,
        kind: TermKind::Purpose,
        label,
        explanation,
        monitoring,
        sensitive: false,
        personalising: false,
    }
}

/// A purpose that personalises, profiles or markets (see
/// [`Term::personalising`]).
const fn personalising(
    compact: &'static str,
    label: Text,
    explanation: Text,
    monitoring: bool,
) -> Term {
    Term {
        personalising: true,
        ..purpose(compact, label, explanation, monitoring)
    }
}

const fn data(compact: &'static str, label: Text, explanation: Text, sensitive: bool) -> Term {
    Term {
        compact,
        kind: TermKind::DataCategory,
        label,
        explanation,
        monitoring: false,
        sensitive,
        personalising: false,
    }
}

const fn t(nl: &'static str, en: &'static str) -> Text {
    Text { nl, en }
}

/// Every term Regie knows: the purposes and data categories of the example
/// organisations, plus the ones a person commonly meets in privacy notices.
///
/// `monitoring` marks purposes that watch a person's data over time, so the
/// grain (general or specific data, now and then or all the time) matters.
/// `sensitive` marks the special categories of GDPR Art. 9 and criminal data
/// (Art. 10). DPV has no category for payments to a hospital or a funeral
/// home: such payments are `pd:Transaction` data that reveal health or a
/// death, and the person can mark them sensitive in the vault.
pub static TERMS: &[Term] = &[
    purpose(
        "dpv:ServiceProvision",
        t("Uw dienst leveren", "Providing your service"),
        t(
            "De gegevens zijn nodig om de dienst te leveren die u heeft afgenomen.",
            "The data is needed to provide the service you signed up for.",
        ),
        false,
    ),
    purpose(
        "dpv:AccountManagement",
        t("Uw account beheren", "Managing your account"),
        t(
            "De organisatie gebruikt uw gegevens om uw account of klantnummer te maken en bij te houden.",
            "The organisation uses your data to create and keep up your account or customer number.",
        ),
        false,
    ),
    purpose(
        "dpv:CustomerOrderManagement",
        t("Uw bestelling verwerken", "Handling your order"),
        t(
            "De organisatie gebruikt uw gegevens om uw bestelling klaar te maken en af te handelen.",
            "The organisation uses your data to prepare and complete your order.",
        ),
        false,
    ),
    purpose(
        "dpv:DeliveryOfGoods",
        t("Bezorgen", "Delivery"),
        t(
            "De organisatie gebruikt uw gegevens om spullen bij u te bezorgen.",
            "The organisation uses your data to deliver goods to you.",
        ),
        false,
    ),
    purpose(
        "dpv:PaymentManagement",
        t("Betalingen en rekeningen", "Payments and bills"),
        t(
            "De organisatie gebruikt uw gegevens om u een rekening te sturen of uw betalingen uit te voeren.",
            "The organisation uses your data to bill you or to carry out your payments.",
        ),
        false,
    ),
    purpose(
        "dpv:CustomerCare",
        t("Klantenservice", "Customer service"),
        t(
            "De organisatie gebruikt uw gegevens om u te helpen als u een vraag of probleem heeft.",
            "The organisation uses your data to help you when you have a question or a problem.",
        ),
        false,
    ),
    purpose(
        "dpv:CommunicationForCustomerCare",
        t("Berichten over uw dienst", "Messages about your service"),
        t(
            "De organisatie stuurt u berichten die nodig zijn voor uw dienst, zoals een bevestiging of een storing.",
            "The organisation sends you messages your service needs, such as a confirmation or an outage notice.",
        ),
        false,
    ),
    purpose(
        "dpv:CustomerClaimsManagement",
        t("Declaraties en claims", "Claims"),
        t(
            "De organisatie gebruikt uw gegevens om uw declaraties of claims te beoordelen en te betalen.",
            "The organisation uses your data to check and pay your claims.",
        ),
        false,
    ),
    purpose(
        "dpv:IdentityVerification",
        t("Uw identiteit controleren", "Checking who you are"),
        t(
            "De organisatie controleert of u echt bent wie u zegt dat u bent.",
            "The organisation checks that you really are who you say you are.",
        ),
        false,
    ),
    purpose(
        "dpv:EnforceSecurity",
        t("Beveiliging", "Security"),
        t(
            "De organisatie gebruikt uw gegevens om haar systemen en uw account veilig te houden.",
            "The organisation uses your data to keep its systems and your account safe.",
        ),
        false,
    ),
    purpose(
        "dpv:FraudPreventionAndDetection",
        t("Fraude voorkomen", "Preventing fraud"),
        t(
            "De organisatie kijkt naar uw gegevens om oplichting en misbruik te ontdekken en te stoppen.",
            "The organisation looks at your data to find and stop fraud and misuse.",
        ),
        true,
    ),
    purpose(
        "dpv:CounterMoneyLaundering",
        t("Witwassen tegengaan", "Countering money laundering"),
        t(
            "De organisatie kijkt naar uw betalingen om witwassen en terrorisme te ontdekken.",
            "The organisation looks at your payments to detect money laundering and terrorism.",
        ),
        true,
    ),
    personalising(
        "dpv:CreditChecking",
        t("Kredietcontrole", "Credit check"),
        t(
            "De organisatie bekijkt of u een lening of abonnement kunt betalen.",
            "The organisation checks whether you can pay for a loan or a subscription.",
        ),
        true,
    ),
    personalising(
        "dpv:CustomerSolvencyMonitoring",
        t("Betalingsachterstand volgen", "Watching for payment arrears"),
        t(
            "De organisatie let erop of u achter raakt met betalen, om daar iets mee te doen.",
            "The organisation watches whether you fall behind on payments, in order to act on it.",
        ),
        true,
    ),
    purpose(
        "dpv:LegalCompliance",
        t("Wettelijke plicht", "Legal duty"),
        t(
            "De organisatie moet uw gegevens bewaren of doorgeven omdat een wet dat zegt.",
            "The organisation must keep or pass on your data because a law says so.",
        ),
        false,
    ),
    purpose(
        "dpv:RecordManagement",
        t("Register bijhouden", "Keeping a register"),
        t(
            "De organisatie houdt een register of archief bij waar uw gegevens in staan.",
            "The organisation keeps a register or archive that holds your data.",
        ),
        false,
    ),
    purpose(
        "dpv:ProvideOfficialStatistics",
        t("Officiële statistiek", "Official statistics"),
        t(
            "Uw gegevens worden gebruikt voor cijfers van de overheid, zonder dat u daarin herkenbaar bent.",
            "Your data is used for government statistics, in which you cannot be recognised.",
        ),
        false,
    ),
    personalising(
        "dpv:Marketing",
        t("Marketing", "Marketing"),
        t(
            "De organisatie gebruikt uw gegevens om haar producten onder de aandacht te brengen.",
            "The organisation uses your data to promote its products.",
        ),
        false,
    ),
    personalising(
        "dpv:Advertising",
        t("Reclame", "Advertising"),
        t(
            "De organisatie laat u reclame zien, niet speciaal voor u gekozen.",
            "The organisation shows you advertising that is not chosen for you in particular.",
        ),
        false,
    ),
    personalising(
        "dpv:DirectMarketing",
        t("Reclame aan u", "Advertising to you"),
        t(
            "De organisatie gebruikt uw gegevens om u reclame en aanbiedingen te sturen.",
            "The organisation uses your data to send you advertising and offers.",
        ),
        false,
    ),
    personalising(
        "dpv:PersonalisedAdvertising",
        t("Aanbiedingen op maat", "Personalised offers"),
        t(
            "De organisatie kiest reclame en aanbiedingen voor u uit op basis van wat zij over u weet.",
            "The organisation picks advertising and offers for you based on what it knows about you.",
        ),
        true,
    ),
    personalising(
        "dpv:TargetedAdvertising",
        t("Gerichte reclame", "Targeted advertising"),
        t(
            "De organisatie volgt wat u doet, bijvoorbeeld online, en kiest daarmee reclame speciaal voor u.",
            "The organisation follows what you do, for example online, and uses that to pick advertising just for you.",
        ),
        true,
    ),
    personalising(
        "dpv:ServicePersonalisation",
        t("Dienst op maat", "Personalised service"),
        t(
            "De organisatie past haar dienst aan u aan op basis van uw gegevens, bijvoorbeeld met tips of inzichten.",
            "The organisation adapts its service to you based on your data, for example with tips or insights.",
        ),
        true,
    ),
    personalising(
        "dpv:ProvidePersonalisedRecommendations",
        t("Persoonlijke tips", "Personal tips"),
        t(
            "De organisatie geeft u tips op basis van uw voorkeuren en wat u eerder deed.",
            "The organisation gives you tips based on your preferences and what you did before.",
        ),
        true,
    ),
    personalising(
        "dpv:ProvideProductRecommendations",
        t("Productsuggesties", "Product suggestions"),
        t(
            "De organisatie stelt producten voor op basis van wat u eerder kocht of bekeek.",
            "The organisation suggests products based on what you bought or looked at before.",
        ),
        true,
    ),
    personalising(
        "dpv:PersonalisedBenefits",
        t("Voordelen op maat", "Personal benefits"),
        t(
            "De organisatie biedt u kortingen of extra's aan op basis van uw gegevens.",
            "The organisation offers you discounts or extras based on your data.",
        ),
        true,
    ),
    purpose(
        "dpv:ServiceUsageAnalytics",
        t("Gebruik meten", "Measuring use"),
        t(
            "De organisatie kijkt hoe u haar dienst gebruikt, om daar cijfers over te maken.",
            "The organisation looks at how you use its service, to make figures about it.",
        ),
        true,
    ),
    purpose(
        "dpv:ImproveExistingProductsAndServices",
        t("Producten verbeteren", "Improving products"),
        t(
            "De organisatie gebruikt uw gegevens om haar producten en diensten beter te maken.",
            "The organisation uses your data to make its products and services better.",
        ),
        false,
    ),
    purpose(
        "dpv:ResearchAndDevelopment",
        t("Onderzoek", "Research"),
        t(
            "De organisatie gebruikt uw gegevens voor onderzoek naar nieuwe producten of methodes.",
            "The organisation uses your data for research into new products or methods.",
        ),
        false,
    ),
    purpose(
        "dpv:SellDataToThirdParties",
        t("Gegevens verkopen", "Selling data"),
        t(
            "De organisatie geeft of verkoopt uw gegevens aan andere bedrijven.",
            "The organisation gives or sells your data to other companies.",
        ),
        false,
    ),
    data(
        "pd:Name",
        t("Naam", "Name"),
        t(
            "Uw voornaam en achternaam.",
            "Your first name and surname.",
        ),
        false,
    ),
    data(
        "pd:EmailAddress",
        t("E-mailadres", "E-mail address"),
        t(
            "Het adres waarop u e-mail krijgt.",
            "The address where you receive e-mail.",
        ),
        false,
    ),
    data(
        "pd:TelephoneNumber",
        t("Telefoonnummer", "Telephone number"),
        t(
            "Het nummer waarop u gebeld of ge-sms't wordt.",
            "The number on which you are called or texted.",
        ),
        false,
    ),
    data(
        "pd:PhysicalAddress",
        t("Adres", "Address"),
        t(
            "Uw straat, huisnummer, postcode en woonplaats.",
            "Your street, house number, postcode and town.",
        ),
        false,
    ),
    data(
        "pd:BirthDate",
        t("Geboortedatum", "Date of birth"),
        t(
            "De dag waarop u geboren bent.",
            "The day you were born.",
        ),
        false,
    ),
    data(
        "pd:Age",
        t("Leeftijd", "Age"),
        t(
            "Hoe oud u bent.",
            "How old you are.",
        ),
        false,
    ),
    data(
        "pd:Gender",
        t("Geslacht", "Gender"),
        t(
            "Of u man, vrouw of iets anders bent.",
            "Whether you are a man, a woman or something else.",
        ),
        false,
    ),
    data(
        "pd:Nationality",
        t("Nationaliteit", "Nationality"),
        t(
            "Van welk land u staatsburger bent.",
            "Which country you are a citizen of.",
        ),
        false,
    ),
    data(
        "pd:MaritalStatus",
        t("Burgerlijke staat", "Marital status"),
        t(
            "Of u getrouwd, samenwonend, gescheiden of alleen bent.",
            "Whether you are married, in a partnership, divorced or single.",
        ),
        false,
    ),
    data(
        "pd:FamilyStructure",
        t("Gezin", "Family"),
        t(
            "Wie uw partner, kinderen en ouders zijn.",
            "Who your partner, children and parents are.",
        ),
        false,
    ),
    data(
        "pd:OfficialID",
        t("Identiteitsbewijs en BSN", "ID document and citizen number"),
        t(
            "Uw paspoort, identiteitskaart, rijbewijs of burgerservicenummer (BSN).",
            "Your passport, identity card, driving licence or citizen service number (BSN).",
        ),
        false,
    ),
    data(
        "pd:Residency",
        t("Woonland", "Country of residence"),
        t(
            "In welk land of welke gemeente u woont.",
            "Which country or municipality you live in.",
        ),
        false,
    ),
    data(
        "pd:Financial",
        t("Geldzaken", "Financial data"),
        t(
            "Gegevens over uw geld, zoals uw saldo, inkomen of schulden.",
            "Data about your money, such as your balance, income or debts.",
        ),
        false,
    ),
    data(
        "pd:BankAccount",
        t("Bankrekening", "Bank account"),
        t(
            "Uw rekeningnummer (IBAN) en gegevens over die rekening.",
            "Your account number (IBAN) and details of that account.",
        ),
        false,
    ),
    data(
        "pd:PaymentCard",
        t("Betaalpas of creditcard", "Payment card"),
        t(
            "Gegevens over uw betaalpas of creditcard.",
            "Details of your debit or credit card.",
        ),
        false,
    ),
    data(
        "pd:Transactional",
        t("Betaalgegevens", "Payment data"),
        t(
            "Wat u koopt, betaalt en ontvangt, en bij wie.",
            "What you buy, pay and receive, and from or to whom.",
        ),
        false,
    ),
    data(
        "pd:Transaction",
        t("Losse betalingen", "Single payments"),
        t(
            "Elke betaling apart: bedrag, datum, aan wie en de omschrijving.",
            "Each payment on its own: amount, date, payee and description.",
        ),
        false,
    ),
    data(
        "pd:Income",
        t("Inkomen", "Income"),
        t(
            "Hoeveel geld u verdient of krijgt.",
            "How much money you earn or receive.",
        ),
        false,
    ),
    data(
        "pd:Tax",
        t("Belasting", "Tax"),
        t(
            "Gegevens over de belasting die u betaalt of moet betalen.",
            "Data about the tax you pay or owe.",
        ),
        false,
    ),
    data(
        "pd:CreditWorthiness",
        t("Kredietwaardigheid", "Creditworthiness"),
        t(
            "Of u een lening of abonnement waarschijnlijk kunt terugbetalen.",
            "Whether you are likely to be able to pay back a loan or a subscription.",
        ),
        false,
    ),
    data(
        "pd:CreditRecord",
        t("Kredietregistratie", "Credit record"),
        t(
            "Uw leningen en betalingsachterstanden, zoals die bij een kredietbureau staan.",
            "Your loans and payment arrears, as a credit bureau records them.",
        ),
        false,
    ),
    data(
        "pd:LoanRecord",
        t("Leningen", "Loans"),
        t(
            "Leningen die u aanvroeg, kreeg of niet kreeg.",
            "Loans you applied for, got or did not get.",
        ),
        false,
    ),
    data(
        "pd:Insurance",
        t("Verzekering", "Insurance"),
        t(
            "Welke verzekeringen u heeft en wat daarin staat.",
            "Which insurance policies you have and what they cover.",
        ),
        false,
    ),
    data(
        "pd:Purchase",
        t("Aankopen", "Purchases"),
        t(
            "Wat u gekocht heeft, zoals boeken of kleding.",
            "What you bought, such as books or clothes.",
        ),
        false,
    ),
    data(
        "pd:PurchasesAndSpendingHabit",
        t("Koopgedrag", "Spending habits"),
        t(
            "Wat er uit uw aankopen blijkt over hoe u geld uitgeeft.",
            "What your purchases show about how you spend money.",
        ),
        false,
    ),
    data(
        "pd:Interest",
        t("Interesses", "Interests"),
        t(
            "Waar u van houdt of in geïnteresseerd bent, zoals het soort boeken dat u leest.",
            "What you like or are interested in, such as the kind of books you read.",
        ),
        false,
    ),
    data(
        "pd:Preference",
        t("Voorkeuren", "Preferences"),
        t(
            "Wat u liever wel of niet wilt.",
            "What you would rather have or not have.",
        ),
        false,
    ),
    data(
        "pd:BrowsingBehavior",
        t("Surfgedrag", "Browsing behaviour"),
        t(
            "Welke pagina's u bekijkt en waar u op klikt.",
            "Which pages you look at and what you click on.",
        ),
        false,
    ),
    data(
        "pd:ServiceConsumptionBehavior",
        t("Verbruik", "Usage"),
        t(
            "Hoeveel en wanneer u een dienst gebruikt, zoals stroom, gas of mobiele data.",
            "How much and when you use a service, such as electricity, gas or mobile data.",
        ),
        false,
    ),
    data(
        "pd:Location",
        t("Locatie", "Location"),
        t(
            "Waar u bent of was, bijvoorbeeld via uw telefoon.",
            "Where you are or were, for example through your phone.",
        ),
        false,
    ),
    data(
        "pd:CommunicationsMetadata",
        t("Verkeersgegevens", "Traffic data"),
        t(
            "Met wie u belde of sms'te, wanneer en hoe lang, maar niet wat u zei.",
            "Whom you called or texted, when and for how long, but not what you said.",
        ),
        false,
    ),
    data(
        "pd:CallLog",
        t("Gesprekkenlijst", "Call log"),
        t(
            "Een lijst van de gesprekken die u voerde.",
            "A list of the calls you made.",
        ),
        false,
    ),
    data(
        "pd:IPAddress",
        t("IP-adres", "IP address"),
        t(
            "Het nummer van uw internetaansluiting of apparaat.",
            "The number of your internet connection or device.",
        ),
        false,
    ),
    data(
        "pd:AuthenticationHistory",
        t("Inloggegevens", "Log-in history"),
        t(
            "Wanneer en waar u inlogde, en of dat lukte.",
            "When and where you logged in, and whether it worked.",
        ),
        false,
    ),
    data(
        "pd:Health",
        t("Gezondheid", "Health"),
        t(
            "Gegevens over uw lichamelijke of geestelijke gezondheid, zoals zorg die u kreeg.",
            "Data about your physical or mental health, such as care you received.",
        ),
        true,
    ),
    data(
        "pd:Prescription",
        t("Medicijnen", "Medicines"),
        t(
            "Welke medicijnen een arts u heeft voorgeschreven.",
            "Which medicines a doctor prescribed you.",
        ),
        true,
    ),
    data(
        "pd:Disability",
        t("Beperking", "Disability"),
        t(
            "Of u een lichamelijke of andere beperking heeft.",
            "Whether you have a physical or other disability.",
        ),
        true,
    ),
    data(
        "pd:Genetic",
        t("Erfelijke gegevens", "Genetic data"),
        t(
            "Gegevens over uw DNA en wat u van uw ouders heeft geërfd.",
            "Data about your DNA and what you inherited from your parents.",
        ),
        true,
    ),
    data(
        "pd:Biometric",
        t("Biometrie", "Biometric data"),
        t(
            "Kenmerken van uw lichaam waarmee u te herkennen bent, zoals uw vingerafdruk of gezicht.",
            "Features of your body that can identify you, such as your fingerprint or face.",
        ),
        true,
    ),
    data(
        "pd:Religion",
        t("Geloof", "Religion"),
        t(
            "Welk geloof u heeft of of u gelovig bent.",
            "Which religion you have, or whether you are religious.",
        ),
        true,
    ),
    data(
        "pd:PoliticalOpinion",
        t("Politieke mening", "Political opinion"),
        t(
            "Wat u vindt van politiek en op welke partij u stemt.",
            "What you think about politics and which party you vote for.",
        ),
        true,
    ),
    data(
        "pd:TradeUnionMembership",
        t("Lid van een vakbond", "Trade union membership"),
        t(
            "Of u lid bent van een vakbond.",
            "Whether you are a member of a trade union.",
        ),
        true,
    ),
    data(
        "pd:EthnicOrigin",
        t("Afkomst", "Ethnic origin"),
        t(
            "Uit welke bevolkingsgroep u of uw familie komt.",
            "Which ethnic group you or your family come from.",
        ),
        true,
    ),
    data(
        "pd:SexualPreference",
        t("Seksuele voorkeur", "Sexual orientation"),
        t(
            "Op wie u verliefd wordt of met wie u een relatie wilt.",
            "Whom you fall in love with or want a relationship with.",
        ),
        true,
    ),
    data(
        "pd:Criminal",
        t("Strafrechtelijke gegevens", "Criminal records"),
        t(
            "Gegevens over strafbare feiten, zoals een veroordeling of een straf.",
            "Data about criminal offences, such as a conviction or a sentence.",
        ),
        true,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_full_iris_find_the_same_term() {
        let t = lookup("https://w3id.org/dpv#DirectMarketing").unwrap();
        assert_eq!(lookup("dpv:DirectMarketing"), Some(t));
        assert_eq!(t.iri(), "https://w3id.org/dpv#DirectMarketing");
    }

    #[test]
    fn every_term_has_both_languages_and_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in TERMS {
            assert!(seen.insert(t.compact), "{} twice", t.compact);
            for s in [t.label.nl, t.label.en, t.explanation.nl, t.explanation.en] {
                assert!(!s.trim().is_empty(), "{} has an empty text", t.compact);
            }
            assert!(t.compact.starts_with("dpv:") || t.compact.starts_with("pd:"));
            assert_eq!(t.kind == TermKind::Purpose, t.compact.starts_with("dpv:"));
        }
    }

    #[test]
    fn flags_fit_the_kind_of_term() {
        for t in TERMS {
            match t.kind {
                TermKind::Purpose => assert!(!t.sensitive, "{} is a purpose", t.compact),
                TermKind::DataCategory => assert!(!t.monitoring, "{} is data", t.compact),
            }
        }
        for c in [
            "pd:Health",
            "pd:Religion",
            "pd:SexualPreference",
            "pd:Criminal",
        ] {
            assert!(lookup(c).unwrap().sensitive, "{c} should be sensitive");
        }
        for p in [
            "dpv:FraudPreventionAndDetection",
            "dpv:CounterMoneyLaundering",
            "dpv:CreditChecking",
            "dpv:CustomerSolvencyMonitoring",
            "dpv:ServicePersonalisation",
        ] {
            assert!(lookup(p).unwrap().monitoring, "{p} should be monitoring");
        }
        assert!(!lookup("dpv:ServiceProvision").unwrap().monitoring);
        assert!(!lookup("pd:Name").unwrap().sensitive);
        assert!(purposes().count() >= 25);
        assert!(data_categories().count() >= 35);
    }
}
