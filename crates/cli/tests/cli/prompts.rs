//! Where a person types: on a real pseudo-terminal.
