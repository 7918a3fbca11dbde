//! The texts this crate adds to every command line: clap's own words
//! (headings, the built-in help and version arguments, notes after a
//! help text) and the sentences of usage errors, in Dutch (plain, B1) and
//! English. `{name}` is filled in.

use regie_model::texts;

texts! {
    // ----- help -----------------------------------------------------------
    USAGE = ("Gebruik", "Usage");
    COMMANDS = ("Opdrachten", "Commands");
    ARGUMENTS = ("Argumenten", "Arguments");
    OPTIONS = ("Opties", "Options");
    OPTIONS_TAG = ("[OPTIES]", "[OPTIONS]");
    COMMAND_NAME = ("OPDRACHT", "COMMAND");
    HELP_ARG = ("Toon deze hulp", "Print help");
    VERSION_ARG = ("Toon het versienummer", "Print version");
    HELP_COMMAND = (
        "Toon deze hulp, of de hulp bij de genoemde opdracht",
        "Print this message or the help of the given subcommand(s)"
    );
    HELP_COMMAND_ARG = ("De opdracht om hulp bij te tonen", "Print help for the subcommand(s)");
    DEFAULT = ("standaard", "default");
    ENV = ("omgevingsvariabele", "env");
    POSSIBLE = ("mogelijk", "possible values");
    // ----- usage errors ---------------------------------------------------
    ERROR = ("Fout", "Error");
    MORE = ("Meer uitleg: {help}", "For more information, try '{help}'.");
    DID_YOU_MEAN = ("Bedoelt u {what}?", "Did you mean {what}?");
    OR = ("of", "or");
    BAD_VALUE = ("{value} kan niet bij {arg}.", "{value} is not a valid value for {arg}.");
    BAD_VALUE_LIST = (
        "{value} kan niet bij {arg}. Kies uit: {values}.",
        "{value} is not a valid value for {arg}. Possible values: {values}."
    );
    EMPTY_VALUE = ("een lege waarde", "an empty value");
    UNKNOWN_ARG = ("De optie {arg} bestaat hier niet.", "The option {arg} does not exist here.");
    UNEXPECTED_ARG = ("{arg} hoort hier niet.", "{arg} is not expected here.");
    UNKNOWN_COMMAND = ("{command} is geen opdracht.", "{command} is not a command.");
    NO_EQUALS = (
        "Schrijf {arg} met '=' vast aan de waarde, zoals {arg}=WAARDE.",
        "Write {arg} with '=' attached to its value, as in {arg}=VALUE."
    );
    TOO_MANY_VALUES = ("{value} is een waarde te veel voor {arg}.", "{value} is one value too many for {arg}.");
    WRONG_NUMBER = (
        "{arg} heeft {expected} waarde(n) nodig, maar kreeg er {actual}.",
        "{arg} needs {expected} value(s), but got {actual}."
    );
    TOO_FEW = ("{arg} heeft meer waarden nodig.", "{arg} needs more values.");
    CONFLICT = ("{arg} kan niet samen met {other}.", "{arg} cannot be used together with {other}.");
    CONFLICT_TWICE = ("{arg} mag maar één keer.", "{arg} can be given only once.");
    MISSING = ("Dit ontbreekt nog: {args}.", "This is still missing: {args}.");
    MISSING_COMMAND = ("Kies een opdracht: {commands}.", "Choose a command: {commands}.");
    NOT_UTF8 = ("Een argument is geen geldige tekst (UTF-8).", "An argument is not valid text (UTF-8).");
    UNREADABLE = ("De opdrachtregel is niet te lezen.", "The command line cannot be read.");
}
