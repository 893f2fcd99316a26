//! The writers file (`--writers`): who may write in whose name (`model::write_proof`).
//! Read at start and again whenever it changes on disk, so a new publication takes effect
//! without a restart. A changed file that cannot be read keeps the last good one: a typo
//! must not lock every participant out, nor let anyone in.

use koers::model::write_proof::Writers;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// What identifies a version of the file on disk.
type Stamp = Option<(SystemTime, u64)>;

pub struct WritersFile {
    path: Option<PathBuf>,
    current: RwLock<(Stamp, Arc<Writers>)>,
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn read(path: &Path) -> Result<Writers, crate::Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the writers file {}: {e}", path.display()))?;
    Writers::parse(&text).map_err(|e| format!("{}: {e}", path.display()).into())
}

impl WritersFile {
    /// Without a file nobody can write in a participant's name (anonymous writes still
    /// work): fail closed.
    pub fn open(path: Option<&Path>) -> Result<Self, crate::Error> {
        let writers = match path {
            Some(path) => read(path)?,
            None => {
                eprintln!(
                    "koers-server: warning: no writers file (--writers): every write that names a participant is refused"
                );
                Writers::default()
            }
        };
        Ok(Self {
            path: path.map(Path::to_path_buf),
            current: RwLock::new((path.and_then(stamp), Arc::new(writers))),
        })
    }

    /// The writers as the file says now.
    pub fn get(&self) -> Arc<Writers> {
        let Some(path) = &self.path else {
            return self
                .current
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .1
                .clone();
        };
        let now = stamp(path);
        {
            let current = self.current.read().unwrap_or_else(|e| e.into_inner());
            if current.0 == now {
                return current.1.clone();
            }
        }
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        if current.0 != now {
            match read(path) {
                Ok(writers) => {
                    eprintln!(
                        "koers-server: writers file reloaded ({} participants)",
                        writers.writers.len()
                    );
                    current.1 = Arc::new(writers);
                }
                Err(e) => eprintln!("koers-server: {e}; keeping the previous writers"),
            }
            // Also on failure: the broken version is reported once, not per request.
            current.0 = now;
        }
        current.1.clone()
    }
}

/// `koers-server writers --codes codes.json --out writers.json`.
pub fn make(args: &crate::config::WritersArgs) -> Result<(), crate::Error> {
    if !args.codes.is_file() {
        return Err(format!("no codes file at {}", args.codes.display()).into());
    }
    let codes = crate::publish::read_codes(&args.codes)?;
    let writers = Writers::from_codes(codes.iter().map(|(id, code)| (id.as_str(), code.as_str())));
    crate::keys::write_secret_file(&args.out, writers.to_json().as_bytes(), args.force)?;
    eprintln!(
        "koers-server: writers file for {} participants written to {}; give it to the server as --writers",
        writers.writers.len(),
        args.out.display()
    );
    Ok(())
}
