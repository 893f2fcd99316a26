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
    /// X25519 public key (base64, 32 bytes): messages to this contact are sealed to it
    /// (`koers.message/1` with `sealed`). Read it with [`Contact::sealing_key`].
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub public_key: Option<String>,
}

impl Contact {
    /// `Ok(None)`: no key, messages go plain. `Err`: a key that is not a key; the app then
    /// offers no message form (it fails closed rather than send in plain text).
    pub fn sealing_key(&self) -> Result<Option<super::keys::PublicKey>, super::keys::KeyError> {
        super::keys::optional_key(self.public_key.as_deref())
    }
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

/// A `mailto:` link for an address from the data, or `None` when it is not a plain address.
/// The address comes from a file anyone publishing data can write, so it must not carry
/// `?bcc=`, `?body=` or a second recipient into the participant's mail app: only one
/// `local@domain` of the characters addresses are made of is accepted (no `?`, `&`, `%`,
/// `#`, `,`, `;`, spaces, quotes or angle brackets).
pub fn mailto_href(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let plain_local = |c: char| c.is_ascii_alphanumeric() || "._+-'!*$/=^`{|}~".contains(c);
    let plain_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    let ok = !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && local.chars().all(plain_local)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.contains('.')
        && domain.chars().all(plain_domain)
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
    ok.then(|| format!("mailto:{email}"))
}
