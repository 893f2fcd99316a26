//! Trusted writes (`model::write_proof`): the proof, the writers file, the header and the
//! sealed writer's attestation.

use koers::model::write_proof::*;
use serde_json::json;

#[test]
fn the_proof_is_the_documented_hash_of_the_normalised_code() {
    // docs/api.md, "Trusted writes": SHA-256("koers-write:" + normalised code), hex.
    // Computed independently: printf 'koers-write:AB12CD34' | sha256sum
    let p = proof("ab12-cd34");
    assert_eq!(
        p,
        "b615491b9b588794c0e39cc7da41709cfafdf160b2325e934f5af9fe874adb36"
    );
    assert_eq!(
        p,
        proof(" AB12 cd34 "),
        "spaces, dashes and case do not matter"
    );
    // printf '%s' "$proof" | sha256sum
    assert_eq!(
        proof_hash(&p),
        "f5dcd1db54875c187f3ee15d4efedd90b38ca8624ecd53014a499f787b1de5f9"
    );
    // Not the lookup: a public file name must say nothing about the proof.
    assert!(!p.starts_with(&koers::model::lookup::lookup("ab12-cd34")));
}

#[test]
fn header_parsing_takes_only_lowercase_hex_proofs() {
    let p = proof("AB12CD34");
    assert_eq!(parse_header(&header_value(&p)), Ok(p.as_str()));
    assert_eq!(parse_header(&format!("koers-write {p}")), Ok(p.as_str()));
    assert_eq!(
        parse_header(&format!("Koers-Write {}", p.to_uppercase())),
        Err(HeaderProblem::Malformed)
    );
    assert_eq!(
        parse_header(&format!("Koers-Write {}", &p[..63])),
        Err(HeaderProblem::Malformed)
    );
    assert_eq!(
        parse_header(&format!("Bearer {p}")),
        Err(HeaderProblem::OtherScheme)
    );
    assert_eq!(parse_header(""), Err(HeaderProblem::OtherScheme));
}

#[test]
fn the_writers_file_allows_only_the_participants_own_proof() {
    let writers = Writers::from_codes([("p-1", "AAAA-BBBB"), ("p-2", "CCCC-DDDD")]);
    let text = writers.to_json();
    let back = Writers::parse(&text).unwrap();
    assert_eq!(back, writers);
    assert!(back.allows("p-1", &proof("aaaabbbb")));
    assert!(!back.allows("p-1", &proof("CCCC-DDDD")), "another's proof");
    assert!(
        !back.allows("p-3", &proof("AAAA-BBBB")),
        "unknown participant"
    );
    assert_eq!(back.writer_of(&proof("CCCCDDDD")), Some("p-2"));
    assert_eq!(back.writer_of(&proof("EEEE")), None);
    // The file holds hashes of proofs, never proofs: a leaked file is no proof.
    assert!(!text.contains(&proof("AAAA-BBBB")));
    assert!(!back.allows("p-1", &back.writers["p-1"]));
}

#[test]
fn a_half_understood_writers_file_is_refused() {
    assert!(matches!(Writers::parse("{"), Err(WritersError::NotJson(_))));
    assert!(matches!(
        Writers::parse(r#"{"schema": "koers.writers/2", "writers": {}}"#),
        Err(WritersError::Schema(_))
    ));
    let upper = proof_hash("x").to_uppercase();
    assert_eq!(
        Writers::parse(&format!(
            r#"{{"schema": "koers.writers/1", "writers": {{"p-1": "{upper}"}}}}"#
        )),
        Err(WritersError::BadHash("p-1".into()))
    );
    assert!(Writers::parse(r#"{"schema": "koers.writers/1", "writers": {}}"#).is_ok());
}

#[test]
fn only_plain_bodies_that_name_someone_need_a_proof() {
    assert_eq!(
        named_participant(&json!({"participant_id": "p-1"})),
        Some("p-1")
    );
    assert_eq!(named_participant(&json!({"participant_id": null})), None);
    assert_eq!(named_participant(&json!({"sealed": {}})), None);
}

#[test]
fn an_attestation_confirms_only_its_own_body_and_name() {
    let a = WriterAttestation::new("id-1", "p-1");
    assert_eq!(
        check_writer("id-1", Some("p-1"), Some(&a)),
        WriterCheck::Confirmed
    );
    assert_eq!(
        check_writer("id-2", Some("p-1"), Some(&a)),
        WriterCheck::Unconfirmed
    );
    assert_eq!(
        check_writer("id-1", Some("p-2"), Some(&a)),
        WriterCheck::Unconfirmed
    );
    assert_eq!(
        check_writer("id-1", Some("p-1"), None),
        WriterCheck::Unconfirmed
    );
    assert_eq!(check_writer("id-1", None, None), WriterCheck::Anonymous);
}

#[test]
fn constant_time_eq_is_eq() {
    assert!(constant_time_eq(b"abc", b"abc"));
    assert!(!constant_time_eq(b"abc", b"abd"));
    assert!(!constant_time_eq(b"abc", b"ab"));
}

#[test]
fn a_sealed_attestation_opens_only_with_the_recipients_key() {
    use koers::model::sealed_write::SecretKey;
    let key = SecretKey::generate(&mut rand_core::OsRng);
    let other = SecretKey::generate(&mut rand_core::OsRng);
    let a = WriterAttestation::new("id-1", "p-1");
    let sealed = a.seal(&key.public_key(), &mut rand_core::OsRng);
    assert!(!sealed.contains("p-1"));
    assert_eq!(WriterAttestation::open(&sealed, &key), Some(a));
    assert_eq!(WriterAttestation::open(&sealed, &other), None);
    assert_eq!(WriterAttestation::open("not base64!", &key), None);
}
