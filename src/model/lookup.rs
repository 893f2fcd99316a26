//! Access codes and the lookup path of a dossier. The code never appears in a URL:
//! only a hash of it does.

use sha2::{Digest, Sha256};

/// Upper-case A–Z and 0–9 only: people type codes with spaces, dashes and any case.
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The first 32 hex characters of SHA-256(`koers-lookup:` + normalised code).
pub fn lookup(code: &str) -> String {
    let digest = Sha256::digest(format!("koers-lookup:{}", normalise_code(code)).as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Whether a typed code could be a code at all (so we can say so before asking the server).
pub fn plausible_code(code: &str) -> bool {
    let n = normalise_code(code);
    (4..=64).contains(&n.len())
}
