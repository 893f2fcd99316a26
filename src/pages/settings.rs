use crate::{
    components::{isolate, labels, SecretForm},
    i18n::*,
    model::{
        display::TEXT_SIZES,
        vault::{check_new_pin, PinProblem},
    },
    state::{lock, set_language, use_display, use_dossier, use_session},
};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::{
    components::{Redirect, A},
    hooks::use_navigate,
};

/// Language, text size and contrast, the less-used pages (team, signalling plan,
/// survey) and sign-out.
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
    let display = use_display();
    let outbox = crate::state::outbox::use_outbox();
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
        // Signed out (also by the shared phone on close): nothing here is for the next person.
        <Show when=move || !session.is_signed_in()>
            <Redirect path="/" />
        </Show>
        <h1>{t!(i18n, settings.title)}</h1>
        {move || name().map(|n| view! { <p dir="auto">{t!(i18n, settings.signed_in_as, name = isolate(n.clone()))}</p> })}
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
        <section class="card" aria-labelledby="display-title">
            <h2 id="display-title">{t!(i18n, settings.display)}</h2>
            <fieldset>
                <legend>{t!(i18n, settings.text_size)}</legend>
                <div class="text-sizes">
                    {TEXT_SIZES.iter().map(|&size| {
                        let id = format!("text-size-{size}");
                        view! {
                            <div class="choice">
                                <input type="radio" name="text-size" id=id.clone()
                                    prop:checked=move || display.text_size.get() == size
                                    on:change=move |_| display.set_text_size(size) />
                                <label for=id>{move || t_string!(i18n, settings.percent, value = size)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="choice">
                <input type="checkbox" id="high-contrast" aria-describedby="high-contrast-hint"
                    prop:checked=move || display.high_contrast.get()
                    on:change=move |ev| display.set_high_contrast(event_target_checked(&ev)) />
                <label for="high-contrast">{t!(i18n, settings.high_contrast)}</label>
            </div>
            <p id="high-contrast-hint" class="muted">{t!(i18n, settings.high_contrast_hint)}</p>
            <p class="muted">{t!(i18n, settings.system_hint)}</p>
        </section>
        <ReminderSettings />
        <DeviceLockSettings />
        <crate::components::DiscreetInstall />
        <section class="card">
            <ul class="plain stack">
                <li><A href="/team" attr:class="button big"><span aria-hidden="true">"👥 "</span>{t!(i18n, settings.team)}</A></li>
                <li><A href="/signalen" attr:class="button big"><span aria-hidden="true">"🚦 "</span>{t!(i18n, settings.signals)}</A></li>
                <li><A href="/vragenlijst" attr:class="button big"><span aria-hidden="true">"📝 "</span>{t!(i18n, settings.survey)}</A></li>
                <li><A href="/mijn-gegevens" attr:class="button big"><span aria-hidden="true">"📄 "</span>{t!(i18n, settings.my_data)}</A></li>
            </ul>
        </section>
        <section class="card">
            <p>{t!(i18n, settings.sign_out_intro)}</p>
            {move || warned.get().then(|| view! {
                <p class="form-error" role="alert">{t!(i18n, settings.sign_out_waiting, count = move || outbox.waiting())}</p>
            })}
            <button class="button big" on:click=sign_out>
                {move || if warned.get() { t_string!(i18n, settings.sign_out_anyway) } else { t_string!(i18n, settings.sign_out) }}
            </button>
        </section>
    }
}

/// The reminders the agenda export gives (`model::reminders`): probation and court always
/// get both, and this says so before anyone wonders why "Geen" did not hold for them.
#[component]
fn ReminderSettings() -> impl IntoView {
    use crate::{model::reminders::Reminders, state::agenda_export};
    let i18n = use_i18n();
    let chosen = RwSignal::new(agenda_export::reminders());
    let failed = RwSignal::new(false);
    view! {
        <section class="card" id="herinneringen" aria-labelledby="reminders-title">
            <h2 id="reminders-title"><span aria-hidden="true">"🔔 "</span>{t!(i18n, settings.reminders)}</h2>
            <fieldset aria-describedby="reminders-always reminders-later">
                <legend>{t!(i18n, settings.reminders_intro)}</legend>
                {Reminders::ALL.into_iter().map(|choice| {
                    let id = format!("reminders-{}", choice.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" name="reminders" id=id.clone()
                                prop:checked=move || chosen.get() == choice
                                on:change=move |_| {
                                    failed.set(!agenda_export::set_reminders(choice));
                                    chosen.set(choice);
                                } />
                            <label for=id>{move || labels::reminders(i18n, choice)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || failed.get().then(|| view! { <p class="form-error" role="alert">{t!(i18n, settings.reminders_not_saved)}</p> })}
            <p id="reminders-always">{t!(i18n, settings.reminders_always)}</p>
            <p id="reminders-later" class="muted">{t!(i18n, settings.reminders_later)}</p>
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

/// The PIN (set, lock now, remove) and the shared-phone choice.
#[component]
fn DeviceLockSettings() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pin = RwSignal::new(String::new());
    let (repeat, set_repeat) = signal(String::new());
    let problem = RwSignal::new(None::<PinProblem>);
    let shared = RwSignal::new(lock::shared_phone());
    let save = Action::new_local(move |pin: &String| lock::set_pin(session, pin.clone()));
    let error = move || {
        if let Some(Err(_)) = save.value().get() {
            return Some(t_string!(i18n, lock.set_failed).to_string());
        }
        problem.get().map(|p| match p {
            PinProblem::Format => t_string!(i18n, lock.pin_format).to_string(),
            PinProblem::TooEasy => t_string!(i18n, lock.pin_too_easy).to_string(),
            PinProblem::Mismatch => t_string!(i18n, lock.pin_mismatch).to_string(),
        })
    };
    let submit = move |_| {
        let (p, r) = (pin.get_untracked(), repeat.get_untracked());
        match check_new_pin(p.trim(), r.trim()) {
            Err(e) => problem.set(Some(e)),
            Ok(()) => {
                problem.set(None);
                pin.set(String::new());
                set_repeat.set(String::new());
                shared.set(false);
                save.dispatch(p.trim().to_string());
            }
        }
    };
    let set_shared = move |ev| {
        let on = event_target_checked(&ev);
        lock::set_shared_phone(session, on);
        shared.set(on);
    };
    view! {
        <section class="card" aria-labelledby="lock-title">
            <h2 id="lock-title"><span aria-hidden="true">"🔒 "</span>{t!(i18n, lock.settings_title)}</h2>
            <Show
                when=move || session.pin_set.get()
                fallback=move || view! {
                    <p>{t!(i18n, lock.pin_intro)}</p>
                    <SecretForm
                        class="form"
                        input_id="new-pin"
                        name="new-pin"
                        label=move || t_string!(i18n, lock.new_pin)
                        error_id="pin-error"
                        error=Signal::derive(error)
                        error_after_children=true
                        value=pin
                        code=true
                        inputmode="numeric"
                        maxlength="5"
                        autocomplete="new-password"
                        on_submit=submit
                        busy=save.pending()
                        submit_label=move || t_string!(i18n, lock.set_pin)
                        busy_label=move || t_string!(i18n, lock.busy_set)
                    >
                        <label for="repeat-pin">{t!(i18n, lock.repeat_pin)}</label>
                        <input id="repeat-pin" name="repeat-pin" type="password" class="input code-input"
                            inputmode="numeric" autocomplete="new-password" maxlength="5"
                            aria-describedby="pin-error"
                            prop:value=repeat on:input=move |ev| set_repeat.set(event_target_value(&ev)) />
                    </SecretForm>
                }
            >
                <p role="status">{t!(i18n, lock.pin_is_set)}</p>
                <ul class="plain stack">
                    <li>
                        <button type="button" class="button big" on:click=move |_| lock::lock_now(session)>
                            {t!(i18n, lock.lock_now)}
                        </button>
                    </li>
                    <li>
                        <button type="button" class="button big" on:click=move |_| lock::remove_pin(session)>
                            {t!(i18n, lock.remove_pin)}
                        </button>
                    </li>
                </ul>
            </Show>
            <div class="choice">
                <input type="checkbox" id="shared-phone" aria-describedby="shared-phone-hint"
                    prop:checked=move || shared.get()
                    on:change=set_shared />
                <label for="shared-phone">{t!(i18n, lock.shared_phone)}</label>
            </div>
            <p id="shared-phone-hint" class="muted">{t!(i18n, lock.shared_phone_hint)}</p>
        </section>
    }
}
