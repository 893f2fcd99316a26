//! The outbox: every write the app makes waits here until the inbox has stored it.
//!
//! A pure state machine (no clock, no browser): the web side (`state::outbox`) passes in the
//! time and the outcome of each attempt, and persists the whole outbox as JSON. Sending
//! twice is harmless: the inbox stores each `id` once (201 new, 200 repeat).

use super::inbox::InboxKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// The first retry waits this long; every further one twice as long.
pub const BASE_DELAY: Millis = 2_000;
/// The longest wait between two attempts.
pub const MAX_DELAY: Millis = 5 * 60_000;
/// How long a sent item stays, so the screen can still say "verstuurd".
pub const KEEP_SENT: Millis = 10 * 60_000;

/// Stored as `"state": "waiting" | "sent" | "failed"` with a `"reason"` for a failure, next
/// to the other fields of the item (see [`StoredItem`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    /// Not stored yet: will be (re)tried at `next_attempt_at`.
    Waiting,
    /// The inbox answered 201 or 200.
    Sent,
    /// The inbox refused it (a 4xx other than 408/429): trying again will not help.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredItem", into = "StoredItem")]
pub struct OutboxItem {
    pub id: Uuid,
    pub kind: InboxKind,
    /// The JSON body; dropped as soon as the inbox has stored it.
    pub body: Option<serde_json::Value>,
    pub state: ItemState,
    pub attempts: u32,
    pub next_attempt_at: Millis,
    pub created_at: Millis,
    pub sent_at: Option<Millis>,
    /// The participant in whose name this is written: it is only sent with their write
    /// proof (`model::write_proof`), and waits while the app does not have it.
    pub writer: Option<String>,
    /// Being sent right now (not persisted: after a reload nothing is in flight).
    pub in_flight: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StateName {
    Waiting,
    Sent,
    Failed,
}

/// An item as it is stored: the state as two plain fields. (`#[serde(flatten)]` of the
/// state would say the same, but buffers every item while decoding, which cost several
/// KB of the wasm that every start-up loads.)
#[derive(Serialize, Deserialize)]
struct StoredItem {
    id: Uuid,
    kind: InboxKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
    state: StateName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default)]
    attempts: u32,
    #[serde(default)]
    next_attempt_at: Millis,
    #[serde(default)]
    created_at: Millis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sent_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    writer: Option<String>,
}

impl From<StoredItem> for OutboxItem {
    fn from(s: StoredItem) -> Self {
        // Items stored before trusted writes: the plain body says whose it is.
        let writer = s.writer.or_else(|| {
            s.body
                .as_ref()
                .and_then(super::write_proof::named_participant)
                .map(str::to_string)
        });
        let state = match s.state {
            StateName::Waiting => ItemState::Waiting,
            StateName::Sent => ItemState::Sent,
            StateName::Failed => ItemState::Failed(s.reason.unwrap_or_default()),
        };
        Self {
            id: s.id,
            kind: s.kind,
            body: s.body,
            state,
            attempts: s.attempts,
            next_attempt_at: s.next_attempt_at,
            created_at: s.created_at,
            sent_at: s.sent_at,
            writer,
            in_flight: false,
        }
    }
}

impl From<OutboxItem> for StoredItem {
    fn from(item: OutboxItem) -> Self {
        let (state, reason) = match item.state {
            ItemState::Waiting => (StateName::Waiting, None),
            ItemState::Sent => (StateName::Sent, None),
            ItemState::Failed(reason) => (StateName::Failed, Some(reason)),
        };
        Self {
            id: item.id,
            kind: item.kind,
            body: item.body,
            state,
            reason,
            attempts: item.attempts,
            next_attempt_at: item.next_attempt_at,
            created_at: item.created_at,
            sent_at: item.sent_at,
            writer: item.writer,
        }
    }
}

/// A write in nobody's name can always go; one in a name only with that name's proof.
fn can_send(item: &OutboxItem, prover: Option<&str>) -> bool {
    match &item.writer {
        None => true,
        Some(writer) => prover == Some(writer.as_str()),
    }
}

/// What came of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 201 stored or 200 already stored.
    Stored,
    /// Any other HTTP answer, with a reason to show and the `Retry-After` seconds if any.
    Http {
        status: u16,
        reason: String,
        retry_after_secs: Option<u64>,
    },
    /// No answer at all (offline, DNS, connection reset).
    Network,
}

impl Outcome {
    pub fn status(status: u16, reason: impl Into<String>) -> Self {
        Self::Http {
            status,
            reason: reason.into(),
            retry_after_secs: None,
        }
    }
}

/// Whether an HTTP status is worth trying again: server errors, timeouts and rate limits.
pub fn is_retryable(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429 || status < 400
}

/// The wait before attempt `attempts + 1`, after `attempts` failed ones:
/// 2 s · 2^(attempts-1), at most 5 minutes. `jitter` in [0, 1) takes up to a fifth off,
/// so many devices coming back online do not all retry at the same moment.
pub fn backoff(attempts: u32, jitter: f64) -> Millis {
    let exp = attempts.saturating_sub(1).min(20);
    let delay = BASE_DELAY.saturating_mul(1 << exp).min(MAX_DELAY);
    let jitter = jitter.clamp(0.0, 1.0);
    delay - (delay as f64 * jitter / 5.0) as Millis
}

/// One body to send now.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub id: Uuid,
    pub kind: InboxKind,
    pub body: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    #[serde(default)]
    pub items: Vec<OutboxItem>,
}

impl Outbox {
    /// Reads a stored outbox; anything unreadable counts as empty (never a crash).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"items\":[]}".into())
    }

    /// Adds a body to send as soon as possible. The same `id` twice is kept once.
    /// A plain body: whose it is, is its `participant_id`.
    pub fn enqueue(&mut self, kind: InboxKind, id: Uuid, body: serde_json::Value, now: Millis) {
        let writer = super::write_proof::named_participant(&body).map(str::to_string);
        self.enqueue_as(kind, id, body, writer, now);
    }

    /// A body written in `writer`'s name (a sealed one hides the name inside).
    pub fn enqueue_as(
        &mut self,
        kind: InboxKind,
        id: Uuid,
        body: serde_json::Value,
        writer: Option<String>,
        now: Millis,
    ) {
        if self.get(id).is_some() {
            return;
        }
        self.items.push(OutboxItem {
            id,
            kind,
            body: Some(body),
            state: ItemState::Waiting,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            sent_at: None,
            writer,
            in_flight: false,
        });
    }

    pub fn get(&self, id: Uuid) -> Option<&OutboxItem> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn state(&self, id: Uuid) -> Option<&ItemState> {
        self.get(id).map(|i| &i.state)
    }

    /// The items whose turn it is, marked as in flight so a second flush leaves them be.
    /// `prover`: the participant whose write proof the app holds now; items written in
    /// another name (or in a name while there is no proof) wait.
    pub fn take_due(&mut self, now: Millis, prover: Option<&str>) -> Vec<Due> {
        self.items
            .iter_mut()
            .filter(|i| i.state == ItemState::Waiting && !i.in_flight && i.next_attempt_at <= now)
            .filter(|i| can_send(i, prover))
            .filter_map(|i| {
                let body = i.body.clone()?;
                i.in_flight = true;
                Some(Due {
                    id: i.id,
                    kind: i.kind,
                    body,
                })
            })
            .collect()
    }

    /// Records how an attempt went. `jitter` in [0, 1) spreads the retries.
    pub fn record(&mut self, id: Uuid, outcome: Outcome, now: Millis, jitter: f64) {
        let Some(item) = self.items.iter_mut().find(|i| i.id == id) else {
            return;
        };
        item.in_flight = false;
        if item.state != ItemState::Waiting {
            return;
        }
        item.attempts = item.attempts.saturating_add(1);
        match outcome {
            Outcome::Stored => {
                item.state = ItemState::Sent;
                item.body = None;
                item.sent_at = Some(now);
            }
            Outcome::Http {
                status,
                reason,
                retry_after_secs,
            } if !is_retryable(status) => {
                let _ = retry_after_secs;
                item.state = ItemState::Failed(reason);
            }
            Outcome::Http {
                retry_after_secs, ..
            } => {
                let wait = backoff(item.attempts, jitter);
                let asked = retry_after_secs
                    .map(|s| (s.min(3600) as Millis).saturating_mul(1000))
                    .unwrap_or(0);
                item.next_attempt_at = now + wait.max(asked);
            }
            Outcome::Network => {
                item.next_attempt_at = now + backoff(item.attempts, jitter);
            }
        }
    }

    /// The connection is back: everything waiting may be tried at once.
    pub fn wake(&mut self, now: Millis) {
        for item in &mut self.items {
            if item.state == ItemState::Waiting {
                item.next_attempt_at = item.next_attempt_at.min(now);
            }
        }
    }

    /// Tries a failed item again (the participant asked for it).
    pub fn retry(&mut self, id: Uuid, now: Millis) {
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            if matches!(item.state, ItemState::Failed(_)) && item.body.is_some() {
                item.state = ItemState::Waiting;
                item.next_attempt_at = now;
            }
        }
    }

    /// Removes an item (a failed one the participant gave up on).
    pub fn discard(&mut self, id: Uuid) {
        self.items.retain(|i| i.id != id);
    }

    /// Forgets sent items after [`KEEP_SENT`].
    pub fn prune(&mut self, now: Millis) {
        self.items.retain(|i| match (&i.state, i.sent_at) {
            (ItemState::Sent, Some(at)) => now - at < KEEP_SENT,
            (ItemState::Sent, None) => false,
            _ => true,
        });
    }

    /// Whether [`Outbox::take_due`] would hand anything out now: the app fetches its sending
    /// code only then.
    pub fn has_due(&self, now: Millis, prover: Option<&str>) -> bool {
        self.next_due(prover).is_some_and(|at| at <= now)
    }

    /// When the next waiting item is due, for the retry timer (items that wait for a proof
    /// are not: the next sign-in or unlock sends them).
    pub fn next_due(&self, prover: Option<&str>) -> Option<Millis> {
        self.items
            .iter()
            .filter(|i| i.state == ItemState::Waiting && !i.in_flight && i.body.is_some())
            .filter(|i| can_send(i, prover))
            .map(|i| i.next_attempt_at)
            .min()
    }

    /// Whether an item waits because the app does not hold its writer's proof (the
    /// screen then says: sign in again to send this).
    pub fn awaits_proof(&self, id: Uuid, prover: Option<&str>) -> bool {
        self.get(id)
            .is_some_and(|i| i.state == ItemState::Waiting && !can_send(i, prover))
    }

    /// How many items still wait to be sent.
    pub fn waiting(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.state == ItemState::Waiting)
            .count()
    }
}
