//! "Lees voor" reads each piece in its own language (`model::speech`), and the dossier says
//! which language its texts are in (`lang`, Dutch by default).
use koers::model::{
    speech::{self, Piece},
    Dossier,
};

#[test]
fn primary_subtags() {
    assert_eq!(speech::primary("en-GB").as_deref(), Some("en"));
    assert_eq!(speech::primary("nl_NL").as_deref(), Some("nl"));
    assert_eq!(speech::primary(" AR ").as_deref(), Some("ar"));
    assert_eq!(speech::primary(""), None);
    assert_eq!(speech::primary("x"), None);
    assert_eq!(speech::primary("12-34"), None);
    assert_eq!(
        Piece::new("", "tekst").lang,
        "nl",
        "unknown is the dossier's Dutch"
    );
}

#[test]
fn pieces_in_one_language_are_one_utterance() {
    let pieces = [
        Piece::new("ar", "اتفاق"),
        Piece::new("nl", "Ik ben op tijd."),
        Piece::new("nl", "  "),
        Piece::new("nl", "Ik bel af als ik ziek ben."),
        Piece::new("ar", "ما أفعله:"),
    ];
    assert_eq!(
        speech::utterances(&pieces),
        [
            Piece::new("ar", "اتفاق"),
            Piece::new("nl", "Ik ben op tijd. Ik bel af als ik ziek ben."),
            Piece::new("ar", "ما أفعله:"),
        ]
    );
}

#[test]
fn read_only_with_a_voice_for_every_language_in_it() {
    let pieces = [Piece::new("ar", "عنوان"), Piece::new("nl", "Tekst")];
    assert!(speech::speakable(&pieces, &["ar".into(), "nl".into()]));
    assert!(
        !speech::speakable(&pieces, &["ar".into()]),
        "Dutch read by an Arabic voice"
    );
    assert!(!speech::speakable(&[], &["nl".into()]));
    assert!(!speech::speakable(&[Piece::new("nl", " ")], &["nl".into()]));
}

#[test]
fn the_dossier_says_its_language_dutch_by_default() {
    let dossier = |extra: serde_json::Value| -> Dossier {
        let mut json = serde_json::json!({
            "schema": "koers.dossier/1",
            "participant": { "id": "p", "first_name": "Sam" }
        });
        json.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(json).unwrap()
    };
    assert_eq!(dossier(serde_json::json!({})).data_lang(), "nl");
    assert_eq!(
        dossier(serde_json::json!({ "lang": null })).data_lang(),
        "nl"
    );
    assert_eq!(dossier(serde_json::json!({ "lang": "" })).data_lang(), "nl");
    assert_eq!(
        dossier(serde_json::json!({ "lang": "en-GB" })).data_lang(),
        "en"
    );
    // Liberal decoding: a value that is no language is Dutch, not an error.
    assert_eq!(
        dossier(serde_json::json!({ "lang": "???" })).data_lang(),
        "nl"
    );
}

#[test]
fn a_sentence_ends_in_a_mark() {
    assert_eq!(
        Piece::sentence("nl", " Ik ben op tijd ").text,
        "Ik ben op tijd."
    );
    assert_eq!(Piece::sentence("nl", "Wat doe ik?").text, "Wat doe ik?");
    assert_eq!(Piece::sentence("ar", "ماذا أفعل؟").text, "ماذا أفعل؟");
    assert_eq!(Piece::sentence("nl", "").text, "");
}
