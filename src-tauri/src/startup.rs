//! What the app needs before it can show its window, and what it says
//! when something is missing: in the person's language, on the terminal,
//! with an exit code, never as a panic ("Failed to initialize gtk
//! backend!").
//!
//! - No display (Linux: neither `DISPLAY` nor `WAYLAND_DISPLAY`), or a
//!   window system that does not start: exit [`EXIT_NO_DISPLAY`].
//! - The web view (WebKitGTK on Linux) cannot be made: exit
//!   [`EXIT_NO_WEBVIEW`]. (Without the WebKitGTK library installed at all,
//!   the system's loader refuses to start the program before any of
//!   Regie's code runs; the package's dependencies prevent that.)
//! - No keychain: the app still starts, for a vault with a passphrase; the
//!   terminal says so, and so does the first screen.
//! - A panic anywhere: logged without personal data and told as
//!   "something went wrong" with where the log is
//!   (`regie_cli_text::crash`), exit [`regie_cli_text::crash::EXIT`].

use regie_model::{Language, Text};

/// Exit code: no display, or the window system does not start.
pub const EXIT_NO_DISPLAY: u8 = 2;
/// Exit code: the web view (WebKitGTK) cannot be made.
pub const EXIT_NO_WEBVIEW: u8 = 3;

/// Why the window cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No display to show a window on.
    NoDisplay,
    /// The window system did not start (GTK).
    WindowSystem,
    /// The web view could not be made; the detail is English, for the
    /// record.
    WebView(String),
}

const NO_DISPLAY: Text = Text {
    nl: "Regie kan geen venster tonen: er is geen beeldscherm (DISPLAY en WAYLAND_DISPLAY zijn niet gezet). Start Regie vanuit uw bureaublad, of gebruik de opdrachtregel: regie --help.",
    en: "Regie cannot show a window: there is no display (DISPLAY and WAYLAND_DISPLAY are not set). Start Regie from your desktop, or use the command line: regie --help.",
};

const WINDOW_SYSTEM: Text = Text {
    nl: "Regie kan geen venster tonen: de grafische omgeving (GTK) start niet op dit beeldscherm. Start Regie vanuit uw bureaublad, of gebruik de opdrachtregel: regie --help.",
    en: "Regie cannot show a window: the graphical environment (GTK) does not start on this display. Start Regie from your desktop, or use the command line: regie --help.",
};

const WEB_VIEW: Text = Text {
    nl: "Regie kan zijn venster niet maken: de webweergave (WebKitGTK) werkt niet. Installeer het pakket libwebkit2gtk-4.1-0 (opnieuw), of gebruik de opdrachtregel: regie --help.",
    en: "Regie cannot make its window: the web view (WebKitGTK) does not work ({detail}). Install the package libwebkit2gtk-4.1-0 (again), or use the command line: regie --help.",
};

const NO_KEYCHAIN: Text = Text {
    nl: "Let op: Regie kan de sleutelbos van uw computer niet bereiken. Maak uw kluis met een wachtwoordzin, of start de sleutelbos (GNOME Keyring of KWallet).",
    en: "Note: Regie cannot reach your computer's keychain ({detail}). Make your vault with a passphrase, or start the keychain (GNOME Keyring or KWallet).",
};

impl Problem {
    /// What the person reads, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            Problem::NoDisplay => NO_DISPLAY.get(lang).to_owned(),
            Problem::WindowSystem => WINDOW_SYSTEM.get(lang).to_owned(),
            Problem::WebView(d) => WEB_VIEW.fill(lang, &[("detail", d)]),
        }
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Problem::NoDisplay | Problem::WindowSystem => EXIT_NO_DISPLAY,
            Problem::WebView(_) => EXIT_NO_WEBVIEW,
        }
    }
}

/// Whether there is a display to show a window on, asked of the
/// environment the way GTK does (Linux and other Unix desktops).
pub fn display(env: impl Fn(&str) -> Option<String>) -> Result<(), Problem> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return Ok(());
    }
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        Ok(())
    } else {
        Err(Problem::NoDisplay)
    }
}

/// The note for the terminal when the OS keychain cannot be used.
pub fn keychain_note(problem: &regie_vault::Error, lang: Language) -> String {
    let detail = problem.message(Language::En);
    NO_KEYCHAIN.fill(lang, &[("detail", &detail)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_display_is_said_in_both_languages_with_its_own_exit_code() {
        let none = |_: &str| None;
        let p = display(none).unwrap_err();
        assert_eq!(p.exit_code(), EXIT_NO_DISPLAY);
        assert!(p.message(Language::Nl).contains("geen beeldscherm"));
        assert!(p.message(Language::En).contains("no display"));
        assert!(display(|k: &str| (k == "WAYLAND_DISPLAY").then(|| "wayland-0".into())).is_ok());
        assert!(display(|k: &str| (k == "DISPLAY").then(String::new)).is_err());
    }
}
