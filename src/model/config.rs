//! `api/v1/config.json` — `koers.config/1`.

use super::lenient::{lenient_bool, opt_text, text_list, LocalizedText};
use super::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Config {
    pub schema: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub organisation: Option<String>,
    #[serde(default = "default_language", deserialize_with = "language")]
    pub default_language: String,
    #[serde(default, deserialize_with = "text_list")]
    pub languages: Vec<String>,
    #[serde(default = "default_emergency", deserialize_with = "emergency")]
    pub emergency_phone: String,
    /// A crisis line without a usable phone number is left out rather than failing the
    /// whole configuration (the app would not start).
    #[serde(default, deserialize_with = "opt_crisis_line")]
    pub crisis_line: Option<CrisisLine>,
    #[serde(default, deserialize_with = "opt_text")]
    pub active_survey: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub demo: bool,
    /// Demo access codes the sign-in page may offer when `demo` is true (optional; the
    /// codes of demo data are public by definition).
    #[serde(default, deserialize_with = "text_list")]
    pub demo_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct CrisisLine {
    #[serde(default)]
    pub label: LocalizedText,
    pub phone: String,
}

fn default_language() -> String {
    "nl".into()
}
fn default_emergency() -> String {
    "112".into()
}
fn language<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_text(d)?.unwrap_or_else(default_language))
}
fn opt_crisis_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<CrisisLine>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value::<CrisisLine>(value)
        .ok()
        .filter(|line| !line.phone.trim().is_empty()))
}
fn emergency<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_text(d)?.unwrap_or_else(default_emergency))
}

impl Document for Config {
    const SCHEMA: &'static str = "koers.config";
}
