use leptos::prelude::*;

/// The error region of a form field: always in the page (the field's `aria-describedby`
/// points at `id`), with the message as an alert when there is one.
#[component]
pub fn FieldError(
    id: &'static str,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div id=id>
            {move || message.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </div>
    }
}
