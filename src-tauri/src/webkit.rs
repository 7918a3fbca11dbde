//! WebKitGTK's environment, set before the web view starts.
//!
//! WebKitGTK reads a few environment variables once, when its first web
//! view is made. The app sets the ones in [`DEFAULTS`] itself, each only
//! when the person has not set it, so that someone whose screen needs
//! another value can still choose it. Why these values:
//! docs/PERFORMANCE.md ("Idle memory against a minimal Tauri app").
//!
//! The minimal Tauri app that the memory is compared against
//! (tests/package/minimal-app) includes this file, so both run with the
//! same settings.

/// The variables and the values the app sets when they are not set.
///
/// `WEBKIT_DISABLE_DMABUF_RENDERER=1`: WebKitGTK then hands its rendered
/// frames to the window without DMA-BUF buffers. Measured under Xvfb
/// (software rendering), that takes the web process from about 194 MB to
/// 110 MB (PSS; the app with its WebKit processes from 306 MB to 219 MB),
/// with the same pixels on the screen; it is also the usual remedy for a
/// window that stays blank with some graphics drivers. Compositing stays
/// on: switching it off as well saved nothing more.
pub const DEFAULTS: &[(&str, &str)] = &[("WEBKIT_DISABLE_DMABUF_RENDERER", "1")];

/// Sets each of [`DEFAULTS`] that is not set yet. Call it first thing in
/// `main`, before any other thread starts: changing the environment is
/// only safe while the process has one thread.
pub fn apply_defaults() {
    apply(DEFAULTS);
}

fn apply(defaults: &[(&str, &str)]) {
    for (name, value) in defaults {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_setting_the_person_made_is_kept() {
        // Names of this test's own, so no other test sees them change.
        let unset = "REGIE_TEST_WEBKIT_UNSET";
        let chosen = "REGIE_TEST_WEBKIT_CHOSEN";
        std::env::remove_var(unset);
        std::env::set_var(chosen, "0");
        super::apply(&[(unset, "1"), (chosen, "1")]);
        assert_eq!(std::env::var(unset).as_deref(), Ok("1"));
        assert_eq!(std::env::var(chosen).as_deref(), Ok("0"));
    }
}
