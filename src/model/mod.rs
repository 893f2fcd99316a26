//! API v1 as plain Rust: the documents the app reads, the bodies it writes, and the
//! rules (dates, survey logic, grouping) the views and the server share. No Leptos here,
//! so all of it is tested natively.

pub mod agenda;
pub mod agenda_export;
pub mod agreements;
pub mod config;
pub mod contacts;
pub mod dates;
pub mod desk;
pub mod desk_view;
pub mod display;
pub mod document;
pub mod dossier;
pub mod figures;
pub mod freshness;
pub mod goals;
pub mod ics;
pub mod inbox;
pub mod keys;
pub mod lenient;
pub mod lookup;
pub mod outbox;
pub mod reminders;
pub mod results;
pub mod sealed;
pub mod sealed_write;
pub mod sent;
pub mod speech;
pub mod storage;
pub mod survey;
pub mod survey_flow;
pub mod survey_invite;
pub mod vault;
pub mod write_proof;

pub use config::Config;
pub use contacts::{Contact, ContactRole, Contacts};
pub use document::{decode, DecodeError, Document};
pub use dossier::*;
pub use lenient::{Date, Instant, List, LocalizedText};
pub use survey::Survey;
