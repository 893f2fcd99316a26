//! `api/v1/config.json` — `koers.config/1`.

use super::lenient::{lenient_bool, opt_text, text_list, LocalizedText};
use super::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Config {
    pub schema: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub organisation: Option<String>,
    #[serde(default = "default_language")]
    pub default_language: String,
    #[serde(default, deserialize_with = "text_list")]
    pub languages: Vec<String>,
    #[serde(default = "default_emergency", deserialize_with = "emergency")]
    pub emergency_phone: String,
    #[serde(default)]
    pub crisis_line: Option<CrisisLine>,
    #[serde(default, deserialize_with = "opt_text")]
    pub active_survey: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub demo: bool,
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
fn emergency<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_text(d)?.unwrap_or_else(default_emergency))
}

impl Document for Config {
    const SCHEMA: &'static str = "koers.config";
}
