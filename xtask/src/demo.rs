//! Demo dossiers: three fictional participants, every date relative to `today`, so the
//! demo means the same whenever it is built ("vandaag", "morgen", "over twee weken").
//!
//! - `DEMO-0001`: Tarik, ambulant, Dutch; a full dossier (team, agreements of every owner
//!   and kind, SMART goals, a month of agenda, a signalling plan).
//! - `DEMO-0002`: Khalid, beschermd wonen, prefers Arabic (the data stays Dutch); house
//!   rules first.
//! - `DEMO-0003`: Dennis, VPT, a dense agenda of exactly 2,000 appointments over two
//!   years, across the daylight-saving changes.
//!
//! - `DEMO-0004`: Tarik's dossier again (participant `p-1004`), published **sealed**
//!   (`koers.sealed/1`) with the publisher's code (`koers::model::sealed::seal_dossier`,
//!   production key-derivation cost). Its code is fixed and public, so it protects
//!   nothing: it only shows the encrypted path. Real codes come from `koers-server publish`.
//!
//! Names, organisations, addresses and phone numbers are invented.

mod ambulant;
mod sheltered;
mod vpt;

use chrono::{Datelike, Days, NaiveDate, TimeZone, Weekday};
use koers::model::sealed::{seal_dossier, KdfParams};
use koers::model::{dates, lookup::lookup};
use rand_core::OsRng;
use serde_json::{json, Value};
use std::path::Path;

/// The demo access codes of the plain dossiers, in the order of the dossiers.
pub const CODES: [&str; 3] = ["DEMO-0001", "DEMO-0002", "DEMO-0003"];

/// The demo access code of the sealed dossier. Fixed for the demo only.
pub const SEALED_CODE: &str = "DEMO-0004";

/// The demo writers file (`--writers`): who may write in which demo participant's name.
/// Committed, so `serve` and the browser tests need nothing generated; a test checks it.
pub const WRITERS_FILE: &str = "tests/fixtures/demo-writers.json";

/// The demo desk tokens (`--desk-tokens`), committed like the writers file. Public on
/// purpose: demo data only.
pub const DESK_TOKENS_FILE: &str = "tests/fixtures/demo-desk-tokens.json";
/// The demo adviser's (`vp-1`) desk token, as in [`DESK_TOKENS_FILE`].
pub const DESK_TOKEN_VP: &str = "demo-desk-token-vp-1-0001";
/// The demo adviser's key file, for opening sealed messages at the desk.
pub const ADVISER_KEY_FILE: &str = "tests/fixtures/demo-keys/adviser.key";

/// The demo care team's key file: the sealed dossier names its public key as
/// `team_public_key`, so that participant's goal reflections are sealed to it.
pub const CARE_TEAM_KEY_FILE: &str = "tests/fixtures/demo-keys/care-team.key";

/// The organisation of the demo; also in `public/api/v1/config.json`.
pub const ORGANISATION: &str = "Stichting Havenlicht Zorg";

/// Writes the three plain demo dossiers and the sealed one as `out/{lookup}.json`.
pub fn write_dossiers(out: &Path, today: NaiveDate) -> crate::Result {
    std::fs::create_dir_all(out)?;
    let write = |code: &str, text: String| {
        let path = out.join(format!("{}.json", lookup(code)));
        std::fs::write(&path, text).map_err(|e| format!("could not write {}: {e}", path.display()))
    };
    for (code, dossier) in dossiers(today) {
        let mut text = serde_json::to_string_pretty(&dossier)?;
        text.push('\n');
        write(code, text)?;
    }
    let plain = serde_json::to_vec_pretty(&sealed_dossier(today))?;
    let sealed = seal_dossier(SEALED_CODE, &plain, KdfParams::PRODUCTION, &mut OsRng)?;
    write(SEALED_CODE, sealed)?;
    Ok(())
}

/// The plain content of the sealed demo dossier: Tarik's, as participant `p-1004`, with
/// the demo care team's key (so his goal reflections are sealed).
pub fn sealed_dossier(today: NaiveDate) -> Value {
    let mut dossier = ambulant::dossier(&Cal { today });
    dossier["participant"]["id"] = json!("p-1004");
    dossier["team_public_key"] = json!(care_team_key().public_key().to_base64());
    dossier
}

fn care_team_key() -> koers::model::keys::SecretKey {
    let path = crate::root().join(CARE_TEAM_KEY_FILE);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the demo care team's key {}: {e}", path.display()));
    koers::model::keys::SecretKey::from_key_file(&text).expect("the demo key file is a key file")
}

/// The demo dossiers with their access codes.
pub fn dossiers(today: NaiveDate) -> Vec<(&'static str, Value)> {
    let cal = Cal { today };
    vec![
        (CODES[0], ambulant::dossier(&cal)),
        (CODES[1], sheltered::dossier(&cal)),
        (CODES[2], vpt::dossier(&cal)),
    ]
}

/// Dates and times counted from today, in Dutch time.
pub struct Cal {
    pub today: NaiveDate,
}

impl Cal {
    /// The day `offset` days from today (negative: in the past).
    pub fn day(&self, offset: i64) -> NaiveDate {
        if offset >= 0 {
            self.today + Days::new(offset as u64)
        } else {
            self.today - Days::new(offset.unsigned_abs())
        }
    }

    /// `YYYY-MM-DD`, `offset` days from today.
    pub fn date(&self, offset: i64) -> String {
        self.day(offset).format("%Y-%m-%d").to_string()
    }

    /// RFC 3339 with the Amsterdam offset of that day (+01:00 in winter, +02:00 in summer).
    pub fn at(&self, offset: i64, hour: u32, minute: u32) -> String {
        moment(self.day(offset), hour, minute)
    }

    /// "27 november 2026", for text that names a date.
    pub fn long(&self, offset: i64) -> String {
        dates::date_long(self.day(offset), "nl")
    }

    pub fn is_weekend(&self, offset: i64) -> bool {
        matches!(self.day(offset).weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The nearest working day to `offset`, moving away from today, so that appointments
    /// in the past stay in the past and the ones ahead stay ahead.
    pub fn workday(&self, offset: i64) -> i64 {
        let mut o = offset;
        while self.is_weekend(o) {
            o += if offset < 0 { -1 } else { 1 };
        }
        o
    }
}

/// A local Dutch time on a day, as RFC 3339 with the offset in force then.
pub fn moment(day: NaiveDate, hour: u32, minute: u32) -> String {
    let naive = day
        .and_hms_opt(hour, minute, 0)
        .expect("a valid time of day");
    dates::TZ
        .from_local_datetime(&naive)
        .earliest()
        .expect("demo times avoid the hour that the clock skips")
        .to_rfc3339()
}

/// A location of an appointment.
pub fn place(name: &str, address: Option<&str>) -> Value {
    json!({ "name": name, "address": address })
}

/// A team member; `available` is Dutch text like the rest of the data.
pub fn member(
    id: &str,
    name: &str,
    role: &str,
    organisation: &str,
    phone: Option<&str>,
    email: Option<&str>,
    available: &str,
) -> Value {
    json!({
        "id": id, "name": name, "role": role, "organisation": organisation,
        "phone": phone, "email": email, "available": { "nl": available },
    })
}

/// A goal step; `done_on` is an offset from today when the step is done.
pub fn step(cal: &Cal, id: &str, text: &str, done_on: Option<i64>) -> Value {
    json!({ "id": id, "text": text, "done": done_on.is_some(), "done_on": done_on.map(|d| cal.date(d)) })
}

/// A progress note on a goal.
pub fn update(cal: &Cal, offset: i64, author: &str, text: &str) -> Value {
    json!({ "date": cal.date(offset), "author": author, "text": text })
}

/// The envelope every dossier shares. The export runs at night, shortly after midnight.
pub fn envelope(cal: &Cal, participant: Value, parts: Parts) -> Value {
    json!({
        "schema": "koers.dossier/1",
        "generated_at": cal.at(0, 0, 15),
        "participant": participant,
        "team": parts.team,
        "agreements": parts.agreements,
        "goals": parts.goals,
        "appointments": parts.appointments,
        "signal_plan": parts.signal_plan,
    })
}

/// The lists of a dossier.
pub struct Parts {
    pub team: Vec<Value>,
    pub agreements: Vec<Value>,
    pub goals: Vec<Value>,
    pub appointments: Vec<Value>,
    pub signal_plan: Value,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Offset};
    use koers::model::{decode, Dossier};
    use std::collections::BTreeSet;

    /// The demo participants' ids with their codes, for the writers file.
    fn writer_codes() -> [(&'static str, &'static str); 4] {
        [
            ("p-1001", CODES[0]),
            ("p-1002", CODES[1]),
            ("p-1003", CODES[2]),
            ("p-1004", SEALED_CODE),
        ]
    }

    #[test]
    fn the_demo_writers_file_lets_each_demo_participant_write_as_themself() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let ids: Vec<String> = dossiers(today)
            .iter()
            .map(|(_, d)| d["participant"]["id"].as_str().unwrap().to_string())
            .chain([sealed_dossier(today)["participant"]["id"]
                .as_str()
                .unwrap()
                .to_string()])
            .collect();
        let expected: Vec<&str> = writer_codes().iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, expected, "the ids the dossiers carry");
        let path = crate::root().join(WRITERS_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        let file = koers::model::write_proof::Writers::parse(&text).unwrap();
        assert_eq!(
            file,
            koers::model::write_proof::Writers::from_codes(writer_codes()),
            "regenerate {WRITERS_FILE}"
        );
        assert_eq!(text, file.to_json());
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(std::path::PathBuf);
    impl TempDir {
        fn new(name: &str) -> Self {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let dir =
                std::env::temp_dir().join(format!("koers-{name}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn schema_validator() -> jsonschema::Validator {
        let path = crate::root().join("public/api/v1/schema/dossier.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a valid JSON Schema")
    }

    /// Writes and reads back the demo for one `today`; returns the decoded dossiers.
    fn written(today: NaiveDate) -> Vec<(Value, Dossier)> {
        let dir = TempDir::new("demo");
        write_dossiers(&dir.0, today).unwrap();
        let validator = schema_validator();
        CODES
            .iter()
            .map(|code| {
                let path = dir.0.join(format!("{}.json", lookup(code)));
                let text = std::fs::read_to_string(&path).unwrap();
                let value: Value = serde_json::from_str(&text).unwrap();
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| format!("{}: {e}", e.instance_path))
                    .take(10)
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{code} does not match dossier.schema.json: {errors:#?}"
                );
                let dossier = decode::<Dossier>(&text).unwrap_or_else(|e| panic!("{code}: {e}"));
                assert_skipped_none(code, &dossier);
                assert_consistent(code, &dossier, today);
                (value, dossier)
            })
            .collect()
    }

    fn assert_skipped_none(code: &str, d: &Dossier) {
        assert_eq!(
            d.team.skipped_count(),
            0,
            "{code} team: {:?}",
            d.team.skipped
        );
        assert_eq!(
            d.agreements.skipped_count(),
            0,
            "{code} agreements: {:?}",
            d.agreements.skipped
        );
        assert_eq!(
            d.appointments.skipped_count(),
            0,
            "{code} appointments: {:?}",
            d.appointments.skipped
        );
        assert_eq!(d.goals_skipped(), 0, "{code} goals");
        assert_eq!(d.signal_plan_skipped(), 0, "{code} signal plan");
        let unknown = d
            .team
            .iter()
            .filter(|m| m.role.is_other() && m.role.as_wire() != "other")
            .count()
            + d.agreements
                .iter()
                .filter(|a| a.owner.is_other() || a.kind.is_other() || a.status.is_other())
                .count()
            + d.goals
                .iter()
                .filter(|g| g.status.is_other() || g.domain.as_ref().is_some_and(|x| x.is_other()))
                .count()
            + d.appointments
                .iter()
                .filter(|a| {
                    a.status.is_other() || (a.kind.is_other() && a.kind.as_wire() != "other")
                })
                .count();
        assert_eq!(unknown, 0, "{code} uses an enum value outside the contract");
    }

    /// References resolve, ids are unique, dates make sense.
    fn assert_consistent(code: &str, d: &Dossier, today: NaiveDate) {
        let team: BTreeSet<&str> = d.team.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(team.len(), d.team.len(), "{code}: team ids are unique");
        assert!(
            d.mentor().is_some(),
            "{code} has a mentor with a phone number"
        );
        let ids: BTreeSet<&str> = d.appointments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            d.appointments.len(),
            "{code}: appointment ids are unique"
        );
        let ids: BTreeSet<&str> = d.agreements.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            d.agreements.len(),
            "{code}: agreement ids are unique"
        );
        let ids: BTreeSet<&str> = d.goals.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids.len(), d.goals.len(), "{code}: goal ids are unique");
        for a in &d.appointments {
            if let Some(with) = &a.with {
                assert!(
                    team.contains(with.as_str()),
                    "{code} {}: `with` {with} is not in the team",
                    a.id
                );
            }
            if let Some(end) = &a.end {
                assert!(end.0 > a.start.0, "{code} {}: ends after it starts", a.id);
            }
        }
        for a in &d.agreements {
            let version = a.version.unwrap_or(1);
            assert!(
                a.acknowledged_version.unwrap_or(0) <= version,
                "{code} {}",
                a.id
            );
            assert_eq!(
                version > 1,
                !a.changes.is_empty(),
                "{code} {}: a new version says what changed",
                a.id
            );
        }
        for g in &d.goals {
            for s in &g.steps {
                assert_eq!(s.done, s.done_on.is_some(), "{code} {}/{}", g.id, s.id);
                assert!(
                    s.done_on.is_none_or(|on| on.0 <= today),
                    "{code} {}/{}: done in the future",
                    g.id,
                    s.id
                );
            }
            for u in &g.updates {
                assert!(
                    u.date.0 <= today,
                    "{code} {}: an update from the future",
                    g.id
                );
            }
        }
        let mut planned: Vec<_> = d
            .appointments
            .iter()
            .filter(|a| a.status.as_wire() == "planned")
            .collect();
        planned.sort_by_key(|a| a.start.0);
        for pair in planned.windows(2) {
            let end = pair[0].end.map_or(pair[0].start.0, |e| e.0);
            assert!(
                end <= pair[1].start.0,
                "{code}: {} and {} overlap",
                pair[0].id,
                pair[1].id
            );
        }
        let generated = d.generated_at.expect("generated_at");
        assert_eq!(dates::local(&generated).date_naive(), today);
    }

    /// Every date-time is written with the offset Amsterdam had at that moment.
    fn assert_amsterdam_offsets(value: &Value) -> BTreeSet<String> {
        let mut offsets = BTreeSet::new();
        for a in value["appointments"].as_array().unwrap() {
            for key in ["start", "end"] {
                let Some(text) = a[key].as_str() else {
                    continue;
                };
                let t = DateTime::parse_from_rfc3339(text).unwrap();
                let expected = dates::TZ.offset_from_utc_datetime(&t.naive_utc()).fix();
                assert_eq!(*t.offset(), expected, "{} {key} {text}", a["id"]);
                offsets.insert(text[text.len() - 6..].to_string());
            }
        }
        offsets
    }

    #[test]
    fn demo_dossiers_decode_completely_and_match_the_schema() {
        for today in [
            "2026-11-20",
            "2027-03-28",
            "2027-10-31",
            "2028-02-29",
            "2026-07-04",
            // with the above, every day of the week
            "2026-11-16",
            "2026-11-18",
            "2026-11-19",
        ] {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
            let dossiers = written(today);
            let (_, tarik) = &dossiers[0];
            assert_eq!(tarik.participant.care_type.as_wire(), "ambulant");
            assert!(tarik.team.len() >= 4);
            for owner in ["participant", "care", "probation", "joint"] {
                assert!(
                    tarik.agreements.iter().any(|a| a.owner.as_wire() == owner),
                    "owner {owner}"
                );
            }
            for kind in [
                "agreement",
                "condition",
                "house_rule",
                "information_sharing",
            ] {
                assert!(
                    tarik.agreements.iter().any(|a| a.kind.as_wire() == kind),
                    "kind {kind}"
                );
            }
            assert!(tarik
                .agreements
                .iter()
                .any(|a| a.version.unwrap_or(1) > a.acknowledged_version.unwrap_or(0)));
            assert!(tarik
                .agreements
                .iter()
                .any(|a| a.status.as_wire() == "ended"));
            let soon = |a: &&koers::model::Agreement| {
                a.review_on
                    .is_some_and(|r| (0..=21).contains(&dates::days_until(r.0, today)))
            };
            assert!(
                tarik.agreements.iter().any(|a| soon(&a)),
                "a review within three weeks"
            );
            let day_of = |a: &koers::model::Appointment| dates::local(&a.start).date_naive();
            assert!(tarik.appointments.iter().any(|a| day_of(a) == today
                && dates::local(&a.start).time()
                    >= chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap()));
            assert!(tarik
                .appointments
                .iter()
                .any(|a| dates::days_until(day_of(a), today) == 1));
            for status in ["planned", "cancelled", "moved"] {
                assert!(
                    tarik
                        .appointments
                        .iter()
                        .any(|a| a.status.as_wire() == status),
                    "status {status}"
                );
            }
            assert_eq!(tarik.signal_plan.as_ref().map(|p| p.phases.len()), Some(3));

            let (_, khalid) = &dossiers[1];
            assert_eq!(khalid.participant.preferred_language.as_deref(), Some("ar"));
            assert_eq!(khalid.participant.care_type.as_wire(), "beschermd_wonen");
            assert!(
                khalid
                    .agreements
                    .iter()
                    .filter(|a| a.kind.as_wire() == "house_rule")
                    .count()
                    >= 6
            );

            let (value, dennis) = &dossiers[2];
            assert_eq!(dennis.participant.care_type.as_wire(), "vpt");
            assert_eq!(dennis.appointments.len(), 2000);
            let offsets = assert_amsterdam_offsets(value);
            assert_eq!(
                offsets,
                BTreeSet::from(["+01:00".to_string(), "+02:00".to_string()])
            );
            let days: Vec<i64> = dennis
                .appointments
                .iter()
                .map(|a| dates::days_until(dates::local(&a.start).date_naive(), today))
                .collect();
            let (first, last) = (*days.iter().min().unwrap(), *days.iter().max().unwrap());
            assert!(
                (-380..=-350).contains(&first) && (340..=400).contains(&last),
                "{first}..{last}"
            );
            for (value, _) in &dossiers[..2] {
                assert_amsterdam_offsets(value);
            }
        }
    }

    #[test]
    fn the_dossier_schema_rejects_what_breaks_the_contract() {
        let validator = schema_validator();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let good = dossiers(today).remove(0).1;
        assert!(validator.is_valid(&good));
        let broken: [(&str, Value); 5] = [
            ("/appointments/0/start", json!("2026-11-25T10:00:00")),
            ("/agreements/0/owner", json!("somebody")),
            ("/goals/0/progress", json!(140)),
            ("/participant/care_start", json!("25-11-2026")),
            ("/schema", json!("koers.dossier/2")),
        ];
        for (pointer, value) in broken {
            let mut bad = good.clone();
            *bad.pointer_mut(pointer).unwrap() = value;
            assert!(!validator.is_valid(&bad), "{pointer} should be rejected");
        }
        let mut extra = good.clone();
        extra["participant"]["nickname"] = json!("unknown fields are allowed");
        assert!(validator.is_valid(&extra));
    }

    #[test]
    fn demo_is_deterministic_and_files_are_named_by_lookup() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(lookup("demo-0001"), "fa411942d9f251f11487f82c89b35d55");
        let a = serde_json::to_string(&dossiers(today)).unwrap();
        let b = serde_json::to_string(&dossiers(today)).unwrap();
        assert_eq!(a, b);
        let dir = TempDir::new("names");
        write_dossiers(&dir.0, today).unwrap();
        assert!(dir
            .0
            .join("fa411942d9f251f11487f82c89b35d55.json")
            .is_file());
        assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 4);
        // The fourth is sealed: no dossier text in it, and DEMO-0004 opens it.
        let sealed =
            std::fs::read_to_string(dir.0.join(format!("{}.json", lookup(SEALED_CODE)))).unwrap();
        assert!(!sealed.contains("Tarik") && !sealed.contains("p-1004"));
        let opened =
            koers::model::sealed::decode_document::<Dossier>(&sealed, Some(SEALED_CODE)).unwrap();
        assert_eq!(opened.participant.id, "p-1004");
        assert_eq!(opened.participant.first_name, "Tarik");
    }

    #[test]
    fn times_carry_the_offset_of_their_own_day() {
        let winter = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        assert_eq!(moment(winter, 9, 0), "2026-03-28T09:00:00+01:00");
        assert_eq!(
            moment(winter + Days::new(1), 9, 0),
            "2026-03-29T09:00:00+02:00"
        );
        let autumn = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        assert_eq!(moment(autumn, 8, 30), "2026-10-25T08:30:00+01:00");
        assert_eq!(
            moment(autumn - Days::new(1), 8, 30),
            "2026-10-24T08:30:00+02:00"
        );
        let cal = Cal {
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        }; // a Friday
        assert_eq!(cal.workday(1), 3);
        assert_eq!(cal.workday(-6), -7);
        assert_eq!(cal.workday(0), 0);
    }
}
