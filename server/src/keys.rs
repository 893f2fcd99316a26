//! `koers-server keygen`: an X25519 key pair for sealed writes. The secret key file
//! belongs on the recipient's machine (the confidential adviser, the survey team), not on
//! the server; the public key goes into `contacts.json` or the survey.

use crate::config::KeygenArgs;
use koers::model::sealed_write::SecretKey;
use rand_core::OsRng;
use std::io::Write;
use std::path::Path;

pub fn keygen(args: &KeygenArgs) -> Result<(), crate::Error> {
    let key = SecretKey::generate(&mut OsRng);
    write_secret_file(&args.out, key.to_key_file().as_bytes(), args.force)?;
    eprintln!(
        "koers-server: secret key written to {} (keep it off the server; whoever has it reads the sealed writes)",
        args.out.display()
    );
    eprintln!(
        "koers-server: put this public key in contacts.json or the survey as \"public_key\":"
    );
    println!("{}", key.public_key().to_base64());
    Ok(())
}

pub fn read_key_file(path: &Path) -> Result<SecretKey, crate::Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
    Ok(SecretKey::from_key_file(&text).map_err(|e| format!("{}: {e}", path.display()))?)
}

/// Writes a file only its owner can read; an existing file is kept unless `force`.
pub fn write_secret_file(path: &Path, contents: &[u8], force: bool) -> Result<(), crate::Error> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} exists; use --force to replace it", path.display())
        } else {
            format!("cannot write {}: {e}", path.display())
        }
    })?;
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(())
}
