use crate::{
    i18n::*,
    state::{set_language, use_dossier, use_session},
};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::{components::A, hooks::use_navigate};

/// Language, the less-used pages (team, signalling plan, survey) and sign-out.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dossier = use_dossier().0;
    let navigate = use_navigate();
    let name = move || {
        dossier
            .get()
            .and_then(|d| d.ok())
            .map(|d| d.participant.first_name.clone())
    };
    let outbox = crate::api::outbox::use_outbox();
    // Signing out wipes the outbox too, so unsent writes need a second, deliberate tap.
    let warned = RwSignal::new(false);
    let sign_out = move |_| {
        if outbox.waiting() > 0 && !warned.get_untracked() {
            warned.set(true);
            return;
        }
        session.sign_out();
        navigate("/", Default::default());
    };
    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        {move || name().map(|n| view! { <p dir="auto">{t!(i18n, settings.signed_in_as, name = n.clone())}</p> })}
        <section class="card">
            <fieldset>
                <legend>{t!(i18n, settings.language)}</legend>
                {Locale::get_all().iter().map(|&locale| {
                    let id = format!("lang-{}", locale.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" name="language" id=id.clone()
                                prop:checked=move || i18n.get_locale() == locale
                                on:change=move |_| set_language(i18n, locale) />
                            <label for=id lang=locale.as_str()>{language_name(locale)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </section>
        <crate::components::DiscreetInstall />
        <section class="card">
            <ul class="plain stack">
                <li><A href="/team" attr:class="button big">{t!(i18n, settings.team)}</A></li>
                <li><A href="/signalen" attr:class="button big">{t!(i18n, settings.signals)}</A></li>
                <li><A href="/vragenlijst" attr:class="button big">{t!(i18n, settings.survey)}</A></li>
            </ul>
        </section>
        <section class="card">
            <p>{t!(i18n, settings.sign_out_intro)}</p>
            {move || warned.get().then(|| view! {
                <p class="form-error" role="alert">{t!(i18n, settings.sign_out_waiting, count = outbox.waiting())}</p>
            })}
            <button class="button big" on:click=sign_out>
                {move || if warned.get() { t_string!(i18n, settings.sign_out_anyway) } else { t_string!(i18n, settings.sign_out) }}
            </button>
        </section>
    }
}

/// Each language in its own words, so a reader finds theirs.
fn language_name(locale: Locale) -> &'static str {
    match locale.as_str() {
        "nl" => "Nederlands",
        "en" => "English",
        "ar" => "العربية",
        "pl" => "Polski",
        "tr" => "Türkçe",
        other => other,
    }
}
