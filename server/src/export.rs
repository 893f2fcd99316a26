//! `koers-server export`: staff read messages and reflections from the database as JSON
//! lines, on the server itself, instead of over the network. With `--key`, sealed
//! bodies for that key are opened (on the machine that holds the key, which should not
//! be the server).

use crate::config::{AccessLogArgs, ExportArgs};
use koers::model::inbox::{GoalReflection, InboxKind, Message};
use koers::model::sealed_write::{is_sealed, open_body, OpenBodyError, SecretKey};
use koers::model::write_proof::{self, WriterAttestation};
use serde_json::Value;
use std::io::{BufWriter, ErrorKind, Write};

pub fn run(args: &ExportArgs) -> Result<(), crate::Error> {
    if !args.database.is_file() {
        return Err(format!("no database at {}", args.database.display()).into());
    }
    let key = args
        .key
        .as_deref()
        .map(crate::keys::read_key_file)
        .transpose()?;
    let conn = crate::store::open_reader(&args.database)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = None;
    let mut skipped = Skipped::default();
    crate::store::for_each_row(&conn, args.kind, |kind, body, writer| {
        if failed.is_some() {
            return;
        }
        let line = match (&key, kind) {
            (Some(key), Some(kind)) => match opened(kind, body, writer, key) {
                Ok(Some(plain)) => plain,
                Ok(None) => body.to_string(),
                Err(e) => {
                    skipped.count(&e);
                    return;
                }
            },
            _ => body.to_string(),
        };
        if let Err(e) = writeln!(out, "{line}") {
            failed = Some(e);
        }
    })?;
    let result = match failed.map_or_else(|| out.flush(), Err) {
        // `export | head` closes the pipe early; that is not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    };
    skipped.report();
    Ok(result?)
}

/// `Ok(None)`: not sealed, print as stored. An opened body that names a participant gets
/// `"writer_check": "confirmed" | "unconfirmed"`: whether the server saw that participant's
/// write proof (`model::write_proof`), so staff never take a forged name for real.
fn opened(
    kind: InboxKind,
    body: &str,
    writer: Option<&str>,
    key: &SecretKey,
) -> Result<Option<String>, OpenBodyError> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| OpenBodyError::Malformed(e.to_string()))?;
    if !is_sealed(&value) {
        return Ok(None);
    }
    let plain = open_body(kind, &value, key)?;
    // The inbox could only check the readable part; check the rest now.
    let invalid = |e: koers::model::inbox::InboxError| OpenBodyError::Malformed(e.to_string());
    match kind {
        InboxKind::Messages => {
            let message: Message = serde_json::from_value(plain.clone())
                .map_err(|e| OpenBodyError::Malformed(format!("not a message: {e}")))?;
            message.validate(None).map_err(invalid)?;
        }
        InboxKind::GoalReflections => {
            let reflection: GoalReflection = serde_json::from_value(plain.clone())
                .map_err(|e| OpenBodyError::Malformed(format!("not a goal reflection: {e}")))?;
            reflection.validate().map_err(invalid)?;
        }
        InboxKind::SurveyResponses | InboxKind::Acknowledgements => {}
    }
    let mut plain = plain;
    let named = write_proof::named_participant(&plain).map(str::to_string);
    if named.is_some() {
        let id = plain.get("id").and_then(Value::as_str).unwrap_or_default();
        let attestation = writer.and_then(|w| WriterAttestation::open(w, key));
        let check = write_proof::check_writer(id, named.as_deref(), attestation.as_ref());
        if let Value::Object(map) = &mut plain {
            map.insert(
                "writer_check".into(),
                serde_json::to_value(check).expect("plain enum"),
            );
        }
    }
    Ok(Some(crate::inbox::canonical_json(&plain)))
}

#[derive(Default)]
struct Skipped {
    other_key: usize,
    failed: usize,
}

impl Skipped {
    fn count(&mut self, e: &OpenBodyError) {
        match e {
            OpenBodyError::NotForThisKey => self.other_key += 1,
            other => {
                self.failed += 1;
                eprintln!("koers-server: a sealed body could not be opened: {other}");
            }
        }
    }

    fn report(&self) {
        if self.other_key > 0 {
            eprintln!(
                "koers-server: {} sealed bodies are for another key and were left out",
                self.other_key
            );
        }
        if self.failed > 0 {
            eprintln!(
                "koers-server: {} sealed bodies could not be opened (changed or malformed) and were left out",
                self.failed
            );
        }
    }
}

/// `koers-server access-log`: the desk's access log as JSON lines, oldest first.
pub fn access_log(args: &AccessLogArgs) -> Result<(), crate::Error> {
    if !args.database.is_file() {
        return Err(format!("no database at {}", args.database.display()).into());
    }
    let conn = crate::store::open_reader(&args.database)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = None;
    crate::store::for_each_access(&conn, |entry| {
        if failed.is_none() {
            let line = serde_json::to_string(&entry).expect("plain data");
            failed = writeln!(out, "{line}").err();
        }
    })?;
    match failed.map_or_else(|| out.flush(), Err) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
