//! Regie's illustrative example organisations (placeholder until filled in).

use crate::domain::{NewHolding, Organisation};

/// One example organisation with its holdings.
pub struct Example {
    /// The organisation.
    pub org: Organisation,
    /// What it holds.
    pub holdings: Vec<NewHolding>,
}

/// All examples.
pub fn all() -> Vec<Example> {
    Vec::new()
}
