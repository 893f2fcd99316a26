//! Koers: a participant's own view of their forensic care dossier.
//!
//! `model` is plain Rust (API v1 types and rules) and builds everywhere, as do `split`
//! (the lazy chunks' macro and its error) and `markup` (HTML written as escaped text); the
//! rest is the Leptos app and needs the `web` feature.

pub mod markup;
pub mod model;

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
pub mod app;
#[cfg(feature = "web")]
pub mod browser;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod i18n;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "web")]
pub mod routes;
pub mod split;
#[cfg(feature = "web")]
pub mod state;
