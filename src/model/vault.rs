//! The device lock: an optional 5-digit PIN that keeps what the app stores on the phone
//! (outbox, survey drafts, confirmed agreements, the remembered sign-in) encrypted.
//!
//! A random data key encrypts every stored item (XChaCha20-Poly1305, the item's storage
//! name as associated data, so an item cannot be passed off as another). The data key is
//! stored only wrapped by a key derived from the PIN (Argon2id, [`PIN_KDF`]); unwrapped it
//! lives in memory while the app is open and unlocked. See THREAT_MODEL.md (M5) for what this
//! protects and why a 5-digit PIN does not stop a determined offline attacker.

use super::sealed::{derive_from_secret, KdfParams, SealKey, BASE64, KEY_LEN, NONCE_LEN, SALT_LEN};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead as _, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::Zeroizing;

/// Digits in a PIN.
pub const PIN_LEN: usize = 5;
/// Wrong PINs in a row before the app signs out and wipes what it stored.
pub const MAX_ATTEMPTS: u8 = 5;
/// Without a tap or a key for this long, the app locks.
pub const IDLE_LOCK_MS: i64 = 5 * 60 * 1000;
/// Argon2id for the PIN: the dossier's 19 MiB with twice the passes. A PIN has far less
/// entropy than an access code, so every guess should cost what a phone can bear at unlock.
pub const PIN_KDF: KdfParams = KdfParams {
    m_kib: 19 * 1024,
    t: 4,
    p: 1,
};
/// The schema of the stored lock record.
pub const LOCK_SCHEMA: &str = "koers.lock/1";
/// How an encrypted item starts in storage (plain items are JSON and never start so).
const ITEM_PREFIX: &str = "koers.vault/1:";
/// Associated data of the wrapped data key.
const WRAP_AD: &[u8] = b"koers.lock/1 data key";

/// Why a new PIN is not accepted; the settings page turns each into plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Not exactly five digits.
    Format,
    /// All the same digit, or a run up or down (12345, 98765): the first guesses anyone tries.
    TooEasy,
    /// The repeat differs.
    Mismatch,
}

/// Exactly [`PIN_LEN`] ASCII digits.
pub fn valid_pin(pin: &str) -> bool {
    pin.len() == PIN_LEN && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a new PIN and its repeat.
pub fn check_new_pin(pin: &str, repeat: &str) -> Result<(), PinProblem> {
    if !valid_pin(pin) {
        return Err(PinProblem::Format);
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    let run = |step: i16| steps.iter().all(|&s| s == step);
    if run(0) || run(1) || run(-1) {
        return Err(PinProblem::TooEasy);
    }
    if pin != repeat {
        return Err(PinProblem::Mismatch);
    }
    Ok(())
}

/// Whether the app should lock now, given the last time the person used it.
pub fn idle_expired(last_use_ms: i64, now_ms: i64) -> bool {
    now_ms - last_use_ms >= IDLE_LOCK_MS
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The PIN does not open the lock record.
    WrongPin,
    /// Stored data that is not what this app wrote, or that another key sealed.
    Damaged,
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongPin => f.write_str("the PIN does not open the lock"),
            Self::Damaged => f.write_str("stored data cannot be opened"),
        }
    }
}

impl std::error::Error for VaultError {}

/// The key that encrypts stored items; wiped from memory when dropped.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

fn seal_bytes(
    key: &[u8; KEY_LEN],
    plaintext: &[u8],
    ad: &[u8],
    rng: &mut impl CryptoRngCore,
) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(key.into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: ad,
            },
        )
        .expect("encrypting in memory does not fail");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ciphertext);
    BASE64.encode(out)
}

fn open_bytes(
    key: &[u8; KEY_LEN],
    sealed: &str,
    ad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let bytes = BASE64.decode(sealed).map_err(|_| VaultError::Damaged)?;
    if bytes.len() < NONCE_LEN {
        return Err(VaultError::Damaged);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
    XChaCha20Poly1305::new(key.into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: ad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| VaultError::Damaged)
}

impl DataKey {
    /// The key itself, for wrapping it (and for the tests that check a wrap).
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    pub fn generate(rng: &mut impl CryptoRngCore) -> Self {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        rng.fill_bytes(key.as_mut());
        Self(key)
    }

    /// Encrypts one stored item; `name` (its storage key) is bound to it.
    pub fn seal_item(&self, name: &str, plaintext: &str, rng: &mut impl CryptoRngCore) -> String {
        let mut out = ITEM_PREFIX.to_string();
        out.push_str(&seal_bytes(
            &self.0,
            plaintext.as_bytes(),
            name.as_bytes(),
            rng,
        ));
        out
    }

    /// Opens an item stored under `name`; a changed byte, another key or another name is
    /// `Damaged`, never garbage.
    pub fn open_item(&self, name: &str, stored: &str) -> Result<Zeroizing<String>, VaultError> {
        let body = stored
            .strip_prefix(ITEM_PREFIX)
            .ok_or(VaultError::Damaged)?;
        let bytes = open_bytes(&self.0, body, name.as_bytes())?;
        String::from_utf8(bytes.to_vec())
            .map(Zeroizing::new)
            .map_err(|_| VaultError::Damaged)
    }
}

/// Whether a stored value is an encrypted item (else it is plain JSON from before the PIN).
pub fn is_sealed_item(stored: &str) -> bool {
    stored.starts_with(ITEM_PREFIX)
}

/// The lock record kept in storage: the data key wrapped by the PIN's key, and how many
/// wrong PINs may still follow. Nothing in it reveals the PIN or the data key without a guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    pub schema: String,
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
    /// Base64 of the Argon2id salt.
    pub salt: String,
    /// One wrap of the data key (base64 of nonce ‖ encrypted key ‖ tag) for each attempt
    /// left, the n-th bound to its place n by its associated data. An attempt takes the last
    /// one out of storage before the check, and only the right PIN (whose key can wrap
    /// again) puts [`MAX_ATTEMPTS`] back. So the count cannot be reset by editing a number
    /// in storage: without the PIN no one can make a wrap, and a wrap moved to another
    /// place does not open. Only restoring an earlier copy of the storage gives attempts
    /// back, and whoever has a copy can try every PIN offline anyway (THREAT_MODEL.md, M5).
    #[serde(default)]
    pub wraps: Vec<String>,
    /// A record from before per-attempt wraps, until its next unlock: one wrap, and the
    /// attempts as a plain number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapped: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u8>,
}

/// One PIN attempt: the wrap it took out of the record, and from which place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The attempts there were before this one.
    pub before: u8,
    wrap: String,
    /// 1 ..= [`MAX_ATTEMPTS`]; 0 for a record from before per-attempt wraps.
    place: u8,
}

/// The associated data of the wrap at `place` (0: the one wrap of an older record).
fn wrap_ad(place: u8) -> Vec<u8> {
    if place == 0 {
        WRAP_AD.to_vec()
    } else {
        format!("koers.lock/1 data key #{place}").into_bytes()
    }
}

fn wraps_for(wrapping: &SealKey, key: &DataKey, rng: &mut impl CryptoRngCore) -> Vec<String> {
    (1..=MAX_ATTEMPTS)
        .map(|place| seal_bytes(wrapping.as_bytes(), key.as_bytes(), &wrap_ad(place), rng))
        .collect()
}

impl LockRecord {
    /// Wraps `key` with a key derived from `pin` (fresh salt and nonces).
    pub fn create(
        pin: &str,
        key: &DataKey,
        params: KdfParams,
        rng: &mut impl CryptoRngCore,
    ) -> Result<Self, VaultError> {
        let mut salt = [0u8; SALT_LEN];
        rng.fill_bytes(&mut salt);
        let wrapping =
            derive_from_secret(pin.as_bytes(), &salt, params).map_err(|_| VaultError::Damaged)?;
        Ok(Self {
            schema: LOCK_SCHEMA.into(),
            m_kib: params.m_kib,
            t: params.t,
            p: params.p,
            salt: BASE64.encode(salt),
            wraps: wraps_for(&wrapping, key, rng),
            wrapped: None,
            attempts_left: None,
        })
    }

    /// The salt and cost of the PIN's key derivation: the caller derives the wrapping key
    /// with Argon2id, which lives in a wasm chunk of its own (`state::open::argon2id`).
    pub fn kdf(&self) -> Result<(Vec<u8>, KdfParams), VaultError> {
        if self.schema != LOCK_SCHEMA {
            return Err(VaultError::Damaged);
        }
        let salt = BASE64.decode(&self.salt).map_err(|_| VaultError::Damaged)?;
        let params = KdfParams {
            m_kib: self.m_kib,
            t: self.t,
            p: self.p,
        };
        Ok((salt, params))
    }

    /// The attempts left: the wraps left (an older record: its number).
    pub fn attempts_left(&self) -> u8 {
        match &self.wrapped {
            Some(_) => self.attempts_left.unwrap_or(0),
            None => self.wraps.len().min(usize::from(MAX_ATTEMPTS)) as u8,
        }
    }

    /// Before the slow PIN check starts: the attempt takes its wrap out, and the caller
    /// stores the record, so closing the tab (or a second tab) during the check cannot
    /// give it back. `None`: none left (a check was cut off at the last attempt): wipe.
    pub fn begin_attempt(&mut self) -> Option<Attempt> {
        if let Some(wrap) = &self.wrapped {
            let left = self.attempts_left.unwrap_or(0).min(MAX_ATTEMPTS);
            if left == 0 {
                return None;
            }
            self.attempts_left = Some(left - 1);
            return Some(Attempt {
                before: left,
                wrap: wrap.clone(),
                place: 0,
            });
        }
        self.wraps.truncate(usize::from(MAX_ATTEMPTS));
        let wrap = self.wraps.pop()?;
        let place = self.wraps.len() as u8 + 1;
        Some(Attempt {
            before: place,
            wrap,
            place,
        })
    }

    /// The data key, given the key derived from the PIN by [`LockRecord::kdf`].
    pub fn unlock_with(
        &self,
        attempt: &Attempt,
        wrapping: &SealKey,
    ) -> Result<DataKey, VaultError> {
        let bytes = open_bytes(wrapping.as_bytes(), &attempt.wrap, &wrap_ad(attempt.place))
            .map_err(|_| VaultError::WrongPin)?;
        let key: [u8; KEY_LEN] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Damaged)?;
        Ok(DataKey(Zeroizing::new(key)))
    }

    /// The data key, if `pin` is the PIN, without spending an attempt. Slow on purpose
    /// (Argon2id). The app does the same in steps ([`LockRecord::begin_attempt`],
    /// [`LockRecord::kdf`], `state::open::argon2id`, [`LockRecord::unlock_with`]) so the
    /// derivation can live in a wasm chunk of its own.
    pub fn unlock(&self, pin: &str) -> Result<DataKey, VaultError> {
        let (salt, params) = self.kdf()?;
        let wrapping: SealKey =
            derive_from_secret(pin.as_bytes(), &salt, params).map_err(|_| VaultError::Damaged)?;
        let attempt = self.clone().begin_attempt().ok_or(VaultError::WrongPin)?;
        self.unlock_with(&attempt, &wrapping)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain struct")
    }

    /// A stored record; a number of attempts next to wraps is dropped (only an older
    /// record, with its one wrap, counts by number).
    pub fn from_json(text: &str) -> Option<Self> {
        let mut record: Self = serde_json::from_str(text).ok()?;
        if record.wrapped.is_none() {
            record.attempts_left = None;
        }
        Some(record)
    }

    /// The PIN was right: every attempt back, as fresh wraps made with its key (an older
    /// record becomes one with wraps). Returns how many wrong PINs were typed since the
    /// last time the lock opened, which the participant is told.
    pub fn succeeded(
        &mut self,
        attempt: &Attempt,
        wrapping: &SealKey,
        key: &DataKey,
        rng: &mut impl CryptoRngCore,
    ) -> u8 {
        self.wraps = wraps_for(wrapping, key, rng);
        self.wrapped = None;
        self.attempts_left = None;
        MAX_ATTEMPTS.saturating_sub(attempt.before)
    }

    /// The check could not run (no connection for its chunk, a damaged record): the
    /// attempt is given back.
    pub fn not_tried(&mut self, attempt: Attempt) {
        if self.wrapped.is_some() {
            self.attempts_left = Some(attempt.before);
        } else {
            self.wraps.push(attempt.wrap);
        }
    }

    /// No attempts left.
    pub fn exhausted(&self) -> bool {
        self.attempts_left() == 0
    }
}

/// What the app remembers of a sign-in behind the PIN: the lookup (never the code) and its
/// secrets, so a reopen needs only the PIN. The secrets are sealed a second time, by this
/// browser's device key (`state::device_key`, a non-extractable WebCrypto key): a copy of
/// localStorage with a guessed PIN gives the lookup, not the dossier's key or the proof.
#[derive(Serialize, Deserialize)]
pub struct Remembered {
    pub lookup: String,
    /// Base64 of [`RememberedSecrets`] as sealed by the device key, with [`DEVICE_AD`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Records written before the device key held the secrets here, behind the PIN only.
    /// Still read (nothing behind an older PIN is lost) and sealed anew at the next unlock.
    #[serde(default, flatten)]
    pub older: RememberedSecrets,
}

/// The associated data of the remembered secrets under the device key.
pub const DEVICE_AD: &[u8] = b"koers.remembered/1 secrets";

impl Remembered {
    /// A record for `lookup` whose secrets the device key sealed into `device`.
    pub fn sealed_by_device(lookup: String, device: Option<&[u8]>) -> Self {
        Self {
            lookup,
            device: device.map(|bytes| BASE64.encode(bytes)),
            older: RememberedSecrets::default(),
        }
    }

    /// The device-sealed secrets, when this record has them (`None` for an older record,
    /// and for a damaged value, which then opens to nothing).
    pub fn device_sealed(&self) -> Option<Vec<u8>> {
        BASE64.decode(self.device.as_deref()?).ok()
    }

    /// Whether this record was written before the device key.
    pub fn is_older(&self) -> bool {
        self.device.is_none() && !self.older.is_empty()
    }
}

/// The secrets of a remembered sign-in: for a sealed dossier, the key derived from the code
/// at sign-in, and the write proof.
#[derive(Default, Serialize, Deserialize)]
pub struct RememberedSecrets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<RememberedKey>,
    /// The write proof (`model::write_proof`), so writes in the participant's name can go
    /// out after a reopen with only the PIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writer: Option<RememberedWriter>,
}

impl RememberedSecrets {
    pub fn is_empty(&self) -> bool {
        self.sealed.is_none() && self.writer.is_none()
    }

    /// The JSON the device key seals (zeroed when dropped).
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(serde_json::to_vec(self).unwrap_or_default())
    }

    /// What [`Self::to_bytes`] wrote; `None` when it is not that.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

/// A participant's write proof, and whose it is.
#[derive(Clone, Serialize, Deserialize)]
pub struct RememberedWriter {
    pub participant_id: String,
    pub proof: String,
}

impl Drop for RememberedWriter {
    fn drop(&mut self) {
        use zeroize::Zeroize as _;
        self.proof.zeroize();
    }
}

#[derive(Serialize, Deserialize)]
pub struct RememberedKey {
    /// The envelope's salt (base64), so the key is only tried on the envelope it belongs to.
    pub salt: String,
    /// Base64 of the dossier key.
    pub key: String,
}

impl RememberedKey {
    pub fn new(salt: &str, key: &SealKey) -> Self {
        Self {
            salt: salt.into(),
            key: BASE64.encode(key.as_bytes()),
        }
    }

    pub fn seal_key(&self) -> Option<SealKey> {
        let bytes = Zeroizing::new(BASE64.decode(&self.key).ok()?);
        let key: [u8; KEY_LEN] = bytes.as_slice().try_into().ok()?;
        Some(SealKey::from_bytes(key))
    }
}

impl Drop for RememberedKey {
    fn drop(&mut self) {
        use zeroize::Zeroize as _;
        self.key.zeroize();
    }
}
