use crate::{
    components::{isolate, OutboxStatus},
    i18n::*,
    model::{
        inbox::{limits, Message, ReplyVia},
        sealed_write::PublicKey,
        Contact,
    },
    state::outbox::{self, use_outbox},
    state::{use_dossier, use_session},
};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Reply {
    Phone,
    Email,
    None,
}

/// A confidential message to one contact, sent through the outbox. The text lives only in
/// this form until it is queued; the outbox drops it once the server has stored it.
/// With `sealing` (the contact's public key) it is sealed before it is queued.
#[component]
pub fn MessageForm(
    contact: Contact,
    sealing: Option<PublicKey>,
    /// Told when a message joined this phone's sent list.
    sent_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let session = use_session();
    let dossier = use_dossier().0;
    let body = RwSignal::new(String::new());
    let reply = RwSignal::new(Reply::None);
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let anonymous = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let queued = RwSignal::new(None::<uuid::Uuid>);
    let max = limits::MESSAGE_BODY;
    let sealed = sealing.is_some();
    let key = contact.id.clone();
    let name = contact.name.clone();
    // Who writes: the id, and the first name the adviser reads next to it (inside the
    // sealed body only; a plain message carries no name).
    let participant = move || {
        if !session.is_signed_in() {
            return None;
        }
        dossier
            .get_untracked()
            .and_then(|d| d.ok())
            .map(|d| (d.participant.id.clone(), d.participant.first_name.clone()))
    };
    let to = contact.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reply_via = match reply.get_untracked() {
            Reply::Phone => Some(ReplyVia {
                phone: Some(phone.get_untracked().trim().to_string()),
                email: None,
            }),
            Reply::Email => Some(ReplyVia {
                phone: None,
                email: Some(email.get_untracked().trim().to_string()),
            }),
            Reply::None => None,
        };
        let writer = participant();
        let mut message = Message::compose(
            uuid::Uuid::new_v4(),
            &to,
            &body.get_untracked(),
            reply_via,
            writer.as_ref().map(|(id, _)| id.as_str()),
            anonymous.get_untracked(),
            crate::state::now_instant(),
        );
        if sealed && message.participant_id.is_some() {
            message.sender_name = writer
                .map(|(_, name)| name.trim().chars().take(limits::SENDER_NAME).collect())
                .filter(|name: &String| !name.is_empty());
        }
        if let Err(e) = message.validate(Some(true)) {
            let text = match e.field.as_deref() {
                Some("body") => t_string!(i18n, contact.error_empty).to_string(),
                Some("reply_via.phone") | Some("reply_via")
                    if reply.get_untracked() == Reply::Phone =>
                {
                    t_string!(i18n, contact.error_phone).to_string()
                }
                Some("reply_via.email") | Some("reply_via") => {
                    t_string!(i18n, contact.error_email).to_string()
                }
                _ => t_string!(i18n, contact.error_else, reason = e.message.clone()).to_string(),
            };
            error.set(Some(text));
            return;
        }
        error.set(None);
        outbox::send_message(&outbox, &message, sealing.as_ref());
        // Signed out this may be a borrowed phone: nothing of the message stays behind.
        if session.is_signed_in() {
            crate::state::sent::remember(
                &message.id.to_string(),
                &message.to,
                &message.sent_at.0.to_rfc3339(),
            );
            sent_changed.run(());
        }
        queued.set(Some(message.id));
        body.set(String::new());
        phone.set(String::new());
        email.set(String::new());
    };
    let id = |field: &str| format!("msg-{field}-{key}");
    let (body_id, phone_id, email_id, anon_id, count_id) = (
        id("body"),
        id("phone"),
        id("email"),
        id("anon"),
        id("count"),
    );
    let group = StoredValue::new(format!("reply-{}", contact.id));
    let reply_radio = move |value: Reply, label: String| {
        let group = group.get_value();
        view! {
            <div class="choice">
                <input type="radio" name=group.clone() id=format!("{group}-{label}")
                    prop:checked=move || reply.get() == value
                    on:change=move |_| reply.set(value) />
                <label for=format!("{group}-{label}")>{label.clone()}</label>
            </div>
        }
    };
    view! {
        <details class="message">
            <summary class="button big"><span>{t!(i18n, contact.message_open, name = isolate(name.clone()))}</span></summary>
            <form class="form" on:submit=submit novalidate>
                <h4>{t!(i18n, contact.message_title, name = isolate(name.clone()))}</h4>
                <p class="notice">
                    <span aria-hidden="true">"🔒 "</span>
                    {t!(i18n, contact.who_reads, name = isolate(name.clone()))}
                    {sealed.then(|| view! { " " {t!(i18n, contact.sealed_notice, name = isolate(name.clone()))} })}
                </p>
                <label for=body_id.clone()>{t!(i18n, contact.body_label)}</label>
                <textarea id=body_id class="input" rows="5" maxlength=max aria-describedby=count_id.clone()
                    prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <p id=count_id class="muted" aria-live="polite">
                    {move || t_string!(i18n, contact.chars, used = body.read().chars().count(), max = max)}
                </p>
                <fieldset>
                    <legend>{t!(i18n, contact.reply_legend)}</legend>
                    {move || reply_radio(Reply::Phone, t_string!(i18n, contact.reply_phone).to_string())}
                    {move || reply_radio(Reply::Email, t_string!(i18n, contact.reply_email).to_string())}
                    {move || reply_radio(Reply::None, t_string!(i18n, contact.reply_none).to_string())}
                </fieldset>
                <Show when=move || reply.get() == Reply::Phone>
                    <label for=phone_id.clone()>{t!(i18n, contact.phone_label)}</label>
                    <input id=phone_id.clone() class="input" type="tel" autocomplete="tel"
                        prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) />
                </Show>
                <Show when=move || reply.get() == Reply::Email>
                    <label for=email_id.clone()>{t!(i18n, contact.email_label)}</label>
                    <input id=email_id.clone() class="input" type="email" autocomplete="email"
                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) />
                </Show>
                {move || if session.is_signed_in() {
                    let anon_id = anon_id.clone();
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=anon_id.clone() prop:checked=anonymous
                                on:change=move |ev| anonymous.set(event_target_checked(&ev)) />
                            <label for=anon_id>{t!(i18n, contact.anonymous)}</label>
                        </div>
                    }.into_any()
                } else {
                    view! { <p class="muted">{t!(i18n, contact.anonymous_signed_out)}</p> }.into_any()
                }}
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <button type="submit" class="button primary big">{t!(i18n, contact.send)}</button>
                {move || queued.get().map(|id| view! {
                    <p class="muted">{t!(i18n, contact.sent_cleared)}</p>
                    <OutboxStatus id />
                })}
            </form>
        </details>
    }
}

/// "Snel weg": replaces the page at once with a neutral one, without the message, and
/// without this page in the history entry it leaves behind; the session is locked or
/// forgotten first.
#[component]
pub fn QuickExit() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let leave = move |_| {
        // Back (or the browser's page cache) must not bring the dossier back: lock it
        // behind the PIN, or sign out without losing what still waits to be sent.
        if session.pin_set.get_untracked() {
            crate::state::lock::lock_now(session);
        } else if session.is_signed_in() {
            session.sign_out_keeping_outbox();
        }
        let target = format!("{}neutral.html", crate::browser::base_href());
        let _ = window().location().replace(&target);
    };
    view! {
        <div class="quick-exit">
            <button type="button" class="button danger" on:click=leave>
                <span aria-hidden="true">"🚪 "</span>{t!(i18n, contact.quick_exit)}
            </button>
            <p class="muted">{t!(i18n, contact.quick_exit_hint)}</p>
        </div>
    }
}
