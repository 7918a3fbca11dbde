//! Regie's ILLUSTRATIVE example organisations.
//!
//! **Fictional names, not real companies.** Every organisation here is made
//! up: the names ("Voorbeeldbank", "Zorgverzekeraar Voorbeeld", ...), the
//! KVK and OIN numbers (obviously fictional), and the `.example` web and
//! e-mail addresses, which can never resolve. What they hold is realistic for
//! their sector in the Netherlands, so the set serves demos and tests: a
//! bank, a health insurer, a telecom provider, an energy supplier, a web
//! shop, a bookshop and a municipality.
//!
//! The holdings show the cases Regie is built for:
//! - processing the law requires, locked, with the law named in plain words
//!   (the bank's transaction monitoring under the Wwft, the municipality's
//!   Basisregistratie Personen under the Wet BRP);
//! - monitoring at a grain a person can judge (general or specific data,
//!   now and then or all the time), such as arrears signalling and the bank's
//!   "financial insights" push messages;
//! - consent a person can withdraw, such as offers based on payment data;
//! - a purpose that does not fit the data it was collected for: the
//!   bookshop's "relevant commercial offers" based on reading preferences.

use chrono::NaiveDate;
use regie_model::{DataScope, Frequency, Grain, LegalBasis, OrgId};

use crate::domain::{BiText, NewHolding, Organisation, Source};

use DataScope::{General, Specific};
use Frequency::{Continuous, Incidental};
use LegalBasis::{Consent, Contract, LegalObligation, LegitimateInterest, PublicInterest};

/// One example organisation with its holdings.
pub struct Example {
    /// The organisation.
    pub org: Organisation,
    /// What it holds.
    pub holdings: Vec<NewHolding>,
}

/// The date of this example set.
pub fn source_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("a valid date")
}

/// All examples.
pub fn all() -> Vec<Example> {
    vec![
        bank(),
        health_insurer(),
        telecom(),
        energy(),
        web_shop(),
        bookshop(),
        municipality(),
    ]
}

/// The id of the example bank.
pub const BANK_ID: &str = "kvk:99999901";
/// The id of the example health insurer.
pub const HEALTH_INSURER_ID: &str = "kvk:99999902";
/// The id of the example telecom provider.
pub const TELECOM_ID: &str = "kvk:99999903";
/// The id of the example energy supplier.
pub const ENERGY_ID: &str = "kvk:99999904";
/// The id of the example web shop.
pub const WEB_SHOP_ID: &str = "kvk:99999905";
/// The id of the example bookshop.
pub const BOOKSHOP_ID: &str = "kvk:99999906";
/// The id of the example municipality (an OIN).
pub const MUNICIPALITY_ID: &str = "oin:00000001999999999000";

fn org(id: &str, name: &str, sector: &str, host: &str, postal: &str) -> Organisation {
    Organisation {
        id: OrgId::parse(id).expect("example ids follow the scheme"),
        name: name.to_owned(),
        sector: Some(sector.to_owned()),
        website: Some(format!("https://{host}.example")),
        privacy_email: Some(format!("privacy@{host}.example")),
        privacy_postal: Some(postal.to_owned()),
        source: Source::Example,
        source_date: Some(source_date()),
    }
}

fn h(category: &str, purpose: &str, basis: LegalBasis, retention: Option<&str>) -> NewHolding {
    NewHolding {
        category: category.to_owned(),
        purpose: purpose.to_owned(),
        basis,
        retention: retention.map(str::to_owned),
        grain: None,
        locked_reason: None,
        note: None,
    }
}

/// Small builder steps for [`NewHolding`], to keep the lists readable.
trait Build {
    fn grain(self, scope: DataScope, frequency: Frequency) -> Self;
    fn locked(self, nl: &str, en: &str) -> Self;
    fn note(self, nl: &str, en: &str) -> Self;
}

impl Build for NewHolding {
    fn grain(mut self, scope: DataScope, frequency: Frequency) -> Self {
        self.grain = Some(Grain { scope, frequency });
        self
    }
    fn locked(mut self, nl: &str, en: &str) -> Self {
        self.locked_reason = Some(BiText::new(nl, en));
        self
    }
    fn note(mut self, nl: &str, en: &str) -> Self {
        self.note = Some(BiText::new(nl, en));
        self
    }
}

fn bank() -> Example {
    Example {
        org: org(
            BANK_ID,
            "Voorbeeldbank",
            "bank",
            "voorbeeldbank",
            "Voorbeeldbank, t.a.v. Privacy, Postbus 1001, 1000 AA Amsterdam",
        ),
        holdings: vec![
            h("pd:Transaction", "dpv:CounterMoneyLaundering", LegalObligation, Some("P5Y"))
                .grain(Specific, Continuous)
                .locked(
                    "De bank moet dit doen volgens de wet (Wwft) om witwassen te voorkomen.",
                    "The bank must do this by law (Wwft) to prevent money laundering.",
                )
                .note(
                    "De bank kijkt steeds naar al uw betalingen, ook naar aan wie u betaalt. De wet zegt dat de bank deze gegevens tot 5 jaar na het einde van uw klantschap bewaart.",
                    "The bank looks at all your payments all the time, including whom you pay. The law says the bank keeps this data until 5 years after you stop being a customer.",
                ),
            h("pd:OfficialID", "dpv:IdentityVerification", LegalObligation, Some("P5Y")).locked(
                "De bank moet volgens de wet (Wwft) weten wie u bent, en daarom een kopie van uw identiteitsbewijs bewaren.",
                "The bank must by law (Wwft) know who you are, and so keep a copy of your identity document.",
            ),
            h("pd:Financial", "dpv:LegalCompliance", LegalObligation, Some("P7Y")).locked(
                "De bank moet elk jaar uw saldo en rente doorgeven aan de Belastingdienst (Algemene wet inzake rijksbelastingen).",
                "Every year the bank must pass your balance and interest on to the tax authority (General Tax Act).",
            ),
            h("pd:Transaction", "dpv:PaymentManagement", Contract, Some("P7Y")).locked(
                "Zonder uw betaalgegevens kan de bank uw betalingen niet uitvoeren. Dit hoort bij uw contract voor de betaalrekening.",
                "Without your payment data the bank cannot carry out your payments. This is part of your current account contract.",
            ),
            h("pd:Name", "dpv:AccountManagement", Contract, Some("P7Y")).locked(
                "De bank heeft uw naam nodig om uw rekening op uw naam te zetten.",
                "The bank needs your name to open the account in your name.",
            ),
            h("pd:CreditWorthiness", "dpv:CreditChecking", LegalObligation, Some("P5Y"))
                .grain(General, Incidental)
                .locked(
                    "Voordat u een lening krijgt, moet de bank volgens de wet (Wet op het financieel toezicht) nagaan of u die kunt terugbetalen.",
                    "Before you get a loan, the bank must by law (Financial Supervision Act) check whether you can pay it back.",
                ),
            h("pd:Transaction", "dpv:FraudPreventionAndDetection", LegitimateInterest, Some("P1Y"))
                .grain(General, Continuous)
                .note(
                    "De bank kijkt naar bedragen, tijden en plaatsen van uw betalingen om oplichting te herkennen.",
                    "The bank looks at the amounts, times and places of your payments to recognise fraud.",
                ),
            h("pd:Transactional", "dpv:CustomerSolvencyMonitoring", LegitimateInterest, Some("P2Y"))
                .grain(General, Continuous)
                .note(
                    "De bank let erop of u rood staat of betalingen mist, en neemt dan contact met u op. U mag hiertegen bezwaar maken (AVG artikel 21).",
                    "The bank watches whether you are overdrawn or miss payments, and then contacts you. You may object to this (GDPR Article 21).",
                ),
            h("pd:Transaction", "dpv:ServicePersonalisation", LegitimateInterest, Some("P1Y"))
                .grain(Specific, Continuous)
                .note(
                    "Dit zijn de 'financiële inzichten' die de bank u als pushbericht stuurt, op basis van waar u geld aan uitgeeft. Daar kunnen ook betalingen aan een ziekenhuis of een uitvaart in zitten. U mag hiertegen bezwaar maken.",
                    "These are the 'financial insights' the bank sends you as push messages, based on what you spend money on. They can include payments to a hospital or a funeral home. You may object to this.",
                ),
            h("pd:Transactional", "dpv:PersonalisedAdvertising", Consent, Some("P1Y"))
                .grain(Specific, Continuous)
                .note(
                    "Aanbiedingen van de bank en haar partners, gekozen op basis van uw betalingen. Dit mag alleen als u ja zegt, en u kunt dat altijd weer intrekken.",
                    "Offers from the bank and its partners, chosen based on your payments. This is only allowed if you say yes, and you can always take that back.",
                ),
            h("pd:EmailAddress", "dpv:DirectMarketing", LegitimateInterest, Some("P2Y")).note(
                "Nieuwsbrieven over producten van de bank. U mag hiertegen bezwaar maken.",
                "Newsletters about the bank's products. You may object to this.",
            ),
        ],
    }
}

fn health_insurer() -> Example {
    Example {
        org: org(
            HEALTH_INSURER_ID,
            "Zorgverzekeraar Voorbeeld",
            "health-insurer",
            "zorgverzekeraar-voorbeeld",
            "Zorgverzekeraar Voorbeeld, t.a.v. Functionaris Gegevensbescherming, Postbus 2002, 3500 AA Utrecht",
        ),
        holdings: vec![
            h("pd:Insurance", "dpv:ServiceProvision", Contract, Some("P7Y")).locked(
                "Zonder deze gegevens kan de verzekeraar uw zorgverzekering niet uitvoeren (Zorgverzekeringswet).",
                "Without this data the insurer cannot provide your health insurance (Health Insurance Act).",
            ),
            h("pd:OfficialID", "dpv:IdentityVerification", LegalObligation, Some("P7Y")).locked(
                "De wet verplicht zorgverzekeraars uw burgerservicenummer (BSN) te gebruiken, zodat uw gegevens niet met die van een ander worden verwisseld.",
                "The law requires health insurers to use your citizen service number (BSN), so your data is not mixed up with someone else's.",
            ),
            h("pd:Health", "dpv:CustomerClaimsManagement", Contract, Some("P7Y")).locked(
                "Om uw zorgkosten te betalen moet de verzekeraar zien welke zorg u kreeg (Zorgverzekeringswet).",
                "To pay for your care the insurer must see which care you received (Health Insurance Act).",
            ),
            h("pd:Health", "dpv:FraudPreventionAndDetection", LegalObligation, Some("P7Y"))
                .grain(Specific, Incidental)
                .locked(
                    "De verzekeraar moet volgens de wet (Zorgverzekeringswet) controleren of rekeningen van zorgverleners kloppen.",
                    "The insurer must by law (Health Insurance Act) check whether bills from care providers are correct.",
                ),
            h("pd:Prescription", "dpv:CustomerClaimsManagement", Contract, Some("P7Y")).locked(
                "Om uw medicijnen te vergoeden moet de verzekeraar weten welke medicijnen u kreeg (Zorgverzekeringswet).",
                "To pay for your medicines the insurer must know which medicines you received (Health Insurance Act).",
            ),
            h("pd:BankAccount", "dpv:PaymentManagement", Contract, Some("P7Y")).locked(
                "De verzekeraar heeft uw rekeningnummer nodig voor uw premie en voor terugbetalingen.",
                "The insurer needs your account number for your premium and for refunds.",
            ),
            h("pd:Health", "dpv:PersonalisedBenefits", Consent, Some("P1Y"))
                .grain(Specific, Incidental)
                .note(
                    "Aanbiedingen voor gezondheidsprogramma's op basis van uw zorggebruik. Gezondheid is gevoelige informatie: dit mag alleen met uw uitdrukkelijke toestemming.",
                    "Offers for health programmes based on the care you use. Health is sensitive information: this is only allowed with your explicit permission.",
                ),
            h("pd:EmailAddress", "dpv:DirectMarketing", LegitimateInterest, Some("P2Y")).note(
                "E-mails over aanvullende verzekeringen. U mag hiertegen bezwaar maken.",
                "E-mails about supplementary insurance. You may object to this.",
            ),
            h("pd:TelephoneNumber", "dpv:CustomerCare", Contract, Some("P2Y")).locked(
                "De verzekeraar gebruikt uw telefoonnummer om u te helpen met vragen over uw verzekering.",
                "The insurer uses your phone number to help you with questions about your insurance.",
            ),
        ],
    }
}

fn telecom() -> Example {
    Example {
        org: org(
            TELECOM_ID,
            "Telecom Voorbeeld",
            "telecom",
            "telecom-voorbeeld",
            "Telecom Voorbeeld, t.a.v. Privacy, Postbus 3003, 2500 AA Den Haag",
        ),
        holdings: vec![
            h("pd:Name", "dpv:LegalCompliance", LegalObligation, Some("P6M")).locked(
                "De provider moet uw naam, adres en nummer aan opsporingsdiensten kunnen geven als die daarom vragen (Telecommunicatiewet).",
                "The provider must be able to give your name, address and number to investigative services when they ask (Telecommunications Act).",
            ),
            h("pd:CommunicationsMetadata", "dpv:LegalCompliance", LegalObligation, Some("P6M"))
                .locked(
                    "De provider moet gegevens over uw verbindingen bewaren en aan opsporingsdiensten geven als die daarom vragen (Telecommunicatiewet).",
                    "The provider must keep data about your connections and give it to investigative services when they ask (Telecommunications Act).",
                ),
            h("pd:CommunicationsMetadata", "dpv:PaymentManagement", Contract, Some("P6M")).locked(
                "De provider heeft gegevens over uw gesprekken en dataverbruik nodig om uw rekening te maken.",
                "The provider needs data about your calls and data use to make your bill.",
            ),
            h("pd:Location", "dpv:ServiceProvision", Contract, Some("P1M")).locked(
                "Het netwerk moet weten bij welke mast uw telefoon is, anders kunt u niet bellen of internetten.",
                "The network must know which mast your phone is near, or you cannot call or use the internet.",
            ),
            h("pd:BankAccount", "dpv:PaymentManagement", Contract, Some("P7Y")).locked(
                "De provider heeft uw rekeningnummer nodig om uw abonnement af te schrijven.",
                "The provider needs your account number to collect your subscription.",
            ),
            h("pd:CreditWorthiness", "dpv:CreditChecking", LegitimateInterest, Some("P1Y"))
                .grain(General, Incidental)
                .note(
                    "Bij een nieuw abonnement met toestel kijkt de provider één keer of u eerder betalingen miste. U mag hiertegen bezwaar maken.",
                    "For a new subscription with a phone the provider checks once whether you missed payments before. You may object to this.",
                ),
            h("pd:ServiceConsumptionBehavior", "dpv:ServiceUsageAnalytics", LegitimateInterest, Some("P1Y"))
                .grain(General, Continuous)
                .note(
                    "De provider kijkt hoeveel u belt en internet gebruikt, om het netwerk en de abonnementen te verbeteren.",
                    "The provider looks at how much you call and use the internet, to improve the network and the plans.",
                ),
            h("pd:Location", "dpv:PersonalisedAdvertising", Consent, Some("P3M"))
                .grain(Specific, Continuous)
                .note(
                    "Aanbiedingen op basis van waar u bent, bijvoorbeeld van winkels in de buurt. Dit mag alleen als u ja zegt.",
                    "Offers based on where you are, for example from nearby shops. This is only allowed if you say yes.",
                ),
            h("pd:TelephoneNumber", "dpv:DirectMarketing", LegitimateInterest, Some("P2Y")).note(
                "Telefoontjes en sms'jes over een nieuw abonnement. U mag hiertegen bezwaar maken.",
                "Calls and text messages about a new subscription. You may object to this.",
            ),
        ],
    }
}

fn energy() -> Example {
    Example {
        org: org(
            ENERGY_ID,
            "Energie Voorbeeld",
            "energy",
            "energie-voorbeeld",
            "Energie Voorbeeld, t.a.v. Privacy, Postbus 4004, 6800 AA Arnhem",
        ),
        holdings: vec![
            h("pd:PhysicalAddress", "dpv:ServiceProvision", Contract, Some("P7Y")).locked(
                "De leverancier moet weten op welk adres u stroom en gas krijgt.",
                "The supplier must know at which address you receive electricity and gas.",
            ),
            h("pd:ServiceConsumptionBehavior", "dpv:PaymentManagement", Contract, Some("P7Y")).locked(
                "Voor uw rekening leest de leverancier uw slimme meter uit, maar alleen de standen per maand.",
                "For your bill the supplier reads your smart meter, but only the monthly readings.",
            ),
            h("pd:ServiceConsumptionBehavior", "dpv:ServicePersonalisation", Consent, Some("P2Y"))
                .grain(Specific, Continuous)
                .note(
                    "Met uw toestemming leest de leverancier uw slimme meter per kwartier uit, voor tips om energie te besparen. Zo'n fijn verbruik laat zien wanneer u thuis bent.",
                    "With your permission the supplier reads your smart meter every quarter of an hour, for tips to save energy. Such detailed use shows when you are at home.",
                ),
            h("pd:BankAccount", "dpv:PaymentManagement", Contract, Some("P7Y")).locked(
                "De leverancier heeft uw rekeningnummer nodig om het voorschot af te schrijven.",
                "The supplier needs your account number to collect the monthly payment.",
            ),
            h("pd:CreditWorthiness", "dpv:CreditChecking", LegitimateInterest, Some("P1Y"))
                .grain(General, Incidental)
                .note(
                    "Bij een nieuw contract kijkt de leverancier één keer of u een waarborgsom moet betalen. U mag hiertegen bezwaar maken.",
                    "For a new contract the supplier checks once whether you must pay a deposit. You may object to this.",
                ),
            h("pd:Transactional", "dpv:LegalCompliance", LegalObligation, Some("P1Y"))
                .locked(
                    "Als u achterloopt met betalen, moet de leverancier dat melden aan uw gemeente, zodat die u hulp kan aanbieden (Wet gemeentelijke schuldhulpverlening).",
                    "If you fall behind on payments, the supplier must report this to your municipality so it can offer you help (Municipal Debt Assistance Act).",
                ),
            h("pd:EmailAddress", "dpv:DirectMarketing", LegitimateInterest, Some("P2Y")).note(
                "E-mails over zonnepanelen en andere producten. U mag hiertegen bezwaar maken.",
                "E-mails about solar panels and other products. You may object to this.",
            ),
        ],
    }
}

fn web_shop() -> Example {
    Example {
        org: org(
            WEB_SHOP_ID,
            "Webwinkel Voorbeeld",
            "retail",
            "webwinkel-voorbeeld",
            "Webwinkel Voorbeeld, t.a.v. Privacy, Postbus 5005, 5600 AA Eindhoven",
        ),
        holdings: vec![
            h("pd:Name", "dpv:CustomerOrderManagement", Contract, Some("P2Y")).locked(
                "De winkel heeft uw naam nodig om uw bestelling te verwerken.",
                "The shop needs your name to process your order.",
            ),
            h("pd:Purchase", "dpv:CustomerOrderManagement", Contract, Some("P2Y")).locked(
                "De winkel moet weten wat u bestelde om het te kunnen leveren en om retouren af te handelen.",
                "The shop must know what you ordered to deliver it and to handle returns.",
            ),
            h("pd:PhysicalAddress", "dpv:DeliveryOfGoods", Contract, Some("P2Y")).locked(
                "Zonder uw adres kan de winkel uw pakket niet bezorgen.",
                "Without your address the shop cannot deliver your parcel.",
            ),
            h("pd:Purchase", "dpv:LegalCompliance", LegalObligation, Some("P7Y")).locked(
                "De winkel moet haar boekhouding 7 jaar bewaren voor de Belastingdienst (Algemene wet inzake rijksbelastingen).",
                "The shop must keep its accounts for 7 years for the tax authority (General Tax Act).",
            ),
            h("pd:EmailAddress", "dpv:CommunicationForCustomerCare", Contract, Some("P2Y")).locked(
                "De winkel stuurt u een bevestiging en laat weten wanneer uw pakket komt.",
                "The shop sends you a confirmation and tells you when your parcel arrives.",
            ),
            h("pd:PaymentCard", "dpv:FraudPreventionAndDetection", LegitimateInterest, Some("P1Y"))
                .grain(General, Incidental)
                .note(
                    "Bij een ongewone bestelling kijkt de winkel of de betaling echt van u komt.",
                    "For an unusual order the shop checks whether the payment really comes from you.",
                ),
            h("pd:PurchasesAndSpendingHabit", "dpv:ProvideProductRecommendations", Consent, Some("P2Y"))
                .grain(Specific, Continuous)
                .note(
                    "Suggesties voor producten op basis van wat u eerder kocht. Dit mag alleen als u ja zegt.",
                    "Product suggestions based on what you bought before. This is only allowed if you say yes.",
                ),
            h("pd:EmailAddress", "dpv:DirectMarketing", LegitimateInterest, Some("P2Y")).note(
                "Als klant krijgt u e-mails over producten die lijken op wat u kocht. U kunt onder elke e-mail nee zeggen, of hier bezwaar maken.",
                "As a customer you get e-mails about products like the ones you bought. You can say no under every e-mail, or object here.",
            ),
            h("pd:BrowsingBehavior", "dpv:TargetedAdvertising", Consent, Some("P1Y"))
                .grain(Specific, Continuous)
                .note(
                    "Met cookies volgt de winkel wat u bekijkt, ook op andere sites, voor reclame speciaal voor u. Dit mag alleen als u ja zegt.",
                    "With cookies the shop follows what you look at, also on other sites, for advertising just for you. This is only allowed if you say yes.",
                ),
        ],
    }
}

fn bookshop() -> Example {
    Example {
        org: org(
            BOOKSHOP_ID,
            "Boekhandel Voorbeeld",
            "bookshop",
            "boekhandel-voorbeeld",
            "Boekhandel Voorbeeld, t.a.v. Privacy, Voorbeeldstraat 1, 9700 AA Groningen",
        ),
        holdings: vec![
            h("pd:Name", "dpv:CustomerOrderManagement", Contract, Some("P2Y")).locked(
                "De boekhandel heeft uw naam nodig om uw bestelling te verwerken.",
                "The bookshop needs your name to process your order.",
            ),
            h("pd:Purchase", "dpv:CustomerOrderManagement", Contract, Some("P2Y")).locked(
                "De boekhandel moet weten welke boeken u bestelde om ze te leveren.",
                "The bookshop must know which books you ordered to deliver them.",
            ),
            h("pd:PhysicalAddress", "dpv:DeliveryOfGoods", Contract, Some("P2Y")).locked(
                "Zonder uw adres kan de boekhandel uw boeken niet bezorgen.",
                "Without your address the bookshop cannot deliver your books.",
            ),
            h("pd:Purchase", "dpv:LegalCompliance", LegalObligation, Some("P7Y")).locked(
                "De boekhandel moet haar boekhouding 7 jaar bewaren voor de Belastingdienst (Algemene wet inzake rijksbelastingen).",
                "The bookshop must keep its accounts for 7 years for the tax authority (General Tax Act).",
            ),
            h("pd:Interest", "dpv:ProvidePersonalisedRecommendations", Consent, Some("P2Y"))
                .grain(Specific, Continuous)
                .note(
                    "U gaf uw leesvoorkeuren op om tips te krijgen over nieuwe boeken. Daar zijn ze voor bedoeld.",
                    "You gave your reading preferences to get tips about new books. That is what they are for.",
                ),
            h("pd:Interest", "dpv:PersonalisedAdvertising", LegitimateInterest, Some("P2Y"))
                .grain(Specific, Continuous)
                .note(
                    "De boekhandel gebruikt uw leesvoorkeuren ook voor 'relevante commerciële aanbiedingen', ook van andere bedrijven, bijvoorbeeld voor een auto. Dat past niet bij waarvoor u die voorkeuren gaf: tips over boeken. U mag hiertegen bezwaar maken.",
                    "The bookshop also uses your reading preferences for 'relevant commercial offers', also from other companies, for example for a car. That does not fit what you gave those preferences for: tips about books. You may object to this.",
                ),
            h("pd:EmailAddress", "dpv:DirectMarketing", Consent, Some("P2Y")).note(
                "De nieuwsbrief van de boekhandel, waarvoor u zich aanmeldde.",
                "The bookshop's newsletter, which you signed up for.",
            ),
        ],
    }
}

fn municipality() -> Example {
    let brp_nl = "De gemeente moet u inschrijven in de Basisregistratie Personen (Wet BRP). Dit is een taak van de overheid.";
    let brp_en = "The municipality must register you in the Personal Records Database (Wet BRP, the Dutch Personal Records Database Act). This is a public task.";
    let lifelong_nl = "De BRP bewaart uw gegevens zolang u leeft, en daarna in het archief.";
    let lifelong_en =
        "The BRP keeps your data for as long as you live, and after that in the archive.";
    Example {
        org: org(
            MUNICIPALITY_ID,
            "Gemeente Voorbeeldstad",
            "municipality",
            "gemeente-voorbeeldstad",
            "Gemeente Voorbeeldstad, t.a.v. Functionaris Gegevensbescherming, Postbus 6006, 1200 AA Voorbeeldstad",
        ),
        holdings: vec![
            h("pd:Name", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:PhysicalAddress", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:BirthDate", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:OfficialID", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:FamilyStructure", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:Nationality", "dpv:RecordManagement", PublicInterest, None)
                .locked(brp_nl, brp_en)
                .note(lifelong_nl, lifelong_en),
            h("pd:Residency", "dpv:ProvideOfficialStatistics", PublicInterest, Some("P1Y")).locked(
                "Gegevens uit de BRP gaan naar het CBS voor cijfers over de bevolking (Wet BRP en Wet op het Centraal bureau voor de statistiek).",
                "Data from the BRP goes to Statistics Netherlands for population figures (Wet BRP and the Statistics Netherlands Act).",
            ),
            h("pd:Tax", "dpv:PaymentManagement", PublicInterest, Some("P7Y")).locked(
                "De gemeente heft belastingen zoals de onroerendezaakbelasting en de afvalstoffenheffing (Gemeentewet).",
                "The municipality levies taxes such as property tax and the waste levy (Municipalities Act).",
            ),
            h("pd:Transactional", "dpv:CustomerSolvencyMonitoring", PublicInterest, Some("P1Y"))
                .grain(General, Incidental)
                .locked(
                    "Als u achterloopt met vaste lasten, krijgt de gemeente een melding en biedt u hulp aan (Wet gemeentelijke schuldhulpverlening).",
                    "If you fall behind on fixed costs, the municipality gets a notice and offers you help (Municipal Debt Assistance Act).",
                ),
            h("pd:Health", "dpv:ServiceProvision", PublicInterest, Some("P15Y")).locked(
                "Als u hulp of een voorziening aanvraagt, moet de gemeente weten wat u nodig heeft (Wet maatschappelijke ondersteuning).",
                "If you apply for support or an aid, the municipality must know what you need (Social Support Act).",
            ),
            h("pd:EmailAddress", "dpv:CommunicationForCustomerCare", Consent, Some("P2Y")).note(
                "Met uw toestemming stuurt de gemeente u e-mails over uw aanvragen en afspraken.",
                "With your permission the municipality sends you e-mails about your applications and appointments.",
            ),
        ],
    }
}
