//! Data inside a translated sentence, isolated from the sentence's direction (issue #22).
//! A Dutch name in an Arabic sentence ("اتصل بمرشدي (Lotte van den Berg)"), or an Arabic
//! name in a Dutch one, keeps its own order, and the brackets and words around it stay
//! where the sentence puts them. `<bdi>` and not the Unicode isolate characters: those
//! would end up in the text a screen reader or a search reads.

use leptos::prelude::*;

/// A value for a `t!` placeholder: `t!(i18n, home.call_mentor, name = isolate(name))`.
/// Inside a flex container (`.button`, `summary`) wrap the whole sentence in a `<span>`:
/// flex would make the `<bdi>` a block of its own, with a gap around it on screen and
/// spaces around it in the accessible name.
pub fn isolate(text: impl Into<String>) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    let text: String = text.into();
    move || view! { <bdi>{text.clone()}</bdi> }.into_any()
}
