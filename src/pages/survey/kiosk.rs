//! The kiosk: a team PIN starts and stops it, and respondents follow one another.

use super::{
    flow::{survey_resource, SurveyFlow},
    screen::Sent,
};
use crate::{
    browser::session_storage,
    components::{Loader, SecretForm},
    i18n::*,
    model::{
        inbox::ResponseMode,
        survey::Anonymity,
        survey_flow::{kiosk, Draft, Step},
        Survey,
    },
    state::idle::{use_idle, Idle},
};
use leptos::{html, prelude::*};
use std::sync::Arc;

const KIOSK_PIN_KEY: &str = crate::model::storage::KIOSK_PIN;

/// One survey's kiosk: the PIN setup until the team set a PIN (this tab keeps its hash),
/// then one respondent after another.
#[component]
pub(super) fn KioskFor(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let pin =
        RwSignal::new(session_storage().and_then(|s| s.get_item(KIOSK_PIN_KEY).ok().flatten()));
    view! {
        <h1>{t!(i18n, survey.title)}</h1>
        {move || match pin.get() {
            None => view! { <KioskSetup pin /> }.into_any(),
            Some(hash) => {
                let id = id.clone();
                view! {
                    <Loader resource=survey_resource(id) let:survey>
                        <KioskRun survey pin_hash=hash.clone() pin />
                    </Loader>
                }
                .into_any()
            }
        }}
    }
}

/// The team sets a PIN; only its hash is kept, in sessionStorage.
#[component]
fn KioskSetup(pin: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let submit = move |_| {
        let entered = value.get_untracked();
        if !kiosk::valid_pin(&entered) {
            invalid.set(true);
            return;
        }
        let hash = kiosk::pin_hash(&entered);
        if let Some(s) = session_storage() {
            let _ = s.set_item(KIOSK_PIN_KEY, &hash);
        }
        value.set(String::new());
        pin.set(Some(hash));
    };
    view! {
            <section class="card" aria-labelledby="kiosk-setup-title">
                <h2 id="kiosk-setup-title">{t!(i18n, kiosk.title)}</h2>
                <p>{t!(i18n, kiosk.setup_intro)}</p>
    <SecretForm
                    class="form"
                    input_id="kiosk-pin"
                    name="kiosk-pin"
                    label=move || t_string!(i18n, kiosk.pin)
                    error_id="kiosk-pin-error"
                    error=Signal::derive(move || invalid.get().then(|| t_string!(i18n, kiosk.pin_invalid).to_string()))
                    value
                    inputmode="numeric"
                    maxlength="8"
                    on_submit=submit
                    busy=Signal::stored(false)
                    submit_label=move || t_string!(i18n, kiosk.start)
                    busy_label=move || t_string!(i18n, kiosk.start)
                />
            </section>
        }
}

/// One respondent after another: a fresh draft each time, wiped after sending or after
/// two minutes without a touch.
#[component]
fn KioskRun(survey: Arc<Survey>, pin_hash: String, pin: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    if survey.anonymous == Anonymity::Forbidden {
        return view! { <p class="notice">{t!(i18n, kiosk.forbidden)}</p> <KioskLeave pin_hash pin reset=Callback::new(|_| ()) /> }.into_any();
    }
    let fresh = {
        let survey = survey.clone();
        move || Draft::new(&survey, ResponseMode::Kiosk)
    };
    let draft = RwSignal::new(fresh());
    let sent = RwSignal::new(None::<Sent>);
    let respondent = RwSignal::new(0u32);
    let warning = RwSignal::new(None::<u32>);
    let last_touch = StoredValue::new(crate::browser::now_ms());
    let reset = {
        let fresh = fresh.clone();
        Callback::new(move |_: ()| {
            draft.set(fresh());
            sent.set(None);
            warning.set(None);
            last_touch.set_value(crate::browser::now_ms());
            respondent.update(|n| *n += 1);
        })
    };
    let touch = move || {
        last_touch.set_value(crate::browser::now_ms());
        if warning.get_untracked().is_some() {
            warning.set(None);
        }
    };
    let check = move || {
        let now = crate::browser::now_ms();
        if let Some(s) = sent.get_untracked() {
            if now - s.at >= kiosk::THANKS_MS as f64 {
                reset.run(());
            }
            return;
        }
        let started = draft.with_untracked(|d| d.step != Step::Intro || !d.answers.is_empty());
        if !started {
            return;
        }
        match kiosk::idle((now - last_touch.get_value()) as i64) {
            kiosk::Idle::Active => {
                if warning.get_untracked().is_some() {
                    warning.set(None);
                }
            }
            kiosk::Idle::Warning(left) => warning.set(Some(left)),
            kiosk::Idle::Reset => reset.run(()),
        }
    };
    use_idle(
        Idle {
            uses: &["pointerdown", "keydown", "input"],
            every: std::time::Duration::from_millis(500),
            when_shown: false,
        },
        touch,
        check,
    );
    let still_here = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if warning.with(Option::is_some) {
            if let Some(b) = still_here.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        {move || warning.get().map(|left| view! {
            <div class="card attention" role="alertdialog" aria-labelledby="still-there-title" aria-describedby="still-there-text">
                <h2 id="still-there-title">{t!(i18n, kiosk.still_there)}</h2>
                <p id="still-there-text">{t!(i18n, kiosk.still_there_text, count = move || left)}</p>
                <button type="button" class="button big primary" node_ref=still_here on:click=move |_| touch()>{t!(i18n, kiosk.still_here)}</button>
            </div>
        })}
        {
            let survey = survey.clone();
            move || {
                respondent.track();
                view! { <SurveyFlow survey=survey.clone() participant=None draft sent next_person=reset /> }
            }
        }
        <KioskLeave pin_hash pin reset />
    }
    .into_any()
}

/// "Kioskstand stoppen": only with the team PIN.
#[component]
fn KioskLeave(
    pin_hash: String,
    pin: RwSignal<Option<String>>,
    reset: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let value = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |_| {
        if kiosk::pin_hash(&value.get_untracked()) != pin_hash {
            wrong.set(true);
            return;
        }
        reset.run(());
        if let Some(s) = session_storage() {
            let _ = s.remove_item(KIOSK_PIN_KEY);
        }
        pin.set(None);
        navigate("/", Default::default());
    };
    view! {
            <div class="kiosk-leave">
                {move || if open.get() {
                    let submit = submit.clone();
                    view! {
    <SecretForm
                            class="form card"
                            input_id="kiosk-leave-pin"
                            name="kiosk-leave-pin"
                            label=move || t_string!(i18n, kiosk.leave_pin)
                            error_id="kiosk-leave-error"
                            error=Signal::derive(move || wrong.get().then(|| t_string!(i18n, kiosk.wrong_pin).to_string()))
                            value
                            inputmode="numeric"
                            on_submit=submit
                            busy=Signal::stored(false)
                            submit_class="button danger"
                            submit_label=move || t_string!(i18n, kiosk.leave_confirm)
                            busy_label=move || t_string!(i18n, kiosk.leave_confirm)
                            after=ViewFn::from(move || view! {
                                <button type="button" class="button" on:click=move |_| { open.set(false); wrong.set(false); value.set(String::new()); }>{t!(i18n, kiosk.cancel)}</button>
                            })
                        />
                    }.into_any()
                } else {
                    view! { <p><button type="button" class="button" on:click=move |_| open.set(true)>{t!(i18n, kiosk.leave)}</button></p> }.into_any()
                }}
            </div>
        }
}
