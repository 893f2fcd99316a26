use crate::{
    components::FieldError,
    i18n::*,
    state::outbox::use_outbox,
    state::{
        lock::{self, UnlockProblem},
        use_session,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Shown instead of every page while the PIN lock is on: the PIN, or signing in again.
#[component]
pub fn LockScreen() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let (pin, set_pin) = signal(String::new());
    let (empty, set_empty) = signal(false);
    let outbox = use_outbox();
    let unlock = Action::new_local(move |pin: &String| {
        let pin = pin.clone();
        async move {
            let opened = lock::unlock(session, pin, move || outbox.unlocked()).await;
            if let Ok(wrong) = opened {
                session.wrong_pins.set(wrong);
            }
            opened
        }
    });
    let error = move || match unlock.value().get() {
        Some(Err(UnlockProblem::WrongPin(left))) => {
            Some(t_string!(i18n, lock.wrong_pin, count = left).to_string())
        }
        Some(Err(UnlockProblem::Damaged)) => Some(t_string!(i18n, lock.damaged).to_string()),
        Some(Err(UnlockProblem::Offline)) => Some(t_string!(i18n, error.offline).to_string()),
        _ if empty.get() => Some(t_string!(i18n, lock.empty_pin).to_string()),
        _ => None,
    };
    // Five wrong PINs sign out: the sign-in page says why.
    let nav = navigate.clone();
    Effect::new(move || {
        if let Some(Err(UnlockProblem::WipedOut)) = unlock.value().get() {
            session.wiped.set(true);
            nav("/", Default::default());
            session.sign_out();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = pin.get_untracked();
        if value.trim().is_empty() {
            set_empty.set(true);
            return;
        }
        set_empty.set(false);
        set_pin.set(String::new());
        unlock.dispatch(value.trim().to_string());
    };
    let forgot = move |_| {
        navigate("/", Default::default());
        session.sign_out();
    };
    view! {
        <h1><span aria-hidden="true">"🔒 "</span>{t!(i18n, lock.title)}</h1>
        <form class="card form" on:submit=submit novalidate>
            <label for="unlock-pin">{t!(i18n, lock.pin_label)}</label>
            <input
                id="unlock-pin"
                name="pin"
                type="password"
                class="input code-input"
                inputmode="numeric"
                autocomplete="off"
                maxlength="5"
                aria-describedby="unlock-error"
                aria-invalid=move || error().is_some().to_string()
                prop:value=pin
                on:input=move |ev| set_pin.set(event_target_value(&ev))
            />
            <FieldError id="unlock-error" message=Signal::derive(error) />
            <button type="submit" class="button primary big" disabled=move || unlock.pending().get()>
                {move || if unlock.pending().get() { t_string!(i18n, lock.busy) } else { t_string!(i18n, lock.open) }}
            </button>
        </form>
        <section class="card">
            <h2>{t!(i18n, lock.forgot_title)}</h2>
            <p>{t!(i18n, lock.forgot_text)}</p>
            <button type="button" class="button big" on:click=forgot>{t!(i18n, lock.forgot_button)}</button>
        </section>
    }
}

/// After the lock opened: how many wrong PINs were typed since it last opened, so the
/// participant notices when someone else tried.
#[component]
pub fn WrongPinsNotice() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show when=move || { session.wrong_pins.get() > 0 && !session.locked.get() }>
            <aside class="notice" aria-labelledby="wrong-pins-text">
                <p id="wrong-pins-text" role="status">
                    <span aria-hidden="true">"⚠️ "</span>
                    {move || t_string!(i18n, lock.wrong_since, count = session.wrong_pins.get()).to_string()}
                </p>
                <button type="button" class="button" on:click=move |_| session.wrong_pins.set(0)>
                    {t!(i18n, lock.wrong_since_ok)}
                </button>
            </aside>
        </Show>
    }
}
