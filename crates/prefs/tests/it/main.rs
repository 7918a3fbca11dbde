//! Integration tests of regie-prefs, one module per subject.

mod jcs_rfc8785;
