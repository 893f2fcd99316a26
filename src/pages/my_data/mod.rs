//! "Mijn gegevens" (the right of access): everything Koers shows of the participant on one
//! page, to print or keep as a PDF with the browser's own print, and the dossier file
//! itself as JSON, opened from its envelope when it is sealed.
//!
//! In the dossier pages' chunk (`routes.rs`): it shows the same documents with the same
//! views as the other dossier pages.

mod overview;

use crate::{
    api::ApiError,
    components::{api_error_text, download::save_text, WithDossier},
    i18n::*,
    model::{dates, Dossier},
    state::{open::dossier_json, use_session, Session},
};
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub fn MyDataPage() -> impl IntoView {
    view! { <WithDossier let:d><MyData dossier=d /></WithDossier> }
}

#[component]
fn MyData(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, my_data.title)}</h1>
        <p>{t!(i18n, my_data.intro)}</p>
        <section class="card no-print" aria-labelledby="take-title">
            <h2 id="take-title">{t!(i18n, my_data.take_title)}</h2>
            <PrintButton />
            <DownloadButton />
        </section>
        <overview::Overview dossier />
    }
}

/// The browser's own print dialog, which also offers "Save as PDF"; the print stylesheet
/// (`style/main.css`, `@media print`) leaves out the menus and buttons.
#[component]
fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        if let Err(e) = window().print() {
            leptos::logging::warn!("print: {e:?}");
        }
    };
    view! {
        <button type="button" class="button big" aria-describedby="print-hint" on:click=print>
            <span aria-hidden="true">"🖨️ "</span>{t!(i18n, my_data.print)}
        </button>
        <p id="print-hint" class="muted">{t!(i18n, my_data.print_hint)}</p>
    }
}

/// The dossier file as JSON. Fetched again (the service worker's copy when offline) so it
/// is the file itself, with every field, not what this app understood of it.
#[component]
fn DownloadButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let download = Action::new_local(move |_: &()| async move {
        let lookup = session.lookup_untracked().ok_or(ApiError::SignedOut)?;
        let json = dossier_json(&lookup, Session::known_sealed(&lookup)).await?;
        let day = dates::today_at(dates::now());
        save_text(
            &format!("mijn-gegevens-{}.json", crate::model::lenient::ymd(day)),
            "application/json",
            &json,
        );
        Ok::<_, ApiError>(())
    });
    let busy = download.pending();
    let start = move |_| {
        if !busy.get_untracked() {
            download.dispatch(());
        }
    };
    view! {
        <p id="download-warning" class="warning">
            <span aria-hidden="true">"⚠️ "</span>{t!(i18n, my_data.download_warning)}
        </p>
        <button type="button" class="button big" aria-describedby="download-warning"
            aria-disabled=move || busy.get().then_some("true") on:click=start>
            <span aria-hidden="true">"⬇️ "</span>
            {move || if busy.get() { t_string!(i18n, my_data.download_busy) } else { t_string!(i18n, my_data.download) }}
        </button>
        {move || match download.value().get() {
            Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, my_data.downloaded)}</p> }.into_any()),
            Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{api_error_text(i18n, &e)}</p> }.into_any()),
            None => None,
        }}
    }
}
