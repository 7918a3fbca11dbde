//! The tests of regie-rights, one module per module of the library.

mod common;
mod deadline;
mod directory;
mod email;
mod errors;
mod letter;
mod pdf;
mod request;
