//! The desk's sign-in: the contact's desk token and, for a contact whose messages are
//! sealed, their key file, read from disk into memory.

use super::{use_text, DeskSession};
use crate::{
    api::{self, ApiError},
    components::{FieldError, SecretForm},
    model::desk_view::{desk_key, DeskKeyError, KEY_FILE_MAX_BYTES},
};
use leptos::prelude::*;
use std::sync::Arc;
use zeroize::Zeroizing;

#[derive(Clone)]
enum Problem {
    TokenEmpty,
    Api(ApiError),
    /// The token's contact is not in `contacts.json`.
    UnknownContact(String),
    Key(DeskKeyError, String),
}

async fn read_file(file: &web_sys::File) -> Option<Zeroizing<String>> {
    if file.size() > KEY_FILE_MAX_BYTES as f64 {
        return Some(Zeroizing::new(String::new()));
    }
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .map(Zeroizing::new)
}

async fn sign_in(token: String, file: Option<web_sys::File>) -> Result<DeskSession, Problem> {
    let me = api::desk::me(&token).await.map_err(Problem::Api)?;
    let contacts = api::load_contacts().await.map_err(Problem::Api)?;
    let contact = contacts
        .contacts
        .items
        .into_iter()
        .find(|c| c.id == me.contact_id)
        .ok_or_else(|| Problem::UnknownContact(me.contact_id.clone()))?;
    let name = contact.name.clone();
    // A key that is not a key: the messages cannot be opened, say so at once.
    let public = contact
        .sealing_key()
        .map_err(|_| Problem::Key(DeskKeyError::OtherContact, name.clone()))?;
    let text = match (&public, file) {
        (Some(_), Some(file)) => read_file(&file).await,
        _ => None,
    };
    let key = desk_key(public.as_ref(), text.as_ref().map(|t| t.as_str()))
        .map_err(|e| Problem::Key(e, name))?;
    Ok(DeskSession {
        token: token.into(),
        contact: Arc::new(contact),
        key: key.map(Arc::new),
        retain_days: me.retain_days,
    })
}

#[component]
pub fn DeskSignIn(open: Callback<DeskSession>) -> impl IntoView {
    let t = use_text();
    let token = RwSignal::new(String::new());
    let key_input = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let submit = move |_| {
        let value = token.get_untracked();
        if value.trim().is_empty() {
            problem.set(Some(Problem::TokenEmpty));
            return;
        }
        let file = key_input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = sign_in(value, file).await;
            busy.set(false);
            match result {
                Ok(session) => {
                    token.set(String::new());
                    problem.set(None);
                    open.run(session);
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let texts = t.clone();
    let token_error = move || {
        let t = &texts;
        match problem.get()? {
            Problem::TokenEmpty => Some(t.get("token_empty")),
            Problem::Api(ApiError::Server(401)) => Some(t.get("wrong_token")),
            Problem::Api(ApiError::Server(429)) => Some(t.get("too_many")),
            Problem::Api(ApiError::NotFound) => Some(t.get("off")),
            Problem::Api(ApiError::Offline) => Some(t.get("offline")),
            Problem::Api(_) => Some(t.get("failed")),
            Problem::UnknownContact(id) => Some(t.with("unknown_contact", &[("id", &id)])),
            Problem::Key(..) => None,
        }
    };
    let texts = t.clone();
    let key_error = move || {
        let t = &texts;
        match problem.get()? {
            Problem::Key(DeskKeyError::Missing, _) => Some(t.get("key_missing")),
            Problem::Key(DeskKeyError::NotAKeyFile, _) => Some(t.get("key_not_a_key")),
            Problem::Key(DeskKeyError::OtherContact, name) => {
                Some(t.with("key_other", &[("name", &name)]))
            }
            _ => None,
        }
    };
    let [label, hint, open_label, busy_label] =
        ["token_label", "token_hint", "open", "busy"].map(|key| {
            let t = t.clone();
            TextProp::from(move || t.get(key))
        });
    let key_invalid = {
        let e = key_error.clone();
        move || e().is_some().to_string()
    };
    view! {
        <p>{t.get("intro")}</p>
        <SecretForm
            class="card form desk-sign-in"
            input_id="desk-token"
            name="desk-token"
            label=label
            hint_id="desk-token-hint"
            hint=hint
            error_id="desk-token-error"
            error=Signal::derive(token_error)
            value=token
            spellcheck="false"
            on_submit=submit
            busy=busy
            submit_label=open_label
            busy_label=busy_label
        >
            <label for="desk-key">{t.get("key_label")}</label>
            <p id="desk-key-hint" class="muted">{t.get("key_hint")}</p>
            <input
                id="desk-key"
                name="desk-key"
                type="file"
                class="input"
                accept=".key,.json,application/json"
                aria-describedby="desk-key-hint desk-key-error"
                aria-invalid=key_invalid
                node_ref=key_input
            />
            <FieldError id="desk-key-error" message=Signal::derive(key_error) />
        </SecretForm>
    }
}
