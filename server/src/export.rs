//! `koers-server export`: staff read messages and reflections from the database as JSON
//! lines, on the server itself, instead of over the network.

use crate::config::ExportArgs;
use std::io::{BufWriter, ErrorKind, Write};

pub fn run(args: &ExportArgs) -> Result<(), crate::Error> {
    if !args.database.is_file() {
        return Err(format!("no database at {}", args.database.display()).into());
    }
    let conn = crate::store::open_reader(&args.database)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = None;
    crate::store::for_each_body(&conn, args.kind, |body| {
        if failed.is_none() {
            if let Err(e) = writeln!(out, "{body}") {
                failed = Some(e);
            }
        }
    })?;
    match failed.map_or_else(|| out.flush(), Err) {
        // `export | head` closes the pipe early; that is not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
