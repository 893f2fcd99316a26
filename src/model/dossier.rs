//! `api/v1/dossiers/{lookup}.json` — `koers.dossier/1`: what a participant may see of
//! their own dossier.

use super::lenient::{
    lenient_bool, lenient_date, open_enum, opt_text, required_id, text_list, Date, Instant, List,
    LocalizedText,
};
use super::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Dossier {
    pub schema: String,
    #[serde(default, deserialize_with = "opt_instant")]
    pub generated_at: Option<Instant>,
    /// The language of the file's texts (BCP 47); see [`Dossier::data_lang`].
    #[serde(default, deserialize_with = "opt_text")]
    pub lang: Option<String>,
    pub participant: Participant,
    /// X25519 public key (base64, 32 bytes) of the care team: goal reflections are sealed
    /// to it. Read it with [`Dossier::reflection_key`].
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub team_public_key: Option<String>,
    #[serde(default)]
    pub team: List<TeamMember>,
    #[serde(default)]
    pub agreements: List<Agreement>,
    #[serde(default)]
    pub goals: List<Goal>,
    #[serde(default)]
    pub appointments: List<Appointment>,
    #[serde(default, deserialize_with = "opt_signal_plan")]
    pub signal_plan: Option<SignalPlan>,
}

impl Document for Dossier {
    const SCHEMA: &'static str = "koers.dossier";
}

impl Dossier {
    /// The primary language of the file's texts, lowercase: Dutch unless the file says
    /// otherwise (an ECD writes Dutch).
    pub fn data_lang(&self) -> String {
        super::speech::primary(self.lang.as_deref().unwrap_or("")).unwrap_or_else(|| "nl".into())
    }
    /// `Ok(None)`: no team key, reflections go plain. `Err`: a key that is not a key; the
    /// app then offers no reflection form (it fails closed rather than send in plain text).
    pub fn reflection_key(&self) -> Result<Option<super::keys::PublicKey>, super::keys::KeyError> {
        super::keys::optional_key(self.team_public_key.as_deref())
    }
    pub fn team_member(&self, id: &str) -> Option<&TeamMember> {
        self.team.iter().find(|m| m.id == id)
    }
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }
    /// Mentors first: they are who a participant calls.
    pub fn mentor(&self) -> Option<&TeamMember> {
        self.team
            .iter()
            .find(|m| m.role == TeamRole::Mentor && m.phone.is_some())
    }
    /// Goals that were left out, including left-out steps and updates inside goals.
    pub fn goals_skipped(&self) -> usize {
        self.goals.skipped_count()
            + self
                .goals
                .iter()
                .map(|g| g.steps.skipped_count() + g.updates.skipped_count())
                .sum::<usize>()
    }
    pub fn signal_plan_skipped(&self) -> usize {
        self.signal_plan
            .as_ref()
            .map_or(0, |p| p.phases.skipped_count())
    }
}

fn opt_instant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Instant>, D::Error> {
    Ok(opt_text(d)?.and_then(|s| Instant::parse(&s)))
}

/// A signalling plan that is not an object is treated as absent rather than failing the dossier.
fn opt_signal_plan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<SignalPlan>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    if !value.is_object() {
        return Ok(None);
    }
    serde_json::from_value(value)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Participant {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub first_name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub care_type: CareType,
    #[serde(default, deserialize_with = "opt_text")]
    pub location: Option<String>,
    /// Outside a list, so a malformed date is taken as absent (see [`lenient_date`]).
    #[serde(default, deserialize_with = "lenient_date")]
    pub care_start: Option<Date>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub care_end: Option<Date>,
    #[serde(default, deserialize_with = "opt_text")]
    pub legal_framework: Option<String>,
}

open_enum! {
    pub enum CareType {
        Ambulant = "ambulant",
        ShelteredHousing = "beschermd_wonen",
        Vpt = "vpt",
        DayActivities = "dagbesteding",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct TeamMember {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: TeamRole,
    #[serde(default, deserialize_with = "opt_text")]
    pub organisation: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default)]
    pub available: LocalizedText,
}

open_enum! {
    pub enum TeamRole {
        Mentor = "mentor",
        ProbationOfficer = "probation_officer",
        TrajectoryManager = "trajectory_manager",
        BehaviouralScientist = "behavioural_scientist",
        Practitioner = "practitioner",
    }
}

open_enum! {
    /// A life domain (levensgebied).
    pub enum Domain {
        Housing = "housing",
        Work = "work",
        Finances = "finances",
        SocialNetwork = "social_network",
        PhysicalHealth = "physical_health",
        MentalHealth = "mental_health",
        SubstanceUse = "substance_use",
        Justice = "justice",
        DailyLiving = "daily_living",
        Leisure = "leisure",
        Meaning = "meaning",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Agreement {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub title: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub text: Option<String>,
    #[serde(default)]
    pub owner: AgreementOwner,
    #[serde(default = "default_kind", deserialize_with = "agreement_kind")]
    pub kind: AgreementKind,
    #[serde(default)]
    pub domain: Option<Domain>,
    #[serde(default)]
    pub agreed_on: Option<Date>,
    #[serde(default)]
    pub review_on: Option<Date>,
    #[serde(
        default = "default_agreement_status",
        deserialize_with = "agreement_status"
    )]
    pub status: AgreementStatus,
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub changes: LocalizedText,
    #[serde(default)]
    pub acknowledged_version: Option<u32>,
}

fn default_kind() -> AgreementKind {
    AgreementKind::Agreement
}
fn default_agreement_status() -> AgreementStatus {
    AgreementStatus::Active
}
// `null` means "not given", so it takes the same default as a missing value.
fn agreement_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<AgreementKind, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_else(default_kind))
}
fn agreement_status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<AgreementStatus, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_else(default_agreement_status))
}

open_enum! {
    /// Who commits to an agreement.
    pub enum AgreementOwner {
        Participant = "participant",
        Care = "care",
        Probation = "probation",
        Joint = "joint",
    }
}

open_enum! {
    pub enum AgreementKind {
        Agreement = "agreement",
        Condition = "condition",
        HouseRule = "house_rule",
        InformationSharing = "information_sharing",
    }
}

open_enum! {
    pub enum AgreementStatus {
        Active = "active",
        Ended = "ended",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Goal {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub domain: Option<Domain>,
    #[serde(default, deserialize_with = "lenient_smart")]
    pub smart: Smart,
    #[serde(default)]
    pub steps: List<Step>,
    #[serde(default = "default_goal_status", deserialize_with = "goal_status")]
    pub status: GoalStatus,
    #[serde(default, deserialize_with = "opt_progress")]
    pub progress: Option<u8>,
    #[serde(default)]
    pub updates: List<GoalUpdate>,
    #[serde(default)]
    pub next_evaluation: Option<Date>,
}

fn default_goal_status() -> GoalStatus {
    GoalStatus::Active
}
fn goal_status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<GoalStatus, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_else(default_goal_status))
}

/// `null` (or anything but an object) is an empty SMART description, not a broken goal.
fn lenient_smart<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Smart, D::Error> {
    match serde_json::Value::deserialize(d)? {
        value @ serde_json::Value::Object(_) => {
            serde_json::from_value(value).map_err(serde::de::Error::custom)
        }
        _ => Ok(Smart::default()),
    }
}

/// 0–100; out-of-range numbers are clamped, anything else means "derive from the steps".
fn opt_progress<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?
        .as_f64()
        .map(|p| p.clamp(0.0, 100.0).round() as u8))
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct Smart {
    #[serde(default, deserialize_with = "opt_text")]
    pub specific: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub measurable: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub achievable: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub relevant: Option<String>,
    #[serde(default)]
    pub time_bound: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Step {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub text: String,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub done: bool,
    #[serde(default)]
    pub done_on: Option<Date>,
}

open_enum! {
    pub enum GoalStatus {
        Active = "active",
        Achieved = "achieved",
        Paused = "paused",
        Stopped = "stopped",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct GoalUpdate {
    pub date: Date,
    #[serde(default, deserialize_with = "opt_text")]
    pub author: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Appointment {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: AppointmentKind,
    pub start: Instant,
    #[serde(default)]
    pub end: Option<Instant>,
    #[serde(default, deserialize_with = "opt_location")]
    pub location: Option<Location>,
    #[serde(default, deserialize_with = "opt_text")]
    pub with: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub notes: Option<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub bring: Vec<String>,
    #[serde(
        default = "default_appointment_status",
        deserialize_with = "appointment_status"
    )]
    pub status: AppointmentStatus,
}

fn default_appointment_status() -> AppointmentStatus {
    AppointmentStatus::Planned
}
fn appointment_status<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<AppointmentStatus, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_else(default_appointment_status))
}

/// A location object, or (being liberal) a plain string taken as its name.
fn opt_location<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Location>, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(name) if name.trim().is_empty() => Ok(None),
        serde_json::Value::String(name) => Ok(Some(Location {
            name: Some(name),
            address: None,
        })),
        other => serde_json::from_value(other)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct Location {
    #[serde(default, deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub address: Option<String>,
}

open_enum! {
    pub enum AppointmentKind {
        Mentor = "mentor",
        Probation = "probation",
        Treatment = "treatment",
        Medical = "medical",
        Court = "court",
        DayActivity = "day_activity",
    }
}

open_enum! {
    pub enum AppointmentStatus {
        Planned = "planned",
        Cancelled = "cancelled",
        Moved = "moved",
    }
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct SignalPlan {
    #[serde(default, deserialize_with = "lenient_date")]
    pub updated_on: Option<Date>,
    #[serde(default)]
    pub phases: List<SignalPhase>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct SignalPhase {
    pub level: SignalLevel,
    #[serde(default, deserialize_with = "text_list")]
    pub signals: Vec<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub my_actions: Vec<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub support_actions: Vec<String>,
}

open_enum! {
    pub enum SignalLevel {
        Green = "green",
        Orange = "orange",
        Red = "red",
    }
}
