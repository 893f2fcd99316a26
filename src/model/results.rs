//! Survey results for the team that runs a survey: counts, averages and distributions,
//! computed the same way by the server (`api/v1/results/{survey_id}`) and by the app.
//!
//! Forensic care groups are small, so a figure based on fewer than [`MIN_RESPONSES`]
//! answers could point at one person; such a figure is withheld (`None`, `hidden: true`)
//! and only the number of answers behind it is given. A filter that would single out 1 to 4
//! responses, on its own or by subtracting its figures from those of a wider filter, is
//! refused as a whole ([`check_filter`]).
//!
//! The overall grade is the average of the grade question with id `overall` when the
//! survey has one (the usual "which grade do you give us" question); otherwise it is the
//! average over respondents of each respondent's mean grade, so someone who answered
//! every grade question weighs as much as someone who answered one.
//!
//! A survey with a `public_key` gets sealed responses, which the server cannot count. The
//! server hands the team the stored ciphertext ([`SealedResponses`]); the team's device
//! opens it with the key file ([`team_key`], [`open_responses`]) and runs the same
//! [`aggregate`] and [`to_csv`], so the secret key never leaves that device.

use super::dates;
use super::document::Document;
use super::inbox::{check_answer, AnswerValue, InboxKind, ResponseMode, SurveyResponse};
use super::lenient::{Date, Instant, LocalizedText};
use super::sealed_write::{open_body, SecretKey};
use super::survey::{Question, QuestionType, Survey};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The smallest number of answers a figure may be based on.
pub const MIN_RESPONSES: usize = 5;

pub const SCHEMA: &str = "koers.survey-results/1";

/// The id of the grade question that, when present, is the overall grade.
pub const OVERALL_QUESTION: &str = "overall";

/// Which responses to count. Days are calendar days in Dutch time, both ends included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ResponseMode>,
}

impl ResultsFilter {
    /// Reads the query values `from`, `to` and `mode`; on a bad value, names the field.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        mode: Option<&str>,
    ) -> Result<Self, &'static str> {
        let date = |s: Option<&str>, field| match s.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => Date::parse(s).map(Some).ok_or(field),
        };
        let mode = match mode.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some("personal") => Some(ResponseMode::Personal),
            Some("assisted") => Some(ResponseMode::Assisted),
            Some("kiosk") => Some(ResponseMode::Kiosk),
            Some(_) => return Err("mode"),
        };
        Ok(Self {
            from: date(from, "from")?,
            to: date(to, "to")?,
            mode,
        })
    }

    pub fn matches(&self, response: &SurveyResponse) -> bool {
        self.matches_at(&response.submitted_at, response.mode)
    }

    fn matches_at(&self, submitted_at: &Instant, mode: ResponseMode) -> bool {
        let day = Date(dates::local(submitted_at).date_naive());
        self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
            && self.mode.is_none_or(|wanted| mode == wanted)
    }

    /// Whether a sealed body passes the filter by its readable `submitted_at` and `mode`,
    /// which opening checks against the sealed ones. `None` when they cannot be read: only
    /// opening can tell, so such a body is neither dropped by the server nor skipped.
    pub fn matches_readable(&self, body: &Value) -> Option<bool> {
        let (at, mode) = readable(body)?;
        Some(self.matches_at(&at, mode))
    }

    /// This filter with the given fields left out.
    fn without(&self, fields: &[&str]) -> Self {
        let mut wider = *self;
        for field in fields {
            match *field {
                "from" => wider.from = None,
                "to" => wider.to = None,
                _ => wider.mode = None,
            }
        }
        wider
    }

    /// The names of the fields that are set, in the order the query names them.
    fn given(&self) -> Vec<&'static str> {
        [
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("mode", self.mode.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect()
    }
}

/// The readable `submitted_at` and `mode` of a sealed body.
fn readable(body: &Value) -> Option<(Instant, ResponseMode)> {
    #[derive(Deserialize)]
    struct Readable {
        submitted_at: Instant,
        mode: ResponseMode,
    }
    let readable = Readable::deserialize(body).ok()?;
    Some((readable.submitted_at, readable.mode))
}

/// A filter that is not answered: it would single out 1 to 4 responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooFew {
    /// The filter field that, left out, would add those few responses; `None` when the
    /// filter's own group is that small, or only leaving out several fields adds them.
    pub field: Option<&'static str>,
}

/// Whether `filter` may be answered for `survey`: `Err` when it would single out 1 to 4
/// of the survey's responses. Without a filter there is nothing to subtract from, so a
/// survey with 1 to 4 responses still gets its count (every figure withheld).
///
/// Withholding figures below five is not enough on its own: every figure is a sum, so
/// a team that asks for a period and then for the same period without the one kiosk
/// response subtracts one person's answers. Therefore the filter's group must be empty
/// or hold at least [`MIN_RESPONSES`], and so must every difference with a wider filter
/// the team can ask for: the same filter with any of `from`, `to` and `mode` left out
/// (leaving out all of them is the rest of the survey). With a mode, each other mode in
/// the same period must be empty or large as well, or the period minus two modes would
/// give the third.
pub fn check_filter(
    survey: &Survey,
    responses: &[SurveyResponse],
    filter: &ResultsFilter,
) -> Result<(), TooFew> {
    let points: Vec<Option<(Instant, ResponseMode)>> = responses
        .iter()
        .filter(|r| r.survey_id == survey.id)
        .map(|r| Some((r.submitted_at, r.mode)))
        .collect();
    check_points(&points, filter)
}

/// [`check_filter`] for a survey's stored sealed bodies, by their readable fields (the
/// server cannot open them). A body whose readable part cannot be read is in every
/// group, as [`ResultsFilter::matches_readable`] keeps it; it adds to each group's size
/// and to no difference.
pub fn check_sealed_filter(bodies: &[Value], filter: &ResultsFilter) -> Result<(), TooFew> {
    let points: Vec<Option<(Instant, ResponseMode)>> = bodies.iter().map(readable).collect();
    check_points(&points, filter)
}

/// `points` are responses by time and mode; `None` matches every filter.
fn check_points(
    points: &[Option<(Instant, ResponseMode)>],
    filter: &ResultsFilter,
) -> Result<(), TooFew> {
    let few = |n: usize| (1..MIN_RESPONSES).contains(&n);
    let count = |f: &ResultsFilter| {
        points
            .iter()
            .filter(|p| p.is_none_or(|(at, mode)| f.matches_at(&at, mode)))
            .count()
    };
    let fields = filter.given();
    if fields.is_empty() {
        return Ok(());
    }
    let always = points.iter().filter(|p| p.is_none()).count();
    let group = count(filter);
    if few(group) {
        return Err(TooFew { field: None });
    }
    // An empty group adds nothing to any sum; each wider group is checked when asked.
    if group == 0 {
        return Ok(());
    }
    // One field at a time first, so `field` names it when it alone is the cause.
    let mut wider: Vec<Vec<&str>> = (1u32..1 << fields.len())
        .map(|mask| {
            (0..fields.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| fields[i])
                .collect()
        })
        .collect();
    wider.sort_by_key(Vec::len);
    for left_out in wider {
        if few(count(&filter.without(&left_out)) - group) {
            let field = match left_out[..] {
                [one] => Some(one),
                _ => None,
            };
            return Err(TooFew { field });
        }
    }
    if let Some(mode) = filter.mode {
        let others = [
            ResponseMode::Personal,
            ResponseMode::Assisted,
            ResponseMode::Kiosk,
        ];
        for other in others.into_iter().filter(|m| *m != mode) {
            let other = ResultsFilter {
                mode: Some(other),
                ..*filter
            };
            // A body that cannot be read is in this group too; it is not of that mode.
            if few(count(&other) - always) {
                return Err(TooFew {
                    field: Some("mode"),
                });
            }
        }
    }
    Ok(())
}

/// A number for the team, withheld when fewer than [`MIN_RESPONSES`] stand behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: Option<f64>,
    /// How many responses the figure is (or would be) based on.
    pub count: usize,
    pub hidden: bool,
}

impl Figure {
    fn mean(sum: f64, count: usize) -> Self {
        let hidden = count < MIN_RESPONSES;
        let value = (!hidden).then(|| round2(sum / count as f64));
        Self {
            value,
            count,
            hidden,
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// How often one value was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub value: String,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YesNo {
    pub yes: usize,
    pub no: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub section: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(default)]
    pub text: LocalizedText,
    /// How many of the counted responses answer this question.
    pub answered: usize,
    /// True when `answered` is below [`MIN_RESPONSES`]: everything below is then empty.
    pub hidden: bool,
    /// Grade and scale5 questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average: Option<f64>,
    /// Per possible value (grades, scale points, options, yes/no), in the survey's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<Bucket>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes_no: Option<YesNo>,
    /// Free-text answers, sorted so their order does not match them to other answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionResult {
    pub id: String,
    #[serde(default)]
    pub title: LocalizedText,
    /// The average of all grade answers in the section; grades (1-10) and scale5 answers
    /// are kept apart because their averages cannot be mixed.
    pub grade: Figure,
    pub scale5: Figure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverallSource {
    /// The grade question with id [`OVERALL_QUESTION`].
    OverallQuestion,
    /// The mean over respondents of their mean grade.
    AllGrades,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub schema: String,
    pub survey_id: String,
    pub survey_version: u32,
    pub filter: ResultsFilter,
    pub min_responses: usize,
    /// Responses to this survey that pass the filter.
    pub responses: usize,
    /// True when `responses` is below [`MIN_RESPONSES`]: every figure is then withheld.
    pub hidden: bool,
    pub overall: Figure,
    pub overall_source: OverallSource,
    pub sections: Vec<SectionResult>,
    pub questions: Vec<QuestionResult>,
}

/// The answers that count for a question: right type and value for the current survey.
/// Older survey versions may have answered a question differently; those answers are
/// left out rather than miscounted.
fn valid_answer<'a>(question: &Question, response: &'a SurveyResponse) -> Option<&'a AnswerValue> {
    let answer = response
        .answers
        .iter()
        .find(|a| a.question == question.id)?;
    let given = match &answer.value {
        AnswerValue::Text(t) => !t.trim().is_empty(),
        AnswerValue::Many(v) => !v.is_empty(),
        _ => true,
    };
    (given && check_answer(question, &answer.value).is_ok()).then_some(&answer.value)
}

fn counted<'a>(
    survey: &Survey,
    responses: &'a [SurveyResponse],
    filter: &ResultsFilter,
) -> Vec<&'a SurveyResponse> {
    responses
        .iter()
        .filter(|r| r.survey_id == survey.id && filter.matches(r))
        .collect()
}

fn question_result(
    section: &str,
    question: &Question,
    responses: &[&SurveyResponse],
) -> QuestionResult {
    let answers: Vec<&AnswerValue> = responses
        .iter()
        .filter_map(|r| valid_answer(question, r))
        .collect();
    let answered = answers.len();
    let hidden = answered < MIN_RESPONSES;
    let mut result = QuestionResult {
        id: question.id.clone(),
        section: section.to_string(),
        kind: question.kind.clone(),
        text: question.text.clone(),
        answered,
        hidden,
        average: None,
        distribution: Vec::new(),
        yes_no: None,
        texts: Vec::new(),
    };
    if hidden {
        return result;
    }
    let count_of = |value: &str| -> usize {
        answers
            .iter()
            .filter(|a| match a {
                AnswerValue::Int(n) => n.to_string() == value,
                AnswerValue::Text(t) => t == value,
                AnswerValue::Many(vs) => vs.iter().any(|v| v == value),
                AnswerValue::Bool(b) => (if *b { "yes" } else { "no" }) == value,
            })
            .count()
    };
    let buckets = |values: Vec<String>| -> Vec<Bucket> {
        values
            .into_iter()
            .map(|value| Bucket {
                count: count_of(&value),
                value,
            })
            .collect()
    };
    match question.kind {
        QuestionType::Grade | QuestionType::Scale5 => {
            let top = if question.kind == QuestionType::Grade {
                10
            } else {
                5
            };
            let sum: i64 = answers
                .iter()
                .filter_map(|a| {
                    if let AnswerValue::Int(n) = a {
                        Some(*n)
                    } else {
                        None
                    }
                })
                .sum();
            result.average = Some(round2(sum as f64 / answered as f64));
            result.distribution = buckets((1..=top).map(|n| n.to_string()).collect());
        }
        QuestionType::YesNo => {
            let yes = count_of("yes");
            result.yes_no = Some(YesNo {
                yes,
                no: answered - yes,
            });
            result.distribution = buckets(vec!["yes".into(), "no".into()]);
        }
        QuestionType::Choice | QuestionType::MultiChoice => {
            result.distribution =
                buckets(question.options.iter().map(|o| o.value.clone()).collect());
        }
        QuestionType::Text => {
            let mut texts: Vec<String> = answers
                .iter()
                .filter_map(|a| {
                    if let AnswerValue::Text(t) = a {
                        Some(t.trim().to_string())
                    } else {
                        None
                    }
                })
                .collect();
            texts.sort();
            result.texts = texts;
        }
        QuestionType::Other(_) => {}
    }
    result
}

/// The mean of one respondent's answers to the given questions, if they answered any.
fn respondent_mean<'q>(
    response: &SurveyResponse,
    questions: impl Iterator<Item = &'q Question>,
) -> Option<f64> {
    let (sum, n) =
        questions
            .filter_map(|q| valid_answer(q, response))
            .fold((0i64, 0usize), |(sum, n), a| match a {
                AnswerValue::Int(v) => (sum + v, n + 1),
                _ => (sum, n),
            });
    (n > 0).then(|| sum as f64 / n as f64)
}

/// The mean over respondents of their mean answer to `questions`.
fn mean_of_means(responses: &[&SurveyResponse], questions: &[&Question]) -> Figure {
    let means: Vec<f64> = responses
        .iter()
        .filter_map(|r| respondent_mean(r, questions.iter().copied()))
        .collect();
    Figure::mean(means.iter().sum(), means.len())
}

fn of_kind<'a>(
    questions: impl Iterator<Item = &'a Question>,
    kind: QuestionType,
) -> Vec<&'a Question> {
    questions.filter(|q| q.kind == kind).collect()
}

pub fn aggregate(
    survey: &Survey,
    responses: &[SurveyResponse],
    filter: &ResultsFilter,
) -> SurveyResults {
    let counted = counted(survey, responses, filter);
    let questions: Vec<QuestionResult> = survey
        .questions()
        .map(|(section, q)| question_result(&section.id, q, &counted))
        .collect();

    let sections = survey
        .sections
        .iter()
        .map(|section| {
            let grades = of_kind(section.questions.iter(), QuestionType::Grade);
            let scales = of_kind(section.questions.iter(), QuestionType::Scale5);
            SectionResult {
                id: section.id.clone(),
                title: section.title.clone(),
                grade: mean_of_means(&counted, &grades),
                scale5: mean_of_means(&counted, &scales),
            }
        })
        .collect();

    let all_grades = of_kind(survey.questions().map(|(_, q)| q), QuestionType::Grade);
    let (overall, overall_source) = match all_grades.iter().find(|q| q.id == OVERALL_QUESTION) {
        Some(q) => (
            mean_of_means(&counted, &[q]),
            OverallSource::OverallQuestion,
        ),
        None => (
            mean_of_means(&counted, &all_grades),
            OverallSource::AllGrades,
        ),
    };

    SurveyResults {
        schema: SCHEMA.to_string(),
        survey_id: survey.id.clone(),
        survey_version: survey.version,
        filter: *filter,
        min_responses: MIN_RESPONSES,
        responses: counted.len(),
        hidden: counted.len() < MIN_RESPONSES,
        overall,
        overall_source,
        sections,
        questions,
    }
}

/// One row per response: `id, submitted_at, mode`, then one column per question (named by
/// question id; multiple choices joined with `;`). Like the figures, the rows are withheld
/// (only the header is given) when fewer than [`MIN_RESPONSES`] responses pass the filter.
///
/// A row should not tell whose it is. So `submitted_at` is only the day (in Dutch time):
/// the minute someone was at the kiosk is known on the ward. The language is left out: in
/// a small group the one Arabic or Polish speaker is known too. And the rows are shuffled
/// with `rng`, because submission order can be matched to who came when.
pub fn to_csv(
    survey: &Survey,
    responses: &[SurveyResponse],
    filter: &ResultsFilter,
    rng: &mut (impl RngCore + CryptoRng),
) -> String {
    let questions: Vec<&Question> = survey.questions().map(|(_, q)| q).collect();
    let mut out = String::new();
    let header = ["id", "submitted_at", "mode"]
        .into_iter()
        .chain(questions.iter().map(|q| q.id.as_str()));
    push_row(&mut out, header.map(str::to_string));
    let mut rows = counted(survey, responses, filter);
    if rows.len() < MIN_RESPONSES {
        return out;
    }
    shuffle(&mut rows, rng);
    for response in rows {
        let answers: BTreeMap<&str, &AnswerValue> = response
            .answers
            .iter()
            .map(|a| (a.question.as_str(), &a.value))
            .collect();
        let fixed = [
            response.id.to_string(),
            super::lenient::ymd(dates::local(&response.submitted_at).date_naive()),
            response.mode.as_str().to_string(),
        ];
        let cells = questions.iter().map(|q| match answers.get(q.id.as_str()) {
            None => String::new(),
            Some(AnswerValue::Int(n)) => n.to_string(),
            Some(AnswerValue::Bool(b)) => (if *b { "yes" } else { "no" }).to_string(),
            Some(AnswerValue::Text(t)) => t.clone(),
            Some(AnswerValue::Many(vs)) => vs.join(";"),
        });
        push_row(&mut out, fixed.into_iter().chain(cells));
    }
    out
}

/// The schema of the sealed responses the server hands a survey team.
pub const SEALED_SCHEMA: &str = "koers.sealed-responses/1";

/// `GET api/v1/results/{survey_id}/sealed`: one survey's stored sealed responses, exactly
/// as the inbox stored them (readable fields and `sealed`), oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedResponses {
    pub schema: String,
    pub survey_id: String,
    /// The filter the server applied to the readable fields.
    #[serde(default)]
    pub filter: ResultsFilter,
    #[serde(default)]
    pub responses: Vec<Value>,
}

impl Document for SealedResponses {
    const SCHEMA: &'static str = "koers.sealed-responses";
}

/// A key file is about 200 bytes; a much larger file is something else and is not read.
pub const KEY_FILE_MAX_BYTES: u64 = 4096;

/// Why a file cannot open a survey's sealed responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamKeyError {
    /// Not a key file (`koers-server keygen` writes those).
    NotAKeyFile,
    /// A key file, but not for the key this survey's responses are sealed to.
    OtherSurvey,
}

/// The secret key in a key file, when it belongs to the survey's `public_key`. Checking
/// this first tells a team that picked the wrong file so, instead of showing every
/// response as "could not be opened".
pub fn team_key(survey: &Survey, key_file: &str) -> Result<SecretKey, TeamKeyError> {
    let key = SecretKey::from_key_file(key_file).map_err(|_| TeamKeyError::NotAKeyFile)?;
    match survey.sealing_key() {
        Ok(Some(public)) if public == key.public_key() => Ok(key),
        _ => Err(TeamKeyError::OtherSurvey),
    }
}

/// Sealed responses opened on the team's device.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenedResponses {
    /// The responses to the survey that pass the filter, in the order given.
    pub responses: Vec<SurveyResponse>,
    /// Bodies of this survey (in the filter's period and mode, as far as their readable
    /// fields tell) that could not be used: sealed to another key, changed on the way
    /// or in storage, or not holding a survey response.
    pub unopened: usize,
}

/// Opens the sealed bodies of `survey` with the team's key, for [`aggregate`] and
/// [`to_csv`]. Bodies of another survey, and bodies the filter leaves out by their
/// readable fields, are skipped without being opened or counted.
pub fn open_responses(
    survey: &Survey,
    bodies: &[Value],
    key: &SecretKey,
    filter: &ResultsFilter,
) -> OpenedResponses {
    let mut opened = OpenedResponses::default();
    for body in bodies {
        let other_survey = body
            .get("survey_id")
            .and_then(Value::as_str)
            .is_some_and(|id| id != survey.id);
        if other_survey || filter.matches_readable(body) == Some(false) {
            continue;
        }
        // `open_body` also checks that the readable fields equal the sealed ones, so the
        // survey id, time and mode looked at above are the response's own.
        let response = open_body(InboxKind::SurveyResponses, body, key)
            .ok()
            .and_then(|plain| serde_json::from_value::<SurveyResponse>(plain).ok());
        match response {
            Some(r) if r.survey_id == survey.id && filter.matches(&r) => opened.responses.push(r),
            Some(_) => {}
            None => opened.unopened += 1,
        }
    }
    opened
}

/// Fisher-Yates, with an index drawn without modulo bias so every order is equally likely.
fn shuffle<T>(items: &mut [T], rng: &mut impl RngCore) {
    for i in (1..items.len()).rev() {
        let bound = i as u64 + 1;
        // The largest multiple of `bound` that fits; draws above it are thrown away.
        let zone = u64::MAX - (u64::MAX % bound);
        let j = loop {
            let draw = rng.next_u64();
            if draw < zone {
                break draw % bound;
            }
        };
        items.swap(i, j as usize);
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(&cell));
    }
    out.push_str("\r\n");
}

/// RFC 4180 quoting, and a leading `'` before text a spreadsheet would run as a formula:
/// free-text answers come from outside.
fn csv_cell(cell: &str) -> String {
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decode;
    use crate::model::inbox::Answer;
    use crate::model::lenient::Instant;

    fn survey() -> Survey {
        decode(
            r#"{"schema": "koers.survey/1", "id": "s", "version": 1, "sections": [
              {"id": "a", "questions": [
                {"id": "q1", "type": "grade", "text": {"nl": "Cijfer"}, "required": true},
                {"id": "q2", "type": "scale5", "text": {"nl": "Schaal"}},
                {"id": "q3", "type": "yes_no", "text": {"nl": "Ja/nee"}}]},
              {"id": "b", "questions": [
                {"id": "q4", "type": "grade", "text": {"nl": "Cijfer 2"}},
                {"id": "q5", "type": "multi_choice", "text": {"nl": "Meer"},
                 "options": [{"value": "x"}, {"value": "y"}, {"value": "z"}]},
                {"id": "q6", "type": "text", "text": {"nl": "Tekst"}},
                {"id": "q7", "type": "choice", "text": {"nl": "Keuze"}, "options": [{"value": "p"}, {"value": "q"}]}]}]}"#,
        )
        .unwrap()
    }

    fn response(
        n: u8,
        day: &str,
        mode: ResponseMode,
        answers: Vec<(&str, AnswerValue)>,
    ) -> SurveyResponse {
        SurveyResponse {
            schema: "koers.survey-response/1".into(),
            id: uuid::Uuid::from_bytes([n; 16]),
            survey_id: "s".into(),
            survey_version: 1,
            submitted_at: Instant::parse(&format!("{day}T12:00:00+01:00")).unwrap(),
            language: "nl".into(),
            mode,
            participant_id: None,
            answers: answers
                .into_iter()
                .map(|(q, value)| Answer {
                    question: q.into(),
                    value,
                })
                .collect(),
        }
    }

    fn five() -> Vec<SurveyResponse> {
        use AnswerValue::*;
        (1..=5u8)
            .map(|n| {
                let mut answers = vec![
                    ("q1", Int(n as i64 + 4)), // 5..9
                    ("q3", Bool(n % 2 == 1)),
                    (
                        "q5",
                        Many(if n <= 2 {
                            vec!["x".into(), "z".into()]
                        } else {
                            vec!["y".into()]
                        }),
                    ),
                    ("q6", Text(format!("tekst {}", 6 - n))),
                ];
                if n <= 4 {
                    answers.push(("q2", Int(n as i64)));
                }
                if n == 1 {
                    answers.push(("q4", Int(10)));
                }
                let mode = if n == 5 {
                    ResponseMode::Kiosk
                } else {
                    ResponseMode::Personal
                };
                response(n, &format!("2026-11-0{n}"), mode, answers)
            })
            .collect()
    }

    fn question<'a>(r: &'a SurveyResults, id: &str) -> &'a QuestionResult {
        r.questions.iter().find(|q| q.id == id).unwrap()
    }

    #[test]
    fn aggregates_five_responses() {
        let r = aggregate(&survey(), &five(), &ResultsFilter::default());
        assert_eq!(r.responses, 5);
        assert!(!r.hidden);
        let q1 = question(&r, "q1");
        assert_eq!((q1.answered, q1.hidden, q1.average), (5, false, Some(7.0)));
        assert_eq!(q1.distribution.len(), 10);
        assert_eq!(
            q1.distribution[4],
            Bucket {
                value: "5".into(),
                count: 1
            }
        );
        assert_eq!(q1.distribution[9].count, 0);
        let q3 = question(&r, "q3");
        assert_eq!(q3.yes_no, Some(YesNo { yes: 3, no: 2 }));
        let q5 = question(&r, "q5");
        let counts: Vec<_> = q5
            .distribution
            .iter()
            .map(|b| (b.value.as_str(), b.count))
            .collect();
        assert_eq!(counts, [("x", 2), ("y", 3), ("z", 2)]);
        let q6 = question(&r, "q6");
        assert_eq!(
            q6.texts,
            ["tekst 1", "tekst 2", "tekst 3", "tekst 4", "tekst 5"]
        );
        // No overall question: respondent 1 averages (5 + 10) / 2 = 7.5, the others 6..9.
        assert_eq!(r.overall_source, OverallSource::AllGrades);
        assert_eq!(
            r.overall,
            Figure {
                value: Some(round2((7.5 + 6.0 + 7.0 + 8.0 + 9.0) / 5.0)),
                count: 5,
                hidden: false
            }
        );
        assert_eq!(r.sections[0].grade.value, Some(7.0));
        assert_eq!(
            r.sections[1].grade,
            Figure {
                value: None,
                count: 1,
                hidden: true
            }
        );
    }

    #[test]
    fn fewer_than_five_answers_are_withheld() {
        let r = aggregate(&survey(), &five(), &ResultsFilter::default());
        // q2 has four answers, q4 one, q7 none.
        for id in ["q2", "q4", "q7"] {
            let q = question(&r, id);
            assert!(q.hidden, "{id}");
            assert_eq!(
                (q.average, q.distribution.len(), q.yes_no, q.texts.len()),
                (None, 0, None, 0),
                "{id}"
            );
        }
        assert_eq!(question(&r, "q2").answered, 4);
        assert_eq!(
            r.sections[0].scale5,
            Figure {
                value: None,
                count: 4,
                hidden: true
            }
        );

        let four = &five()[..4];
        let r = aggregate(&survey(), four, &ResultsFilter::default());
        assert_eq!(r.responses, 4);
        assert!(r.hidden);
        assert!(r
            .questions
            .iter()
            .all(|q| q.hidden && q.texts.is_empty() && q.average.is_none()));
        assert_eq!(
            r.overall,
            Figure {
                value: None,
                count: 4,
                hidden: true
            }
        );
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("tekst"), "{json}");
    }

    #[test]
    fn overall_question_wins_over_all_grades() {
        let mut s = survey();
        s.sections.items[1].questions.items[0].id = "overall".into();
        let mut responses = five();
        for (i, r) in responses.iter_mut().enumerate() {
            r.answers.retain(|a| a.question != "q4");
            r.answers.push(Answer {
                question: "overall".into(),
                value: AnswerValue::Int(i as i64 + 2),
            });
        }
        let r = aggregate(&s, &responses, &ResultsFilter::default());
        assert_eq!(r.overall_source, OverallSource::OverallQuestion);
        assert_eq!(r.overall.value, Some(4.0));
    }

    #[test]
    fn filter_by_day_and_mode() {
        let f = ResultsFilter::parse(Some("2026-11-02"), Some("2026-11-04"), None).unwrap();
        assert_eq!(aggregate(&survey(), &five(), &f).responses, 3);
        let f = ResultsFilter::parse(None, None, Some("kiosk")).unwrap();
        assert_eq!(aggregate(&survey(), &five(), &f).responses, 1);
        assert_eq!(
            ResultsFilter::parse(Some("2026-13-01"), None, None),
            Err("from")
        );
        assert_eq!(ResultsFilter::parse(None, None, Some("web")), Err("mode"));
        // 23:30 UTC on 4 November is already 5 November in Amsterdam.
        let mut late = five().remove(0);
        late.submitted_at = Instant::parse("2026-11-04T23:30:00Z").unwrap();
        let f = ResultsFilter::parse(Some("2026-11-05"), Some("2026-11-05"), None).unwrap();
        assert!(f.matches(&late));
    }

    #[test]
    fn answers_that_no_longer_fit_the_survey_are_not_counted() {
        let mut responses = five();
        responses[0].answers[0].value = AnswerValue::Int(42);
        responses[1].survey_id = "other".into();
        let r = aggregate(&survey(), &responses, &ResultsFilter::default());
        assert_eq!(r.responses, 4);
        let mut responses = five();
        responses[0].answers[0].value = AnswerValue::Text("acht".into());
        let r = aggregate(&survey(), &responses, &ResultsFilter::default());
        assert_eq!(question(&r, "q1").answered, 4);
    }

    #[test]
    fn csv_rows_and_quoting() {
        let mut responses = five();
        responses[0].answers.retain(|a| a.question != "q6");
        responses[0].answers.push(Answer {
            question: "q6".into(),
            value: AnswerValue::Text("=1+1, \"ja\"".into()),
        });
        // 23:30 UTC is the next day in Amsterdam: the day is the Dutch one.
        responses[4].submitted_at = Instant::parse("2026-11-05T23:30:00Z").unwrap();
        let csv = to_csv(
            &survey(),
            &responses,
            &ResultsFilter::default(),
            &mut rand_core::OsRng,
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "id,submitted_at,mode,q1,q2,q3,q4,q5,q6,q7");
        assert_eq!(lines.len(), 7, "{csv}");
        let row = |n: u8| {
            let id = uuid::Uuid::from_bytes([n; 16]).to_string();
            *lines.iter().find(|l| l.starts_with(&id)).unwrap()
        };
        assert_eq!(
            row(1),
            "01010101-0101-0101-0101-010101010101,2026-11-01,personal,5,1,yes,10,\"x;z\",\"'=1+1, \"\"ja\"\"\","
        );
        assert!(row(5).contains(",2026-11-06,kiosk,"), "{}", row(5));
        assert!(!csv.contains(",nl,") && !csv.contains("T12:00"), "{csv}");
        let few = to_csv(
            &survey(),
            &responses[..4],
            &ResultsFilter::default(),
            &mut rand_core::OsRng,
        );
        assert_eq!(few.lines().count(), 1);
    }

    /// Draws from a fixed list, for a shuffle whose outcome is known.
    struct Draws(Vec<u64>);

    impl RngCore for Draws {
        fn next_u32(&mut self) -> u32 {
            self.next_u64() as u32
        }
        fn next_u64(&mut self) -> u64 {
            self.0.remove(0)
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            rand_core::impls::fill_bytes_via_next(self, dest)
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }

    #[test]
    fn shuffle_is_fisher_yates_without_modulo_bias() {
        let mut items = [0, 1, 2, 3];
        // i = 3 draws 1 (swap 3 and 1), i = 2 draws u64::MAX, which lies above the last
        // whole multiple of 3 and is drawn again as 0 (swap 2 and 0), i = 1 draws 5 -> 1.
        shuffle(&mut items, &mut Draws(vec![1, u64::MAX, 0, 5]));
        assert_eq!(items, [2, 3, 0, 1]);
        let mut one = [7];
        shuffle(&mut one, &mut Draws(vec![]));
        assert_eq!(one, [7]);
    }

    fn day(d: u32) -> String {
        format!("2026-11-{d:02}")
    }

    fn filter(from: Option<u32>, to: Option<u32>, mode: Option<&str>) -> ResultsFilter {
        ResultsFilter::parse(from.map(day).as_deref(), to.map(day).as_deref(), mode).unwrap()
    }

    /// One response a day on 1..=n November, with the given modes.
    fn daily(modes: &[ResponseMode]) -> Vec<SurveyResponse> {
        modes
            .iter()
            .enumerate()
            .map(|(i, mode)| {
                let n = i as u8 + 1;
                response(n, &day(n as u32), *mode, vec![("q1", AnswerValue::Int(7))])
            })
            .collect()
    }

    fn check(responses: &[SurveyResponse], f: ResultsFilter) -> Result<(), Option<&'static str>> {
        check_filter(&survey(), responses, &f).map_err(|e| e.field)
    }

    #[test]
    fn a_filter_that_singles_out_one_to_four_is_refused() {
        use ResponseMode::*;
        let twelve = daily(&[Personal; 12]);
        // No filter: the count of a small survey is shown, nothing to subtract it from.
        assert_eq!(check(&twelve[..3], ResultsFilter::default()), Ok(()));
        // The group itself.
        assert_eq!(check(&twelve, filter(Some(3), Some(6), None)), Err(None));
        // Nobody answered in December: nothing to single out.
        let december = ResultsFilter::parse(Some("2026-12-01"), None, None).unwrap();
        assert_eq!(check(&twelve, december), Ok(()));
        // The rest of the survey: everything but the 12th is the 12th subtracted from all.
        assert_eq!(
            check(&twelve, filter(None, Some(11), None)),
            Err(Some("to"))
        );
        assert_eq!(
            check(&twelve, filter(Some(2), None, None)),
            Err(Some("from"))
        );
        assert_eq!(check(&twelve, filter(Some(6), None, None)), Ok(()));
        // Before and after the period count each, not only together: the 3rd to the 9th
        // subtracted from everything up to the 9th gives the 1st and 2nd.
        assert_eq!(
            check(&twelve, filter(Some(3), Some(9), None)),
            Err(Some("from"))
        );
        assert_eq!(
            check(&twelve, filter(Some(6), Some(10), None)),
            Err(Some("to"))
        );
        let fifteen = daily(&[Personal; 15]);
        assert_eq!(check(&fifteen, filter(Some(6), Some(10), None)), Ok(()));
    }

    #[test]
    fn a_mode_in_a_period_is_refused_when_the_other_modes_are_few() {
        use ResponseMode::*;
        // The 12th is the only kiosk response.
        let mut modes = [Personal; 12];
        modes[11] = Kiosk;
        let responses = daily(&modes);
        assert_eq!(
            check(&responses, filter(None, None, Some("kiosk"))),
            Err(None)
        );
        // All minus all personal is the kiosk response.
        assert_eq!(
            check(&responses, filter(None, None, Some("personal"))),
            Err(Some("mode"))
        );
        // The issue's case: a period, and the same period in one mode.
        assert_eq!(check(&responses, filter(Some(6), None, None)), Ok(()));
        assert_eq!(
            check(&responses, filter(Some(6), None, Some("personal"))),
            Err(Some("mode"))
        );
        // A period without the kiosk response is fine in any mode.
        assert_eq!(
            check(&responses, filter(Some(1), Some(6), Some("personal"))),
            Ok(())
        );
        assert_eq!(
            check(&responses, filter(Some(1), Some(6), Some("kiosk"))),
            Ok(())
        );

        // Six personal, five assisted, one kiosk: all minus personal minus assisted is the
        // kiosk response, though each of those three groups and its rest are large.
        let mut modes = [Personal; 12];
        modes[6..11].fill(Assisted);
        modes[11] = Kiosk;
        let responses = daily(&modes);
        assert_eq!(
            check(&responses, filter(None, None, Some("personal"))),
            Err(Some("mode"))
        );
        assert_eq!(
            check(&responses, filter(None, None, Some("assisted"))),
            Err(Some("mode"))
        );
        assert_eq!(
            check(&responses, filter(None, Some(11), Some("personal"))),
            Ok(())
        );

        // Two kiosk responses before the 3rd, personal ones from then on: only leaving out
        // both `from` and `mode` adds the two.
        let mut modes = [Personal; 8];
        modes[..2].fill(Kiosk);
        let responses = daily(&modes);
        assert_eq!(
            check(&responses, filter(Some(3), None, Some("personal"))),
            Err(None)
        );
    }

    #[test]
    fn sealed_bodies_are_checked_by_their_readable_fields() {
        use serde_json::json;
        let body = |d: u32, mode: &str| json!({"submitted_at": format!("{}T12:00:00+01:00", day(d)), "mode": mode});
        let mut bodies: Vec<Value> = (1..=5).map(|d| body(d, "kiosk")).collect();
        bodies.push(body(6, "personal"));
        let kiosk = filter(None, None, Some("kiosk"));
        assert_eq!(
            check_sealed_filter(&bodies, &kiosk).map_err(|e| e.field),
            Err(Some("mode"))
        );
        // A body that cannot be read is in every group: it counts, and subtracts away.
        bodies.push(json!({"sealed": {}}));
        assert_eq!(
            check_sealed_filter(&bodies, &filter(Some(6), None, None)).map_err(|e| e.field),
            Err(None)
        );
        bodies[5] = body(6, "kiosk");
        assert_eq!(check_sealed_filter(&bodies, &kiosk), Ok(()));
    }

    /// Every filter a team can ask for over 1..=`days` November: open or a day on each
    /// end, any mode or one.
    fn every_filter(days: u32) -> Vec<ResultsFilter> {
        let ends: Vec<Option<u32>> = std::iter::once(None).chain((1..=days).map(Some)).collect();
        let modes = [None, Some("personal"), Some("assisted"), Some("kiosk")];
        let mut all = Vec::new();
        for from in &ends {
            for to in &ends {
                for mode in modes {
                    all.push(filter(*from, *to, mode));
                }
            }
        }
        all
    }

    #[test]
    fn the_newest_response_cannot_be_singled_out_by_two_filters() {
        use ResponseMode::*;
        // Twelve responses, one a day; the last came from the kiosk. The team knows who
        // used the kiosk on the 12th and looks for two answered filters whose groups
        // differ by exactly that response.
        let mut modes = [Personal; 12];
        modes[5..9].fill(Assisted);
        modes[11] = Kiosk;
        let responses = daily(&modes);
        let newest = responses[11].id;
        let answered: Vec<(ResultsFilter, Vec<uuid::Uuid>)> = every_filter(13)
            .into_iter()
            .filter(|f| check_filter(&survey(), &responses, f).is_ok())
            .map(|f| {
                let ids = counted(&survey(), &responses, &f)
                    .iter()
                    .map(|r| r.id)
                    .collect();
                (f, ids)
            })
            .collect();
        assert!(answered.len() > 50, "{}", answered.len());
        for (wide, wide_ids) in &answered {
            for (narrow, narrow_ids) in &answered {
                let singled_out = wide_ids.len() == narrow_ids.len() + 1
                    && wide_ids.contains(&newest)
                    && !narrow_ids.contains(&newest)
                    && narrow_ids.iter().all(|id| wide_ids.contains(id));
                assert!(!singled_out, "{wide:?} minus {narrow:?}");
            }
        }
    }

    #[test]
    fn results_round_trip_as_json() {
        let r = aggregate(
            &survey(),
            &five(),
            &ResultsFilter::parse(None, Some("2026-12-31"), None).unwrap(),
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["filter"], serde_json::json!({"to": "2026-12-31"}));
        assert_eq!(json["questions"][0]["type"], "grade");
        let back: SurveyResults = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }
}
