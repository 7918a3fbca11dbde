//! Parsing a command line, with its usage errors said in the chosen
//! language.
//!
//! clap finds what is wrong and gives it as a kind with its facts (the
//! argument, the value, the values it could have been, a suggestion);
//! the sentence is written here from those facts, with the usage line of
//! the command and where to read more. Exit code 2, as clap's own.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, FromArgMatches};
use regie_model::{Language, Text};

use crate::help::{finish, localise, Help};
use crate::texts;

/// Parsing stopped: for help or the version (exit 0, on stdout) or a
/// usage error (exit 2, on stderr). `text` ends with a newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// The exit code.
    pub code: u8,
    /// What to print.
    pub text: String,
    /// Whether to print it on standard error.
    pub stderr: bool,
}

impl Stop {
    /// Prints the text where it belongs and returns the exit code.
    pub fn print(&self) -> u8 {
        use std::io::Write;
        let _ = if self.stderr {
            std::io::stderr().lock().write_all(self.text.as_bytes())
        } else {
            std::io::stdout().lock().write_all(self.text.as_bytes())
        };
        self.code
    }
}

/// Parses `args` (the program name first) as `T`, declared by `cmd`, with
/// help and errors in `lang` (see [`crate::language`]). With `--json` in
/// `args`, a usage error is `{"error":{"code":"usage","message",
/// "usage"}}`.
pub fn parse<T: FromArgMatches>(
    cmd: Command,
    help: &Help,
    args: Vec<OsString>,
    lang: Language,
) -> Result<T, Box<Stop>> {
    let json = crate::lang::wants_json(&args);
    let mut cmd = localise(cmd, lang, help);
    let result = cmd
        .try_get_matches_from_mut(args.clone())
        .and_then(|m| T::from_arg_matches(&m));
    result.map_err(|e| {
        // Not every error carries the usage line: that of the command
        // the arguments name.
        let usage = usage(&e, lang).or_else(|| {
            let u = usage_named(&mut cmd, &args);
            Some(strip_title(&finish(&u, lang)))
        });
        Box::new(stop(e, lang, json, usage))
    })
}

/// The usage line of the (sub)command the arguments name: each word that
/// is the name of a command under the one found so far goes one level
/// down.
fn usage_named(cmd: &mut Command, args: &[OsString]) -> StyledStr {
    let mut path: Vec<String> = Vec::new();
    let mut at: &Command = cmd;
    for a in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if a == "--" {
            break;
        }
        if let Some(sub) = at.find_subcommand(a).filter(|_| !a.starts_with('-')) {
            path.push(sub.get_name().to_owned());
            at = sub;
        }
    }
    usage_of(cmd, &path)
}

fn usage_of(cmd: &mut Command, path: &[String]) -> StyledStr {
    if let Some((name, rest)) = path.split_first() {
        if let Some(sub) = cmd.find_subcommand_mut(name) {
            return usage_of(sub, rest);
        }
    }
    cmd.render_usage()
}

fn stop(e: clap::Error, lang: Language, json: bool, usage: Option<String>) -> Stop {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Stop {
            code: 0,
            text: finish(&e.render(), lang),
            stderr: false,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Stop {
            code: crate::USAGE,
            text: finish(&e.render(), lang),
            stderr: true,
        },
        _ => {
            let sentence = sentence(&e, lang);
            let text = if json {
                let mut error = serde_json::json!({"code": "usage", "message": sentence});
                if let Some(u) = &usage {
                    error["usage"] = u.clone().into();
                }
                format!("{}\n", serde_json::json!({ "error": error }))
            } else {
                let mut t = format!("{}: {sentence}\n", texts::ERROR.get(lang));
                if let Some(u) = &usage {
                    t.push_str(&format!("\n{}: {u}\n", texts::USAGE.get(lang)));
                    let help = format!("{} --help", command_of(u));
                    t.push_str(&format!(
                        "\n{}\n",
                        texts::MORE.fill(lang, &[("help", &help)])
                    ));
                }
                t
            };
            Stop {
                code: crate::USAGE,
                text,
                stderr: true,
            }
        }
    }
}

/// The usage line of the command the error is about, without its title.
fn usage(e: &clap::Error, lang: Language) -> Option<String> {
    let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) else {
        return None;
    };
    Some(strip_title(&finish(u, lang)))
}

/// A usage line without clap's title (`Usage:`), which is written again
/// in the language.
fn strip_title(u: &str) -> String {
    let u = u.trim();
    u.strip_prefix("Usage:").unwrap_or(u).trim().to_owned()
}

/// The command of a usage line: the words before the first option,
/// argument or placeholder.
fn command_of(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['-', '<', '[']))
        .collect::<Vec<_>>()
        .join(" ")
}

fn one(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn all(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

fn quoted(s: &str) -> String {
    format!("'{s}'")
}

/// Several things, each quoted, the last after "or".
fn either(items: &[String], lang: Language) -> String {
    let q: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    match q.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), texts::OR.get(lang)),
    }
}

fn fill(lang: Language, t: Text, vars: &[(&str, &str)]) -> String {
    t.fill(lang, vars)
}

/// What is wrong, as a sentence in `lang`, from the facts clap found.
fn sentence(e: &clap::Error, lang: Language) -> String {
    let arg = one(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = match one(e, ContextKind::InvalidValue) {
        Some(v) if v.is_empty() => texts::EMPTY_VALUE.get(lang).to_owned(),
        Some(v) => quoted(&v),
        None => String::new(),
    };
    let mut s = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = all(e, ContextKind::ValidValue);
            if valid.is_empty() {
                fill(lang, texts::BAD_VALUE, &[("value", &value), ("arg", &arg)])
            } else {
                fill(
                    lang,
                    texts::BAD_VALUE_LIST,
                    &[
                        ("value", &value),
                        ("arg", &arg),
                        ("values", &valid.join(", ")),
                    ],
                )
            }
        }
        ErrorKind::ValueValidation => {
            let mut s = fill(lang, texts::BAD_VALUE, &[("value", &value), ("arg", &arg)]);
            // The parser's own reason is English: only in English.
            if lang == Language::En {
                if let Some(why) = std::error::Error::source(e) {
                    s = format!("{} ({why})", s.trim_end_matches('.'));
                    s.push('.');
                }
            }
            s
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            fill(lang, texts::UNKNOWN_ARG, &[("arg", &quoted(&arg))])
        }
        ErrorKind::UnknownArgument => fill(lang, texts::UNEXPECTED_ARG, &[("arg", &quoted(&arg))]),
        ErrorKind::InvalidSubcommand => {
            let command = one(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            fill(
                lang,
                texts::UNKNOWN_COMMAND,
                &[("command", &quoted(&command))],
            )
        }
        ErrorKind::NoEquals => fill(lang, texts::NO_EQUALS, &[("arg", &arg)]),
        ErrorKind::TooManyValues => fill(
            lang,
            texts::TOO_MANY_VALUES,
            &[("value", &value), ("arg", &arg)],
        ),
        ErrorKind::WrongNumberOfValues => fill(
            lang,
            texts::WRONG_NUMBER,
            &[
                ("arg", &arg),
                (
                    "expected",
                    &one(e, ContextKind::ExpectedNumValues).unwrap_or_default(),
                ),
                (
                    "actual",
                    &one(e, ContextKind::ActualNumValues).unwrap_or_default(),
                ),
            ],
        ),
        ErrorKind::TooFewValues => fill(lang, texts::TOO_FEW, &[("arg", &arg)]),
        ErrorKind::ArgumentConflict => {
            let others = all(e, ContextKind::PriorArg);
            if others.is_empty() || others.iter().all(|o| *o == arg) {
                fill(lang, texts::CONFLICT_TWICE, &[("arg", &arg)])
            } else {
                fill(
                    lang,
                    texts::CONFLICT,
                    &[("arg", &arg), ("other", &others.join(", "))],
                )
            }
        }
        ErrorKind::MissingRequiredArgument => fill(
            lang,
            texts::MISSING,
            &[("args", &all(e, ContextKind::InvalidArg).join(", "))],
        ),
        ErrorKind::MissingSubcommand => fill(
            lang,
            texts::MISSING_COMMAND,
            &[("commands", &all(e, ContextKind::ValidSubcommand).join(", "))],
        ),
        ErrorKind::InvalidUtf8 => texts::NOT_UTF8.get(lang).to_owned(),
        _ => match lang {
            Language::Nl => texts::UNREADABLE.nl.to_owned(),
            Language::En => format!(
                "{} ({})",
                texts::UNREADABLE.en.trim_end_matches('.'),
                e.kind()
            ),
        },
    };
    let suggested: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| all(e, k))
    .collect();
    if !suggested.is_empty() {
        s.push(' ');
        s.push_str(&fill(
            lang,
            texts::DID_YOU_MEAN,
            &[("what", &either(&suggested, lang))],
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgMatches};

    const TABLE: Help = Help {
        texts: &[
            (
                "",
                Text {
                    nl: "Een voorbeeld.",
                    en: "An example.",
                },
            ),
            (
                "check",
                Text {
                    nl: "Kijk.",
                    en: "Check.",
                },
            ),
            (
                "check.channel",
                Text {
                    nl: "Het kanaal.",
                    en: "The channel.",
                },
            ),
            (
                ".json",
                Text {
                    nl: "JSON.",
                    en: "JSON.",
                },
            ),
        ],
        value_names: &[("CHANNEL", "KANAAL")],
    };

    fn cmd() -> Command {
        Command::new("voorbeeld")
            .arg(
                Arg::new("json")
                    .long("json")
                    .global(true)
                    .action(clap::ArgAction::SetTrue),
            )
            .subcommand(
                Command::new("check").arg(
                    Arg::new("channel")
                        .long("channel")
                        .value_name("CHANNEL")
                        .required(true)
                        .value_parser(["push", "email"]),
                ),
            )
    }

    fn run(args: &[&str], lang: Language) -> Stop {
        let args = std::iter::once("voorbeeld")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        *parse::<Parsed>(cmd(), &TABLE, args, lang).unwrap_err()
    }

    /// Whatever was parsed: these tests look at the errors.
    #[derive(Debug)]
    struct Parsed;

    impl FromArgMatches for Parsed {
        fn from_arg_matches(_: &ArgMatches) -> Result<Self, clap::Error> {
            Ok(Parsed)
        }
        fn update_from_arg_matches(&mut self, _: &ArgMatches) -> Result<(), clap::Error> {
            Ok(())
        }
    }

    #[test]
    fn a_wrong_value_is_named_with_the_values_it_can_have_and_the_usage() {
        let s = run(&["check", "--channel", "fax"], Language::Nl);
        assert_eq!((s.code, s.stderr), (2, true));
        assert!(
            s.text
                .starts_with("Fout: 'fax' kan niet bij --channel <KANAAL>. Kies uit: push, email."),
            "{}",
            s.text
        );
        assert!(
            s.text
                .contains("\nGebruik: voorbeeld check [OPTIES] --channel <KANAAL>\n"),
            "{}",
            s.text
        );
        assert!(
            s.text.contains("Meer uitleg: voorbeeld check --help"),
            "{}",
            s.text
        );
        let s = run(&["check", "--channel", "fax"], Language::En);
        assert!(
            s.text
                .starts_with("Error: 'fax' is not a valid value for --channel <CHANNEL>."),
            "{}",
            s.text
        );
    }

    #[test]
    fn a_typo_in_a_command_gets_a_suggestion() {
        let s = run(&["chek"], Language::Nl);
        assert!(
            s.text
                .starts_with("Fout: 'chek' is geen opdracht. Bedoelt u 'check'?"),
            "{}",
            s.text
        );
        assert_eq!(s.code, 2);
    }

    #[test]
    fn a_missing_argument_and_json() {
        let s = run(&["--json", "check"], Language::Nl);
        let v: serde_json::Value = serde_json::from_str(&s.text).unwrap_or_default();
        assert_eq!(v["error"]["code"], "usage", "{}", s.text);
        let m = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            m.starts_with("Dit ontbreekt nog: --channel <KANAAL>"),
            "{m}"
        );
    }

    #[test]
    fn help_goes_to_stdout_with_exit_0() {
        let s = run(&["check", "--help"], Language::Nl);
        assert_eq!((s.code, s.stderr), (0, false));
        assert!(s.text.contains("Kijk."), "{}", s.text);
    }
}
