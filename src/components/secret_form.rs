//! The form of one secret: an access code, a PIN, a team or desk token. The field, its hint
//! and error wired together for screen readers, and a button that says it is busy while the
//! (slow) check runs. Every secret the app asks for goes through here (sign-in, unlock, a new
//! PIN, the kiosk's team PIN, the results and desk tokens), so they look and sound alike.

use super::FieldError;
use leptos::prelude::*;

/// A form (`class`, a `card form` by default) with one secret field: `label`, an optional
/// hint (`hint_id`), the input (`aria-describedby` the hint and `error_id`, `aria-invalid`
/// while there is an error), `children` (more fields), the submit button and `after` (a
/// cancel button). The error stands under the field, or under `children` when
/// `error_after_children` (a second field that repeats the first shares its error).
///
/// While `busy` or `disabled` the button is `aria-disabled` and `on_submit` does not run: a
/// natively disabled button would drop the keyboard focus to the top of the page in the
/// middle of a slow check. The words are `TextProp`s (pass `move || t_string!(…)`): one text
/// type for every form keeps the first load small.
#[component]
pub fn SecretForm(
    input_id: &'static str,
    name: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(optional)] hint_id: Option<&'static str>,
    #[prop(optional, into)] hint: Option<TextProp>,
    error_id: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
    value: RwSignal<String>,
    /// `text` for a code the participant reads off a card; a password field otherwise.
    #[prop(default = "password")]
    kind: &'static str,
    /// The large, spaced field of short codes and PINs.
    #[prop(optional)]
    code: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<&'static str>,
    #[prop(optional)] autocapitalize: Option<&'static str>,
    #[prop(optional)] spellcheck: Option<&'static str>,
    /// `new-password` where a PIN is chosen, so a password manager does not offer an old one.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(default = "card form")] class: &'static str,
    #[prop(default = "button primary big")] submit_class: &'static str,
    #[prop(optional)] error_after_children: bool,
    /// Besides keeping `value`: what typing starts.
    #[prop(optional, into)]
    on_input: Option<Callback<()>>,
    #[prop(into)] on_submit: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// A pictogram before the button's words (hidden from screen readers).
    #[prop(optional)]
    icon: Option<&'static str>,
    #[prop(into)] submit_label: TextProp,
    #[prop(into)] busy_label: TextProp,
    #[prop(optional)] children: Option<Children>,
    #[prop(optional)] after: Option<ViewFn>,
) -> impl IntoView {
    let describedby = match hint_id {
        Some(hint) => format!("{hint} {error_id}"),
        None => error_id.to_string(),
    };
    let blocked = move || busy.get() || disabled.get();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !blocked() {
            on_submit.run(());
        }
    };
    let field_error = move || view! { <FieldError id=error_id message=error /> };
    view! {
        <form class=class on:submit=submit novalidate>
            <label for=input_id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p id=hint_id class="muted">{move || hint.get()}</p> })}
            <input
                id=input_id
                name=name
                type=kind
                class=if code { "input code-input" } else { "input" }
                inputmode=inputmode
                autocomplete=autocomplete
                autocapitalize=autocapitalize
                spellcheck=spellcheck
                maxlength=maxlength
                aria-describedby=describedby
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=value
                on:input=move |ev| {
                    if let Some(cb) = on_input {
                        cb.run(());
                    }
                    value.set(event_target_value(&ev))
                }
            />
            {(!error_after_children).then(field_error)}
            {children.map(|c| c())}
            {error_after_children.then(field_error)}
            <button type="submit" class=submit_class aria-disabled=move || blocked().to_string()>
                {icon.map(|i| view! { <span aria-hidden="true">{i}</span> })}
                {move || if busy.get() { busy_label.get() } else { submit_label.get() }}
            </button>
            {after.map(|a| a.run())}
        </form>
    }
}
