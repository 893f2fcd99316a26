//! DEMO-0002: Khalid, beschermd wonen. He prefers Arabic; the dossier itself is Dutch, as
//! the care provider writes it. The house rules of the residence come first.

use super::{envelope, member, place, step, update, Cal, Parts, ORGANISATION};
use chrono::Datelike;
use serde_json::{json, Value};

pub fn dossier(cal: &Cal) -> Value {
    let participant = json!({
        "id": "p-1002",
        "first_name": "Khalid",
        "preferred_language": "ar",
        "care_type": "beschermd_wonen",
        "location": "Woonvoorziening De Meerkoet",
        "care_start": cal.date(-140),
        "care_end": cal.date(225),
        "legal_framework": "Voorwaardelijke invrijheidstelling (v.i.)",
    });
    let team = vec![
        member(
            "t1",
            "Lotte van den Berg",
            "mentor",
            ORGANISATION,
            Some("+31612345611"),
            Some("l.vandenberg@example.org"),
            "ma-vr 9:00-17:00, ook in de woonvoorziening",
        ),
        member(
            "t2",
            "Hasan Yilmaz",
            "probation_officer",
            "Reclassering Regio Midden",
            Some("+31612345612"),
            Some("h.yilmaz@example.org"),
            "ma, di en vr 8:30-16:30",
        ),
        member(
            "t3",
            "Anouk Peters",
            "trajectory_manager",
            "Bureau Trajectzaken Midden",
            Some("+31612345613"),
            None,
            "di en do 9:00-12:00",
        ),
        member(
            "t4",
            "Begeleiding De Meerkoet",
            "other",
            ORGANISATION,
            Some("+31612345610"),
            None,
            "Dag en nacht, ook in het weekend",
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
            signal_plan: signal_plan(cal),
        },
    )
}

/// A house rule of De Meerkoet, agreed on arrival.
fn house_rule(cal: &Cal, id: &str, domain: Option<&str>, title: &str, text: &str) -> Value {
    json!({
        "id": id, "owner": "participant", "kind": "house_rule", "domain": domain,
        "title": title, "text": text,
        "agreed_on": cal.date(-140), "review_on": null, "status": "active",
        "version": 1, "acknowledged_version": 1,
    })
}

fn agreements(cal: &Cal) -> Vec<Value> {
    let mut smoking = house_rule(
        cal,
        "h-03",
        Some("physical_health"),
        "Roken alleen buiten",
        "Ik rook alleen op de rookplek in de tuin. Binnen roken mag niet, ook niet op mijn eigen kamer.",
    );
    smoking["version"] = json!(2);
    smoking["changes"] = json!({ "nl": "De rookplek is verplaatst: niet meer bij de voordeur, maar achter in de tuin." });
    let mut cleaning = house_rule(
        cal,
        "h-07",
        Some("daily_living"),
        "Samen schoonmaken",
        "Ik doe mee met het schoonmaakrooster. Mijn taak voor de week staat op het bord in de keuken.",
    );
    cleaning["review_on"] = json!(cal.date(9));
    let mut old_visits = house_rule(
        cal,
        "h-09",
        Some("housing"),
        "Bezoek alleen in de woonkamer",
        "Bezoek mag alleen in de woonkamer komen, niet op mijn kamer.",
    );
    old_visits["status"] = json!("ended");
    vec![
        house_rule(
            cal,
            "h-01",
            Some("housing"),
            "Bezoek tot 22:00 uur",
            "Bezoek is welkom tussen 10:00 en 22:00 uur. Ik meld mijn bezoek bij de begeleiding. Bezoek blijft niet slapen.",
        ),
        house_rule(
            cal,
            "h-02",
            Some("housing"),
            "Stil na 23:00 uur",
            "Tussen 23:00 en 7:00 uur ben ik stil. Geen harde muziek of tv, ook niet met de deur dicht.",
        ),
        smoking,
        house_rule(
            cal,
            "h-04",
            Some("substance_use"),
            "Geen alcohol en drugs in huis",
            "Ik neem geen alcohol of drugs mee naar binnen. Ik gebruik ook niet in de tuin of voor de deur.",
        ),
        house_rule(
            cal,
            "h-05",
            Some("housing"),
            "Uitschrijven en inschrijven",
            "Als ik wegga, schrijf ik me uit op de lijst bij de ingang. Als ik terugkom, schrijf ik me weer in. Om 23:00 uur ben ik binnen.",
        ),
        house_rule(
            cal,
            "h-06",
            Some("housing"),
            "Kamercontrole samen met mij",
            "Eén keer per maand kijkt een begeleider op mijn kamer. Dat gebeurt altijd samen met mij, nooit als ik er niet ben.",
        ),
        cleaning,
        house_rule(
            cal,
            "h-08",
            None,
            "Geen wapens of gevaarlijke spullen",
            "Ik heb geen wapens in huis. Ook geen messen op mijn kamer; keukenmessen blijven in de keuken.",
        ),
        json!({
            "id": "c-01", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Meldplicht: elke maandag",
            "text": "Ik meld me elke maandag bij de reclassering. Als ik ziek ben, bel ik Hasan voor 9:00 uur.",
            "agreed_on": cal.date(-140), "review_on": cal.date(40), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "c-02", "owner": "probation", "kind": "condition", "domain": "housing",
            "title": "Ik woon in De Meerkoet",
            "text": "Ik woon in De Meerkoet zolang de reclassering dat zegt. Ik slaap elke nacht hier. Een nacht ergens anders slapen mag alleen als Hasan eerst ja zegt.",
            "agreed_on": cal.date(-140), "review_on": cal.date(40), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "i-01", "owner": "care", "kind": "information_sharing", "domain": null,
            "title": "Een tolk bij belangrijke gesprekken",
            "text": "Bij gesprekken over mijn plan, mijn voorwaarden of mijn geld is er een tolk Arabisch. Lotte regelt de tolk. De tolk vertelt niets door aan anderen.",
            "agreed_on": cal.date(-135), "review_on": null, "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "i-02", "owner": "care", "kind": "information_sharing", "domain": "justice",
            "title": "Wat de begeleiding aan de reclassering vertelt",
            "text": "Als ik 's avonds niet op tijd binnen ben, of als ik me niet heb uitgeschreven, vertelt de begeleiding dat dezelfde dag aan Hasan. Ik hoor dat ook zelf van de begeleiding.",
            "agreed_on": cal.date(-4), "review_on": cal.date(86), "status": "active",
            "version": 1,
        }),
        json!({
            "id": "a-01", "owner": "joint", "kind": "agreement", "domain": "daily_living",
            "title": "Taalles past in mijn weekplanning",
            "text": "Ik ga twee ochtenden per week naar taalles. Lotte en Hasan plannen geen afspraken op die ochtenden.",
            "agreed_on": cal.date(-100), "review_on": cal.date(80), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        old_visits,
    ]
}

fn goals(cal: &Cal) -> Vec<Value> {
    let lotte = "Lotte (begeleider)";
    vec![
        json!({
            "id": "g-1", "domain": "housing", "title": "Ik woon over een jaar in een eigen studio",
            "smart": {
                "specific": "Ik woon zelfstandig in een studio in de stad, met een paar uur begeleiding per week.",
                "measurable": "Ik heb een huurcontract op mijn eigen naam.",
                "achievable": "Ik sta ingeschreven voor een woning. Anouk kijkt mee naar een plek met begeleiding.",
                "relevant": "Ik wil weten waar ik woon als de begeleiding hier stopt.",
                "time_bound": cal.date(365),
            },
            "steps": [
                step(cal, "s1", "Inschrijven als woningzoekende", Some(-90)),
                step(cal, "s2", "Oefenen: zelf koken en boodschappen doen", Some(-20)),
                step(cal, "s3", "Gesprek met Anouk over doorstroom", None),
                step(cal, "s4", "Een huurcontract tekenen", None),
            ],
            "status": "active", "progress": 25,
            "updates": [
                update(cal, -20, lotte, "Khalid kookt nu drie keer per week zelf. Hij doet ook zelf de boodschappen."),
            ],
            "next_evaluation": cal.date(30),
        }),
        json!({
            "id": "g-2", "domain": "daily_living", "title": "Ik spreek beter Nederlands",
            "smart": {
                "specific": "Ik kan in het Nederlands een afspraak maken en een brief begrijpen.",
                "measurable": "Ik haal het examen op niveau A2.",
                "achievable": "Ik ga twee ochtenden per week naar taalles.",
                "relevant": "Dan kan ik zelf met instanties praten, zonder tolk.",
                "time_bound": cal.date(180),
            },
            "steps": [
                step(cal, "s1", "Aanmelden bij de taalschool", Some(-110)),
                step(cal, "s2", "Elke dag 15 minuten oefenen met de app", Some(-60)),
                step(cal, "s3", "Zelf de huisarts bellen voor een afspraak", None),
                step(cal, "s4", "Het examen A2 doen", None),
            ],
            "status": "active", "progress": null,
            "updates": [
                update(cal, -30, lotte, "De docent zegt dat Khalid snel leert. Hij praat nu ook Nederlands aan tafel."),
            ],
            "next_evaluation": cal.date(45),
        }),
        json!({
            "id": "g-3", "domain": "finances", "title": "Ik heb een bankrekening en een inkomen",
            "smart": {
                "specific": "Ik heb een eigen bankrekening en een uitkering.",
                "measurable": "Het geld staat elke maand op mijn rekening.",
                "achievable": "Lotte helpt met de aanvraag. Er is een tolk bij het gesprek.",
                "relevant": "Zonder inkomen kan ik niets regelen.",
                "time_bound": cal.date(-50),
            },
            "steps": [
                step(cal, "s1", "Een bankrekening openen", Some(-120)),
                step(cal, "s2", "Een uitkering aanvragen bij de gemeente", Some(-100)),
                step(cal, "s3", "De eerste uitkering ontvangen", Some(-60)),
            ],
            "status": "achieved", "progress": 100,
            "updates": [
                update(cal, -60, lotte, "Gelukt: de uitkering staat op de rekening. Nu gaan we een weekbudget maken."),
            ],
            "next_evaluation": null,
        }),
        json!({
            "id": "g-4", "domain": "work", "title": "Ik doe vrijwilligerswerk",
            "smart": {
                "specific": "Ik help één dag per week in de tuin van het buurthuis.",
                "measurable": "Ik ga tien weken achter elkaar.",
                "achievable": "Het buurthuis zoekt hulp. Het is dichtbij.",
                "relevant": "Ik wil iets doen met mijn handen en mensen leren kennen.",
                "time_bound": cal.date(120),
            },
            "steps": [
                step(cal, "s1", "Kennismaken in het buurthuis", Some(-12)),
                step(cal, "s2", "Een verklaring omtrent gedrag (VOG) aanvragen", None),
            ],
            "status": "active", "progress": 10,
            "updates": [],
            "next_evaluation": cal.date(60),
        }),
    ]
}

fn appointments(cal: &Cal) -> Vec<Value> {
    let residence = || {
        place(
            "Woonvoorziening De Meerkoet",
            Some("Meerkoetpad 3, 3822 TL Amersfoort"),
        )
    };
    let probation = || {
        place(
            "Reclassering Regio Midden, kantoor Amersfoort",
            Some("Zandkuilstraat 12, 3811 HB Amersfoort"),
        )
    };
    let school = || {
        place(
            "Taalschool Het Woordenhuis",
            Some("Leerlooiersgang 8, 3812 PR Amersfoort"),
        )
    };
    let mut list = Vec::new();
    let mut n = 0;
    let mut push = |day: i64,
                    title: &str,
                    kind: &str,
                    hours: (u32, u32, u32, u32),
                    location: Value,
                    with: Option<&str>,
                    extra: Value| {
        n += 1;
        let mut a = json!({
            "id": format!("ap-{n:02}"), "title": title, "kind": kind,
            "start": cal.at(day, hours.0, hours.1), "end": cal.at(day, hours.2, hours.3),
            "location": location, "with": with, "notes": null, "bring": [], "status": "planned",
        });
        if let (Value::Object(a), Value::Object(extra)) = (&mut a, extra) {
            a.extend(extra);
        }
        list.push(a);
    };
    let monday = |week: i64| -(cal.today.weekday().num_days_from_monday() as i64) + 7 * week;
    let interpreter = "Er is een tolk Arabisch bij dit gesprek.";
    for week in -2..=3 {
        let day = monday(week);
        push(
            day,
            "Melden bij de reclassering",
            "probation",
            (9, 30, 10, 0),
            probation(),
            Some("t2"),
            json!({ "bring": ["ID-bewijs"] }),
        );
        push(
            day + 1,
            "Taalles",
            "day_activity",
            (9, 0, 12, 0),
            school(),
            None,
            json!({ "bring": ["Lesboek", "Schrift"] }),
        );
        push(
            day + 3,
            "Taalles",
            "day_activity",
            (9, 0, 12, 0),
            school(),
            None,
            json!({ "bring": ["Lesboek", "Schrift"] }),
        );
        push(
            day + 2,
            "Gesprek met Lotte",
            "mentor",
            (14, 0, 15, 0),
            residence(),
            Some("t1"),
            json!({}),
        );
    }
    push(
        0,
        "Huisvergadering",
        "other",
        (19, 0, 20, 0),
        residence(),
        None,
        json!({ "notes": "We bespreken het schoonmaakrooster en het nieuwe rookplekje." }),
    );
    push(
        1,
        "Samen koken met de groep",
        "day_activity",
        (17, 0, 19, 0),
        residence(),
        Some("t4"),
        json!({}),
    );
    push(
        cal.workday(8),
        "Gesprek over doorstroom",
        "other",
        (15, 30, 16, 30),
        residence(),
        Some("t3"),
        json!({ "notes": interpreter }),
    );
    push(
        cal.workday(16),
        "Evaluatie begeleidingsplan",
        "mentor",
        (15, 30, 17, 0),
        residence(),
        Some("t1"),
        json!({ "notes": interpreter }),
    );
    push(
        cal.workday(-9),
        "Tandarts",
        "medical",
        (15, 30, 16, 0),
        place(
            "Tandartspraktijk Eemzicht",
            Some("Eemkade 40, 3811 MX Amersfoort"),
        ),
        None,
        json!({ "status": "cancelled", "notes": "De tandarts heeft de afspraak afgezegd. Lotte maakt een nieuwe afspraak." }),
    );
    list.sort_by(|a, b| a["start"].as_str().cmp(&b["start"].as_str()));
    list
}

fn signal_plan(cal: &Cal) -> Value {
    json!({
        "updated_on": cal.date(-70),
        "phases": [
            {
                "level": "green",
                "signals": ["Ik ga naar taalles.", "Ik eet samen met de groep.", "Ik bel mijn moeder elke week."],
                "my_actions": ["Ik houd mijn ritme vast.", "Ik vertel Lotte hoe het gaat."],
                "support_actions": ["Lotte praat elke week met mij.", "De begeleiding groet mij en vraagt hoe het gaat."],
            },
            {
                "level": "orange",
                "signals": ["Ik blijf veel op mijn kamer.", "Ik slaap overdag.", "Ik maak me veel zorgen over mijn familie."],
                "my_actions": ["Ik praat met Lotte, ook als het moeilijk is.", "Ik ga even naar buiten om te wandelen."],
                "support_actions": ["Lotte plant een extra gesprek, met een tolk als ik dat wil.", "De begeleiding komt elke dag even langs."],
            },
            {
                "level": "red",
                "signals": ["Ik kom 's nachts niet thuis.", "Ik drink alcohol.", "Ik word heel boos op medebewoners."],
                "my_actions": ["Ik bel de begeleiding van De Meerkoet, dag en nacht.", "Ik ga naar mijn kamer om rustig te worden."],
                "support_actions": ["De begeleiding blijft bij mij tot ik rustig ben.", "Hasan van de reclassering hoort het dezelfde dag."],
            },
        ],
    })
}
