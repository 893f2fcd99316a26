//! `api/v1/surveys/{id}.json` — `koers.survey/1`, and the rules for answering one.

use super::lenient::{lenient_bool, open_enum, List, LocalizedText};
use super::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Survey {
    pub schema: String,
    pub id: String,
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub title: LocalizedText,
    #[serde(default)]
    pub intro: LocalizedText,
    #[serde(default)]
    pub estimated_minutes: Option<u32>,
    #[serde(default = "allowed")]
    pub anonymous: Anonymity,
    #[serde(default)]
    pub sections: List<Section>,
    /// X25519 public key (base64, 32 bytes) of the survey team: responses are sealed to it
    /// (`koers.survey-response/1` with `sealed`). Read it with [`Survey::sealing_key`].
    #[serde(
        default,
        deserialize_with = "super::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub public_key: Option<String>,
}

impl Survey {
    /// As [`super::Contact::sealing_key`]: `Err` means a malformed key, and the app then
    /// does not send answers at all rather than send them in plain text.
    pub fn sealing_key(&self) -> Result<Option<super::keys::PublicKey>, super::keys::KeyError> {
        super::keys::optional_key(self.public_key.as_deref())
    }
}

fn one() -> u32 {
    1
}
fn allowed() -> Anonymity {
    Anonymity::Allowed
}

impl Document for Survey {
    const SCHEMA: &'static str = "koers.survey";
}

open_enum! {
    pub enum Anonymity {
        Allowed = "allowed",
        Required = "required",
        Forbidden = "forbidden",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Section {
    pub id: String,
    #[serde(default)]
    pub title: LocalizedText,
    #[serde(default)]
    pub questions: List<Question>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: LocalizedText,
    #[serde(default)]
    pub help: LocalizedText,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub required: bool,
    #[serde(default)]
    pub options: List<ChoiceOption>,
    #[serde(default)]
    pub max_length: Option<u32>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

open_enum! {
    pub enum QuestionType {
        Grade = "grade",
        Scale5 = "scale5",
        YesNo = "yes_no",
        Choice = "choice",
        MultiChoice = "multi_choice",
        Text = "text",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ChoiceOption {
    pub value: String,
    #[serde(default)]
    pub label: LocalizedText,
}

/// Skip logic: the question is shown only when an earlier answer equals a value.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ShowIf {
    pub question: String,
    pub equals: serde_json::Value,
}

/// The longest free-text answer when a survey sets no `max_length`.
pub const DEFAULT_TEXT_MAX: u32 = 2000;

impl Question {
    pub fn text_max(&self) -> u32 {
        self.max_length.unwrap_or(DEFAULT_TEXT_MAX).min(10_000)
    }
}

impl Survey {
    /// Every question the app can show, in order. Questions of an unknown type are left
    /// out (and counted by [`Survey::skipped`]): there is no way to answer them.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, q)))
            .filter(|(_, q)| !q.kind.is_other())
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.id == id)
    }
    /// The label in `lang` of an option of a question; `None` when the survey does not
    /// have it or gives it no words (results then show the raw value).
    pub fn option_label(&self, question: &str, value: &str, lang: &str) -> Option<&str> {
        self.question(question)?
            .options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.get(lang))
            .filter(|label| !label.is_empty())
    }
    /// Sections and questions that could not be shown.
    pub fn skipped(&self) -> usize {
        self.sections.skipped_count()
            + self
                .sections
                .iter()
                .flat_map(|s| s.questions.iter())
                .filter(|q| q.kind.is_other())
                .count()
            + self
                .sections
                .iter()
                .map(|s| s.questions.skipped_count())
                .sum::<usize>()
    }
}
