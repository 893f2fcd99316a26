use crate::{
    components::SecretForm,
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
    let pin = RwSignal::new(String::new());
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
    let submit = move |_: ()| {
        let value = pin.get_untracked();
        if value.trim().is_empty() {
            set_empty.set(true);
            return;
        }
        set_empty.set(false);
        pin.set(String::new());
        unlock.dispatch(value.trim().to_string());
    };
    let forgot = move |_| {
        navigate("/", Default::default());
        session.sign_out();
    };
    view! {
        <h1><span aria-hidden="true">"🔒 "</span>{t!(i18n, lock.title)}</h1>
        <SecretForm
            input_id="unlock-pin"
            name="pin"
            label=move || t_string!(i18n, lock.pin_label)
            error_id="unlock-error"
            error=Signal::derive(error)
            value=pin
            code=true
            inputmode="numeric"
            maxlength="5"
            on_submit=submit
            busy=unlock.pending()
            submit_label=move || t_string!(i18n, lock.open)
            busy_label=move || t_string!(i18n, lock.busy)
        />
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
