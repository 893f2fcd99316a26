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
///
/// The contents go to a new temporary file next to it (created exclusively, mode 0600,
/// so a symlink planted there is never followed) and are renamed over the target: a
/// reader never sees half a secret, a symlink at the target is replaced rather than
/// written through, and a file that was world-readable before is not reused.
pub fn write_secret_file(path: &Path, contents: &[u8], force: bool) -> Result<(), crate::Error> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!("{} exists; use --force to replace it", path.display()).into());
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let mut nonce = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut OsRng, &mut nonce);
    let temp = dir.join(format!(
        ".{}.{:016x}.tmp",
        name.to_string_lossy(),
        u64::from_le_bytes(nonce)
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| -> std::io::Result<()> {
        let mut file = options.open(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write {}: {e}", path.display()).into());
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn secrets_replace_a_symlink_instead_of_writing_through_it() {
        let dir = std::env::temp_dir().join(format!("koers-secret-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.join("codes.json");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        assert!(
            write_secret_file(&target, b"secret", false).is_err(),
            "exists"
        );
        write_secret_file(&target, b"secret", true).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&target)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "secret");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // Nothing left behind.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
