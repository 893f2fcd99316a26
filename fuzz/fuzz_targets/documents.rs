//! The static API documents through the liberal decoders (`model::lenient`), and what the
//! pages compute from a dossier that decoded.
#![no_main]

use koers::model::{agenda, agreements, decode, Config, Contacts, Dossier, Survey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = decode::<Config>(text);
    let _ = decode::<Contacts>(text);
    if let Ok(survey) = decode::<Survey>(text) {
        let _ = survey.questions().count();
    }
    if let Ok(dossier) = decode::<Dossier>(text) {
        let _ = dossier.goals_skipped();
        let _ = dossier.signal_plan_skipped();
        let _ = dossier.data_lang();
        let _ = agreements::group_by_owner(&dossier.agreements.items);
        // Around the times the dates in it could be, and far from them.
        for now in [0, 1_767_225_600, 4_102_444_800] {
            let now = chrono::DateTime::from_timestamp(now, 0).unwrap();
            let _ = agenda::split(&dossier.appointments.items, now);
        }
    }
});
