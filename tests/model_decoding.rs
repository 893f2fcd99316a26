//! Native tests of the API v1 documents the app reads: the contract's own examples
//! decode, and every liberal-decoding rule of api-v1.md holds.

use koers::model::contacts::{ContactRole, Contacts};
use koers::model::document::{decode, parse_schema, DecodeError};
use koers::model::dossier::{
    AgreementKind, AgreementOwner, AgreementStatus, AppointmentKind, AppointmentStatus, CareType,
    Domain, Dossier, GoalStatus, SignalLevel, TeamRole,
};
use koers::model::lenient::{Date, List, LocalizedText};
use koers::model::lookup::{lookup, normalise_code, plausible_code};
use koers::model::survey::{Anonymity, QuestionType, Survey};
use koers::model::Config;
use serde_json::{json, Value};

const CONFIG: &str = include_str!("fixtures/contract/config.json");
const DOSSIER: &str = include_str!("fixtures/contract/dossier.json");
const SURVEY: &str = include_str!("fixtures/contract/survey.json");
const CONTACTS: &str = include_str!("fixtures/contract/contacts.json");

// ---------------------------------------------------------------- helpers

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// The contract's dossier with `edit` applied to its JSON first.
fn dossier_with(edit: impl FnOnce(&mut Value)) -> Dossier {
    let mut v = value(DOSSIER);
    edit(&mut v);
    decode::<Dossier>(&v.to_string()).expect("dossier decodes")
}

fn dossier_err(edit: impl FnOnce(&mut Value)) -> DecodeError {
    let mut v = value(DOSSIER);
    edit(&mut v);
    decode::<Dossier>(&v.to_string()).expect_err("dossier must not decode")
}

fn config_with(edit: impl FnOnce(&mut Value)) -> Config {
    let mut v = value(CONFIG);
    edit(&mut v);
    decode::<Config>(&v.to_string()).expect("config decodes")
}

fn contacts_with(edit: impl FnOnce(&mut Value)) -> Contacts {
    let mut v = value(CONTACTS);
    edit(&mut v);
    decode::<Contacts>(&v.to_string()).expect("contacts decode")
}

fn survey_with(edit: impl FnOnce(&mut Value)) -> Survey {
    let mut v = value(SURVEY);
    edit(&mut v);
    decode::<Survey>(&v.to_string()).expect("survey decodes")
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("valid date")
}

/// A minimal dossier: only what is required.
fn minimal_dossier() -> Value {
    json!({ "schema": "koers.dossier/1", "participant": { "id": "p-1", "first_name": "Sam" } })
}

fn decode_value_dossier(v: Value) -> Result<Dossier, DecodeError> {
    decode::<Dossier>(&v.to_string())
}

// ---------------------------------------------------------------- contract examples

#[test]
fn contract_config_example_decodes() {
    let c: Config = decode(CONFIG).unwrap();
    assert_eq!(c.schema, "koers.config/1");
    assert_eq!(c.organisation.as_deref(), Some("Stichting Voorbeeld Zorg"));
    assert_eq!(c.default_language, "nl");
    assert_eq!(c.languages, ["nl", "en", "ar", "pl"]);
    assert_eq!(c.emergency_phone, "112");
    let crisis = c.crisis_line.expect("crisis line");
    assert_eq!(crisis.label.get("nl"), "24/7 bereikbaar");
    assert_eq!(crisis.phone, "+31201234567");
    assert_eq!(c.active_survey.as_deref(), Some("deo-2026"));
    assert!(c.demo);
}

#[test]
fn contract_dossier_example_participant() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(d.schema, "koers.dossier/1");
    assert_eq!(
        d.generated_at.unwrap().0.to_rfc3339(),
        "2026-11-20T08:00:00+01:00"
    );
    let p = &d.participant;
    assert_eq!(p.id, "p-1001");
    assert_eq!(p.first_name, "Samir");
    assert_eq!(p.preferred_language.as_deref(), Some("nl"));
    assert_eq!(p.care_type, CareType::Ambulant);
    assert_eq!(p.location.as_deref(), Some("Team Ambulant Noord"));
    assert_eq!(p.care_start, Some(date("2026-03-02")));
    assert_eq!(p.care_end, None);
    assert_eq!(p.legal_framework.as_deref(), Some("Bijzondere voorwaarden"));
}

#[test]
fn contract_dossier_example_team() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(d.team.len(), 2);
    assert_eq!(d.team.skipped_count(), 0);
    let ellen = d.team_member("t1").unwrap();
    assert_eq!(ellen.name, "Ellen de Vries");
    assert_eq!(ellen.role, TeamRole::Mentor);
    assert_eq!(
        ellen.organisation.as_deref(),
        Some("Stichting Voorbeeld Zorg")
    );
    assert_eq!(ellen.phone.as_deref(), Some("+31612345678"));
    assert_eq!(ellen.email, None);
    assert_eq!(ellen.available.get("nl"), "ma-vr 9:00-17:00");
    assert_eq!(
        d.team_member("t2").unwrap().role,
        TeamRole::ProbationOfficer
    );
    assert!(d.team_member("t9").is_none());
    assert_eq!(d.mentor().map(|m| m.id.as_str()), Some("t1"));
}

#[test]
fn contract_dossier_example_agreements() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(d.agreements.len(), 3);
    assert_eq!(d.agreements.skipped_count(), 0);
    let a1 = &d.agreements.items[0];
    assert_eq!(a1.id, "a1");
    assert_eq!(a1.title, "Ik ben op tijd voor afspraken");
    assert_eq!(
        a1.text.as_deref(),
        Some("Als ik niet kan komen, bel ik een dag van tevoren.")
    );
    assert_eq!(a1.owner, AgreementOwner::Participant);
    assert_eq!(a1.kind, AgreementKind::Agreement);
    assert_eq!(a1.domain, Some(Domain::DailyLiving));
    assert_eq!(a1.agreed_on, Some(date("2026-03-10")));
    assert_eq!(a1.review_on, Some(date("2026-09-10")));
    assert_eq!(a1.status, AgreementStatus::Active);
    assert_eq!(a1.version, Some(2));
    assert_eq!(
        a1.changes.get("nl"),
        "Eerst: twee dagen van tevoren bellen."
    );
    assert_eq!(a1.acknowledged_version, Some(1));

    let a2 = &d.agreements.items[1];
    assert_eq!(a2.owner, AgreementOwner::Probation);
    assert_eq!(a2.kind, AgreementKind::Condition);
    assert_eq!(a2.domain, Some(Domain::SubstanceUse));
    assert_eq!(a2.review_on, None);
    assert_eq!(a2.version, None, "version is optional (default 1)");
    assert!(a2.changes.is_empty());
    assert_eq!(a2.acknowledged_version, None);

    let a3 = &d.agreements.items[2];
    assert_eq!(a3.owner, AgreementOwner::Joint);
    assert_eq!(a3.kind, AgreementKind::InformationSharing);
    assert_eq!(a3.domain, None, "domain may be null");
    assert_eq!(a3.status, AgreementStatus::Ended);
}

#[test]
fn contract_dossier_example_goals() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(d.goals.len(), 1);
    assert_eq!(d.goals_skipped(), 0);
    let g = d.goal("g1").unwrap();
    assert_eq!(g.domain, Some(Domain::Work));
    assert_eq!(g.title, "Ik heb werk voor 3 dagen per week");
    assert_eq!(
        g.smart.specific.as_deref(),
        Some("Betaald werk in de groenvoorziening")
    );
    assert_eq!(
        g.smart.measurable.as_deref(),
        Some("Een contract voor 24 uur per week")
    );
    assert_eq!(
        g.smart.achievable.as_deref(),
        Some("Met hulp van de re-integratiecoach")
    );
    assert_eq!(
        g.smart.relevant.as_deref(),
        Some("Werk geeft mij ritme en inkomen")
    );
    assert_eq!(g.smart.time_bound, Some(date("2027-01-31")));
    assert_eq!(g.steps.len(), 2);
    assert!(g.steps.items[0].done);
    assert_eq!(g.steps.items[0].done_on, Some(date("2026-05-01")));
    assert!(!g.steps.items[1].done);
    assert_eq!(g.steps.items[1].done_on, None);
    assert_eq!(g.status, GoalStatus::Active);
    assert_eq!(g.progress, Some(40));
    assert_eq!(g.updates.len(), 1);
    assert_eq!(g.updates.items[0].date, date("2026-10-01"));
    assert_eq!(
        g.updates.items[0].author.as_deref(),
        Some("Ellen (begeleider)")
    );
    assert_eq!(g.next_evaluation, Some(date("2026-12-01")));
    assert!(d.goal("g2").is_none());
}

#[test]
fn contract_dossier_example_appointments() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(d.appointments.len(), 1);
    let ap = &d.appointments.items[0];
    assert_eq!(ap.id, "ap1");
    assert_eq!(ap.title, "Gesprek met reclassering");
    assert_eq!(ap.kind, AppointmentKind::Probation);
    assert_eq!(ap.start.0.to_rfc3339(), "2026-11-25T10:00:00+01:00");
    assert_eq!(ap.end.unwrap().0.to_rfc3339(), "2026-11-25T11:00:00+01:00");
    let loc = ap.location.as_ref().unwrap();
    assert_eq!(loc.name.as_deref(), Some("Reclassering Den Haag"));
    assert_eq!(loc.address.as_deref(), Some("Straat 1, 2500 AA Den Haag"));
    assert_eq!(ap.with.as_deref(), Some("t2"));
    assert_eq!(
        d.team_member(ap.with.as_deref().unwrap()).unwrap().name,
        "Joost Bakker"
    );
    assert_eq!(ap.notes.as_deref(), Some("Neem je ID-bewijs mee."));
    assert_eq!(ap.bring, ["ID-bewijs"]);
    assert_eq!(ap.status, AppointmentStatus::Planned);
}

#[test]
fn contract_dossier_example_signal_plan() {
    let d: Dossier = decode(DOSSIER).unwrap();
    let plan = d.signal_plan.as_ref().expect("signal plan");
    assert_eq!(plan.updated_on, Some(date("2026-06-01")));
    let levels: Vec<_> = plan.phases.iter().map(|p| p.level.clone()).collect();
    assert_eq!(
        levels,
        [SignalLevel::Green, SignalLevel::Orange, SignalLevel::Red]
    );
    assert_eq!(plan.phases.items[0].signals, ["Ik slaap goed"]);
    assert_eq!(plan.phases.items[1].signals.len(), 2);
    assert_eq!(plan.phases.items[2].my_actions, ["Ik bel de crisisdienst"]);
    assert_eq!(
        plan.phases.items[2].support_actions,
        ["De crisisdienst komt"]
    );
    assert_eq!(d.signal_plan_skipped(), 0);
}

#[test]
fn contract_survey_example_decodes() {
    let s: Survey = decode(SURVEY).unwrap();
    assert_eq!(s.id, "deo-2026");
    assert_eq!(s.version, 1);
    assert_eq!(s.title.get("nl"), "Hoe tevreden ben je?");
    assert_eq!(s.title.get("en"), "How satisfied are you?");
    assert_eq!(
        s.intro.get("en"),
        "Je antwoorden helpen ons de zorg beter te maken."
    );
    assert_eq!(s.estimated_minutes, Some(10));
    assert_eq!(s.anonymous, Anonymity::Allowed);
    assert_eq!(s.sections.len(), 1);
    assert_eq!(s.sections.items[0].id, "begeleiding");
    assert_eq!(s.sections.items[0].title.get("nl"), "Je begeleiding");
    let kinds: Vec<_> = s.questions().map(|(_, q)| q.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            QuestionType::YesNo,
            QuestionType::Grade,
            QuestionType::Scale5,
            QuestionType::Choice,
            QuestionType::MultiChoice,
            QuestionType::Text
        ]
    );
    let q1 = s.question("q1").unwrap();
    assert!(q1.required);
    assert_eq!(q1.help.get("nl"), "1 is heel slecht, 10 is heel goed.");
    let rule = q1.show_if.as_ref().unwrap();
    assert_eq!(rule.question, "q0");
    assert_eq!(rule.equals, json!(true));
    let q3 = s.question("q3").unwrap();
    assert_eq!(q3.options.len(), 2);
    assert_eq!(q3.options.items[1].value, "month");
    assert_eq!(q3.options.items[1].label.get("nl"), "Elke maand");
    assert_eq!(s.question("q5").unwrap().max_length, Some(1000));
    assert_eq!(s.skipped(), 0);
}

#[test]
fn contract_contacts_example_decodes() {
    let c: Contacts = decode(CONTACTS).unwrap();
    assert_eq!(c.contacts.len(), 1);
    let vp = &c.contacts.items[0];
    assert_eq!(vp.id, "vp-1");
    assert_eq!(vp.name, "Mira Jansen");
    assert_eq!(vp.role, ContactRole::ConfidentialAdviser);
    assert_eq!(vp.organisation.as_deref(), Some("Extern Vertrouwenswerk"));
    assert!(vp.independent);
    assert_eq!(vp.phone.as_deref(), Some("+31201112233"));
    assert_eq!(vp.email.as_deref(), Some("vp@example.org"));
    assert_eq!(vp.hours.get("nl"), "ma-do 9:00-17:00");
    assert_eq!(vp.languages, ["nl", "en"]);
    assert!(vp.about.get("en").starts_with("Ik help je"));
    assert!(vp.accepts_messages);
}

#[test]
fn decoded_documents_survive_a_round_trip() {
    let d: Dossier = decode(DOSSIER).unwrap();
    assert_eq!(
        decode::<Dossier>(&serde_json::to_string(&d).unwrap()).unwrap(),
        d
    );
    let c: Config = decode(CONFIG).unwrap();
    assert_eq!(
        decode::<Config>(&serde_json::to_string(&c).unwrap()).unwrap(),
        c
    );
    let s: Survey = decode(SURVEY).unwrap();
    assert_eq!(
        decode::<Survey>(&serde_json::to_string(&s).unwrap()).unwrap(),
        s
    );
    let k: Contacts = decode(CONTACTS).unwrap();
    assert_eq!(
        decode::<Contacts>(&serde_json::to_string(&k).unwrap()).unwrap(),
        k
    );
}

#[test]
fn minimal_dossier_decodes_with_everything_empty() {
    let d = decode_value_dossier(minimal_dossier()).unwrap();
    assert_eq!(d.participant.first_name, "Sam");
    assert_eq!(d.participant.care_type, CareType::Other(String::new()));
    assert!(d.generated_at.is_none());
    assert!(
        d.team.is_empty()
            && d.agreements.is_empty()
            && d.goals.is_empty()
            && d.appointments.is_empty()
    );
    assert!(d.signal_plan.is_none());
    assert_eq!(d.goals_skipped(), 0);
    assert!(d.mentor().is_none());
}

// ---------------------------------------------------------------- unknown fields

#[test]
fn unknown_fields_are_ignored_in_a_dossier() {
    let d = dossier_with(|v| {
        v["x_ecd_export"] = json!({"batch": 7});
        v["participant"]["bsn"] = json!("must never be shown but must not break");
        v["team"][0]["pager"] = json!(1234);
        v["agreements"][0]["signed_by"] = json!(["Samir"]);
        v["goals"][0]["colour"] = json!("green");
        v["goals"][0]["smart"]["extra"] = json!(true);
        v["goals"][0]["steps"][0]["weight"] = json!(2.5);
        v["goals"][0]["updates"][0]["mood"] = json!(null);
        v["appointments"][0]["room"] = json!("3.14");
        v["appointments"][0]["location"]["lat"] = json!(52.07);
        v["signal_plan"]["owner"] = json!("t1");
        v["signal_plan"]["phases"][0]["icon"] = json!("leaf");
    });
    assert_eq!(d, decode::<Dossier>(DOSSIER).unwrap());
}

#[test]
fn unknown_fields_are_ignored_in_config_contacts_and_survey() {
    assert_eq!(
        config_with(|v| {
            v["theme"] = json!({"colour": "#004488"});
            v["crisis_line"]["sms"] = json!(true);
        }),
        decode::<Config>(CONFIG).unwrap()
    );
    assert_eq!(
        contacts_with(|v| {
            v["generated_at"] = json!("2026-11-20T08:00:00+01:00");
            v["contacts"][0]["photo"] = json!("mira.jpg");
        }),
        decode::<Contacts>(CONTACTS).unwrap()
    );
    assert_eq!(
        survey_with(|v| {
            v["owner"] = json!("kwaliteit");
            v["sections"][0]["colour"] = json!("blue");
            v["sections"][0]["questions"][0]["code"] = json!("DEO-01");
            v["sections"][0]["questions"][3]["options"][0]["score"] = json!(1);
        }),
        decode::<Survey>(SURVEY).unwrap()
    );
}

// ---------------------------------------------------------------- open enums

#[test]
fn unknown_care_type_becomes_other() {
    let d = dossier_with(|v| v["participant"]["care_type"] = json!("forensische_fact"));
    assert_eq!(
        d.participant.care_type,
        CareType::Other("forensische_fact".into())
    );
    assert!(d.participant.care_type.is_other());
    assert_eq!(d.participant.care_type.as_wire(), "forensische_fact");
}

#[test]
fn every_known_care_type_is_recognised() {
    for (wire, want) in [
        ("ambulant", CareType::Ambulant),
        ("beschermd_wonen", CareType::ShelteredHousing),
        ("vpt", CareType::Vpt),
        ("dagbesteding", CareType::DayActivities),
    ] {
        let d = dossier_with(|v| v["participant"]["care_type"] = json!(wire));
        assert_eq!(d.participant.care_type, want, "{wire}");
        assert_eq!(want.as_wire(), wire);
    }
    assert_eq!(CareType::KNOWN.len(), 4);
}

#[test]
fn the_contracts_other_care_type_is_other() {
    let d = dossier_with(|v| v["participant"]["care_type"] = json!("other"));
    assert_eq!(d.participant.care_type, CareType::Other("other".into()));
}

#[test]
fn unknown_team_role_becomes_other() {
    let d = dossier_with(|v| v["team"][0]["role"] = json!("peer_worker"));
    assert_eq!(d.team.items[0].role, TeamRole::Other("peer_worker".into()));
    assert_eq!(d.team.len(), 2, "the member is still shown");
    assert!(d.mentor().is_none(), "an unknown role is not a mentor");
}

#[test]
fn every_known_team_role_is_recognised() {
    let wires = [
        "mentor",
        "probation_officer",
        "trajectory_manager",
        "behavioural_scientist",
        "practitioner",
    ];
    let known: Vec<_> = TeamRole::KNOWN.iter().map(|r| r.as_wire()).collect();
    assert_eq!(known, wires);
    for wire in wires {
        assert!(!TeamRole::from_wire(wire).is_other(), "{wire}");
    }
}

#[test]
fn unknown_agreement_owner_kind_and_status_become_other() {
    let d = dossier_with(|v| {
        v["agreements"][0]["owner"] = json!("municipality");
        v["agreements"][0]["kind"] = json!("court_order");
        v["agreements"][0]["status"] = json!("suspended");
    });
    let a = &d.agreements.items[0];
    assert_eq!(a.owner, AgreementOwner::Other("municipality".into()));
    assert_eq!(a.kind, AgreementKind::Other("court_order".into()));
    assert_eq!(a.status, AgreementStatus::Other("suspended".into()));
    assert_eq!(d.agreements.skipped_count(), 0);
}

#[test]
fn unknown_domain_becomes_other_in_agreements_and_goals() {
    let d = dossier_with(|v| {
        v["agreements"][0]["domain"] = json!("spirituality");
        v["goals"][0]["domain"] = json!("education");
    });
    assert_eq!(
        d.agreements.items[0].domain,
        Some(Domain::Other("spirituality".into()))
    );
    assert_eq!(
        d.goals.items[0].domain,
        Some(Domain::Other("education".into()))
    );
}

#[test]
fn all_eleven_life_domains_are_known() {
    let wires = [
        "housing",
        "work",
        "finances",
        "social_network",
        "physical_health",
        "mental_health",
        "substance_use",
        "justice",
        "daily_living",
        "leisure",
        "meaning",
    ];
    let known: Vec<_> = Domain::KNOWN.iter().map(|d| d.as_wire()).collect();
    assert_eq!(known, wires);
}

#[test]
fn unknown_goal_status_becomes_other() {
    let d = dossier_with(|v| v["goals"][0]["status"] = json!("on_hold"));
    assert_eq!(d.goals.items[0].status, GoalStatus::Other("on_hold".into()));
    let known: Vec<_> = GoalStatus::KNOWN.iter().map(|s| s.as_wire()).collect();
    assert_eq!(known, ["active", "achieved", "paused", "stopped"]);
}

#[test]
fn unknown_appointment_kind_and_status_become_other() {
    let d = dossier_with(|v| {
        v["appointments"][0]["kind"] = json!("video_call");
        v["appointments"][0]["status"] = json!("tentative");
    });
    let ap = &d.appointments.items[0];
    assert_eq!(ap.kind, AppointmentKind::Other("video_call".into()));
    assert_eq!(ap.status, AppointmentStatus::Other("tentative".into()));
    let kinds: Vec<_> = AppointmentKind::KNOWN.iter().map(|k| k.as_wire()).collect();
    assert_eq!(
        kinds,
        [
            "mentor",
            "probation",
            "treatment",
            "medical",
            "court",
            "day_activity"
        ]
    );
    let statuses: Vec<_> = AppointmentStatus::KNOWN
        .iter()
        .map(|k| k.as_wire())
        .collect();
    assert_eq!(statuses, ["planned", "cancelled", "moved"]);
}

#[test]
fn unknown_contact_role_becomes_other() {
    let c = contacts_with(|v| v["contacts"][0]["role"] = json!("ombudsman"));
    assert_eq!(
        c.contacts.items[0].role,
        ContactRole::Other("ombudsman".into())
    );
    let known: Vec<_> = ContactRole::KNOWN.iter().map(|r| r.as_wire()).collect();
    assert_eq!(
        known,
        [
            "confidential_adviser",
            "complaints_officer",
            "spiritual_carer",
            "crisis_line",
            "client_council"
        ]
    );
}

#[test]
fn unknown_question_type_becomes_other_and_is_not_asked() {
    let s = survey_with(|v| v["sections"][0]["questions"][2]["type"] = json!("slider"));
    let q = &s.sections.items[0].questions.items[2];
    assert_eq!(q.kind, QuestionType::Other("slider".into()));
    assert!(s.question("q2").is_none(), "no way to answer it");
    assert_eq!(s.questions().count(), 5);
    assert_eq!(s.skipped(), 1);
}

#[test]
fn unknown_signal_level_and_anonymity_become_other() {
    let d = dossier_with(|v| v["signal_plan"]["phases"][1]["level"] = json!("amber"));
    assert_eq!(
        d.signal_plan.unwrap().phases.items[1].level,
        SignalLevel::Other("amber".into())
    );
    let s = survey_with(|v| v["anonymous"] = json!("preferred"));
    assert_eq!(s.anonymous, Anonymity::Other("preferred".into()));
}

#[test]
fn an_enum_that_is_not_text_becomes_other() {
    let d = dossier_with(|v| {
        v["participant"]["care_type"] = json!(3);
        v["team"][0]["role"] = json!(["mentor"]);
    });
    assert!(d.participant.care_type.is_other());
    assert!(d.team.items[0].role.is_other());
    assert_eq!(d.team.len(), 2);
}

#[test]
fn a_missing_enum_takes_its_default() {
    let d = dossier_with(|v| {
        let a = v["agreements"][0].as_object_mut().unwrap();
        a.remove("kind");
        a.remove("status");
        a.remove("owner");
        v["goals"][0].as_object_mut().unwrap().remove("status");
        v["appointments"][0]
            .as_object_mut()
            .unwrap()
            .remove("status");
        v["appointments"][0].as_object_mut().unwrap().remove("kind");
    });
    let a = &d.agreements.items[0];
    assert_eq!(a.kind, AgreementKind::Agreement);
    assert_eq!(a.status, AgreementStatus::Active);
    assert!(a.owner.is_other());
    assert_eq!(d.goals.items[0].status, GoalStatus::Active);
    assert_eq!(d.appointments.items[0].status, AppointmentStatus::Planned);
    assert!(d.appointments.items[0].kind.is_other());
}

#[test]
fn a_null_enum_is_the_same_as_a_missing_one() {
    let d = dossier_with(|v| {
        v["agreements"][0]["kind"] = Value::Null;
        v["agreements"][0]["status"] = Value::Null;
        v["goals"][0]["status"] = Value::Null;
        v["appointments"][0]["status"] = Value::Null;
    });
    assert_eq!(d.agreements.items[0].kind, AgreementKind::Agreement);
    assert_eq!(d.agreements.items[0].status, AgreementStatus::Active);
    assert_eq!(d.goals.items[0].status, GoalStatus::Active);
    assert_eq!(d.appointments.items[0].status, AppointmentStatus::Planned);
}

#[test]
fn a_null_open_enum_without_a_default_is_other_but_not_the_text_null() {
    let d = dossier_with(|v| {
        v["participant"]["care_type"] = Value::Null;
        v["team"][0]["role"] = Value::Null;
    });
    assert!(d.participant.care_type.is_other());
    assert_ne!(d.participant.care_type.as_wire(), "null");
    assert_ne!(d.team.items[0].role.as_wire(), "null");
}

#[test]
fn open_enums_serialise_as_their_wire_value() {
    assert_eq!(
        serde_json::to_value(CareType::ShelteredHousing).unwrap(),
        json!("beschermd_wonen")
    );
    assert_eq!(
        serde_json::to_value(TeamRole::Other("peer".into())).unwrap(),
        json!("peer")
    );
}

// ---------------------------------------------------------------- malformed list items

#[test]
fn a_team_member_without_id_is_left_out_and_counted() {
    let d = dossier_with(|v| {
        v["team"][0].as_object_mut().unwrap().remove("id");
    });
    assert_eq!(d.team.len(), 1);
    assert_eq!(d.team.items[0].id, "t2");
    assert_eq!(d.team.skipped_count(), 1);
    assert!(d.team.skipped[0].contains("[0]"), "{:?}", d.team.skipped);
    assert!(d.team.skipped[0].contains("id"), "{:?}", d.team.skipped);
}

#[test]
fn a_team_member_with_a_blank_id_is_left_out() {
    let d = dossier_with(|v| v["team"][1]["id"] = json!("  "));
    assert_eq!(d.team.len(), 1);
    assert_eq!(d.team.skipped_count(), 1);
}

#[test]
fn a_numeric_id_is_read_as_text() {
    let d = dossier_with(|v| v["goals"][0]["id"] = json!(17));
    assert_eq!(d.goals.len(), 1);
    assert_eq!(d.goals.items[0].id, "17");
    assert!(d.goal("17").is_some());
}

#[test]
fn an_agreement_with_a_bad_date_is_left_out_and_counted() {
    let d = dossier_with(|v| v["agreements"][1]["agreed_on"] = json!("2026-02-30"));
    let ids: Vec<_> = d.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a3"]);
    assert_eq!(d.agreements.skipped_count(), 1);
    assert!(
        d.agreements.skipped[0].starts_with("[1]"),
        "{:?}",
        d.agreements.skipped
    );
    assert!(
        d.agreements.skipped[0].contains("agreed_on"),
        "{:?}",
        d.agreements.skipped
    );
}

#[test]
fn dates_in_other_formats_are_bad_dates() {
    for bad in [
        "10-03-2026",
        "2026/03/10",
        "2026-3-10",
        "2026-03-10T10:00:00+01:00",
        "",
        "gisteren",
    ] {
        let d = dossier_with(|v| v["agreements"][0]["review_on"] = json!(bad));
        assert_eq!(d.agreements.len(), 2, "{bad:?}");
        assert_eq!(d.agreements.skipped_count(), 1, "{bad:?}");
    }
}

#[test]
fn a_goal_without_id_is_left_out_and_counted() {
    let d = dossier_with(|v| {
        let mut second = v["goals"][0].clone();
        second["id"] = json!("g2");
        v["goals"].as_array_mut().unwrap().push(second);
        v["goals"][0].as_object_mut().unwrap().remove("id");
    });
    assert_eq!(d.goals.len(), 1);
    assert_eq!(d.goals.items[0].id, "g2");
    assert_eq!(d.goals.skipped_count(), 1);
    assert_eq!(d.goals_skipped(), 1);
}

#[test]
fn a_step_with_a_bad_date_is_left_out_and_counted_with_the_goals() {
    let d = dossier_with(|v| v["goals"][0]["steps"][0]["done_on"] = json!("1 mei"));
    let g = &d.goals.items[0];
    assert_eq!(g.steps.len(), 1);
    assert_eq!(g.steps.items[0].id, "s2");
    assert_eq!(g.steps.skipped_count(), 1);
    assert_eq!(d.goals.skipped_count(), 0, "the goal itself is kept");
    assert_eq!(d.goals_skipped(), 1);
}

#[test]
fn an_update_without_a_date_is_left_out_and_counted_with_the_goals() {
    let d = dossier_with(|v| {
        v["goals"][0]["updates"][0]
            .as_object_mut()
            .unwrap()
            .remove("date");
        v["goals"][0]["steps"][1]
            .as_object_mut()
            .unwrap()
            .remove("text");
    });
    let g = &d.goals.items[0];
    assert!(g.updates.is_empty());
    assert_eq!(g.updates.skipped_count(), 1);
    assert_eq!(g.steps.len(), 1);
    assert_eq!(d.goals_skipped(), 2);
}

#[test]
fn an_appointment_with_a_bad_date_time_is_left_out_and_counted() {
    let d = dossier_with(|v| {
        let mut ok = v["appointments"][0].clone();
        ok["id"] = json!("ap2");
        let mut no_start = ok.clone();
        no_start["id"] = json!("ap3");
        no_start.as_object_mut().unwrap().remove("start");
        let mut bad_end = ok.clone();
        bad_end["id"] = json!("ap4");
        bad_end["end"] = json!("11:00");
        v["appointments"]
            .as_array_mut()
            .unwrap()
            .extend([ok, no_start, bad_end]);
        v["appointments"][0]["start"] = json!("morgen om 10 uur");
    });
    let ids: Vec<_> = d.appointments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ap2"]);
    assert_eq!(d.appointments.skipped_count(), 3);
    assert!(d.appointments.skipped[0].starts_with("[0]"));
    assert!(d.appointments.skipped[1].starts_with("[2]"));
    assert!(d.appointments.skipped[2].starts_with("[3]"));
}

#[test]
fn a_date_time_without_offset_is_accepted_as_dutch_time() {
    let d = dossier_with(|v| v["appointments"][0]["start"] = json!("2026-11-25T10:00"));
    assert_eq!(
        d.appointments.items[0].start.0.to_rfc3339(),
        "2026-11-25T10:00:00+01:00"
    );
}

#[test]
fn list_items_that_are_not_objects_are_left_out_and_counted() {
    let d = dossier_with(|v| {
        v["team"].as_array_mut().unwrap().push(json!(null));
        v["team"].as_array_mut().unwrap().push(json!("Ellen"));
        v["team"].as_array_mut().unwrap().push(json!(42));
    });
    assert_eq!(d.team.len(), 2);
    assert_eq!(d.team.skipped_count(), 3);
}

#[test]
fn a_contact_without_id_or_name_is_left_out_and_counted() {
    let c = contacts_with(|v| {
        let mut second = v["contacts"][0].clone();
        second["id"] = json!("kf-1");
        second["role"] = json!("complaints_officer");
        let mut no_name = second.clone();
        no_name.as_object_mut().unwrap().remove("name");
        v["contacts"]
            .as_array_mut()
            .unwrap()
            .extend([second, no_name]);
        v["contacts"][0].as_object_mut().unwrap().remove("id");
    });
    assert_eq!(c.contacts.len(), 1);
    assert_eq!(c.contacts.items[0].role, ContactRole::ComplaintsOfficer);
    assert_eq!(c.contacts.skipped_count(), 2);
}

#[test]
fn a_survey_question_without_id_or_text_is_left_out_and_counted() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][2]
            .as_object_mut()
            .unwrap()
            .remove("id");
        v["sections"][0]["questions"][3]
            .as_object_mut()
            .unwrap()
            .remove("type");
    });
    assert_eq!(s.questions().count(), 4);
    assert_eq!(s.sections.items[0].questions.skipped_count(), 2);
    assert_eq!(s.skipped(), 2);
}

#[test]
fn a_signal_phase_without_level_is_left_out_and_counted() {
    let d = dossier_with(|v| {
        v["signal_plan"]["phases"][2]
            .as_object_mut()
            .unwrap()
            .remove("level");
    });
    assert_eq!(d.signal_plan.as_ref().unwrap().phases.len(), 2);
    assert_eq!(d.signal_plan_skipped(), 1);
}

#[test]
fn a_list_that_is_not_a_list_is_empty_and_counted() {
    let d = dossier_with(|v| {
        v["team"] = json!({"t1": "Ellen"});
        v["goals"] = json!("geen");
    });
    assert!(d.team.is_empty());
    assert_eq!(d.team.skipped_count(), 1);
    assert!(d.goals.is_empty());
    assert_eq!(d.goals_skipped(), 1);
    assert_eq!(d.agreements.len(), 3, "the rest of the dossier still shows");
}

#[test]
fn a_list_decodes_on_its_own() {
    let list: List<Date> =
        serde_json::from_value(json!(["2026-01-01", "nope", "2026-12-31"])).unwrap();
    assert_eq!(list.items, [date("2026-01-01"), date("2026-12-31")]);
    assert_eq!(list.skipped_count(), 1);
    assert!(list.skipped[0].starts_with("[1]"));
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!(["2026-01-01", "2026-12-31"])
    );
    assert_eq!((&list).into_iter().count(), 2);
    assert!(List::<Date>::default().is_empty());
    assert_eq!(List::new(vec![1, 2]).len(), 2);
}

// ---------------------------------------------------------------- null and missing

#[test]
fn null_lists_are_empty() {
    let d = dossier_with(|v| {
        for key in ["team", "agreements", "goals", "appointments"] {
            v[key] = Value::Null;
        }
    });
    assert!(
        d.team.is_empty()
            && d.agreements.is_empty()
            && d.goals.is_empty()
            && d.appointments.is_empty()
    );
    assert_eq!(
        d.team.skipped_count() + d.agreements.skipped_count() + d.goals_skipped(),
        0
    );
    assert_eq!(d.appointments.skipped_count(), 0);
}

#[test]
fn null_lists_inside_items_are_empty() {
    let d = dossier_with(|v| {
        v["goals"][0]["steps"] = Value::Null;
        v["goals"][0]["updates"] = Value::Null;
        v["appointments"][0]["bring"] = Value::Null;
        v["signal_plan"]["phases"][0]["signals"] = Value::Null;
    });
    assert!(d.goals.items[0].steps.is_empty());
    assert!(d.goals.items[0].updates.is_empty());
    assert_eq!(d.goals_skipped(), 0);
    assert!(d.appointments.items[0].bring.is_empty());
    assert!(d.signal_plan.unwrap().phases.items[0].signals.is_empty());
}

#[test]
fn null_lists_in_contacts_survey_and_config_are_empty() {
    let c = contacts_with(|v| v["contacts"] = Value::Null);
    assert!(c.contacts.is_empty());
    let c = contacts_with(|v| v["contacts"][0]["languages"] = Value::Null);
    assert!(c.contacts.items[0].languages.is_empty());
    let s = survey_with(|v| v["sections"] = Value::Null);
    assert_eq!(s.questions().count(), 0);
    let s = survey_with(|v| v["sections"][0]["questions"][3]["options"] = Value::Null);
    assert!(s.question("q3").unwrap().options.is_empty());
    let cfg = config_with(|v| v["languages"] = Value::Null);
    assert!(cfg.languages.is_empty());
}

#[test]
fn null_optional_fields_are_none() {
    let d = dossier_with(|v| {
        v["generated_at"] = Value::Null;
        v["participant"]["location"] = Value::Null;
        v["participant"]["care_start"] = Value::Null;
        v["team"][0]["phone"] = Value::Null;
        v["team"][0]["available"] = Value::Null;
        v["agreements"][0]["text"] = Value::Null;
        v["agreements"][0]["version"] = Value::Null;
        v["agreements"][0]["changes"] = Value::Null;
        v["goals"][0]["smart"]["time_bound"] = Value::Null;
        v["goals"][0]["next_evaluation"] = Value::Null;
        v["appointments"][0]["end"] = Value::Null;
        v["appointments"][0]["location"] = Value::Null;
        v["appointments"][0]["with"] = Value::Null;
    });
    assert!(d.generated_at.is_none());
    assert!(d.participant.location.is_none() && d.participant.care_start.is_none());
    assert!(d.team.items[0].phone.is_none());
    assert!(d.team.items[0].available.is_empty());
    assert!(
        d.mentor().is_none(),
        "a mentor without phone is not who to call"
    );
    let a = &d.agreements.items[0];
    assert!(a.text.is_none() && a.version.is_none() && a.changes.is_empty());
    let g = &d.goals.items[0];
    assert!(g.smart.time_bound.is_none() && g.next_evaluation.is_none());
    let ap = &d.appointments.items[0];
    assert!(ap.end.is_none() && ap.location.is_none() && ap.with.is_none());
    assert_eq!(
        d.agreements.skipped_count() + d.appointments.skipped_count() + d.goals_skipped(),
        0
    );
}

#[test]
fn a_null_or_odd_smart_description_is_empty_and_keeps_the_goal() {
    for smart in [Value::Null, json!("zie plan"), json!([])] {
        let d = dossier_with(|v| v["goals"][0]["smart"] = smart.clone());
        assert_eq!(d.goals.len(), 1, "{smart}: {:?}", d.goals.skipped);
        assert_eq!(d.goals.items[0].smart, Default::default());
    }
}

#[test]
fn a_smart_description_with_a_bad_deadline_leaves_the_goal_out() {
    let d = dossier_with(|v| v["goals"][0]["smart"]["time_bound"] = json!("eind januari"));
    assert!(d.goals.is_empty());
    assert_eq!(d.goals_skipped(), 1);
}

#[test]
fn blank_optional_text_is_none_and_numbers_are_text() {
    let d = dossier_with(|v| {
        v["participant"]["location"] = json!("   ");
        v["team"][0]["phone"] = json!(612345678);
        v["appointments"][0]["notes"] = json!(false);
    });
    assert!(d.participant.location.is_none());
    assert_eq!(d.team.items[0].phone.as_deref(), Some("612345678"));
    assert!(d.appointments.items[0].notes.is_none());
}

#[test]
fn a_plain_string_location_is_its_name() {
    let d = dossier_with(|v| v["appointments"][0]["location"] = json!("Reclassering Den Haag"));
    assert_eq!(d.appointments.len(), 1, "{:?}", d.appointments.skipped);
    let loc = d.appointments.items[0].location.as_ref().unwrap();
    assert_eq!(loc.name.as_deref(), Some("Reclassering Den Haag"));
    assert!(loc.address.is_none());
}

#[test]
fn a_single_string_where_a_list_of_strings_is_expected_is_one_item() {
    let d = dossier_with(|v| v["appointments"][0]["bring"] = json!("ID-bewijs"));
    assert_eq!(d.appointments.items[0].bring, ["ID-bewijs"]);
    let d = dossier_with(|v| {
        v["appointments"][0]["bring"] = json!(["ID-bewijs", 3, null, "", "Pasje"])
    });
    assert_eq!(d.appointments.items[0].bring, ["ID-bewijs", "Pasje"]);
}

#[test]
fn booleans_are_lenient() {
    let d = dossier_with(|v| {
        v["goals"][0]["steps"][0]["done"] = Value::Null;
        v["goals"][0]["steps"][1]["done"] = json!("ja");
    });
    assert!(!d.goals.items[0].steps.items[0].done);
    assert!(!d.goals.items[0].steps.items[1].done);
    let c = contacts_with(|v| {
        v["contacts"][0]["independent"] = Value::Null;
        v["contacts"][0]
            .as_object_mut()
            .unwrap()
            .remove("accepts_messages");
    });
    assert!(!c.contacts.items[0].independent);
    assert!(!c.contacts.items[0].accepts_messages);
}

// ---------------------------------------------------------------- progress and signal plan

#[test]
fn progress_in_range_is_kept() {
    for p in [0, 1, 40, 99, 100] {
        let d = dossier_with(|v| v["goals"][0]["progress"] = json!(p));
        assert_eq!(d.goals.items[0].progress, Some(p as u8));
    }
}

#[test]
fn progress_above_100_is_clamped() {
    let d = dossier_with(|v| v["goals"][0]["progress"] = json!(150));
    assert_eq!(d.goals.items[0].progress, Some(100));
}

#[test]
fn negative_progress_is_clamped_to_zero() {
    let d = dossier_with(|v| v["goals"][0]["progress"] = json!(-5));
    assert_eq!(d.goals.items[0].progress, Some(0));
}

#[test]
fn fractional_progress_is_rounded() {
    let d = dossier_with(|v| v["goals"][0]["progress"] = json!(40.6));
    assert_eq!(d.goals.items[0].progress, Some(41));
    let d = dossier_with(|v| v["goals"][0]["progress"] = json!(1e9));
    assert_eq!(d.goals.items[0].progress, Some(100));
}

#[test]
fn null_missing_or_non_numeric_progress_is_none() {
    let d = dossier_with(|v| v["goals"][0]["progress"] = Value::Null);
    assert_eq!(d.goals.items[0].progress, None);
    let d = dossier_with(|v| v["goals"][0]["progress"] = json!("40%"));
    assert_eq!(d.goals.items[0].progress, None);
    let d = dossier_with(|v| {
        v["goals"][0].as_object_mut().unwrap().remove("progress");
    });
    assert_eq!(d.goals.items[0].progress, None);
    assert_eq!(d.goals_skipped(), 0);
}

#[test]
fn signal_plan_null_is_none() {
    let d = dossier_with(|v| v["signal_plan"] = Value::Null);
    assert!(d.signal_plan.is_none());
    assert_eq!(d.signal_plan_skipped(), 0);
}

#[test]
fn signal_plan_missing_or_not_an_object_is_none() {
    let d = dossier_with(|v| {
        v.as_object_mut().unwrap().remove("signal_plan");
    });
    assert!(d.signal_plan.is_none());
    let d = dossier_with(|v| v["signal_plan"] = json!("zie papieren versie"));
    assert!(d.signal_plan.is_none());
    let d = dossier_with(|v| v["signal_plan"] = json!([]));
    assert!(d.signal_plan.is_none());
}

#[test]
fn signal_plan_with_null_phases_is_empty() {
    let d = dossier_with(|v| v["signal_plan"]["phases"] = Value::Null);
    assert!(d.signal_plan.unwrap().phases.is_empty());
}

#[test]
fn a_bad_signal_plan_date_does_not_break_the_dossier() {
    let d = decode_value_dossier({
        let mut v = value(DOSSIER);
        v["signal_plan"]["updated_on"] = json!("juni");
        v
    })
    .expect("the dossier still shows");
    assert_eq!(d.agreements.len(), 3);
    let plan = d.signal_plan.expect("the phases still show");
    assert_eq!(plan.updated_on, None);
    assert_eq!(plan.phases.len(), 3);
}

#[test]
fn a_bad_participant_date_does_not_break_the_dossier() {
    let d = dossier_with(|v| {
        v["participant"]["care_start"] = json!("maart 2026");
        v["participant"]["care_end"] = json!("");
        v["generated_at"] = json!("vanochtend");
    });
    assert_eq!(d.participant.care_start, None);
    assert_eq!(d.participant.care_end, None);
    assert_eq!(d.generated_at, None);
    assert_eq!(d.participant.first_name, "Samir");
}

// ---------------------------------------------------------------- whole-document errors

#[test]
fn html_is_not_json() {
    let e = decode::<Dossier>("<!doctype html><html><body>404</body></html>").unwrap_err();
    assert!(matches!(e, DecodeError::NotJson(_)), "{e:?}");
}

#[test]
fn an_empty_or_cut_off_file_is_not_json() {
    assert!(matches!(decode::<Config>(""), Err(DecodeError::NotJson(_))));
    let cut = &DOSSIER[..DOSSIER.len() / 2];
    assert!(matches!(
        decode::<Dossier>(cut),
        Err(DecodeError::NotJson(_))
    ));
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let with_bom = format!("\u{feff}{CONFIG}");
    assert!(decode::<Config>(&with_bom).is_ok());
}

#[test]
fn a_document_without_schema_is_wrong_schema() {
    let mut v = value(DOSSIER);
    v.as_object_mut().unwrap().remove("schema");
    assert_eq!(
        decode_value_dossier(v).unwrap_err(),
        DecodeError::WrongSchema {
            expected: "koers.dossier".into(),
            found: None
        }
    );
}

#[test]
fn a_schema_that_is_not_text_is_wrong_schema() {
    let e = dossier_err(|v| v["schema"] = json!(1));
    assert_eq!(
        e,
        DecodeError::WrongSchema {
            expected: "koers.dossier".into(),
            found: None
        }
    );
}

#[test]
fn json_that_is_not_an_object_is_wrong_schema() {
    for text in ["[]", "\"koers.dossier/1\"", "null", "42"] {
        assert!(
            matches!(
                decode::<Dossier>(text),
                Err(DecodeError::WrongSchema { .. })
            ),
            "{text}"
        );
    }
}

#[test]
fn another_documents_schema_is_wrong_schema() {
    assert_eq!(
        decode::<Dossier>(SURVEY).unwrap_err(),
        DecodeError::WrongSchema {
            expected: "koers.dossier".into(),
            found: Some("koers.survey/1".into())
        }
    );
    assert!(matches!(
        decode::<Config>(CONTACTS),
        Err(DecodeError::WrongSchema { .. })
    ));
}

#[test]
fn a_malformed_schema_is_wrong_schema() {
    for schema in [
        "koers.dossier",
        "koers.dossier/",
        "koers.dossier/v1",
        "dossier/1",
        "KOERS.DOSSIER/1",
        "",
    ] {
        let e = dossier_err(|v| v["schema"] = json!(schema));
        assert!(
            matches!(e, DecodeError::WrongSchema { .. }),
            "{schema:?}: {e:?}"
        );
    }
}

#[test]
fn major_version_2_is_unsupported() {
    let e = dossier_err(|v| v["schema"] = json!("koers.dossier/2"));
    assert_eq!(
        e,
        DecodeError::UnsupportedVersion {
            schema: "koers.dossier/2".into()
        }
    );
    let e = dossier_err(|v| v["schema"] = json!("koers.dossier/2.0"));
    assert!(matches!(e, DecodeError::UnsupportedVersion { .. }));
    let e = decode::<Config>(&CONFIG.replace("koers.config/1", "koers.config/3")).unwrap_err();
    assert!(matches!(e, DecodeError::UnsupportedVersion { .. }));
}

#[test]
fn an_unsupported_version_is_reported_even_when_the_data_would_not_fit() {
    let text = r#"{"schema": "koers.dossier/2", "participant": "renamed to person"}"#;
    assert!(matches!(
        decode::<Dossier>(text),
        Err(DecodeError::UnsupportedVersion { .. })
    ));
}

#[test]
fn minor_versions_of_1_are_accepted() {
    for schema in [
        "koers.dossier/1.3",
        "koers.dossier/1.0",
        "koers.dossier/1.12.1",
        " koers.dossier/1 ",
    ] {
        let d = dossier_with(|v| v["schema"] = json!(schema));
        assert_eq!(d.participant.id, "p-1001", "{schema}");
    }
}

#[test]
fn parse_schema_splits_name_and_major() {
    assert_eq!(parse_schema("koers.dossier/1"), Some(("koers.dossier", 1)));
    assert_eq!(
        parse_schema("koers.dossier/1.3"),
        Some(("koers.dossier", 1))
    );
    assert_eq!(
        parse_schema("koers.survey-response/12"),
        Some(("koers.survey-response", 12))
    );
    assert_eq!(parse_schema("koers.dossier"), None);
    assert_eq!(parse_schema("koers.dossier/x"), None);
}

#[test]
fn missing_first_name_is_bad_data_at_its_path() {
    let e = dossier_err(|v| {
        v["participant"]
            .as_object_mut()
            .unwrap()
            .remove("first_name");
    });
    match e {
        DecodeError::BadData { path, message } => {
            assert_eq!(path, "participant.first_name");
            assert!(message.contains("first_name"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_first_name_of_the_wrong_type_is_bad_data_at_its_path() {
    let e = dossier_err(|v| v["participant"]["first_name"] = json!(["Samir"]));
    assert!(
        matches!(&e, DecodeError::BadData { path, .. } if path == "participant.first_name"),
        "{e:?}"
    );
}

#[test]
fn missing_participant_is_bad_data_at_its_path() {
    let e = dossier_err(|v| {
        v.as_object_mut().unwrap().remove("participant");
    });
    assert!(
        matches!(&e, DecodeError::BadData { path, .. } if path == "participant"),
        "{e:?}"
    );
}

#[test]
fn missing_participant_id_is_bad_data() {
    let e = dossier_err(|v| {
        v["participant"].as_object_mut().unwrap().remove("id");
    });
    assert!(
        matches!(&e, DecodeError::BadData { path, .. } if path == "participant.id"),
        "{e:?}"
    );
}

#[test]
fn decode_errors_display_plainly() {
    let e = DecodeError::BadData {
        path: "participant.first_name".into(),
        message: "missing".into(),
    };
    assert_eq!(e.to_string(), "bad data at participant.first_name: missing");
    let e = DecodeError::WrongSchema {
        expected: "koers.dossier".into(),
        found: None,
    };
    assert_eq!(e.to_string(), "expected schema koers.dossier/1, found none");
    let e = DecodeError::UnsupportedVersion {
        schema: "koers.dossier/2".into(),
    };
    assert!(e.to_string().contains("koers.dossier/2"));
    assert!(DecodeError::NotJson("eof".into())
        .to_string()
        .starts_with("not JSON"));
}

// ---------------------------------------------------------------- config defaults

#[test]
fn config_defaults_fill_in_what_is_missing() {
    let c: Config = decode(r#"{"schema": "koers.config/1"}"#).unwrap();
    assert_eq!(c.default_language, "nl");
    assert_eq!(c.emergency_phone, "112");
    assert!(c.languages.is_empty());
    assert!(c.organisation.is_none() && c.crisis_line.is_none() && c.active_survey.is_none());
    assert!(!c.demo);
}

#[test]
fn config_nulls_take_the_defaults() {
    let c = config_with(|v| {
        for key in [
            "organisation",
            "default_language",
            "emergency_phone",
            "crisis_line",
            "active_survey",
            "demo",
        ] {
            v[key] = Value::Null;
        }
    });
    assert_eq!(c.default_language, "nl");
    assert_eq!(c.emergency_phone, "112");
    assert!(c.organisation.is_none() && c.crisis_line.is_none() && c.active_survey.is_none());
    assert!(!c.demo);
}

#[test]
fn config_blank_emergency_phone_is_112() {
    let c = config_with(|v| v["emergency_phone"] = json!(""));
    assert_eq!(c.emergency_phone, "112");
    let c = config_with(|v| v["emergency_phone"] = json!(112));
    assert_eq!(c.emergency_phone, "112");
}

#[test]
fn config_a_broken_crisis_line_is_left_out_not_fatal() {
    let c = config_with(|v| v["crisis_line"] = json!({"label": {"nl": "Bel ons"}}));
    assert!(c.crisis_line.is_none());
    let c = config_with(|v| v["crisis_line"] = json!("0800-0113"));
    assert!(c.crisis_line.is_none());
    assert_eq!(c.organisation.as_deref(), Some("Stichting Voorbeeld Zorg"));
}

#[test]
fn config_languages_skip_non_text() {
    let c = config_with(|v| v["languages"] = json!(["nl", 1, null, "en"]));
    assert_eq!(c.languages, ["nl", "en"]);
}

// ---------------------------------------------------------------- localised text

fn text(v: Value) -> LocalizedText {
    serde_json::from_value(v).unwrap()
}

#[test]
fn localized_text_prefers_the_users_language() {
    let t = text(json!({"nl": "Hallo", "en": "Hello", "pl": "Cześć"}));
    assert_eq!(t.get("en"), "Hello");
    assert_eq!(t.get("pl"), "Cześć");
    assert_eq!(t.get("nl"), "Hallo");
    assert_eq!(t.lang_of("en"), Some("en"));
}

#[test]
fn localized_text_falls_back_to_dutch() {
    let t = text(json!({"en": "Hello", "nl": "Hallo"}));
    assert_eq!(t.get("ar"), "Hallo");
    assert_eq!(t.lang_of("ar"), Some("nl"));
}

#[test]
fn localized_text_falls_back_to_any_language() {
    let t = text(json!({"pl": "Cześć"}));
    assert_eq!(t.get("en"), "Cześć");
    assert_eq!(t.get("nl"), "Cześć");
    assert_eq!(t.lang_of("en"), Some("pl"));
}

#[test]
fn localized_text_skips_empty_translations() {
    let t = text(json!({"en": "", "nl": "Hallo"}));
    assert_eq!(t.get("en"), "Hallo");
    assert_eq!(t.lang_of("en"), Some("nl"));
    let t = text(json!({"ar": "", "en": "  ", "nl": "", "pl": "Cześć"}));
    assert_eq!(t.get("en"), "Cześć");
    assert_eq!(t.lang_of("en"), Some("pl"));
}

#[test]
fn localized_text_accepts_a_plain_string() {
    let t = text(json!("Alleen Nederlands"));
    assert_eq!(t.get("en"), "Alleen Nederlands");
    assert_eq!(t.get("nl"), "Alleen Nederlands");
    assert_eq!(t.lang_of("en"), None, "the language is unknown");
    assert!(!t.is_empty());
}

#[test]
fn localized_text_plain_string_in_a_document() {
    let d = dossier_with(|v| v["team"][0]["available"] = json!("ma-vr 9-17"));
    assert_eq!(d.team.items[0].available.get("en"), "ma-vr 9-17");
    let s =
        survey_with(|v| v["sections"][0]["questions"][0]["text"] = json!("Heb je een begeleider?"));
    assert_eq!(
        s.question("q0").unwrap().text.get("en"),
        "Heb je een begeleider?"
    );
}

#[test]
fn localized_text_null_or_empty_is_empty() {
    assert!(text(Value::Null).is_empty());
    assert_eq!(text(Value::Null).get("nl"), "");
    assert!(text(json!({})).is_empty());
    assert!(text(json!({"nl": "  "})).is_empty());
    assert_eq!(text(json!({})).lang_of("nl"), None);
}

#[test]
fn localized_text_ignores_values_that_are_not_text() {
    let t = text(json!({"nl": 5, "en": "Five", "de": null}));
    assert_eq!(t.get("nl"), "Five");
}

#[test]
fn localized_text_of_the_wrong_shape_is_empty_not_fatal() {
    let d = dossier_with(|v| v["team"][0]["available"] = json!(["ma", "di"]));
    assert_eq!(d.team.len(), 2);
    assert!(d.team.items[0].available.is_empty());
}

#[test]
fn localized_text_nl_helper() {
    assert_eq!(LocalizedText::nl("Hoi").get("en"), "Hoi");
    assert_eq!(
        serde_json::to_value(LocalizedText::nl("Hoi")).unwrap(),
        json!({"nl": "Hoi"})
    );
}

// ---------------------------------------------------------------- access codes

#[test]
fn normalise_code_ignores_case_spaces_and_dashes() {
    assert_eq!(normalise_code("demo-0001"), "DEMO0001");
    assert_eq!(normalise_code("DEMO 0001"), "DEMO0001");
    assert_eq!(normalise_code(" d e m o - 0 0 0 1 "), "DEMO0001");
    assert_eq!(normalise_code("Demo\t0001\n"), "DEMO0001");
    assert_eq!(normalise_code("ab_c.d/e"), "ABCDE");
}

#[test]
fn normalise_code_keeps_only_ascii_letters_and_digits() {
    assert_eq!(normalise_code("één-2"), "N2");
    assert_eq!(normalise_code(""), "");
}

#[test]
fn lookup_of_the_demo_code() {
    assert_eq!(lookup("demo-0001"), "fa411942d9f251f11487f82c89b35d55");
}

#[test]
fn lookup_ignores_how_the_code_was_typed() {
    for typed in [
        "DEMO 0001",
        "Demo-0001",
        "demo0001",
        " DEMO-0001 ",
        "de-mo 00-01",
    ] {
        assert_eq!(
            lookup(typed),
            "fa411942d9f251f11487f82c89b35d55",
            "{typed:?}"
        );
    }
}

#[test]
fn lookup_is_32_lower_hex_characters_and_hides_the_code() {
    let l = lookup("ABCD-1234");
    assert_eq!(l.len(), 32);
    assert!(l
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert!(!l.to_uppercase().contains("ABCD1234"));
    assert_ne!(lookup("ABCD-1234"), lookup("ABCD-1235"));
}

#[test]
fn plausible_code_needs_4_to_64_letters_or_digits() {
    assert!(!plausible_code(""));
    assert!(!plausible_code("a-b-c"));
    assert!(plausible_code("a-b-c-d"));
    assert!(plausible_code(&"x".repeat(64)));
    assert!(!plausible_code(&"x".repeat(65)));
}
