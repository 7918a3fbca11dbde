//! A command line's help in the chosen language.
//!
//! clap renders the help; what it renders is rewritten first. Every text
//! comes from the binary's [`Help`] table, in both languages alike, so the
//! table is the one place a person's help is written (the doc comments on
//! the arguments remain documentation of the code). clap's own words go
//! too: the headings, the built-in `--help`, `--version` and `help`, and
//! the notes after a help text (`[default: ...]`, `[env: ...]`, possible
//! values), which are hidden and written again in the language.

use clap::builder::{Str, StyledStr};
use clap::{Arg, Command};
use regie_model::{Language, Text};

use crate::texts;

/// A command line's texts in both languages.
///
/// Keys, for `regie-org check --channel` and the like:
///
/// | key | text |
/// |---|---|
/// | `""` | the program's about line |
/// | `"check"`, `"org add"` | a command's about line |
/// | `".lang"`, `"check.channel"` | an argument's help (by clap id) |
/// | `"suppressions.format=csv"` | a possible value's help |
/// | `"#after"`, `"contact#after"` | the text after a command's help |
///
/// A global argument is looked up where it is declared.
#[derive(Debug, Clone, Copy)]
pub struct Help {
    /// The texts by key.
    pub texts: &'static [(&'static str, Text)],
    /// The Dutch for each placeholder of a value (`CUSTOMER` -> `KLANT`).
    pub value_names: &'static [(&'static str, &'static str)],
}

impl Help {
    fn text(&self, key: &str) -> Option<Text> {
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
    }

    fn value_name(&self, name: &Str, lang: Language) -> Str {
        let dutch = self.value_names.iter().find(|(en, _)| *en == name.as_str());
        match (lang, dutch) {
            (Language::Nl, Some((_, nl))) => Str::from(*nl),
            _ => name.clone(),
        }
    }
}

/// The ids of clap's built-in arguments and command.
const HELP: &str = "help";
const VERSION: &str = "version";

/// The command line `cmd` with every text in `lang` (see [`Help`]).
pub fn localise(cmd: Command, lang: Language, help: &Help) -> Command {
    // Built, so that clap's own arguments and `help` command exist to be
    // rewritten; parsing does not build it again. Building also decides,
    // once, whether `--help` has a long form: every command gets a long
    // text first (rewritten below), so it does.
    let mut cmd = with_long_about(cmd);
    cmd.build();
    walk(cmd, "", &[], lang, help)
}

/// `cmd` and its subcommands with a (placeholder) long about.
fn with_long_about(cmd: Command) -> Command {
    let mut cmd = cmd.long_about(" ");
    for sub in cmd.get_subcommands_mut() {
        *sub = with_long_about(std::mem::take(sub));
    }
    cmd
}

fn walk(cmd: Command, path: &str, globals: &[String], lang: Language, help: &Help) -> Command {
    let in_help = path == HELP || path.starts_with("help ");
    // The `help` command holds copies of the other commands, for their
    // about lines.
    let own = if in_help {
        path.strip_prefix(HELP).unwrap_or_default().trim_start()
    } else {
        path
    };
    let about = if path == HELP || (in_help && own == HELP) {
        Some(texts::HELP_COMMAND)
    } else {
        help.text(own)
    };
    let mut cmd = cmd;
    if let Some(t) = about {
        // The same text as the long about too: `--help` then shows the long
        // help (each argument's possible values with their meaning), `-h`
        // the short one, as clap does when texts come from doc comments.
        cmd = cmd.about(t.get(lang)).long_about(t.get(lang));
    }
    if let Some(t) = help.text(&format!("{own}#after")) {
        cmd = cmd.after_help(t.get(lang)).after_long_help(None);
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        texts::USAGE.get(lang)
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(texts::COMMANDS.get(lang))
        .subcommand_value_name(texts::COMMAND_NAME.get(lang));
    let here: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .filter(|id| !globals.contains(id))
        .collect();
    let inherited: Vec<String> = globals.iter().chain(&here).cloned().collect();
    cmd = cmd.mut_args(|a| {
        let declared = if globals.contains(&a.get_id().to_string()) {
            ancestor_key(path, a.get_id().as_str(), help)
        } else {
            format!("{own}.{}", a.get_id())
        };
        arg(a, &declared, own, lang, help)
    });
    for sub in cmd.get_subcommands_mut() {
        let name = sub.get_name().to_owned();
        let child = if path.is_empty() {
            name
        } else {
            format!("{path} {name}")
        };
        *sub = walk(std::mem::take(sub), &child, &inherited, lang, help);
    }
    cmd
}

/// The key of a global argument: that of the nearest command above
/// `path` with a text for it.
fn ancestor_key(path: &str, id: &str, help: &Help) -> String {
    let mut p = path;
    loop {
        p = match p.rsplit_once(' ') {
            Some((up, _)) => up,
            None if !p.is_empty() => "",
            None => return format!(".{id}"),
        };
        let key = format!("{p}.{id}");
        if help.text(&key).is_some() {
            return key;
        }
    }
}

fn arg(a: Arg, key: &str, own: &str, lang: Language, help: &Help) -> Arg {
    let id = a.get_id().as_str().to_owned();
    let text = match id.as_str() {
        HELP => Some(texts::HELP_ARG),
        VERSION => Some(texts::VERSION_ARG),
        // The argument of the `help` command, when it is not expanded.
        "subcommand" if own == HELP => Some(texts::HELP_COMMAND_ARG),
        _ => help.text(key),
    };
    let mut notes = Vec::new();
    let takes_value = a.get_action().takes_values();
    if takes_value && !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let values: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        notes.push(format!(
            "[{}: {}]",
            texts::DEFAULT.get(lang),
            values.join(", ")
        ));
    }
    if let Some(env) = a.get_env() {
        if !a.is_hide_env_set() {
            notes.push(format!(
                "[{}: {}]",
                texts::ENV.get(lang),
                env.to_string_lossy()
            ));
        }
    }
    let possible = a.get_possible_values();
    let mut long = Vec::new();
    if takes_value && !a.is_hide_possible_values_set() && !possible.is_empty() {
        let names: Vec<&str> = possible
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name())
            .collect();
        notes.push(format!(
            "[{}: {}]",
            texts::POSSIBLE.get(lang),
            names.join(", ")
        ));
        for v in possible.iter().filter(|v| !v.is_hide_set()) {
            if let Some(t) = help.text(&format!("{key}={}", v.get_name())) {
                long.push(format!("- {}: {}", v.get_name(), t.get(lang)));
            }
        }
    }
    let mut a = a
        .hide_default_value(true)
        .hide_env(true)
        .hide_possible_values(true);
    if a.get_help_heading().is_none() {
        let heading = if a.is_positional() {
            texts::ARGUMENTS
        } else {
            texts::OPTIONS
        };
        a = a.help_heading(heading.get(lang));
    }
    if let Some(names) = a.get_value_names().map(<[_]>::to_vec) {
        let names: Vec<Str> = names.iter().map(|n| help.value_name(n, lang)).collect();
        a = a.value_names(names);
    }
    let Some(text) = text else {
        return a;
    };
    let mut short = text.get(lang).to_owned();
    for n in &notes {
        short.push(' ');
        short.push_str(n);
    }
    if long.is_empty() {
        return a.help(short).long_help(None);
    }
    let full = format!(
        "{}\n\n{}:\n{}",
        text.get(lang),
        capitalised(texts::POSSIBLE.get(lang)),
        long.join("\n")
    );
    a.help(short).long_help(full)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What `help` lacks for `cmd`: the keys of commands, arguments, possible
/// values and after-help texts without a text, a text empty in either
/// language, value placeholders without Dutch, and keys no longer used.
/// Empty when the table is complete.
pub fn missing(cmd: &Command, help: &Help) -> Vec<String> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut audit = Audit {
        help,
        used: Vec::new(),
        out: Vec::new(),
    };
    collect(&cmd, "", &[], &mut audit);
    let Audit { used, mut out, .. } = audit;
    for (key, t) in help.texts {
        if t.nl.trim().is_empty() || t.en.trim().is_empty() {
            out.push(format!("{key}: empty in one language"));
        }
        if !used.iter().any(|u| u == key) {
            out.push(format!("{key}: not used by the command line"));
        }
    }
    out
}

/// The keys a command line uses, and what is missing for them.
struct Audit<'a> {
    help: &'a Help,
    used: Vec<String>,
    out: Vec<String>,
}

impl Audit<'_> {
    /// A key that must have a text.
    fn need(&mut self, key: String) {
        if self.help.text(&key).is_none() {
            self.out.push(format!("{key}: no text"));
        }
        self.used.push(key);
    }

    /// A key whose text is the table's own choice (after a command's help,
    /// for a possible value): used when there.
    fn offer(&mut self, key: String) {
        if self.help.text(&key).is_some() {
            self.used.push(key);
        }
    }
}

fn collect(cmd: &Command, path: &str, globals: &[String], audit: &mut Audit<'_>) {
    audit.need(path.to_owned());
    audit.offer(format!("{path}#after"));
    let mut inherited = globals.to_vec();
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id == HELP || id == VERSION || globals.iter().any(|g| g == id) {
            continue;
        }
        if a.is_global_set() {
            inherited.push(id.to_owned());
        }
        let key = format!("{path}.{id}");
        for v in a.get_possible_values() {
            audit.offer(format!("{key}={}", v.get_name()));
        }
        audit.need(key.clone());
        let shown = if a.get_action().takes_values() {
            a.get_value_names().unwrap_or_default()
        } else {
            &[]
        };
        for n in shown {
            if !audit
                .help
                .value_names
                .iter()
                .any(|(en, _)| *en == n.as_str())
            {
                audit
                    .out
                    .push(format!("{key}: value name {n} has no Dutch"));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == HELP {
            continue;
        }
        let child = if path.is_empty() {
            sub.get_name().to_owned()
        } else {
            format!("{path} {}", sub.get_name())
        };
        collect(sub, &child, &inherited, audit);
    }
}

/// Text rendered by clap, with the one word of it no setting reaches (the
/// `[OPTIONS]` of a usage line) in `lang`.
pub(crate) fn finish(rendered: &StyledStr, lang: Language) -> String {
    let text = rendered.to_string();
    match lang {
        Language::En => text,
        Language::Nl => text.replace(texts::OPTIONS_TAG.en, texts::OPTIONS_TAG.nl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction, Command};

    const HELP_TABLE: Help = Help {
        texts: &[
            (
                "",
                Text {
                    nl: "Een voorbeeld.",
                    en: "An example.",
                },
            ),
            (
                ".lang",
                Text {
                    nl: "De taal.",
                    en: "The language.",
                },
            ),
            (
                ".lang=nl",
                Text {
                    nl: "Nederlands",
                    en: "Dutch",
                },
            ),
            (
                "run",
                Text {
                    nl: "Voer iets uit.",
                    en: "Run something.",
                },
            ),
            (
                "run.times",
                Text {
                    nl: "Hoe vaak.",
                    en: "How often.",
                },
            ),
        ],
        value_names: &[("TIMES", "KEER")],
    };

    fn example() -> Command {
        Command::new("voorbeeld")
            .arg(Arg::new("lang").long("lang").global(true).value_parser([
                clap::builder::PossibleValue::new("nl").help("Dutch"),
                clap::builder::PossibleValue::new("en"),
            ]))
            .subcommand(
                Command::new("run").about("Run.").arg(
                    Arg::new("times")
                        .long("times")
                        .value_name("TIMES")
                        .default_value("1")
                        .action(ArgAction::Set),
                ),
            )
    }

    #[test]
    fn the_help_is_in_the_chosen_language_with_clap_s_own_words() {
        let mut cmd = localise(example(), Language::Nl, &HELP_TABLE);
        let run = cmd.find_subcommand_mut("run").unwrap();
        let text = finish(&run.render_help(), Language::Nl);
        for want in [
            "Voer iets uit.",
            "Gebruik:",
            "Opties:",
            "--times <KEER>",
            "Hoe vaak. [standaard: 1]",
            "De taal.",
            "[mogelijk: nl, en]",
            "Toon deze hulp",
        ] {
            assert!(text.contains(want), "{want:?} missing in:\n{text}");
        }
        for english in ["Usage", "Options", "default", "Print help", "[OPTIONS]"] {
            assert!(!text.contains(english), "{english:?} in:\n{text}");
        }
        let text = finish(&cmd.render_long_help(), Language::Nl);
        assert!(text.contains("- nl: Nederlands"), "{text}");
        assert!(text.contains("Opdrachten:"), "{text}");
    }

    #[test]
    fn a_missing_or_unused_text_is_listed() {
        assert_eq!(missing(&example(), &HELP_TABLE), Vec::<String>::new());
        let short = Help {
            texts: &HELP_TABLE.texts[..4],
            value_names: &[],
        };
        let m = missing(&example(), &short);
        assert!(m.contains(&"run.times: no text".to_owned()), "{m:?}");
        assert!(m.iter().any(|s| s.contains("value name TIMES")), "{m:?}");
        let extra = Help {
            texts: &[
                ("", Text { nl: "a", en: "b" }),
                ("gone", Text { nl: "a", en: "b" }),
            ],
            value_names: &[],
        };
        assert!(missing(&Command::new("x"), &extra)
            .contains(&"gone: not used by the command line".to_owned()));
    }
}
