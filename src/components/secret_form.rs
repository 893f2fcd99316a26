//! The form of one secret: an access code, a PIN or a team token. The field, its hint and
//! error wired together for screen readers, and a button that says it is busy while the
//! (slow) check runs.

use super::FieldError;
use leptos::prelude::*;

/// A `card form` with one field: `label`, an optional hint (`hint_id`), the input
/// (`aria-describedby` the hint and `error_id`, `aria-invalid` while there is an error),
/// `children` (more fields) and the submit button, disabled while `busy` or `disabled`.
/// `on_submit` runs without the browser's own submit. The words are `TextProp`s (pass
/// `move || t_string!(…)`): one text type for every form keeps the first load small.
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
) -> impl IntoView {
    let describedby = match hint_id {
        Some(hint) => format!("{hint} {error_id}"),
        None => error_id.to_string(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <label for=input_id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p id=hint_id class="muted">{move || hint.get()}</p> })}
            <input
                id=input_id
                name=name
                type=kind
                class=if code { "input code-input" } else { "input" }
                inputmode=inputmode
                autocomplete="off"
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
            <FieldError id=error_id message=error />
            {children.map(|c| c())}
            <button type="submit" class="button primary big" disabled=move || busy.get() || disabled.get()>
                {icon.map(|i| view! { <span aria-hidden="true">{i}</span> })}
                {move || if busy.get() { busy_label.get() } else { submit_label.get() }}
            </button>
        </form>
    }
}
