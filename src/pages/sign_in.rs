use crate::{
    api::ApiError,
    components::{api_error_text, SecretForm},
    i18n::*,
    state::{
        outbox::use_outbox, settings::apply_preferred, use_code_again, use_config, use_dossier,
        use_session,
    },
};
use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, A},
    hooks::use_navigate,
};

/// Sign-in with the access code from the mentor.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dossier = use_dossier().0;
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let (empty, set_empty) = signal(false);
    let code_again = use_code_again().0;

    let sign_in = Action::new_local(|code: &String| {
        let code = code.clone();
        async move {
            crate::state::open::sign_in(&code)
                .await
                .map(|(lookup, d)| (lookup, d.participant.preferred_language.clone()))
        }
    });
    Effect::new(move || {
        if let Some(Ok((lookup, preferred))) = sign_in.value().get() {
            apply_preferred(i18n, preferred.as_deref());
            code_again.set(false);
            session.wiped.set(false);
            if crate::state::keys::opened_sealed(&lookup) {
                session.mark_sealed(&lookup);
            }
            session.sign_in(lookup);
            session.keep_write_proof();
            // What waited for this participant's proof goes now.
            use_outbox().proof_changed();
            dossier.refetch();
            navigate("/home", Default::default());
        }
    });
    let error = move || match sign_in.value().get() {
        Some(Err(ApiError::NotFound)) => Some(t_string!(i18n, sign_in.unknown_code).to_string()),
        // Not answers to a sign-in: said as the server's fault.
        Some(Err(ApiError::SignedOut | ApiError::CodeNeeded)) => {
            Some(t_string!(i18n, error.server).to_string())
        }
        Some(Err(e)) => Some(api_error_text(i18n, &e).to_string()),
        _ if empty.get() => Some(t_string!(i18n, sign_in.empty_code).to_string()),
        _ => None,
    };
    let submit = move |_: ()| {
        let value = code.get_untracked();
        if value.trim().is_empty() {
            set_empty.set(true);
            return;
        }
        set_empty.set(false);
        sign_in.dispatch(value);
    };
    // What was typed (and pressed) on the first screen the HTML drew before the app started.
    if let Some(boot) = crate::browser::take_boot_form() {
        code.set(boot.code.clone());
        if boot.submitted && !session.is_signed_in() {
            submit(());
        } else if boot.focused {
            // Once this page's field is in the document (an effect runs after the render,
            // before the next frame).
            Effect::new(move |_| crate::browser::focus_code_field());
        }
    }
    // The card's QR code links to `…/#code=XXXX`: the fragment never reaches a server.
    // Take the code, remove it from the address bar and history, and sign in with it.
    if let Some(from_link) = take_code_from_fragment() {
        if !session.is_signed_in() {
            code.set(from_link.clone());
            sign_in.dispatch(from_link);
        }
    }

    view! {
        <Show when=move || session.is_signed_in()>
            <Redirect path="/home" />
        </Show>
        <h1>{t!(i18n, sign_in.title)}</h1>
        <p>{t!(i18n, sign_in.intro)}</p>
        <Show when=move || session.wiped.get()>
            <p class="form-error" role="alert">{t!(i18n, lock.wiped)}</p>
        </Show>
        <Show when=move || code_again.get()>
            <p class="notice" role="status">{t!(i18n, sign_in.code_again)}</p>
        </Show>
        <SecretForm
            input_id="code"
            name="code"
            label=move || t_string!(i18n, sign_in.code_label)
            hint_id="code-hint"
            hint=move || t_string!(i18n, sign_in.code_hint)
            error_id="code-error"
            error=Signal::derive(error)
            value=code
            kind="text"
            code=true
            autocapitalize="characters"
            spellcheck="false"
            on_input=Callback::new(|_| crate::routes::warm_home())
            on_submit=submit
            busy=sign_in.pending()
            icon="🔑 "
            submit_label=move || t_string!(i18n, sign_in.submit)
            busy_label=move || t_string!(i18n, sign_in.busy)
        />
        <section class="card">
            <h2>{t!(i18n, sign_in.no_code)}</h2>
            <A href="/contact" attr:class="button big">
                <span aria-hidden="true">"💬 "</span>
                {t!(i18n, sign_in.contact_link)}
            </A>
        </section>
        // Last on the page: it appears once config.json has loaded and must not push
        // anything down (layout shift).
        <DemoCodes on_pick=move |c: String| code.set(c) />
    }
}

/// `#code=XXXX` from the address, which is then replaced by the same address without
/// the fragment (`history.replaceState`, so no history entry keeps the code).
fn take_code_from_fragment() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let raw = hash.strip_prefix("#code=")?;
    let code = js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_else(|| raw.to_string());
    if let Ok(history) = window.history() {
        let url = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
    let code = code.trim().to_string();
    (!code.is_empty()).then_some(code)
}

/// In demo mode the sign-in page lists the demo codes from `config.json`; tapping one
/// fills it in.
#[component]
fn DemoCodes(#[prop(into)] on_pick: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let config = use_config().0;
    move || {
        let codes = config
            .get()
            .and_then(|c| c.ok())
            .filter(|c| c.demo && !c.demo_codes.is_empty())
            .map(|c| c.demo_codes.clone());
        codes.map(|codes| {
            view! {
                <section class="card demo">
                    <h2>{t!(i18n, sign_in.demo_title)}</h2>
                    <p>{t!(i18n, sign_in.demo_intro)}</p>
                    <ul class="plain">
                        {codes
                            .into_iter()
                            .map(|code| {
                                let label = code.clone();
                                view! {
                                    <li>
                                        <button class="button" type="button" on:click=move |_| on_pick.run(code.clone())>
                                            {t!(i18n, sign_in.use_code, code = move || label.clone())}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
