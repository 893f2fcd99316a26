//! Demo dossiers (written by a later commit).
use std::path::Path;

pub fn write_dossiers(_out: &Path, _today: chrono::NaiveDate) -> crate::Result {
    Ok(())
}
