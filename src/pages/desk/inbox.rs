//! The signed-in desk: every message for this contact, newest first, opened here with the
//! contact's key. A message that cannot be opened is listed with the reason.

use super::{Closed, DeskSession};
use crate::i18n::*;
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
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// The desk fetches at most this many messages; a contact with more is told to handle some.
const MAX_MESSAGES: usize = 5000;

/// One message on the list.
#[derive(Clone)]
struct Row {
    id: Arc<str>,
    received_at: Arc<str>,
    opened: Arc<Result<OpenedMessage, Unreadable>>,
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

/// Every page of the contact's messages, opened. Opening yields to the browser now and
/// then, so a thousand sealed messages never freeze the screen.
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
        match page.next {
            Some(next) if entries.len() < MAX_MESSAGES => before = Some(next),
            _ => break,
        }
    }
    let more = entries.len() >= MAX_MESSAGES;
    let total = entries.len();
    let key = session.key.as_deref();
    let mut rows = Vec::with_capacity(total);
    for (i, e) in entries.into_iter().enumerate() {
        if i % 50 == 0 {
            progress.set((i, total));
            crate::browser::yield_to_browser(0).await;
        }
        let opened = open_message(&e, key);
        let note = opened.as_ref().ok().and_then(|o| o.note.clone());
        rows.push(Row {
            id: e.id.into(),
            received_at: e.received_at.into(),
            opened: Arc::new(opened),
            status: RwSignal::new(e.status),
            listed_as: RwSignal::new(e.status),
            read_at: RwSignal::new(e.read_at),
            handled_at: RwSignal::new(e.handled_at),
            note: RwSignal::new(note),
        });
    }
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
    let i18n = use_i18n();
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
    view! {
        <div class="stack">
            <p class="big-text" dir="auto"><strong>{t_string!(i18n, desk.signed_in_as, name = &name).to_string()}</strong></p>
            <button type="button" class="button" on:click=move |_| rows.refetch()>{t_string!(i18n, desk.refresh).to_string()}</button>
            <button type="button" class="button" on:click=move |_| close.run(None)>{t_string!(i18n, desk.close).to_string()}</button>
        </div>
        <p class="muted">{t_string!(i18n, desk.retention, days = &session.retain_days.to_string()).to_string()}</p>
        {move || {
            match rows.get() {
                None => {
                    let (done, total) = progress.get();
                    view! { <p role="status" class="muted">{t_string!(i18n, desk.opening, done = &done.to_string(), total = &total.to_string()).to_string()}</p> }.into_any()
                }
                Some(Err(LoadError::Api(e))) => {
                    let text = match e {
                        ApiError::Offline => t_string!(i18n, desk.offline).to_string(),
                        _ => t_string!(i18n, desk.failed).to_string(),
                    };
                    view! {
                        <div role="alert" class="card notice">
                            <p>{text}</p>
                            <button type="button" class="button primary" on:click=move |_| rows.refetch()>{t_string!(i18n, desk.retry).to_string()}</button>
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
    let i18n = use_i18n();
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
            filter.set(f);
        }
    };
    let button = {
        let count = count.clone();
        move |f: Filter| {
            let count = count.clone();
            let choose = choose.clone();
            view! {
                <button type="button" class="button filter"
                    aria-pressed=move || (filter.get() == f).to_string()
                    on:click=move |_| choose(f)>
                    {move || {
                        let count = count(f);
                        match f {
                            Filter::New => t_string!(i18n, desk.filter_new, count = count).to_string(),
                            Filter::Read => t_string!(i18n, desk.filter_read, count = count).to_string(),
                            Filter::Handled => t_string!(i18n, desk.filter_handled, count = count).to_string(),
                            Filter::All => t_string!(i18n, desk.filter_all, count = count).to_string(),
                        }
                    }}
                </button>
            }
        }
    };
    let unread = {
        let count = count.clone();
        move || count(Filter::New)
    };
    let list = rows.clone();
    view! {
        <p role="status" class="desk-unread">
            {move || t_string!(i18n, desk.unread, count = &unread().to_string()).to_string()}
        </p>
        <div role="group" class="stack" aria-label=t_string!(i18n, desk.filter_label).to_string()>
            {button(Filter::New)}
            {button(Filter::Read)}
            {button(Filter::Handled)}
            {button(Filter::All)}
        </div>
        {more.then(|| view! { <p class="notice">{t_string!(i18n, desk.too_many_messages, count = &MAX_MESSAGES.to_string()).to_string()}</p> })}
        {
            let rows = rows.clone();
            move || {
                let f = filter.get();
                (!rows.iter().any(|r| f.shows(r.listed_as.get()))).then(|| view! { <p class="empty">{t_string!(i18n, desk.empty).to_string()}</p> })
            }
        }
        <ul class="plain cards desk-list">
            {list.iter().cloned().map(|row| {
                let listed_as = row.listed_as;
                let session = session.clone();
                view! {
                    <li hidden=move || !filter.get().shows(listed_as.get())>
                        <MessageCard row session />
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn from_line(
    i18n: I18nContext<Locale>,
    opened: &OpenedMessage,
) -> (String, Option<(String, bool)>) {
    match writer_of(opened) {
        Writer::Anonymous => (t_string!(i18n, desk.from_anonymous).to_string(), None),
        Writer::Named {
            name,
            participant_id,
            confirmed,
        } => {
            let heading = match name {
                Some(name) => {
                    t_string!(i18n, desk.from_named, name = &name, id = &participant_id).to_string()
                }
                None => t_string!(i18n, desk.from_id, id = &participant_id).to_string(),
            };
            let check = if confirmed {
                t_string!(i18n, desk.confirmed).to_string()
            } else {
                t_string!(i18n, desk.unconfirmed).to_string()
            };
            (heading, Some((check, confirmed)))
        }
    }
}

#[component]
fn MessageCard(row: Row, session: DeskSession) -> impl IntoView {
    let i18n = use_i18n();
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
        move || {
            let lang = crate::state::settings::lang(i18n);
            match row.status.get() {
                MessageStatus::Received => t_string!(i18n, desk.status_received).to_string(),
                MessageStatus::Read => t_string!(
                    i18n,
                    desk.status_read,
                    when = &row
                        .read_at
                        .get()
                        .map(|w| when(&w, lang))
                        .unwrap_or_default()
                )
                .to_string(),
                MessageStatus::Handled => t_string!(
                    i18n,
                    desk.status_handled,
                    when = &row
                        .handled_at
                        .get()
                        .map(|w| when(&w, lang))
                        .unwrap_or_default()
                )
                .to_string(),
            }
        }
    };

    let received = row.received_at.clone();
    match row.opened.as_ref().clone() {
        Err(reason) => {
            let reason = match reason {
                Unreadable::OtherKey => t_string!(i18n, desk.unopened_other_key).to_string(),
                Unreadable::NeedsKey => t_string!(i18n, desk.unopened_no_key).to_string(),
                Unreadable::Damaged(_) => t_string!(i18n, desk.unopened_damaged).to_string(),
            };
            view! {
                <article class="card desk-message unopened" aria-labelledby=format!("{card_id}-h")>
                    <h2 id=format!("{card_id}-h") class="h3">{t_string!(i18n, desk.unopened_title).to_string()}</h2>
                    <p class="muted">{move || t_string!(i18n, desk.received_at, when = &when(&received, lang(i18n))).to_string()}</p>
                    <p class="notice"><span aria-hidden="true">"⚠️ "</span>{reason}</p>
                    <p class="badge">{status_line}</p>
                </article>
            }.into_any()
        }
        Ok(opened) => {
            let (heading, check) = from_line(i18n, &opened);
            let sent_at = opened.sent_at.clone();
            let text = opened.text.clone();
            let reply = match (&opened.reply_phone, &opened.reply_email) {
                (Some(phone), _) => Some(view! {
                    <a class="button primary" href=tel_href(phone)><span aria-hidden="true">"📞 "</span>{t_string!(i18n, desk.call_back, phone = phone).to_string()}</a>
                }.into_any()),
                (None, Some(email)) => mailto_href(email).map(|href| view! {
                    <a class="button primary" href=href><span aria-hidden="true">"✉️ "</span>{t_string!(i18n, desk.mail_back, email = email).to_string()}</a>
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
                t_string!(i18n, desk.note_hint_sealed).to_string()
            } else {
                t_string!(i18n, desk.note_hint_plain).to_string()
            };
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
                    <p class="muted">{move || t_string!(i18n, desk.sent_at, when = &when(&sent_at, lang(i18n))).to_string()}</p>
                    <p class="badge">{status_line}</p>
                    {wants_reply.then(|| view! { <p><strong>{t_string!(i18n, desk.callback).to_string()}</strong></p> })}
                    <button type="button" class="button big" aria-expanded=move || open.get().to_string() aria-controls=body_id.clone() on:click=toggle>
                        {move || if open.get() { t_string!(i18n, desk.hide).to_string() } else { t_string!(i18n, desk.read_more).to_string() }}
                    </button>
                    <div id=body_id2 hidden=move || !open.get()>
                        <p class="desk-text" dir="auto">{text}</p>
                        <div class="stack">{reply}</div>
                        {move || row.note.get().map(|n| view! { <p class="notice" dir="auto">{t_string!(i18n, desk.note, note = &n).to_string()}</p> })}
                        {
                            let note_id = note_id2.clone();
                            let sealed_hint = sealed_hint.clone();
                            let save = save.clone();
                            move || (row.status.get() != MessageStatus::Handled).then(|| {
                                let note_id = note_id.clone();
                                let hint_id = format!("{note_id}-hint");
                                if handling.get() {
                                    view! {
                                        <form class="form" on:submit=save.clone() novalidate>
                                            <label for=note_id.clone()>{t_string!(i18n, desk.note_label).to_string()}</label>
                                            <p id=hint_id.clone() class="muted">{sealed_hint.clone()}</p>
                                            <textarea id=note_id class="input" rows="3" maxlength=NOTE_MAX_CHARS aria-describedby=hint_id
                                                prop:value=note_text on:input=move |ev| note_text.set(event_target_value(&ev))></textarea>
                                            <div class="stack">
                                                <button type="submit" class="button primary" aria-disabled=move || busy.get().to_string()>{t_string!(i18n, desk.save_handled).to_string()}</button>
                                                <button type="button" class="button" on:click=move |_| handling.set(false)>{t_string!(i18n, desk.cancel).to_string()}</button>
                                            </div>
                                        </form>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="button" on:click=move |_| handling.set(true)>{t_string!(i18n, desk.handle).to_string()}</button>
                                    }.into_any()
                                }
                            })
                        }
                        {
                            move || failed.get().then(|| view! { <p class="form-error" role="alert">{t_string!(i18n, desk.status_failed).to_string()}</p> })
                        }
                    </div>
                </article>
            }.into_any()
        }
    }
}
