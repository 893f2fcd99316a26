//! The signed-in desk: every message for this contact, newest first, opened here with the
//! contact's key. A message that cannot be opened is listed with the reason.

use super::{use_text, Closed, DeskSession, DeskText};
use crate::{
    api::{self, ApiError},
    components::labels::tel_href,
    model::{
        contacts::mailto_href,
        dates,
        desk::Unreadable,
        desk::{DeskEntry, MessageStatus, StatusChange, WantedStatus},
        desk_view::{open_message, seal_note, writer_of, OpenedMessage, Writer, NOTE_MAX_CHARS},
        Instant,
    },
    state::settings::lang,
};
use leptos::prelude::*;
use std::sync::Arc;

/// The desk fetches at most this many messages; a contact with more is told to handle some.
const MAX_MESSAGES: usize = 5000;
/// Cards drawn at a time ("Toon er meer"): drawing and opening a thousand at once kept a
/// laptop busy for seconds.
const PAGE: usize = 50;

/// One message on the list.
#[derive(Clone)]
struct Row {
    id: Arc<str>,
    received_at: Arc<str>,
    /// As stored; opened when its card is first drawn (a thousand sealed messages are not
    /// all opened before the list shows).
    entry: Arc<DeskEntry>,
    status: RwSignal<MessageStatus>,
    /// The status the current filter saw: a message opened under "Nieuw" stays in view
    /// while it is read, until another filter is chosen.
    listed_as: RwSignal<MessageStatus>,
    read_at: RwSignal<Option<String>>,
    handled_at: RwSignal<Option<String>>,
    note: RwSignal<Option<String>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Filter {
    New,
    Read,
    Handled,
    All,
}

impl Filter {
    fn shows(self, status: MessageStatus) -> bool {
        match self {
            Filter::New => status == MessageStatus::Received,
            Filter::Read => status == MessageStatus::Read,
            Filter::Handled => status == MessageStatus::Handled,
            Filter::All => true,
        }
    }
}

#[derive(Clone)]
enum LoadError {
    Api(ApiError),
}

/// Every page of the contact's messages. `progress` is (fetched, total).
async fn load(
    session: &DeskSession,
    progress: RwSignal<(usize, usize)>,
) -> Result<(Vec<Row>, bool), LoadError> {
    let mut entries: Vec<DeskEntry> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let page = api::desk::messages(&session.token, None, before.as_deref())
            .await
            .map_err(LoadError::Api)?;
        entries.extend(page.messages);
        progress.set((entries.len(), page.counts.total() as usize));
        match page.next {
            Some(next) if entries.len() < MAX_MESSAGES => before = Some(next),
            _ => break,
        }
    }
    let more = entries.len() >= MAX_MESSAGES;
    let rows = entries
        .into_iter()
        .map(|e| Row {
            id: e.id.as_str().into(),
            received_at: e.received_at.as_str().into(),
            status: RwSignal::new(e.status),
            listed_as: RwSignal::new(e.status),
            read_at: RwSignal::new(e.read_at.clone()),
            handled_at: RwSignal::new(e.handled_at.clone()),
            note: RwSignal::new(None),
            entry: Arc::new(e),
        })
        .collect();
    Ok((rows, more))
}

/// "do 3 dec 14:05" in the page's language, or the text as stored when it is no date.
fn when(text: &str, lang: &str) -> String {
    match Instant::parse(text) {
        Some(i) => dates::moment_short(&i, dates::now(), lang),
        None => text.to_string(),
    }
}

#[component]
pub fn DeskInbox(session: DeskSession, close: Callback<Option<Closed>>) -> impl IntoView {
    let t = use_text();
    let progress = RwSignal::new((0usize, 0usize));
    let s = session.clone();
    let rows = LocalResource::new(move || {
        let s = s.clone();
        async move { load(&s, progress).await }
    });
    let filter = RwSignal::new(Filter::New);
    // A token the server stopped taking closes the desk (and forgets the key).
    Effect::new(move |_| {
        if let Some(Err(LoadError::Api(ApiError::Server(401)))) = rows.get() {
            close.run(Some(Closed::TokenRefused));
        }
    });
    let name = session.contact.name.clone();
    let tt = t.clone();
    view! {
        <div class="stack">
            <p class="big-text" dir="auto"><strong>{t.with("signed_in_as", &[("name", &name)])}</strong></p>
            <button type="button" class="button" on:click=move |_| rows.refetch()>{t.get("refresh")}</button>
            <button type="button" class="button" on:click=move |_| close.run(None)>{t.get("close")}</button>
        </div>
        <p class="muted">{t.with("retention", &[("days", &session.retain_days.to_string())])}</p>
        {move || {
            let t = tt.clone();
            match rows.get() {
                None => {
                    let (done, total) = progress.get();
                    view! { <p role="status" class="muted">{t.with("opening", &[("done", &done.to_string()), ("total", &total.to_string())])}</p> }.into_any()
                }
                Some(Err(LoadError::Api(e))) => {
                    let text = match e {
                        ApiError::Offline => t.get("offline"),
                        _ => t.get("failed"),
                    };
                    view! {
                        <div role="alert" class="card notice">
                            <p>{text}</p>
                            <button type="button" class="button primary" on:click=move |_| rows.refetch()>{t.get("retry")}</button>
                        </div>
                    }.into_any()
                }
                Some(Ok((list, more))) => view! { <DeskList rows=Arc::new(list) more filter session=session.clone() /> }.into_any(),
            }
        }}
    }
}

#[component]
fn DeskList(
    rows: Arc<Vec<Row>>,
    more: bool,
    filter: RwSignal<Filter>,
    session: DeskSession,
) -> impl IntoView {
    let t = use_text();
    let limit = RwSignal::new(PAGE);
    let count = {
        let rows = rows.clone();
        move |f: Filter| rows.iter().filter(|r| f.shows(r.status.get())).count()
    };
    let choose = {
        let rows = rows.clone();
        move |f: Filter| {
            for r in rows.iter() {
                r.listed_as.set(r.status.get_untracked());
            }
            limit.set(PAGE);
            filter.set(f);
        }
    };
    let button = {
        let t = t.clone();
        let count = count.clone();
        move |f: Filter, key: &'static str| {
            let t = t.clone();
            let count = count.clone();
            let choose = choose.clone();
            view! {
                <button type="button" class="button filter"
                    aria-pressed=move || (filter.get() == f).to_string()
                    on:click=move |_| choose(f)>
                    {move || t.with(key, &[("count", &count(f).to_string())])}
                </button>
            }
        }
    };
    let unread = {
        let count = count.clone();
        move || count(Filter::New)
    };
    // The messages the filter shows, in order; only the first `limit` are drawn.
    let matching = {
        let rows = rows.clone();
        move || {
            let f = filter.get();
            rows.iter()
                .filter(|r| f.shows(r.listed_as.get()))
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    let shown = {
        let matching = matching.clone();
        move || matching().into_iter().take(limit.get()).collect::<Vec<_>>()
    };
    let tt = t.clone();
    view! {
        <p role="status" class="desk-unread">
            {move || tt.with("unread", &[("count", &unread().to_string())])}
        </p>
        <div role="group" class="stack" aria-label=t.get("filter_label")>
            {button(Filter::New, "filter_new")}
            {button(Filter::Read, "filter_read")}
            {button(Filter::Handled, "filter_handled")}
            {button(Filter::All, "filter_all")}
        </div>
        {more.then(|| view! { <p class="notice">{t.with("too_many_messages", &[("count", &MAX_MESSAGES.to_string())])}</p> })}
        {
            let t = t.clone();
            let rows = rows.clone();
            move || {
                let f = filter.get();
                (!rows.iter().any(|r| f.shows(r.listed_as.get()))).then(|| view! { <p class="empty">{t.get("empty")}</p> })
            }
        }
        <ul class="plain cards desk-list">
            <For each=shown key=|row| row.id.clone() let:row>
                <li><MessageCard row session=session.clone() /></li>
            </For>
        </ul>
        {move || {
            let left = matching().len().saturating_sub(limit.get());
            let t = t.clone();
            (left > 0).then(|| view! {
                <button type="button" class="button big" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {t.with("show_more", &[("count", &left.min(PAGE).to_string()), ("left", &left.to_string())])}
                </button>
            })
        }}
    }
}

fn from_line(t: &DeskText, opened: &OpenedMessage) -> (String, Option<(String, bool)>) {
    match writer_of(opened) {
        Writer::Anonymous => (t.get("from_anonymous"), None),
        Writer::Named {
            name,
            participant_id,
            confirmed,
        } => {
            let heading = match name {
                Some(name) => t.with("from_named", &[("name", &name), ("id", &participant_id)]),
                None => t.with("from_id", &[("id", &participant_id)]),
            };
            let check = if confirmed {
                t.get("confirmed")
            } else {
                t.get("unconfirmed")
            };
            (heading, Some((check, confirmed)))
        }
    }
}

#[component]
fn MessageCard(row: Row, session: DeskSession) -> impl IntoView {
    let t = use_text();
    let i18n = crate::i18n::use_i18n();
    let open = RwSignal::new(false);
    let handling = RwSignal::new(false);
    let note_text = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let card_id = format!("desk-msg-{}", row.id);
    let body_id = format!("{card_id}-body");
    let note_id = format!("{card_id}-note");

    let set_status = {
        let session = session.clone();
        let row = row.clone();
        move |wanted: WantedStatus, note: Option<serde_json::Value>| {
            let session = session.clone();
            let row = row.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let change = StatusChange {
                    status: wanted,
                    note,
                };
                let answer = api::desk::set_status(&session.token, &row.id, &change).await;
                busy.set(false);
                match answer {
                    Ok(a) => {
                        failed.set(false);
                        row.status.set(a.status);
                        row.read_at.set(a.read_at);
                        row.handled_at.set(a.handled_at);
                        if wanted == WantedStatus::Handled {
                            let typed = note_text.get_untracked();
                            let typed = typed.trim();
                            row.note.set((!typed.is_empty()).then(|| typed.to_string()));
                            note_text.set(String::new());
                            handling.set(false);
                        }
                    }
                    Err(_) => failed.set(true),
                }
            });
        }
    };

    let status_line = {
        let t = t.clone();
        move || {
            let lang = crate::state::settings::lang(i18n);
            match row.status.get() {
                MessageStatus::Received => t.get("status_received"),
                MessageStatus::Read => t.with(
                    "status_read",
                    &[(
                        "when",
                        &row.read_at
                            .get()
                            .map(|w| when(&w, lang))
                            .unwrap_or_default(),
                    )],
                ),
                MessageStatus::Handled => t.with(
                    "status_handled",
                    &[(
                        "when",
                        &row.handled_at
                            .get()
                            .map(|w| when(&w, lang))
                            .unwrap_or_default(),
                    )],
                ),
            }
        }
    };

    let received = row.received_at.clone();
    let opened = open_message(&row.entry, session.key.as_deref());
    if let Ok(o) = &opened {
        if row.note.get_untracked().is_none() && o.note.is_some() {
            row.note.set(o.note.clone());
        }
    }
    match opened {
        Err(reason) => {
            let key = match reason {
                Unreadable::OtherKey => "unopened_other_key",
                Unreadable::NeedsKey => "unopened_no_key",
                Unreadable::Damaged(_) => "unopened_damaged",
            };
            let t2 = t.clone();
            view! {
                <article class="card desk-message unopened" aria-labelledby=format!("{card_id}-h")>
                    <h2 id=format!("{card_id}-h") class="h3">{t.get("unopened_title")}</h2>
                    <p class="muted">{move || t2.with("received_at", &[("when", &when(&received, lang(i18n)))])}</p>
                    <p class="notice"><span aria-hidden="true">"⚠️ "</span>{t.get(key)}</p>
                    <p class="badge">{status_line}</p>
                </article>
            }.into_any()
        }
        Ok(opened) => {
            let (heading, check) = from_line(&t, &opened);
            let sent_at = opened.sent_at.clone();
            let text = opened.text.clone();
            let reply = match (&opened.reply_phone, &opened.reply_email) {
                (Some(phone), _) => Some(view! {
                    <a class="button primary" href=tel_href(phone)><span aria-hidden="true">"📞 "</span>{t.with("call_back", &[("phone", phone)])}</a>
                }.into_any()),
                (None, Some(email)) => mailto_href(email).map(|href| view! {
                    <a class="button primary" href=href><span aria-hidden="true">"✉️ "</span>{t.with("mail_back", &[("email", email)])}</a>
                }.into_any()),
                _ => None,
            };
            let wants_reply = opened.callback_requested;
            let toggle = {
                let set_status = set_status.clone();
                move |_| {
                    let now_open = !open.get_untracked();
                    open.set(now_open);
                    if now_open && row.status.get_untracked() == MessageStatus::Received {
                        set_status(WantedStatus::Read, None);
                    }
                }
            };
            let save = {
                let set_status = set_status.clone();
                let public = session.key.as_ref().map(|k| k.public_key());
                move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let note = seal_note(
                        &note_text.get_untracked(),
                        public.as_ref(),
                        &mut rand_core::OsRng,
                    );
                    set_status(WantedStatus::Handled, note);
                }
            };
            let sealed_hint = if session.key.is_some() {
                t.get("note_hint_sealed")
            } else {
                t.get("note_hint_plain")
            };
            let t2 = t.clone();
            let t3 = t.clone();
            let t4 = t.clone();
            let body_id2 = body_id.clone();
            let note_id2 = note_id.clone();
            view! {
                <article class="card desk-message" class:unread=move || row.status.get() == MessageStatus::Received aria-labelledby=format!("{card_id}-h")>
                    <h2 id=format!("{card_id}-h") class="h3" dir="auto">{heading}</h2>
                    {check.map(|(text, confirmed)| view! {
                        <p class=if confirmed { "badge ok" } else { "badge warn" }>
                            <span aria-hidden="true">{if confirmed { "✔️ " } else { "⚠️ " }}</span>{text}
                        </p>
                    })}
                    <p class="muted">{move || t2.with("sent_at", &[("when", &when(&sent_at, lang(i18n)))])}</p>
                    <p class="badge">{status_line}</p>
                    {wants_reply.then(|| view! { <p><strong>{t.get("callback")}</strong></p> })}
                    <button type="button" class="button big" aria-expanded=move || open.get().to_string() aria-controls=body_id.clone() on:click=toggle>
                        {move || if open.get() { t3.get("hide") } else { t3.get("read_more") }}
                    </button>
                    <div id=body_id2 hidden=move || !open.get()>
                        <p class="desk-text" dir="auto">{text}</p>
                        <div class="stack">{reply}</div>
                        {move || row.note.get().map(|n| view! { <p class="notice" dir="auto">{t4.with("note", &[("note", &n)])}</p> })}
                        {
                            let t = t.clone();
                            let note_id = note_id2.clone();
                            let sealed_hint = sealed_hint.clone();
                            let save = save.clone();
                            move || (row.status.get() != MessageStatus::Handled).then(|| {
                                let t = t.clone();
                                let note_id = note_id.clone();
                                let hint_id = format!("{note_id}-hint");
                                if handling.get() {
                                    view! {
                                        <form class="form" on:submit=save.clone() novalidate>
                                            <label for=note_id.clone()>{t.get("note_label")}</label>
                                            <p id=hint_id.clone() class="muted">{sealed_hint.clone()}</p>
                                            <textarea id=note_id class="input" rows="3" maxlength=NOTE_MAX_CHARS aria-describedby=hint_id
                                                prop:value=note_text on:input=move |ev| note_text.set(event_target_value(&ev))></textarea>
                                            <div class="stack">
                                                <button type="submit" class="button primary" aria-disabled=move || busy.get().to_string()>{t.get("save_handled")}</button>
                                                <button type="button" class="button" on:click=move |_| handling.set(false)>{t.get("cancel")}</button>
                                            </div>
                                        </form>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="button" on:click=move |_| handling.set(true)>{t.get("handle")}</button>
                                    }.into_any()
                                }
                            })
                        }
                        {
                            let t = t.clone();
                            move || failed.get().then(|| view! { <p class="form-error" role="alert">{t.get("status_failed")}</p> })
                        }
                    </div>
                </article>
            }.into_any()
        }
    }
}
