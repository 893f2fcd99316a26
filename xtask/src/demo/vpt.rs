//! DEMO-0003: Dennis, VPT (volledig pakket thuis): care comes to his home twice a day.
//! His agenda is dense on purpose: exactly [`APPOINTMENTS`] appointments from about a year
//! back to about a year ahead, so lists, filters and daylight-saving changes get tested
//! on real volume.

use super::{envelope, member, moment, place, step, update, Cal, Parts, ORGANISATION};
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};

/// How many appointments Dennis's agenda holds.
pub const APPOINTMENTS: usize = 2000;

pub fn dossier(cal: &Cal) -> Value {
    let participant = json!({
        "id": "p-1003",
        "first_name": "Dennis",
        "preferred_language": "nl",
        "care_type": "vpt",
        "location": "VPT-team Oost",
        "care_start": cal.date(-420),
        "care_end": null,
        "legal_framework": "Forensische zorg als bijzondere voorwaarde",
    });
    let team = vec![
        member(
            "t1",
            "Wendy Kramer",
            "mentor",
            ORGANISATION,
            Some("+31612345621"),
            Some("w.kramer@example.org"),
            "ma-vr 8:00-16:30",
        ),
        member(
            "t2",
            "Pieter Smit",
            "probation_officer",
            "Reclassering Regio Oost",
            Some("+31612345622"),
            None,
            "ma-do 9:00-17:00",
        ),
        member(
            "t3",
            "Eva Lindeman",
            "practitioner",
            "Forensische Polikliniek Rivierzicht",
            Some("+31612345623"),
            None,
            "Via de secretaresse, ma-vr 9:00-12:00",
        ),
        member(
            "t4",
            "Joris Mulder",
            "mentor",
            ORGANISATION,
            Some("+31612345624"),
            None,
            "Avond en weekend",
        ),
        member(
            "t5",
            "Kees de Wit",
            "other",
            "Werkplaats Het Anker",
            Some("+31612345625"),
            None,
            "ma, wo en vr 9:30-15:30",
        ),
        member(
            "t6",
            "Mirjam Okafor",
            "trajectory_manager",
            "Bureau Trajectzaken Oost",
            None,
            Some("m.okafor@example.org"),
            "di en do",
        ),
    ];
    envelope(
        cal,
        participant,
        Parts {
            team,
            agreements: agreements(cal),
            goals: goals(cal),
            appointments: appointments(cal),
            signal_plan: Value::Null,
        },
    )
}

fn agreements(cal: &Cal) -> Vec<Value> {
    vec![
        json!({
            "id": "a-1", "owner": "participant", "kind": "agreement", "domain": "mental_health",
            "title": "Ik neem mijn medicatie in als de begeleiding er is",
            "text": "Ik neem mijn medicatie 's ochtends en 's avonds in, samen met de begeleider die langskomt. De medicatie blijft in het kastje met slot.",
            "agreed_on": cal.date(-410), "review_on": cal.date(50), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-2", "owner": "care", "kind": "agreement", "domain": "daily_living",
            "title": "De begeleiding komt elke ochtend en avond",
            "text": "Een begeleider komt elke ochtend om 8:30 uur en elke avond om 20:00 uur. Op zondagavond niet. Wordt het later? Dan bellen we je.",
            "agreed_on": cal.date(-410), "review_on": cal.date(50), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-3", "owner": "probation", "kind": "condition", "domain": "substance_use",
            "title": "Ik drink geen alcohol",
            "text": "Ik drink geen alcohol. De reclassering kan mij vragen om te blazen.",
            "agreed_on": cal.date(-420), "review_on": cal.date(18), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-4", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Meldplicht: om de week op donderdag",
            "text": "Ik meld me om de week op donderdag bij de reclassering.",
            "agreed_on": cal.date(-420), "review_on": null, "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-5", "owner": "joint", "kind": "information_sharing", "domain": "mental_health",
            "title": "Psychiater en begeleiding praten over mijn medicatie",
            "text": "Eva (psychiater) en Wendy praten elke maand over mijn medicatie. Ik ben bij dat gesprek, of ik hoor achteraf wat ze hebben besproken.",
            "agreed_on": cal.date(-300), "review_on": cal.date(65), "status": "active",
            "version": 2, "acknowledged_version": 1,
            "changes": { "nl": "Nieuw: je mag zelf bij het gesprek zijn." },
        }),
    ]
}

fn goals(cal: &Cal) -> Vec<Value> {
    let wendy = "Wendy (begeleider)";
    vec![
        json!({
            "id": "g-1", "domain": "mental_health", "title": "Ik neem elke dag mijn medicatie",
            "smart": {
                "specific": "Ik neem mijn medicatie elke ochtend en avond op tijd in.",
                "measurable": "Ik mis minder dan twee keer per maand.",
                "achievable": "De begeleider komt twee keer per dag. Ik heb een wekker op mijn telefoon.",
                "relevant": "Met medicatie blijf ik rustig en houd ik mijn gedachten op een rij.",
                "time_bound": cal.date(90),
            },
            "steps": [
                step(cal, "s1", "Een wekker zetten op mijn telefoon", Some(-300)),
                step(cal, "s2", "Een maand lang niets missen", Some(-120)),
                step(cal, "s3", "Zelf de weekdoos vullen, samen met Wendy", None),
            ],
            "status": "active", "progress": 80,
            "updates": [
                update(cal, -120, wendy, "Een hele maand niets gemist. Dennis is er trots op."),
                update(cal, -15, wendy, "We oefenen nu met het vullen van de weekdoos."),
            ],
            "next_evaluation": cal.date(35),
        }),
        json!({
            "id": "g-2", "domain": "daily_living", "title": "Ik kook drie keer per week zelf",
            "smart": {
                "specific": "Ik kook drie keer per week een warme maaltijd.",
                "measurable": "Ik schrijf op wat ik kook. Wendy kijkt elke week mee.",
                "achievable": "Ik ga elke donderdag naar de kookgroep.",
                "relevant": "Gezond eten is goed voor mijn lijf en mijn humeur.",
                "time_bound": cal.date(150),
            },
            "steps": [
                step(cal, "s1", "Aanmelden bij de kookgroep", Some(-200)),
                step(cal, "s2", "Vijf makkelijke recepten uitkiezen", Some(-90)),
                step(cal, "s3", "Een boodschappenlijst maken voor de week", None),
            ],
            "status": "active", "progress": null,
            "updates": [update(cal, -40, wendy, "Dennis kookt nu twee keer per week. Pasta met groente lukt al goed.")],
            "next_evaluation": cal.date(35),
        }),
        json!({
            "id": "g-3", "domain": "leisure", "title": "Ik heb een hobby buiten huis",
            "smart": {
                "specific": "Ik ga elke week naar een club of vereniging.",
                "measurable": "Ik ben lid en ga tien weken achter elkaar.",
                "achievable": null,
                "relevant": "Dan zie ik andere mensen en zit ik minder alleen thuis.",
                "time_bound": cal.date(200),
            },
            "steps": [step(cal, "s1", "Drie clubs in de buurt opzoeken", None)],
            "status": "paused", "progress": 5,
            "updates": [update(cal, -60, wendy, "Eerst de medicatie en het koken. Na de zomer pakken we dit weer op.")],
            "next_evaluation": cal.date(100),
        }),
    ]
}

/// Week number since 1 January of year 1 (a Monday), the same whatever today is.
fn week(day: NaiveDate) -> i32 {
    (day.num_days_from_ce() - 1) / 7
}

fn in_christmas_break(day: NaiveDate) -> bool {
    (day.month() == 12 && day.day() >= 24) || (day.month() == 1 && day.day() == 1)
}

/// The weekly rhythm of one day: (start, end, title, kind, location, with, bring).
type Slot = (
    (u32, u32),
    (u32, u32),
    &'static str,
    &'static str,
    fn() -> Value,
    Option<&'static str>,
    &'static [&'static str],
);

fn home() -> Value {
    place("Bij jou thuis", None)
}
fn workshop() -> Value {
    place(
        "Werkplaats Het Anker",
        Some("Scheepmakerskade 7, 7411 JK Deventer"),
    )
}
fn community_centre() -> Value {
    place(
        "Buurthuis De Wissel",
        Some("Wisselspoor 22, 7415 CL Deventer"),
    )
}
fn probation() -> Value {
    place(
        "Reclassering Regio Oost",
        Some("Kanaalbrugweg 3, 7413 AS Deventer"),
    )
}
fn clinic() -> Value {
    place(
        "Forensische Polikliniek Rivierzicht, locatie Deventer",
        Some("Boomgaardlaan 60, 7414 EM Deventer"),
    )
}
fn doctor() -> Value {
    place(
        "Huisartsenpraktijk De Linde",
        Some("Lindehof 2, 7416 AB Deventer"),
    )
}

fn slots(day: NaiveDate) -> Vec<Slot> {
    let w = week(day);
    let weekday = day.weekday();
    let weekend = matches!(weekday, Weekday::Sat | Weekday::Sun);
    let morning_with = if weekend { "t4" } else { "t1" };
    let mut list: Vec<Slot> = vec![(
        (8, 30),
        (9, 0),
        "Ochtendbezoek: medicatie en dagstart",
        "mentor",
        home,
        Some(morning_with),
        &[],
    )];
    match weekday {
        Weekday::Mon | Weekday::Wed | Weekday::Fri => list.push((
            (10, 0),
            (15, 0),
            "Dagbesteding in de werkplaats",
            "day_activity",
            workshop,
            Some("t5"),
            &["Werkkleding"],
        )),
        _ => {}
    }
    match weekday {
        Weekday::Tue => {
            if w % 13 == 7 {
                list.push((
                    (11, 0),
                    (11, 15),
                    "Huisarts: bloedcontrole",
                    "medical",
                    doctor,
                    None,
                    &["Medicatielijst"],
                ));
            }
            list.push((
                (14, 0),
                (15, 0),
                "Gesprek met Wendy",
                "mentor",
                home,
                Some("t1"),
                &[],
            ));
        }
        Weekday::Wed if w % 4 == 1 => list.push((
            (16, 0),
            (16, 30),
            "Afspraak bij de psychiater",
            "treatment",
            clinic,
            Some("t3"),
            &["Medicatielijst"],
        )),
        Weekday::Thu => {
            if w % 2 == 0 {
                list.push((
                    (10, 0),
                    (10, 30),
                    "Melden bij de reclassering",
                    "probation",
                    probation,
                    Some("t2"),
                    &["ID-bewijs"],
                ));
            }
            if w % 8 == 3 {
                list.push((
                    (11, 0),
                    (12, 0),
                    "Gesprek met de trajectmanager",
                    "other",
                    home,
                    Some("t6"),
                    &[],
                ));
            }
            list.push((
                (13, 30),
                (15, 30),
                "Kookgroep",
                "day_activity",
                community_centre,
                None,
                &["Boodschappenlijst"],
            ));
        }
        Weekday::Fri if w % 12 == 5 => list.push((
            (16, 0),
            (16, 30),
            "Afspraak bij de psychiater",
            "treatment",
            clinic,
            Some("t3"),
            &["Medicatielijst"],
        )),
        _ => {}
    }
    if weekday != Weekday::Sun {
        list.push((
            (20, 0),
            (20, 15),
            "Avondbezoek: medicatie",
            "mentor",
            home,
            Some("t4"),
            &[],
        ));
    }
    list
}

fn appointments(cal: &Cal) -> Vec<Value> {
    let hospital = -200..=-194;
    let mut list = Vec::with_capacity(APPOINTMENTS);
    let mut offset = -365;
    'days: loop {
        let day = cal.day(offset);
        for ((sh, sm), (eh, em), title, kind, location, with, bring) in slots(day) {
            if list.len() == APPOINTMENTS {
                break 'days;
            }
            let (status, notes) = if hospital.contains(&offset) {
                ("cancelled", Some("Je lag deze week in het ziekenhuis."))
            } else if kind == "day_activity" && in_christmas_break(day) {
                ("cancelled", Some("Gesloten in de kerstvakantie."))
            } else if kind == "treatment" && day.weekday() == Weekday::Wed && week(day) % 12 == 5 {
                ("moved", Some("Verplaatst naar vrijdag 16:00 uur."))
            } else {
                ("planned", None)
            };
            list.push(json!({
                "id": format!("ap-{:04}", list.len() + 1),
                "title": title, "kind": kind,
                "start": moment(day, sh, sm), "end": moment(day, eh, em),
                "location": location(), "with": with, "notes": notes, "bring": bring, "status": status,
            }));
        }
        offset += 1;
    }
    list
}
