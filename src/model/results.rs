//! Survey results for the team that runs a survey: counts, averages and distributions,
//! computed the same way by the server (`api/v1/results/{survey_id}`) and by the app.
//!
//! Forensic care groups are small, so a figure based on fewer than [`MIN_RESPONSES`]
//! answers could point at one person; such a figure is withheld (`None`, `hidden: true`)
//! and only the number of answers behind it is given.
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
        #[derive(Deserialize)]
        struct Readable {
            submitted_at: Instant,
            mode: ResponseMode,
        }
        let readable = Readable::deserialize(body).ok()?;
        Some(self.matches_at(&readable.submitted_at, readable.mode))
    }
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

/// One row per response: `id, submitted_at, mode, language`, then one column per question
/// (named by question id; multiple choices joined with `;`). Like the figures, the rows
/// are withheld (only the header is given) when fewer than [`MIN_RESPONSES`] responses
/// pass the filter.
pub fn to_csv(survey: &Survey, responses: &[SurveyResponse], filter: &ResultsFilter) -> String {
    let questions: Vec<&Question> = survey.questions().map(|(_, q)| q).collect();
    let mut out = String::new();
    let header = ["id", "submitted_at", "mode", "language"]
        .into_iter()
        .chain(questions.iter().map(|q| q.id.as_str()));
    push_row(&mut out, header.map(str::to_string));
    let mut rows = counted(survey, responses, filter);
    if rows.len() < MIN_RESPONSES {
        return out;
    }
    rows.sort_by_key(|r| (r.submitted_at, r.id));
    for response in rows {
        let answers: BTreeMap<&str, &AnswerValue> = response
            .answers
            .iter()
            .map(|a| (a.question.as_str(), &a.value))
            .collect();
        let fixed = [
            response.id.to_string(),
            response.submitted_at.0.to_rfc3339(),
            response.mode.as_str().to_string(),
            response.language.clone(),
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
        let csv = to_csv(&survey(), &responses, &ResultsFilter::default());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "id,submitted_at,mode,language,q1,q2,q3,q4,q5,q6,q7"
        );
        assert_eq!(lines.len(), 7, "{csv}");
        assert_eq!(
            lines[1],
            "01010101-0101-0101-0101-010101010101,2026-11-01T12:00:00+01:00,personal,nl,5,1,yes,10,\"x;z\",\"'=1+1, \"\"ja\"\"\","
        );
        assert!(lines[5].contains(",kiosk,"));
        let few = to_csv(&survey(), &responses[..4], &ResultsFilter::default());
        assert_eq!(few.lines().count(), 1);
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
