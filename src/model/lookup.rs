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

/// The 32 symbols of a generated access code: digits 2–9 and the letters without `I` and
/// `O`, so no symbol can be mistaken for another (`0`/`O`, `1`/`I`/`L`: there is no `0`,
/// `1`, `I` or `O` to confuse `L` with). Each symbol carries exactly 5 bits.
pub const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Symbols in a generated code: 20 × 5 = 100 bits.
pub const CODE_SYMBOLS: usize = 20;
/// Symbols per group when a code is shown or printed: `XXXX-XXXX-XXXX-XXXX-XXXX`.
pub const CODE_GROUP: usize = 4;
/// Bits of entropy in a generated code.
pub const CODE_BITS: usize = CODE_SYMBOLS * 5;

/// A new access code with 100 bits of entropy, grouped as `XXXX-XXXX-XXXX-XXXX-XXXX`.
///
/// The lookup is a fast SHA-256 of the code and its result is a public file name, so a
/// published tree is an offline guessing oracle that no slow KDF can protect: the code
/// itself must be unguessable. See `docs/api.md` ("Access codes").
pub fn generate_code(rng: &mut impl rand_core::CryptoRngCore) -> String {
    let mut bytes = [0u8; CODE_SYMBOLS];
    rng.fill_bytes(&mut bytes);
    // 256 is a multiple of 32, so the low 5 bits of a uniform byte are uniform.
    let symbols: Vec<char> = bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b & 31)] as char)
        .collect();
    group_code(&symbols.into_iter().collect::<String>())
}

/// A code as people read it: normalised, in groups of four with dashes.
pub fn group_code(code: &str) -> String {
    let n = normalise_code(code);
    let chunks: Vec<String> = n
        .as_bytes()
        .chunks(CODE_GROUP)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    chunks.join("-")
}

/// Whether a code has the generated form (20 symbols of [`CODE_ALPHABET`]): such codes are
/// only ever handed out with a sealed dossier (`koers-server publish`).
pub fn is_generated_code(code: &str) -> bool {
    let n = normalise_code(code);
    n.len() == CODE_SYMBOLS && n.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// Whether a plain (unsealed) `koers.dossier/1` may be opened at a lookup. Not when the
/// code has the generated form, nor when this lookup was opened sealed before: a host or
/// CDN that swaps an envelope for a forged plain dossier must not be believed (no
/// downgrade). Demo codes and plain publications keep working.
pub fn plain_allowed(code: Option<&str>, opened_sealed_before: bool) -> bool {
    !opened_sealed_before && !code.is_some_and(is_generated_code)
}
