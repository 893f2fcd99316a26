//! The bodies the app posts to `api/v1/inbox/{kind}`, and the rules both the app and
//! the server check them by. Unlike the documents the app reads, these are strict:
//! the app writes them itself, so anything odd is a bug or an attack.

use super::lenient::Instant;
use super::survey::{Anonymity, Question, QuestionType, Survey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// The four kinds of write, by the last segment of their inbox path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InboxKind {
    SurveyResponses,
    Messages,
    GoalReflections,
    Acknowledgements,
}

impl InboxKind {
    pub const ALL: [InboxKind; 4] = [
        Self::SurveyResponses,
        Self::Messages,
        Self::GoalReflections,
        Self::Acknowledgements,
    ];
    pub fn path(self) -> &'static str {
        match self {
            Self::SurveyResponses => "survey-responses",
            Self::Messages => "messages",
            Self::GoalReflections => "goal-reflections",
            Self::Acknowledgements => "acknowledgements",
        }
    }
    pub fn from_path(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.path() == s)
    }
    pub fn schema(self) -> &'static str {
        match self {
            Self::SurveyResponses => "koers.survey-response/1",
            Self::Messages => "koers.message/1",
            Self::GoalReflections => "koers.goal-reflection/1",
            Self::Acknowledgements => "koers.acknowledgement/1",
        }
    }
}

/// Limits shared by the app (shown while typing) and the server (enforced).
pub mod limits {
    pub const ID: usize = 100;
    pub const MESSAGE_BODY: usize = 2000;
    pub const REFLECTION_TEXT: usize = 1000;
    pub const CONTACT_DETAIL: usize = 200;
    pub const SENDER_NAME: usize = 80;
    pub const ANSWERS: usize = 500;
    /// The largest body the inbox takes, in bytes.
    pub const BODY_BYTES: usize = 64 * 1024;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseMode {
    Personal,
    Assisted,
    Kiosk,
}

impl ResponseMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Assisted => "assisted",
            Self::Kiosk => "kiosk",
        }
    }
}

/// An answer: integer for grade and scale5, boolean for yes_no, string for choice and
/// text, list of strings for multi_choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Int(i64),
    Text(String),
    Many(Vec<String>),
}

impl AnswerValue {
    /// Whether this answer satisfies a `show_if.equals` value; for a multiple choice
    /// answer, whether the value is one of the chosen options.
    pub fn matches(&self, expected: &serde_json::Value) -> bool {
        match (self, expected) {
            (Self::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Self::Int(a), serde_json::Value::Number(b)) => b.as_i64() == Some(*a),
            (Self::Text(a), serde_json::Value::String(b)) => a == b,
            (Self::Many(a), serde_json::Value::String(b)) => a.contains(b),
            (Self::Many(a), serde_json::Value::Array(b)) => {
                b.len() == a.len()
                    && b.iter()
                        .all(|v| v.as_str().is_some_and(|s| a.iter().any(|x| x == s)))
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub value: AnswerValue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponse {
    pub schema: String,
    pub id: Uuid,
    pub survey_id: String,
    pub survey_version: u32,
    pub submitted_at: Instant,
    pub language: String,
    pub mode: ResponseMode,
    pub participant_id: Option<String>,
    pub answers: Vec<Answer>,
}

/// How a confidential adviser may answer: exactly one of phone or email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReplyVia {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub schema: String,
    pub id: Uuid,
    pub to: String,
    pub sent_at: Instant,
    pub participant_id: Option<String>,
    pub callback_requested: bool,
    pub reply_via: Option<ReplyVia>,
    pub body: String,
    /// The writer's first name, so the adviser knows who writes. Only ever inside a sealed
    /// body: the server must not be able to read it (a plain message with it is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub schema: String,
    pub id: Uuid,
    pub participant_id: String,
    pub agreement_id: String,
    pub agreement_version: u32,
    pub acknowledged_at: Instant,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalReflection {
    pub schema: String,
    pub id: Uuid,
    pub participant_id: String,
    pub goal_id: String,
    pub written_at: Instant,
    pub rating: u8,
    pub text: String,
}

/// A rejected body, as the contract's `{"error": {"code", "message", "field"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl InboxError {
    pub fn new(code: &str, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            field: field.map(str::to_string),
        }
    }
}

impl std::fmt::Display for InboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} ({field}): {}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

/// The body of an error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: InboxError,
}

type Checked = Result<(), InboxError>;

/// The part of a survey response the server can always read, plain or sealed: the schema and
/// which survey (and version) it answers.
pub(crate) fn check_survey_ref(
    schema: &str,
    survey_id: &str,
    survey_version: u32,
    survey: &Survey,
) -> Checked {
    check_schema(schema, InboxKind::SurveyResponses)?;
    if survey_id != survey.id {
        return Err(InboxError::new(
            "unknown_survey",
            "no such survey",
            Some("survey_id"),
        ));
    }
    if survey_version != survey.version {
        return Err(InboxError::new(
            "survey_version",
            format!("this survey is now version {}", survey.version),
            Some("survey_version"),
        ));
    }
    Ok(())
}

/// Whether `found` names this inbox's schema at major version 1 (a newer major is named
/// as such, so a client knows it must update).
pub fn check_schema(found: &str, kind: InboxKind) -> Checked {
    let expected = kind.schema();
    let (name, _) = expected.split_once('/').unwrap_or((expected, ""));
    match super::document::parse_schema(found) {
        Some((n, 1)) if n == name => Ok(()),
        Some((n, _)) if n == name => Err(InboxError::new(
            "unsupported_schema",
            format!("this inbox takes {expected}"),
            Some("schema"),
        )),
        _ => Err(InboxError::new(
            "schema",
            format!("schema must be {expected}"),
            Some("schema"),
        )),
    }
}

fn check_len(value: &str, max: usize, field: &str) -> Checked {
    if value.chars().count() > max {
        return Err(InboxError::new(
            "too_long",
            format!("at most {max} characters"),
            Some(field),
        ));
    }
    Ok(())
}

fn check_id(value: &str, field: &str) -> Checked {
    if value.trim().is_empty() {
        return Err(InboxError::new(
            "required",
            "must not be empty",
            Some(field),
        ));
    }
    check_len(value, limits::ID, field)
}

fn check_contact_detail(reply: &ReplyVia) -> Checked {
    match (&reply.phone, &reply.email) {
        (Some(phone), None) => {
            check_len(phone, limits::CONTACT_DETAIL, "reply_via.phone")?;
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let valid = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c));
            if !valid || !(6..=15).contains(&digits) {
                return Err(InboxError::new(
                    "invalid",
                    "not a phone number",
                    Some("reply_via.phone"),
                ));
            }
            Ok(())
        }
        (None, Some(email)) => {
            check_len(email, limits::CONTACT_DETAIL, "reply_via.email")?;
            if !valid_email(email) {
                return Err(InboxError::new(
                    "invalid",
                    "not an email address",
                    Some("reply_via.email"),
                ));
            }
            Ok(())
        }
        _ => Err(InboxError::new(
            "invalid",
            "give either phone or email",
            Some("reply_via"),
        )),
    }
}

/// Deliberately simple: something@something.something without spaces.
pub fn valid_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

impl Message {
    /// `contact_accepts` tells whether `to` names a contact that takes messages, when the
    /// caller knows the contact list.
    pub fn validate(&self, contact_accepts: Option<bool>) -> Checked {
        check_schema(&self.schema, InboxKind::Messages)?;
        check_id(&self.to, "to")?;
        if contact_accepts == Some(false) {
            return Err(InboxError::new(
                "unknown_contact",
                "this contact does not take messages",
                Some("to"),
            ));
        }
        if let Some(p) = &self.participant_id {
            check_id(p, "participant_id")?;
        }
        if self.body.trim().is_empty() {
            return Err(InboxError::new(
                "required",
                "the message is empty",
                Some("body"),
            ));
        }
        check_len(&self.body, limits::MESSAGE_BODY, "body")?;
        if let Some(name) = &self.sender_name {
            if name.trim().is_empty() {
                return Err(InboxError::new(
                    "required",
                    "a name must not be empty",
                    Some("sender_name"),
                ));
            }
            check_len(name.trim(), limits::SENDER_NAME, "sender_name")?;
        }
        if let Some(reply) = &self.reply_via {
            check_contact_detail(reply)?;
        } else if self.callback_requested {
            return Err(InboxError::new(
                "required",
                "a callback needs a phone number or email",
                Some("reply_via"),
            ));
        }
        Ok(())
    }
}

impl Message {
    /// [`Message::validate`] for a message the server can read: it must not carry the
    /// writer's name, which belongs inside a sealed body only.
    pub fn validate_plain(&self, contact_accepts: Option<bool>) -> Checked {
        if self.sender_name.is_some() {
            return Err(InboxError::new(
                "invalid",
                "a name is only sent sealed",
                Some("sender_name"),
            ));
        }
        self.validate(contact_accepts)
    }
}

impl Acknowledgement {
    pub fn validate(&self) -> Checked {
        check_schema(&self.schema, InboxKind::Acknowledgements)?;
        check_id(&self.participant_id, "participant_id")?;
        check_id(&self.agreement_id, "agreement_id")?;
        if self.agreement_version == 0 {
            return Err(InboxError::new(
                "invalid",
                "versions start at 1",
                Some("agreement_version"),
            ));
        }
        Ok(())
    }
}

impl GoalReflection {
    pub fn validate(&self) -> Checked {
        check_schema(&self.schema, InboxKind::GoalReflections)?;
        check_id(&self.participant_id, "participant_id")?;
        check_id(&self.goal_id, "goal_id")?;
        if !(1..=10).contains(&self.rating) {
            return Err(InboxError::new(
                "out_of_range",
                "rating is 1 to 10",
                Some("rating"),
            ));
        }
        check_len(&self.text, limits::REFLECTION_TEXT, "text")
    }
}

/// Answers by question id, as the survey screens keep them.
pub type Answers = BTreeMap<String, AnswerValue>;

/// Whether a question is shown, given the answers so far (skip logic).
pub fn is_visible(question: &Question, answers: &Answers) -> bool {
    match &question.show_if {
        None => true,
        Some(rule) => answers
            .get(&rule.question)
            .is_some_and(|a| a.matches(&rule.equals)),
    }
}

/// Checks one answer against its question's type and options.
pub fn check_answer(question: &Question, value: &AnswerValue) -> Result<(), &'static str> {
    match (&question.kind, value) {
        (QuestionType::Grade, AnswerValue::Int(n)) if (1..=10).contains(n) => Ok(()),
        (QuestionType::Scale5, AnswerValue::Int(n)) if (1..=5).contains(n) => Ok(()),
        (QuestionType::Grade | QuestionType::Scale5, AnswerValue::Int(_)) => Err("out_of_range"),
        (QuestionType::YesNo, AnswerValue::Bool(_)) => Ok(()),
        (QuestionType::Choice, AnswerValue::Text(v)) => {
            if question.options.iter().any(|o| &o.value == v) {
                Ok(())
            } else {
                Err("unknown_option")
            }
        }
        (QuestionType::MultiChoice, AnswerValue::Many(vs)) => {
            let unique: BTreeSet<_> = vs.iter().collect();
            if unique.len() != vs.len() {
                Err("duplicate_option")
            } else if vs
                .iter()
                .all(|v| question.options.iter().any(|o| &o.value == v))
            {
                Ok(())
            } else {
                Err("unknown_option")
            }
        }
        (QuestionType::Text, AnswerValue::Text(t)) => {
            if t.chars().count() > question.text_max() as usize {
                Err("too_long")
            } else {
                Ok(())
            }
        }
        _ => Err("wrong_type"),
    }
}

/// Whether an answer counts as given (an empty text or no options chosen does not).
pub fn is_answered(value: Option<&AnswerValue>) -> bool {
    match value {
        None => false,
        Some(AnswerValue::Text(t)) => !t.trim().is_empty(),
        Some(AnswerValue::Many(v)) => !v.is_empty(),
        Some(_) => true,
    }
}

impl SurveyResponse {
    pub fn answers_map(&self) -> Answers {
        self.answers
            .iter()
            .map(|a| (a.question.clone(), a.value.clone()))
            .collect()
    }

    /// Checks a response against the survey it answers: every answer belongs to a shown
    /// question and has the right type, and every required shown question is answered.
    pub fn validate(&self, survey: &Survey) -> Checked {
        check_survey_ref(&self.schema, &self.survey_id, self.survey_version, survey)?;
        check_len(&self.language, 16, "language")?;
        match (&self.participant_id, &survey.anonymous, self.mode) {
            (Some(_), _, ResponseMode::Kiosk) => {
                return Err(InboxError::new(
                    "not_anonymous",
                    "kiosk answers are anonymous",
                    Some("participant_id"),
                ))
            }
            (Some(_), Anonymity::Required, _) => {
                return Err(InboxError::new(
                    "not_anonymous",
                    "this survey is anonymous",
                    Some("participant_id"),
                ))
            }
            (None, Anonymity::Forbidden, _) => {
                return Err(InboxError::new(
                    "required",
                    "this survey is not anonymous",
                    Some("participant_id"),
                ))
            }
            (Some(p), _, _) => check_id(p, "participant_id")?,
            _ => {}
        }
        if self.answers.len() > limits::ANSWERS {
            return Err(InboxError::new(
                "too_many",
                "too many answers",
                Some("answers"),
            ));
        }
        let answers = self.answers_map();
        if answers.len() != self.answers.len() {
            return Err(InboxError::new(
                "duplicate",
                "a question is answered twice",
                Some("answers"),
            ));
        }
        for (i, answer) in self.answers.iter().enumerate() {
            let question = survey.question(&answer.question).ok_or_else(|| {
                InboxError::new(
                    "unknown_question",
                    "no such question",
                    Some(&format!("answers[{i}].question")),
                )
            })?;
            if !is_visible(question, &answers) {
                return Err(InboxError::new(
                    "not_shown",
                    "this question was skipped",
                    Some(&format!("answers[{i}].question")),
                ));
            }
            check_answer(question, &answer.value).map_err(|code| {
                InboxError::new(
                    code,
                    format!("not a valid answer to {}", question.id),
                    Some(&format!("answers[{i}].value")),
                )
            })?;
        }
        for (_, question) in survey.questions() {
            if question.required
                && is_visible(question, &answers)
                && !is_answered(answers.get(&question.id))
            {
                return Err(InboxError::new(
                    "required",
                    format!("question {} needs an answer", question.id),
                    Some("answers"),
                ));
            }
        }
        Ok(())
    }
}

impl Message {
    /// A message as the contact form writes it: anonymous (or signed out) means no
    /// participant id at all, and a callback is requested exactly when a way to reply is given.
    pub fn compose(
        id: Uuid,
        to: &str,
        body: &str,
        reply_via: Option<ReplyVia>,
        participant_id: Option<&str>,
        anonymous: bool,
        sent_at: Instant,
    ) -> Self {
        Self {
            schema: InboxKind::Messages.schema().into(),
            id,
            to: to.into(),
            sent_at,
            participant_id: participant_id.filter(|_| !anonymous).map(str::to_string),
            callback_requested: reply_via.is_some(),
            reply_via,
            body: body.trim().into(),
            sender_name: None,
        }
    }
}
