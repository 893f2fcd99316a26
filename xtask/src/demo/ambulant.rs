//! DEMO-0001: Tarik, ambulante begeleiding with bijzondere voorwaarden. The full dossier:
//! every kind and owner of agreement, goals on six life domains, a month of agenda
//! around today and a signalling plan.

use super::{envelope, member, place, step, update, Cal, Parts, ORGANISATION};
use serde_json::{json, Value};

const PROBATION: &str = "Reclassering Regio Midden";

pub fn dossier(cal: &Cal) -> Value {
    let participant = json!({
        "id": "p-1001",
        "first_name": "Tarik",
        "preferred_language": "nl",
        "care_type": "ambulant",
        "location": "Team Ambulant Noord",
        "care_start": cal.date(-200),
        "care_end": null,
        "legal_framework": "Bijzondere voorwaarden (voorwaardelijke straf)",
    });
    envelope(
        cal,
        participant,
        Parts {
            team: team(),
            agreements: agreements(cal),
            goals: goals(cal),
            appointments: appointments(cal),
            signal_plan: signal_plan(cal),
        },
    )
}

fn team() -> Vec<Value> {
    vec![
        member(
            "t1",
            "Sanne Veldkamp",
            "mentor",
            ORGANISATION,
            Some("+31612345601"),
            Some("s.veldkamp@example.org"),
            "ma-vr 8:30-17:00",
        ),
        member(
            "t2",
            "Marco Dijkstra",
            "probation_officer",
            PROBATION,
            Some("+31612345602"),
            Some("m.dijkstra@example.org"),
            "di, wo en do 9:00-16:30",
        ),
        member(
            "t3",
            "Naima Haddou",
            "trajectory_manager",
            "Bureau Trajectzaken Midden",
            Some("+31612345603"),
            None,
            "ma en do 9:00-12:00",
        ),
        member(
            "t4",
            "Joost Hermans",
            "behavioural_scientist",
            ORGANISATION,
            None,
            Some("j.hermans@example.org"),
            "Via je begeleider",
        ),
        member(
            "t5",
            "Iris Bakker",
            "practitioner",
            "Forensische Polikliniek Rivierzicht",
            Some("+31612345605"),
            None,
            "ma, di en do 9:00-17:00",
        ),
        member(
            "t6",
            "Bereikbaarheidsdienst Havenlicht",
            "other",
            ORGANISATION,
            Some("+31612345699"),
            None,
            "Avond, nacht en weekend",
        ),
    ]
}

fn agreements(cal: &Cal) -> Vec<Value> {
    vec![
        json!({
            "id": "a-01", "owner": "participant", "kind": "agreement", "domain": "daily_living",
            "title": "Ik ben op tijd voor afspraken",
            "text": "Als ik niet kan komen, bel ik uiterlijk een dag van tevoren. Ik bel dan zelf, ik stuur geen berichtje.",
            "agreed_on": cal.date(-190), "review_on": cal.date(60), "status": "active",
            "version": 2, "acknowledged_version": 1,
            "changes": { "nl": "Eerst: twee dagen van tevoren bellen. Nu: een dag van tevoren is genoeg." },
        }),
        json!({
            "id": "a-02", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Meldplicht bij de reclassering",
            "text": "Ik meld me elke twee weken bij de reclassering. Marco spreekt de dag en tijd met mij af. Als ik ziek ben, bel ik Marco voor 9:00 uur.",
            "agreed_on": cal.date(-195), "review_on": cal.date(5), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-03", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Contactverbod",
            "text": "Ik neem geen contact op met de persoon die in het vonnis staat. Niet zelf, niet via anderen en niet via social media. Als die persoon mij benadert, vertel ik dat dezelfde dag aan Marco.",
            "agreed_on": cal.date(-195), "review_on": null, "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-04", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Locatieverbod",
            "text": "Ik kom niet in het gebied dat op de kaart van de reclassering staat. Ik heb een kopie van de kaart. Als ik twijfel, vraag ik het eerst aan Marco.",
            "agreed_on": cal.date(-195), "review_on": cal.date(75), "status": "active",
            "version": 3, "acknowledged_version": 2,
            "changes": { "nl": "Het gebied is kleiner geworden. Het winkelcentrum aan de rand hoort er niet meer bij. Daar mag je nu wel komen." },
        }),
        json!({
            "id": "a-05", "owner": "probation", "kind": "condition", "domain": "substance_use",
            "title": "Ik gebruik geen drugs en geen alcohol",
            "text": "Dit heet abstinentie. De reclassering controleert het met een urinetest. Dat kan ook zonder dat ik het van tevoren weet.",
            "agreed_on": cal.date(-195), "review_on": cal.date(40), "status": "active",
            "version": 2, "acknowledged_version": 2,
            "changes": { "nl": "Eerst: elke week een urinetest. Nu: ongeveer twee keer per maand, op een dag die je niet weet." },
        }),
        json!({
            "id": "a-06", "owner": "care", "kind": "agreement", "domain": null,
            "title": "Sanne belt binnen één werkdag terug",
            "text": "Als ik Sanne bel en zij neemt niet op, belt zij mij binnen één werkdag terug. Is Sanne er niet? Dan belt een collega van het team.",
            "agreed_on": cal.date(-190), "review_on": cal.date(-3), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-07", "owner": "care", "kind": "information_sharing", "domain": null,
            "title": "Wat Sanne met de reclassering deelt",
            "text": "Sanne schrijft elke maand een kort verslag voor de reclassering. Daarin staat hoe het gaat met mijn doelen en of ik op mijn afspraken kom. Ik lees het verslag eerst. Ik mag er iets bij zetten.",
            "agreed_on": cal.date(-185), "review_on": cal.date(95), "status": "active",
            "version": 2, "acknowledged_version": 1,
            "changes": { "nl": "Nieuw: je leest het verslag eerst en je mag er zelf iets bij schrijven." },
        }),
        json!({
            "id": "a-08", "owner": "joint", "kind": "information_sharing", "domain": "justice",
            "title": "Bij een incident bellen zorg en reclassering elkaar",
            "text": "Als er iets ernstigs gebeurt, bellen Sanne en Marco elkaar dezelfde dag. Ze vertellen mij ook wat ze met elkaar hebben besproken.",
            "agreed_on": cal.date(-190), "review_on": cal.date(95), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-09", "owner": "joint", "kind": "agreement", "domain": null,
            "title": "Elke drie maanden een driegesprek",
            "text": "Ik, Sanne en Marco praten elke drie maanden samen. We kijken naar deze afspraken en naar mijn doelen. Wat we afspreken, staat daarna in de app.",
            "agreed_on": cal.date(-190), "review_on": cal.date(12), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-10", "owner": "participant", "kind": "agreement", "domain": "daily_living",
            "title": "Ik houd een weekplanning bij",
            "text": "Op zondag maak ik een planning voor de week. Daarin staan werk, afspraken en boodschappen. Ik laat de planning op maandag aan Sanne zien.",
            "agreed_on": cal.date(-120), "review_on": cal.date(19), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-11", "owner": "participant", "kind": "house_rule", "domain": null,
            "title": "Regels op het kantoor van Havenlicht",
            "text": "Op kantoor rook ik niet en gebruik ik geen alcohol of drugs. Ik ben vriendelijk tegen medewerkers en andere deelnemers. Bij geweld of bedreiging gaat het gesprek niet door.",
            "agreed_on": cal.date(-200), "review_on": null, "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-12", "owner": "participant", "kind": "agreement", "domain": "finances",
            "title": "Ik open mijn post elke week",
            "text": "Ik open mijn post elke vrijdag. Brieven die ik niet begrijp, neem ik mee naar Sanne.",
            "agreed_on": cal.date(-60), "review_on": cal.date(30), "status": "active",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-13", "owner": "probation", "kind": "condition", "domain": "justice",
            "title": "Avondklok: 's nachts thuis",
            "text": "Ik ben tussen 22:00 en 6:00 uur thuis.",
            "agreed_on": cal.date(-195), "review_on": null, "status": "ended",
            "version": 1, "acknowledged_version": 1,
        }),
        json!({
            "id": "a-14", "owner": "participant", "kind": "agreement", "domain": "work",
            "title": "Ik zoek elke week twee vacatures",
            "text": "Ik zoek elke week twee vacatures en bespreek die met Sanne. Deze afspraak is gestopt: ik heb nu een proefplaats.",
            "agreed_on": cal.date(-180), "review_on": null, "status": "ended",
            "version": 1, "acknowledged_version": 1,
        }),
    ]
}

fn goals(cal: &Cal) -> Vec<Value> {
    let sanne = "Sanne (begeleider)";
    vec![
        json!({
            "id": "g-1", "domain": "work", "title": "Ik werk 3 dagen per week",
            "smart": {
                "specific": "Ik werk 3 dagen per week in de fietsenwerkplaats. Eerst als proefplaats, daarna met een contract.",
                "measurable": "Ik heb een contract voor minstens 24 uur per week.",
                "achievable": "Ik heb al ervaring met fietsen maken. Mijn jobcoach helpt mij.",
                "relevant": "Met werk heb ik een vast ritme en eigen geld. Dat helpt mij om niet terug te vallen.",
                "time_bound": cal.date(120),
            },
            "steps": [
                step(cal, "s1", "Intake bij de jobcoach", Some(-150)),
                step(cal, "s2", "Een cv maken met Sanne", Some(-130)),
                step(cal, "s3", "Twee weken meelopen in de werkplaats", Some(-60)),
                step(cal, "s4", "Proefplaats: 2 dagen per week werken", None),
                step(cal, "s5", "Gesprek over een contract", None),
            ],
            "status": "active", "progress": 40,
            "updates": [
                update(cal, -60, sanne, "Tarik heeft twee weken meegelopen. De werkplaats is tevreden: hij is op tijd en werkt netjes."),
                update(cal, -20, sanne, "De proefplaats begint binnenkort. Tarik vindt het spannend, maar hij heeft er zin in."),
            ],
            "next_evaluation": cal.date(25),
        }),
        json!({
            "id": "g-2", "domain": "finances", "title": "Ik heb overzicht over mijn geld",
            "smart": {
                "specific": "Ik weet elke week hoeveel geld ik heb en wat ik moet betalen.",
                "measurable": "Ik betaal mijn vaste lasten op tijd. Er komen geen nieuwe schulden bij.",
                "achievable": "De budgetcoach van de gemeente helpt mij. Sanne kijkt mee.",
                "relevant": "Geldzorgen maken mij onrustig. Dan ga ik sneller gebruiken.",
                "time_bound": cal.date(90),
            },
            "steps": [
                step(cal, "s1", "Aanmelden bij schuldhulp van de gemeente", Some(-140)),
                step(cal, "s2", "Alle brieven en rekeningen in één map doen", Some(-110)),
                step(cal, "s3", "Een budgetplan maken met de budgetcoach", Some(-45)),
                step(cal, "s4", "Elke vrijdag mijn kasboek bijwerken", None),
                step(cal, "s5", "Een betalingsregeling voor de zorgverzekering", None),
            ],
            "status": "active", "progress": null,
            "updates": [
                update(cal, -45, sanne, "Het budgetplan is klaar. Tarik houdt elke week 60 euro leefgeld over."),
                update(cal, -8, sanne, "Het kasboek lukt nog niet elke week. We oefenen het samen op vrijdag."),
            ],
            "next_evaluation": cal.date(12),
        }),
        json!({
            "id": "g-3", "domain": "substance_use", "title": "Ik blijf clean en weet wat ik doe als ik trek heb",
            "smart": {
                "specific": "Ik gebruik geen drugs en geen alcohol. Ik merk het op tijd als ik trek krijg en weet wat ik dan doe.",
                "measurable": "Alle urinetests zijn schoon. Ik heb een lijst met drie dingen die ik doe bij trek.",
                "achievable": "Ik ben al vijf maanden clean. Iris van de poli helpt mij met een training.",
                "relevant": "Gebruik was een oorzaak van mijn delict. Clean blijven is ook een voorwaarde.",
                "time_bound": cal.date(150),
            },
            "steps": [
                step(cal, "s1", "Beginnen met de training Omgaan met trek", Some(-100)),
                step(cal, "s2", "Oude contacten uit mijn telefoon halen", Some(-90)),
                step(cal, "s3", "Mijn lijst maken: drie dingen die ik doe bij trek", Some(-70)),
                step(cal, "s4", "De training afmaken (12 keer)", None),
            ],
            "status": "active", "progress": 70,
            "updates": [
                update(cal, -30, "Marco (reclassering)", "Alle testen van de afgelopen maand waren schoon. Goed bezig!"),
                update(cal, -10, sanne, "Tarik heeft nu 8 van de 12 trainingen gedaan. Hij gebruikt zijn lijst echt."),
            ],
            "next_evaluation": cal.date(30),
        }),
        json!({
            "id": "g-4", "domain": "social_network", "title": "Ik heb elke week contact met mijn broer",
            "smart": {
                "specific": "Ik bel of zie mijn broer elke week.",
                "measurable": "Acht weken achter elkaar elke week contact.",
                "achievable": "Mijn broer wil graag weer contact.",
                "relevant": "Mijn broer steunt mij. Hij hoort bij mijn goede netwerk.",
                "time_bound": cal.date(-40),
            },
            "steps": [
                step(cal, "s1", "Mijn broer een bericht sturen", Some(-160)),
                step(cal, "s2", "Samen koffie drinken", Some(-120)),
                step(cal, "s3", "Acht weken lang elke zondag bellen", Some(-40)),
            ],
            "status": "achieved", "progress": 100,
            "updates": [
                update(cal, -40, sanne, "Doel gehaald! Tarik en zijn broer bellen elke zondag. Ze gaan ook samen naar het voetbal."),
            ],
            "next_evaluation": null,
        }),
        json!({
            "id": "g-5", "domain": "physical_health", "title": "Ik sport twee keer per week",
            "smart": {
                "specific": "Ik ga op dinsdag en vrijdag naar de sportschool in de wijk.",
                "measurable": "Ik sport 8 keer per maand.",
                "achievable": "Met de stadspas is een abonnement goedkoop.",
                "relevant": "Sporten helpt mij tegen stress. Ik slaap er ook beter door.",
                "time_bound": cal.date(60),
            },
            "steps": [
                step(cal, "s1", "Een abonnement regelen met de stadspas", Some(-95)),
                step(cal, "s2", "Vier weken lang twee keer per week sporten", None),
            ],
            "status": "paused", "progress": 30,
            "updates": [
                update(cal, -25, sanne, "Tarik heeft een blessure aan zijn knie. De huisarts zegt: zes weken niet sporten. Daarna gaan we verder."),
            ],
            "next_evaluation": cal.date(20),
        }),
        json!({
            "id": "g-6", "domain": "daily_living", "title": "Ik haal mijn rijbewijs",
            "smart": {
                "specific": "Ik haal mijn autorijbewijs.",
                "measurable": "Ik ben geslaagd voor theorie en praktijk.",
                "achievable": null,
                "relevant": "Met een rijbewijs kan ik meer soorten werk doen.",
                "time_bound": null,
            },
            "steps": [
                step(cal, "s1", "Het theorieboek kopen", Some(-150)),
                step(cal, "s2", "Het theorie-examen doen", None),
            ],
            "status": "stopped", "progress": 10,
            "updates": [
                update(cal, -50, sanne, "We stoppen met dit doel. Eerst werk en geld op orde. Over een half jaar kijken we opnieuw."),
            ],
            "next_evaluation": null,
        }),
    ]
}

#[allow(clippy::too_many_arguments)]
fn appointment(
    cal: &Cal,
    id: &str,
    title: &str,
    kind: &str,
    day: i64,
    (start_h, start_m): (u32, u32),
    (end_h, end_m): (u32, u32),
    location: Value,
    with: Option<&str>,
) -> Value {
    json!({
        "id": id, "title": title, "kind": kind,
        "start": cal.at(day, start_h, start_m), "end": cal.at(day, end_h, end_m),
        "location": location, "with": with, "notes": null, "bring": [], "status": "planned",
    })
}

/// Sets one field of an appointment (notes, bring, status).
fn with(mut appointment: Value, key: &str, value: Value) -> Value {
    appointment[key] = value;
    appointment
}

fn appointments(cal: &Cal) -> Vec<Value> {
    let office = || {
        place(
            "Havenlicht, kantoor Ambulant Noord",
            Some("Lantaarnstraat 14, 3521 KV Utrecht"),
        )
    };
    let probation = || place(PROBATION, Some("Sluiswachterkade 9, 3511 CE Utrecht"));
    let clinic = || {
        place(
            "Forensische Polikliniek Rivierzicht",
            Some("Zilverreigerlaan 40, 3523 AB Utrecht"),
        )
    };
    let home = || place("Bij jou thuis", None);
    let workshop = || {
        place(
            "Fietsenwerkplaats De Spaak",
            Some("Ambachtsweg 21, 3542 DN Utrecht"),
        )
    };
    let doctor = || {
        place(
            "Huisartsenpraktijk Lindeplein",
            Some("Lindeplein 5, 3522 GH Utrecht"),
        )
    };
    let council = || {
        place(
            "Gemeente, team Geldzaken",
            Some("Stadskantoorplein 2, 3521 AZ Utrecht"),
        )
    };
    let court = || {
        place(
            "Rechtbank, zittingslocatie Midden",
            Some("Vredeplein 1, 3511 AA Utrecht"),
        )
    };
    let id_card = || json!(["ID-bewijs"]);
    let d = |offset| cal.workday(offset);
    // Working days that never coincide: each counted on from the one before, going back
    // into the past and forward into the future.
    let chain = |from: i64, gaps: &[i64]| {
        let mut days = vec![d(from)];
        for gap in gaps {
            days.push(d(days[days.len() - 1] + gap));
        }
        days
    };
    // ap-10, ap-09 … ap-01
    let past = chain(-1, &[-2, -3, -3, -2, -2, -3, -4, -3, -4]);
    // ap-18 … ap-24
    let ahead = chain(7, &[2, 3, 2, 3, 2, 4]);
    let talk = "Gesprek met Sanne";
    let report = "Melden bij de reclassering";
    let training = "Training Omgaan met trek";

    let mut list = vec![
        appointment(
            cal,
            "ap-01",
            talk,
            "mentor",
            past[9],
            (10, 0),
            (11, 0),
            office(),
            Some("t1"),
        ),
        with(
            appointment(
                cal,
                "ap-02",
                report,
                "probation",
                past[8],
                (9, 30),
                (10, 0),
                probation(),
                Some("t2"),
            ),
            "bring",
            id_card(),
        ),
        appointment(
            cal,
            "ap-03",
            talk,
            "mentor",
            past[7],
            (10, 0),
            (11, 0),
            office(),
            Some("t1"),
        ),
        appointment(
            cal,
            "ap-04",
            training,
            "treatment",
            past[6],
            (14, 0),
            (15, 0),
            clinic(),
            Some("t5"),
        ),
        appointment(
            cal,
            "ap-05",
            "Huisbezoek van Sanne",
            "mentor",
            past[5],
            (10, 0),
            (11, 0),
            home(),
            Some("t1"),
        ),
        appointment(
            cal,
            "ap-06",
            "Huisarts: knie laten nakijken",
            "medical",
            past[4],
            (8, 40),
            (8, 50),
            doctor(),
            None,
        ),
        with(
            appointment(
                cal,
                "ap-07",
                report,
                "probation",
                past[3],
                (9, 30),
                (10, 0),
                probation(),
                Some("t2"),
            ),
            "bring",
            id_card(),
        ),
        appointment(
            cal,
            "ap-08",
            talk,
            "mentor",
            past[2],
            (10, 0),
            (11, 0),
            office(),
            Some("t1"),
        ),
        appointment(
            cal,
            "ap-09",
            training,
            "treatment",
            past[1],
            (14, 0),
            (15, 0),
            clinic(),
            Some("t5"),
        ),
        appointment(
            cal,
            "ap-10",
            "Meelopen in de werkplaats",
            "day_activity",
            past[0],
            (13, 0),
            (17, 0),
            workshop(),
            None,
        ),
    ];

    // Today and tomorrow: what fits the day of the week.
    if cal.is_weekend(0) {
        list.push(with(
            appointment(
                cal,
                "ap-11",
                "Wandelgroep van Havenlicht",
                "day_activity",
                0,
                (10, 0),
                (11, 30),
                place("Parkingang Noord", Some("Parklaan 1, 3521 KV Utrecht")),
                None,
            ),
            "bring",
            json!(["Goede schoenen", "Water"]),
        ));
        list.push(with(
            appointment(
                cal,
                "ap-12",
                "Huisbezoek van de dienstdoende begeleider",
                "mentor",
                0,
                (16, 0),
                (16, 45),
                home(),
                Some("t6"),
            ),
            "notes",
            json!("In het weekend komt een collega van Sanne langs."),
        ));
    } else {
        list.push(with(
            with(
                appointment(
                    cal,
                    "ap-11",
                    "Urinetest bij de reclassering",
                    "probation",
                    0,
                    (9, 0),
                    (9, 15),
                    probation(),
                    Some("t2"),
                ),
                "notes",
                json!("Kom op tijd. Neem je ID-bewijs mee."),
            ),
            "bring",
            id_card(),
        ));
        list.push(with(
            with(
                appointment(
                    cal,
                    "ap-12",
                    "Gesprek met Sanne over je budgetplan",
                    "mentor",
                    0,
                    (16, 0),
                    (17, 0),
                    office(),
                    Some("t1"),
                ),
                "notes",
                json!("We kijken samen naar je kasboek van deze week."),
            ),
            "bring",
            json!(["Kasboek", "Brieven van deze week"]),
        ));
    }
    list.push(with(
        appointment(
            cal,
            "ap-13",
            "Belafspraak met Sanne",
            "mentor",
            0,
            (19, 30),
            (19, 45),
            Value::Null,
            Some("t1"),
        ),
        "notes",
        json!("Sanne belt jou. Zorg dat je telefoon aan staat."),
    ));
    list.push(if cal.is_weekend(1) {
        with(
            appointment(
                cal,
                "ap-14",
                "Voetbal kijken met je broer",
                "other",
                1,
                (14, 30),
                (16, 30),
                place("Sportpark De Lindenhof", None),
                None,
            ),
            "notes",
            json!("Eigen afspraak. Zet je telefoon na afloop weer aan."),
        )
    } else {
        with(
            with(
                appointment(
                    cal,
                    "ap-14",
                    report,
                    "probation",
                    1,
                    (10, 0),
                    (10, 30),
                    probation(),
                    Some("t2"),
                ),
                "notes",
                json!("Marco wil het ook hebben over je proefplaats."),
            ),
            "bring",
            id_card(),
        )
    });

    let moved_from = d(4);
    let moved_to = d(moved_from + 2);
    list.extend([
        with(
            with(
                appointment(cal, "ap-15", training, "treatment", d(2), (14, 0), (15, 0), clinic(), Some("t5")),
                "status",
                json!("cancelled"),
            ),
            "notes",
            json!("Iris is ziek. Je krijgt een nieuwe afspraak."),
        ),
        with(
            with(
                appointment(cal, "ap-16", "Huisbezoek van Sanne", "mentor", moved_from, (10, 0), (11, 0), home(), Some("t1")),
                "status",
                json!("moved"),
            ),
            "notes",
            json!(format!("Deze afspraak is verplaatst naar {} om 17:30 uur, na je werk.", cal.long(moved_to))),
        ),
        with(
            appointment(cal, "ap-17", "Huisbezoek van Sanne", "mentor", moved_to, (17, 30), (18, 15), home(), Some("t1")),
            "notes",
            json!(format!("Eerst gepland op {}.", cal.long(moved_from))),
        ),
        with(
            with(
                appointment(cal, "ap-18", "Eerste dag proefplaats", "day_activity", ahead[0], (8, 30), (16, 30), workshop(), None),
                "notes",
                json!("Vraag naar Henk, de chef van de werkplaats."),
            ),
            "bring",
            json!(["Werkschoenen", "Lunch", "Bankpas voor je loonstrook"]),
        ),
        with(
            appointment(cal, "ap-19", "Afspraak met de budgetcoach", "other", ahead[1], (11, 0), (12, 0), council(), None),
            "bring",
            json!(["Kasboek", "Bankafschriften van de laatste maand", "Brieven van de zorgverzekering"]),
        ),
        with(
            appointment(cal, "ap-20", "Driegesprek met Sanne en Marco", "probation", ahead[2], (13, 0), (14, 30), probation(), Some("t2")),
            "notes",
            json!("We bespreken de samenwerkingsafspraken en je doelen. Schrijf van tevoren op wat jij wilt bespreken."),
        ),
        with(
            appointment(cal, "ap-21", "Evaluatie van je begeleidingsplan", "treatment", ahead[3], (10, 0), (11, 0), office(), Some("t4")),
            "notes",
            json!("Joost (gedragswetenschapper) en Sanne zijn erbij."),
        ),
        appointment(cal, "ap-22", "Huisarts: knie nog eens bekijken", "medical", ahead[4], (9, 0), (9, 10), doctor(), None),
        appointment(cal, "ap-23", talk, "mentor", ahead[5], (10, 0), (11, 0), office(), Some("t1")),
        with(
            with(
                appointment(cal, "ap-24", "Zitting bij de rechtbank", "court", ahead[6], (9, 30), (11, 0), court(), None),
                "notes",
                json!("Je advocaat is er ook. Marco schrijft vooraf een advies voor de rechter. Kom een half uur eerder: er is een controle bij de ingang."),
            ),
            "bring",
            json!(["ID-bewijs", "Brief van de rechtbank"]),
        ),
    ]);
    list
}

fn signal_plan(cal: &Cal) -> Value {
    json!({
        "updated_on": cal.date(-35),
        "phases": [
            {
                "level": "green",
                "signals": [
                    "Ik slaap 7 tot 8 uur per nacht.",
                    "Ik ga naar mijn werk en mijn afspraken.",
                    "Ik bel mijn broer in het weekend.",
                    "Ik kan rustig praten als iets tegenzit.",
                ],
                "my_actions": [
                    "Ik houd mijn weekplanning bij.",
                    "Ik wandel of sport drie keer per week.",
                    "Ik vertel Sanne wat goed gaat en wat lastig is.",
                ],
                "support_actions": [
                    "Sanne ziet mij elke week.",
                    "We bespreken samen mijn doelen.",
                    "Sanne zegt het ook als iets goed gaat.",
                ],
            },
            {
                "level": "orange",
                "signals": [
                    "Ik slaap slecht en zit 's nachts lang op mijn telefoon.",
                    "Ik sla afspraken over of kom te laat.",
                    "Ik zoek oude vrienden op die gebruiken.",
                    "Ik word snel boos om kleine dingen.",
                    "Ik open mijn post niet meer.",
                ],
                "my_actions": [
                    "Ik bel Sanne nog dezelfde dag.",
                    "Ik ga niet naar plekken waar gebruikt wordt.",
                    "Ik maak een wandeling als ik boos word.",
                    "Ik open mijn post samen met Sanne.",
                ],
                "support_actions": [
                    "Sanne komt binnen twee dagen langs.",
                    "Sanne en Marco overleggen met elkaar.",
                    "We maken samen een plan voor de komende week.",
                ],
            },
            {
                "level": "red",
                "signals": [
                    "Ik heb weer gebruikt.",
                    "Ik neem mijn telefoon niet meer op en wil niemand zien.",
                    "Ik heb ruzie en voel dat ik mezelf niet meer in de hand heb.",
                ],
                "my_actions": [
                    "Ik bel meteen Sanne. Buiten kantoortijd bel ik de bereikbaarheidsdienst.",
                    "Ik ga weg van de ruzie, naar een rustige plek.",
                    "Ik ben eerlijk over wat er is gebeurd.",
                ],
                "support_actions": [
                    "Sanne of de dienstdoende begeleider komt dezelfde dag.",
                    "De reclassering hoort het dezelfde dag.",
                    "Met Joost (gedragswetenschapper) kijken we of ik meer hulp nodig heb.",
                ],
            },
        ],
    })
}
