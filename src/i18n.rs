//! The generated translations (`locales/*.json`): `t!(i18n, key)` fails to compile
//! for a key that does not exist.
#![allow(missing_docs, clippy::all)]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::*;
