//! Filling in a survey, one question per screen: which questions are shown (skip logic),
//! next and previous, progress, checking the current answer, the draft that survives a
//! reload, and the response that goes to the inbox. No Leptos here.

use super::inbox::{
    check_answer, is_answered, is_visible, Answer, AnswerValue, Answers, InboxKind, ResponseMode,
    SurveyResponse,
};
use super::lenient::Instant;
use super::survey::{Anonymity, Question, QuestionType, Survey};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where the participant is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "at", content = "question", rename_all = "lowercase")]
pub enum Step {
    /// The intro with the choices (anonymous, together with a mentor).
    #[default]
    Intro,
    /// A question, by id (so a changed skip rule never points at the wrong one).
    Question(String),
    /// All answers, each with "wijzig".
    Review,
}

/// Everything needed to resume after a reload; saved on every change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub survey_id: String,
    pub survey_version: u32,
    pub mode: ResponseMode,
    /// Chosen by the participant; see [`Draft::is_anonymous`] for what counts.
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub step: Step,
    #[serde(default)]
    pub answers: Answers,
    /// Came to the current question with "wijzig" from the review: "next" goes back there.
    #[serde(default)]
    pub editing: bool,
}

impl Draft {
    pub fn new(survey: &Survey, mode: ResponseMode) -> Self {
        Self {
            survey_id: survey.id.clone(),
            survey_version: survey.version,
            mode,
            anonymous: matches!(survey.anonymous, Anonymity::Required),
            step: Step::Intro,
            answers: Answers::new(),
            editing: false,
        }
    }

    /// A stored draft, if it belongs to this version of this survey.
    pub fn restore(text: &str, survey: &Survey) -> Option<Self> {
        let draft: Self = serde_json::from_str(text).ok()?;
        (draft.survey_id == survey.id && draft.survey_version == survey.version).then_some(draft)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether the response goes without a participant id: a kiosk always, a survey that
    /// must be anonymous always, one that may not be never, otherwise the participant's choice.
    pub fn is_anonymous(&self, survey: &Survey) -> bool {
        match (&survey.anonymous, self.mode) {
            (_, ResponseMode::Kiosk) => true,
            (Anonymity::Required, _) => true,
            (Anonymity::Forbidden, _) => false,
            _ => self.anonymous,
        }
    }

    pub fn answer(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question)
    }

    /// Sets (or with `None` clears) an answer.
    pub fn set_answer(&mut self, question: &str, value: Option<AnswerValue>) {
        match value {
            Some(v) => {
                self.answers.insert(question.to_string(), v);
            }
            None => {
                self.answers.remove(question);
            }
        }
    }

    /// Ticks or unticks one option of a multiple choice question.
    pub fn toggle_option(&mut self, question: &str, option: &str, on: bool) {
        let mut chosen = match self.answers.get(question) {
            Some(AnswerValue::Many(v)) => v.clone(),
            _ => vec![],
        };
        chosen.retain(|o| o != option);
        if on {
            chosen.push(option.to_string());
        }
        let value = (!chosen.is_empty()).then_some(AnswerValue::Many(chosen));
        self.set_answer(question, value);
    }
}

/// The questions shown with these answers, in order.
pub fn visible<'a>(survey: &'a Survey, answers: &Answers) -> Vec<&'a Question> {
    survey
        .questions()
        .map(|(_, q)| q)
        .filter(|q| is_visible(q, answers))
        .collect()
}

/// "Vraag 4 van 18": the 1-based position of a question among the shown ones, and how
/// many are shown now.
pub fn progress(survey: &Survey, answers: &Answers, question: &str) -> Option<(usize, usize)> {
    let shown = visible(survey, answers);
    let index = shown.iter().position(|q| q.id == question)?;
    Some((index + 1, shown.len()))
}

/// Why the participant cannot go on yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required question without an answer.
    Required,
    /// An answer that does not fit the question (code from `check_answer`).
    Invalid(&'static str),
}

/// Checks the answer to one question before moving on. An empty optional answer is fine.
pub fn check(question: &Question, answer: Option<&AnswerValue>) -> Result<(), Problem> {
    if !is_answered(answer) {
        return if question.required {
            Err(Problem::Required)
        } else {
            Ok(())
        };
    }
    match answer {
        Some(value) => check_answer(question, value).map_err(Problem::Invalid),
        None => Ok(()),
    }
}

/// The first shown question that still stops sending, if any.
pub fn first_problem<'a>(survey: &'a Survey, answers: &Answers) -> Option<(&'a Question, Problem)> {
    visible(survey, answers)
        .into_iter()
        .find_map(|q| check(q, answers.get(&q.id)).err().map(|p| (q, p)))
}

/// The step after this one, with these answers (skip logic is applied to the answers as
/// they are now). From a question reached with "wijzig", the next one is the first shown
/// question after it that still needs an answer, else the review.
pub fn next(survey: &Survey, draft: &Draft) -> Step {
    let shown = visible(survey, &draft.answers);
    let after = match &draft.step {
        Step::Intro => 0,
        Step::Review => return Step::Review,
        Step::Question(id) => match position_in_survey(survey, id) {
            Some(pos) => shown
                .iter()
                .position(|q| position_in_survey(survey, &q.id).is_some_and(|p| p > pos))
                .unwrap_or(shown.len()),
            None => 0,
        },
    };
    let rest = &shown[after..];
    let found = if draft.editing {
        rest.iter()
            .find(|q| check(q, draft.answers.get(&q.id)).is_err())
    } else {
        rest.first()
    };
    match found {
        Some(q) => Step::Question(q.id.clone()),
        None => Step::Review,
    }
}

/// The step before this one: the previous shown question, or the intro.
pub fn previous(survey: &Survey, draft: &Draft) -> Step {
    let shown = visible(survey, &draft.answers);
    match &draft.step {
        Step::Intro => Step::Intro,
        Step::Review => shown
            .last()
            .map_or(Step::Intro, |q| Step::Question(q.id.clone())),
        Step::Question(id) => {
            let pos = position_in_survey(survey, id).unwrap_or(0);
            shown
                .iter()
                .rev()
                .find(|q| position_in_survey(survey, &q.id).is_some_and(|p| p < pos))
                .map_or(Step::Intro, |q| Step::Question(q.id.clone()))
        }
    }
}

/// Puts a restored step right: a question that is no longer shown (or no longer exists)
/// becomes the next shown one.
pub fn settle(survey: &Survey, draft: &Draft) -> Step {
    match &draft.step {
        Step::Question(id) if !visible(survey, &draft.answers).iter().any(|q| &q.id == id) => {
            next(survey, draft)
        }
        other => other.clone(),
    }
}

fn position_in_survey(survey: &Survey, id: &str) -> Option<usize> {
    survey.questions().position(|(_, q)| q.id == id)
}

/// The answers that go out: only shown, answered questions, in survey order.
pub fn answers_to_send(survey: &Survey, answers: &Answers) -> Vec<Answer> {
    visible(survey, answers)
        .into_iter()
        .filter_map(|q| {
            let value = answers.get(&q.id).filter(|v| is_answered(Some(v)))?;
            let value = match value {
                AnswerValue::Text(t) => AnswerValue::Text(t.trim().to_string()),
                // In the order of the options, whatever order they were ticked in.
                AnswerValue::Many(vs) => {
                    let mut vs = vs.clone();
                    vs.sort_by_key(|v| q.options.iter().position(|o| &o.value == v));
                    AnswerValue::Many(vs)
                }
                other => other.clone(),
            };
            Some(Answer {
                question: q.id.clone(),
                value,
            })
        })
        .collect()
}

/// The body for `survey-responses`. `participant_id` is left out when the draft is
/// anonymous (or a kiosk), whatever is passed.
pub fn build_response(
    survey: &Survey,
    draft: &Draft,
    id: Uuid,
    submitted_at: Instant,
    language: &str,
    participant_id: Option<&str>,
) -> SurveyResponse {
    SurveyResponse {
        schema: InboxKind::SurveyResponses.schema().into(),
        id,
        survey_id: survey.id.clone(),
        survey_version: survey.version,
        submitted_at,
        language: language.into(),
        mode: draft.mode,
        participant_id: if draft.is_anonymous(survey) {
            None
        } else {
            participant_id.map(str::to_string)
        },
        answers: answers_to_send(survey, &draft.answers),
    }
}

/// How the review says an answer. Faces and yes/no are words the page translates; the
/// rest is said as given, options by their label in `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerWords {
    /// A five-point answer, 1 (very unhappy) to 5 (very happy): see [`face`].
    Face(i64),
    Number(i64),
    Yes,
    No,
    Text(String),
}

/// The answer to `question` as the review says it; `None` when there is nothing to say
/// (no answer, only spaces, no option ticked).
pub fn answer_words(
    question: &Question,
    value: Option<&AnswerValue>,
    lang: &str,
) -> Option<AnswerWords> {
    // An option the survey no longer has (a draft of an edited survey) is said by its value.
    let label = |v: &str| {
        question
            .options
            .iter()
            .find(|o| o.value == v)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| v.to_string())
    };
    Some(match (value?, &question.kind) {
        (AnswerValue::Int(n), QuestionType::Scale5) => AnswerWords::Face(*n),
        (AnswerValue::Int(n), _) => AnswerWords::Number(*n),
        (AnswerValue::Bool(true), _) => AnswerWords::Yes,
        (AnswerValue::Bool(false), _) => AnswerWords::No,
        (AnswerValue::Text(t), QuestionType::Choice) => AnswerWords::Text(label(t)),
        (AnswerValue::Text(t), _) if t.trim().is_empty() => return None,
        (AnswerValue::Text(t), _) => AnswerWords::Text(t.clone()),
        (AnswerValue::Many(vs), _) if vs.is_empty() => return None,
        // In the survey's order, not the order they were ticked.
        (AnswerValue::Many(vs), _) => AnswerWords::Text(
            question
                .options
                .iter()
                .filter(|o| vs.contains(&o.value))
                .map(|o| label(&o.value))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    })
}

/// The face shown for a five-point answer (anything above 4 is the happiest).
pub fn face(n: i64) -> &'static str {
    match n {
        1 => "😞",
        2 => "🙁",
        3 => "😐",
        4 => "🙂",
        _ => "😄",
    }
}

/// The localStorage key of a survey's draft.
pub fn draft_key(survey_id: &str) -> String {
    format!("{}{survey_id}", super::storage::SURVEY_DRAFT)
}

/// Kiosk mode: one shared tablet, anonymous answers, a team PIN to leave, and a reset
/// after two minutes without a touch (the last ten seconds ask "ben je er nog?").
pub mod kiosk {
    use sha2::{Digest, Sha256};

    /// Without a touch for this long, the answers are wiped.
    pub const IDLE_MS: i64 = 120_000;
    /// The warning shows this long before the reset.
    pub const WARN_MS: i64 = 10_000;
    /// The thank-you stays this long before the next person gets a fresh start.
    pub const THANKS_MS: i64 = 15_000;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Idle {
        Active,
        /// "Ben je er nog?", with the seconds left before the reset.
        Warning(u32),
        Reset,
    }

    /// What to do, `idle_ms` after the last touch.
    pub fn idle(idle_ms: i64) -> Idle {
        if idle_ms >= IDLE_MS {
            Idle::Reset
        } else if idle_ms >= IDLE_MS - WARN_MS {
            let left = IDLE_MS - idle_ms;
            Idle::Warning(((left + 999) / 1000) as u32)
        } else {
            Idle::Active
        }
    }

    /// A team PIN is 4 to 8 digits.
    pub fn valid_pin(pin: &str) -> bool {
        let pin = pin.trim();
        (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit())
    }

    /// The PIN is kept only as this hash (in sessionStorage), never as itself.
    pub fn pin_hash(pin: &str) -> String {
        let digest = Sha256::digest(format!("koers-kiosk:{}", pin.trim()).as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}
