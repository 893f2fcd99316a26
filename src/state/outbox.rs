//! The outbox in the browser: every write goes through here. Items are kept in
//! localStorage (`koers.outbox`, encrypted behind the PIN when one is set: `state::lock`), sent with [`crate::api::post_inbox`], and retried at start-up,
//! when the connection comes back (`online`) and on a timer for due retries.
//! The rules (states, backoff) are in [`crate::model::outbox`].

use super::lock;
use crate::api::{self, ApiError};
use crate::model::{
    inbox::InboxKind,
    outbox::{ItemState, Millis, Outbox, Outcome},
};
use leptos::prelude::*;
use uuid::Uuid;

pub const KEY: &str = crate::model::storage::OUTBOX;

fn now() -> Millis {
    crate::browser::now_ms() as Millis
}

fn load() -> Outbox {
    lock::read_item(KEY)
        .map(|text| Outbox::from_json(&text))
        .unwrap_or_default()
}

fn outcome(result: Result<(), ApiError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Stored,
        Err(ApiError::Offline) => Outcome::Network,
        Err(e @ ApiError::NotFound) => Outcome::status(404, e.to_string()),
        Err(e @ ApiError::Server(status)) => Outcome::status(status, e.to_string()),
        // The body could not even be made: trying again gives the same.
        Err(e @ ApiError::BadData { .. }) => Outcome::status(400, e.to_string()),
        Err(_) => Outcome::Network,
    }
}

/// What this device remembers once the inbox has a write: a confirmed agreement version
/// (so "Ik heb dit gelezen" does not come back, also when its card is gone by then).
fn stored(kind: InboxKind, body: &serde_json::Value) {
    if kind == InboxKind::Acknowledgements {
        let agreement = body.get("agreement_id").and_then(|v| v.as_str());
        let version = body.get("agreement_version").and_then(|v| v.as_u64());
        if let (Some(agreement), Some(version)) = (agreement, version) {
            super::acks::remember_ack(agreement, version as u32);
        }
    }
}

/// How long the outbox waits before it tries again to fetch its sending code, when that
/// failed (`online` tries at once).
const CHUNK_RETRY: Millis = 30_000;

crate::split! {
    preload __preload_outbox_send;
    /// Posting what is due, in a chunk of its own: most starts have nothing waiting, and
    /// the first load stays smaller (issue #19).
    async fn send_due(ctx: OutboxContext) -> () {
        ctx.send_due_now().await
    }
}

/// The shared outbox, in context; views read an item's state from it.
#[derive(Clone, Copy)]
pub struct OutboxContext {
    outbox: RwSignal<Outbox>,
    flushing: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// False while the stored outbox waits behind the PIN (started locked): until then the
    /// in-memory outbox must not overwrite it.
    loaded: StoredValue<bool>,
    /// The browser refused to store the outbox (full): it is kept in memory and sent from
    /// there, and the app says so until it could be stored again.
    unsaved: RwSignal<bool>,
    /// Whose write proof the app holds ([`super::keys::prover`]), for the views; sending always
    /// asks `api` itself, so a stale value can never send without a proof.
    prover: RwSignal<Option<String>>,
}

/// Creates the outbox, sends what waited from an earlier visit, and listens for `online`.
pub fn provide_outbox() -> OutboxContext {
    let mut stored = load();
    stored.prune(now());
    let ctx = OutboxContext {
        outbox: RwSignal::new(stored),
        flushing: StoredValue::new(false),
        timer: StoredValue::new(None),
        loaded: StoredValue::new(lock::readable()),
        unsaved: RwSignal::new(false),
        prover: RwSignal::new(super::keys::prover()),
    };
    ctx.persist();
    provide_context(ctx);
    // Lives as long as the page.
    let _ = window_event_listener(leptos::ev::online, move |_| {
        ctx.outbox.update(|o| o.wake(now()));
        ctx.flush();
    });
    ctx.flush();
    ctx
}

pub fn use_outbox() -> OutboxContext {
    expect_context()
}

impl OutboxContext {
    fn persist(&self) {
        if !self.loaded.get_value() {
            return;
        }
        let text = self.outbox.with_untracked(Outbox::to_json);
        let unsaved = !lock::write_item(KEY, &text);
        if unsaved != self.unsaved.get_untracked() {
            self.unsaved.set(unsaved);
        }
    }

    /// Whether what waits could not be stored on the phone (reactive).
    pub fn unsaved(&self) -> bool {
        self.unsaved.get()
    }

    /// The PIN opened the lock: read the outbox that waited behind it (after a start in
    /// the locked state), or write what happened while locked; then send what is due.
    pub fn unlocked(&self) {
        if !self.loaded.get_value() {
            let mut stored = load();
            stored.prune(now());
            self.outbox.set(stored);
            self.loaded.set_value(true);
        }
        self.persist();
        self.proof_changed();
    }

    /// The app got (or lost) a write proof: at sign-in, after the PIN, or when the code was
    /// typed again for what waited. Writes in that participant's name go now.
    pub fn proof_changed(&self) {
        self.prover.set(super::keys::prover());
        self.outbox.update(|o| o.wake(now()));
        self.flush();
    }

    /// How many writes wait because the app does not hold their writer's proof (after the
    /// tab was closed without a PIN): the screen asks for the code again (reactive).
    pub fn awaiting_proof(&self) -> usize {
        let prover = self.prover.get();
        self.outbox.with(|o| {
            o.items
                .iter()
                .filter(|i| o.awaits_proof(i.id, prover.as_deref()))
                .count()
        })
    }

    /// Whether this item waits for its writer's proof (reactive).
    pub fn awaits_proof(&self, id: Uuid) -> bool {
        let prover = self.prover.get();
        self.outbox.with(|o| o.awaits_proof(id, prover.as_deref()))
    }

    /// Puts a body in the outbox (and on disk) and tries to send it right away. `writer`:
    /// the participant it is written by (a plain body's `participant_id`; a sealed body
    /// hides it inside).
    pub fn enqueue<T: serde::Serialize>(
        &self,
        kind: InboxKind,
        id: Uuid,
        body: &T,
        writer: Option<&str>,
    ) {
        let Ok(value) = serde_json::to_value(body) else {
            leptos::logging::error!("outbox: cannot serialise a {} body", kind.path());
            return;
        };
        self.outbox
            .update(|o| o.enqueue_as(kind, id, value, writer.map(str::to_string), now()));
        self.persist();
        self.flush();
    }

    /// The state of one item (reactive); `None` once it has been pruned.
    pub fn state(&self, id: Uuid) -> Option<ItemState> {
        self.outbox.with(|o| o.state(id).cloned())
    }

    /// How many writes still wait (reactive).
    pub fn waiting(&self) -> usize {
        self.outbox.with(Outbox::waiting)
    }

    /// Tries a failed item again.
    pub fn retry(&self, id: Uuid) {
        self.outbox.update(|o| o.retry(id, now()));
        self.persist();
        self.flush();
    }

    /// Sends everything that is due, one at a time, then sets the timer for the next retry.
    /// With nothing due (most starts) the sending code, a chunk of its own, is not fetched.
    pub fn flush(&self) {
        if self.flushing.get_value() {
            return;
        }
        let prover = super::keys::prover();
        if !self
            .outbox
            .with_untracked(|o| o.has_due(now(), prover.as_deref()))
        {
            self.settle(false);
            return;
        }
        self.flushing.set_value(true);
        let ctx = *self;
        leptos::task::spawn_local(async move {
            // Without its chunk (offline before the service worker kept it) nothing was
            // taken from the outbox: `online` and the timer try again.
            let missing = send_due(ctx).await.is_err();
            ctx.flushing.set_value(false);
            ctx.settle(missing);
        });
    }

    /// After a flush: drops what is done, stores the rest, sets the timer.
    fn settle(&self, chunk_missing: bool) {
        self.outbox.update(|o| o.prune(now()));
        self.persist();
        self.schedule(chunk_missing);
    }

    /// Sends what is due until nothing is (in the `send_due` chunk).
    async fn send_due_now(self) {
        loop {
            let mut due = vec![];
            let prover = super::keys::prover();
            self.outbox
                .update(|o| due = o.take_due(now(), prover.as_deref()));
            if due.is_empty() {
                break;
            }
            for item in due {
                // The proof goes only with a write in the name of the participant
                // whose proof it is (`take_due` held back the others).
                let authorization = self
                    .outbox
                    .with_untracked(|o| o.get(item.id).and_then(|i| i.writer.clone()))
                    .and_then(|writer| super::keys::write_authorization(&writer));
                let result = api::post_inbox(item.kind, &item.body, authorization.as_deref()).await;
                let outcome = outcome(result);
                if outcome == Outcome::Stored {
                    stored(item.kind, &item.body);
                }
                let jitter = js_sys::Math::random();
                self.outbox
                    .update(|o| o.record(item.id, outcome, now(), jitter));
                self.persist();
            }
        }
    }

    /// The timer for the next retry; after the sending chunk could not be fetched, not
    /// sooner than [`CHUNK_RETRY`].
    fn schedule(&self, chunk_missing: bool) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
        let prover = super::keys::prover();
        let Some(at) = self
            .outbox
            .with_untracked(|o| o.next_due(prover.as_deref()))
        else {
            return;
        };
        let at = if chunk_missing {
            at.max(now() + CHUNK_RETRY)
        } else {
            at
        };
        let wait = (at - now()).max(0) as u64 + 50;
        let ctx = *self;
        if let Ok(handle) =
            set_timeout_with_handle(move || ctx.flush(), std::time::Duration::from_millis(wait))
        {
            self.timer.set_value(Some(handle));
        }
    }
}

/// "Ik heb dit gelezen": the participant confirms reading this version of an agreement.
/// Goes into the outbox; the returned id follows its state there.
pub fn acknowledge(
    outbox: &OutboxContext,
    participant_id: &str,
    agreement_id: &str,
    version: u32,
) -> uuid::Uuid {
    use crate::model::inbox::{Acknowledgement, InboxKind};
    let body = Acknowledgement {
        schema: InboxKind::Acknowledgements.schema().into(),
        id: uuid::Uuid::new_v4(),
        participant_id: participant_id.into(),
        agreement_id: agreement_id.into(),
        agreement_version: version,
        acknowledged_at: super::now_instant(),
    };
    outbox.enqueue(
        InboxKind::Acknowledgements,
        body.id,
        &body,
        Some(participant_id),
    );
    body.id
}

/// The participant's own view of how a goal is going, for the mentor (via the outbox);
/// sealed to the care team's key when the dossier has one, as it may hold health text.
pub fn reflect_on_goal(
    outbox: &OutboxContext,
    participant_id: &str,
    goal_id: &str,
    rating: u8,
    text: &str,
    team_key: Option<&crate::model::sealed_write::PublicKey>,
) -> uuid::Uuid {
    use crate::model::inbox::{GoalReflection, InboxKind};
    let body = GoalReflection {
        schema: InboxKind::GoalReflections.schema().into(),
        id: uuid::Uuid::new_v4(),
        participant_id: participant_id.into(),
        goal_id: goal_id.into(),
        written_at: super::now_instant(),
        rating,
        text: text.trim().into(),
    };
    let sealed = team_key.map(|key| body.seal(key, &mut rand_core::OsRng));
    enqueue_sealed_or_plain(
        outbox,
        InboxKind::GoalReflections,
        body.id,
        sealed.as_ref(),
        &body,
        Some(participant_id),
    )
}

/// A survey response, via the outbox; sealed to the survey team's key when the survey has one,
/// so the outbox on this phone and the server hold only ciphertext.
pub fn send_survey_response(
    outbox: &OutboxContext,
    response: &crate::model::inbox::SurveyResponse,
    team_key: Option<&crate::model::sealed_write::PublicKey>,
) -> uuid::Uuid {
    let sealed = team_key.map(|key| response.seal(key, &mut rand_core::OsRng));
    enqueue_sealed_or_plain(
        outbox,
        crate::model::inbox::InboxKind::SurveyResponses,
        response.id,
        sealed.as_ref(),
        response,
        response.participant_id.as_deref(),
    )
}

/// A confidential message, via the outbox; sealed to the contact's key when it has one.
pub fn send_message(
    outbox: &OutboxContext,
    message: &crate::model::inbox::Message,
    contact_key: Option<&crate::model::sealed_write::PublicKey>,
) -> uuid::Uuid {
    let sealed = contact_key.map(|key| message.seal(key, &mut rand_core::OsRng));
    enqueue_sealed_or_plain(
        outbox,
        crate::model::inbox::InboxKind::Messages,
        message.id,
        sealed.as_ref(),
        message,
        message.participant_id.as_deref(),
    )
}

/// The sealed body when the recipient has a key, else the plain one: only one ever enters
/// the outbox.
fn enqueue_sealed_or_plain<S: serde::Serialize, P: serde::Serialize>(
    outbox: &OutboxContext,
    kind: crate::model::inbox::InboxKind,
    id: uuid::Uuid,
    sealed: Option<&S>,
    plain: &P,
    writer: Option<&str>,
) -> uuid::Uuid {
    match sealed {
        Some(body) => outbox.enqueue(kind, id, body, writer),
        None => outbox.enqueue(kind, id, plain, writer),
    }
    id
}
