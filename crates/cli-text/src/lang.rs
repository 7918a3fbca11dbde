//! The language of a command line's output, chosen before its arguments
//! are parsed (a usage error must already be in it).

use std::ffi::OsString;

use regie_model::Language;

/// The language: `--lang nl|en` (or `--lang=...`) anywhere before `--`,
/// else regie-model's rule for the environment
/// ([`Language::from_environment`]: `$REGIE_LANG`, else the locale, else
/// Dutch).
///
/// `env` reads an environment variable (`std::env::var` in the binaries,
/// a table in tests).
pub fn language(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Language {
    from_args(args).unwrap_or_else(|| Language::from_environment(env))
}

/// The value of the first `--lang` before `--`, if it is `nl` or `en`.
fn from_args(args: &[OsString]) -> Option<Language> {
    let mut it = args.iter().skip(1).map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a {
            Some("--") => return None,
            Some("--lang") => it.next().flatten(),
            Some(a) => a.strip_prefix("--lang="),
            None => None,
        };
        match value {
            Some("nl") => return Some(Language::Nl),
            Some("en") => return Some(Language::En),
            _ => {}
        }
    }
    None
}

/// Whether `--json` is given before `--`: usage errors are then JSON too.
pub(crate) fn wants_json(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .map(|a| a.to_str())
        .take_while(|a| *a != Some("--"))
        .any(|a| a == Some("--json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("prog")
            .chain(a.iter().copied())
            .map(OsString::from)
            .collect()
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_flag_wins_then_regie_lang_then_the_locale_then_dutch() {
        let en = [("REGIE_LANG", "en"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(language(&args(&["--lang", "nl"]), env(&en)), Language::Nl);
        assert_eq!(language(&args(&["x", "--lang=nl"]), env(&en)), Language::Nl);
        assert_eq!(
            language(&args(&[]), env(&[("REGIE_LANG", "en"), ("LANG", "nl_NL")])),
            Language::En
        );
        assert_eq!(
            language(
                &args(&[]),
                env(&[("REGIE_LANG", "xx"), ("LANG", "nl_NL.UTF-8")])
            ),
            Language::Nl
        );
        assert_eq!(
            language(
                &args(&[]),
                env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL")])
            ),
            Language::En
        );
        assert_eq!(
            language(&args(&[]), env(&[("LANG", "C.UTF-8")])),
            Language::En
        );
        assert_eq!(
            language(&args(&[]), env(&[("LANG", "de_DE.UTF-8")])),
            Language::Nl
        );
        assert_eq!(language(&args(&[]), env(&[])), Language::Nl);
    }

    #[test]
    fn a_lang_after_the_end_of_options_or_with_another_value_is_not_the_choice() {
        let nl = [("LANG", "nl_NL")];
        assert_eq!(
            language(&args(&["--", "--lang", "en"]), env(&nl)),
            Language::Nl
        );
        assert_eq!(language(&args(&["--lang", "fr"]), env(&nl)), Language::Nl);
        assert!(wants_json(&args(&["check", "--json"])));
        assert!(!wants_json(&args(&["--", "--json"])));
    }
}
