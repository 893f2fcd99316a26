//! An inbox POST body as the server reads it: JSON, who it names, then the typed body of
//! each inbox and its validation (the survey from the demo data).
#![no_main]

use koers::model::inbox::{Acknowledgement, GoalReflection, Message, SurveyResponse};
use koers::model::{decode, write_proof, Survey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn survey() -> &'static Survey {
    static SURVEY: OnceLock<Survey> = OnceLock::new();
    SURVEY.get_or_init(|| {
        decode(include_str!("../../public/api/v1/surveys/deo-2026.json")).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = write_proof::named_participant(&value);
    if let Ok(body) = serde_json::from_value::<Message>(value.clone()) {
        let _ = body.validate(None);
        let _ = body.validate(Some(true));
        let _ = body.validate_plain(Some(false));
    }
    if let Ok(body) = serde_json::from_value::<Acknowledgement>(value.clone()) {
        let _ = body.validate();
    }
    if let Ok(body) = serde_json::from_value::<GoalReflection>(value.clone()) {
        let _ = body.validate();
    }
    if let Ok(body) = serde_json::from_value::<SurveyResponse>(value) {
        let _ = body.answers_map();
        let _ = body.validate(survey());
    }
});
