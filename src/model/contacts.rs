//! `api/v1/contacts.json` — `koers.contacts/1`: people a participant can reach outside
//! their own team.

use super::lenient::{
    lenient_bool, open_enum, opt_text, required_id, text_list, List, LocalizedText,
};
use super::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Contacts {
    pub schema: String,
    #[serde(default)]
    pub contacts: List<Contact>,
}

impl Document for Contacts {
    const SCHEMA: &'static str = "koers.contacts";
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Contact {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: ContactRole,
    #[serde(default, deserialize_with = "opt_text")]
    pub organisation: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub independent: bool,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default)]
    pub hours: LocalizedText,
    #[serde(default, deserialize_with = "text_list")]
    pub languages: Vec<String>,
    #[serde(default)]
    pub about: LocalizedText,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub accepts_messages: bool,
}

open_enum! {
    pub enum ContactRole {
        ConfidentialAdviser = "confidential_adviser",
        ComplaintsOfficer = "complaints_officer",
        SpiritualCarer = "spiritual_carer",
        CrisisLine = "crisis_line",
        ClientCouncil = "client_council",
    }
}
