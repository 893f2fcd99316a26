use crate::{
    api::{self, ApiError},
    i18n::*,
    state::{settings::apply_preferred, use_config, use_dossier, use_session},
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
    let (code, set_code) = signal(String::new());
    let (empty, set_empty) = signal(false);

    let sign_in = Action::new_local(|code: &String| {
        let code = code.clone();
        async move {
            api::sign_in(&code)
                .await
                .map(|(lookup, d)| (lookup, d.participant.preferred_language.clone()))
        }
    });
    Effect::new(move || {
        if let Some(Ok((lookup, preferred))) = sign_in.value().get() {
            apply_preferred(i18n, preferred.as_deref());
            session.sign_in(lookup);
            dossier.refetch();
            navigate("/home", Default::default());
        }
    });
    let error = move || match sign_in.value().get() {
        Some(Err(ApiError::NotFound)) => Some(t_string!(i18n, sign_in.unknown_code).to_string()),
        Some(Err(ApiError::Offline)) => Some(t_string!(i18n, error.offline).to_string()),
        Some(Err(ApiError::Unsupported { .. })) => {
            Some(t_string!(i18n, error.update_app).to_string())
        }
        Some(Err(ApiError::BadData { .. })) => Some(t_string!(i18n, error.bad_data).to_string()),
        Some(Err(_)) => Some(t_string!(i18n, error.server).to_string()),
        _ if empty.get() => Some(t_string!(i18n, sign_in.empty_code).to_string()),
        _ => None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = code.get_untracked();
        if value.trim().is_empty() {
            set_empty.set(true);
            return;
        }
        set_empty.set(false);
        sign_in.dispatch(value);
    };

    view! {
        <Show when=move || session.is_signed_in()>
            <Redirect path="/home" />
        </Show>
        <h1>{t!(i18n, sign_in.title)}</h1>
        <p>{t!(i18n, sign_in.intro)}</p>
        <form class="card form" on:submit=submit novalidate>
            <label for="code">{t!(i18n, sign_in.code_label)}</label>
            <p id="code-hint" class="muted">{t!(i18n, sign_in.code_hint)}</p>
            <input
                id="code"
                name="code"
                type="text"
                class="input code-input"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-describedby="code-hint code-error"
                aria-invalid=move || error().is_some().to_string()
                prop:value=code
                on:input=move |ev| set_code.set(event_target_value(&ev))
            />
            <div id="code-error">
                {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </div>
            <button type="submit" class="button primary big" disabled=move || sign_in.pending().get()>
                <span aria-hidden="true">"🔑 "</span>
                {move || if sign_in.pending().get() { t_string!(i18n, sign_in.busy) } else { t_string!(i18n, sign_in.submit) }}
            </button>
        </form>
        <section class="card">
            <h2>{t!(i18n, sign_in.no_code)}</h2>
            <A href="/contact" attr:class="button big">
                <span aria-hidden="true">"💬 "</span>
                {t!(i18n, sign_in.contact_link)}
            </A>
        </section>
        // Last on the page: it appears once config.json has loaded and must not push
        // anything down (layout shift).
        <DemoCodes on_pick=move |c: String| set_code.set(c) />
    }
}

/// In demo mode the sign-in page lists the demo codes; tapping one fills it in.
#[component]
fn DemoCodes(#[prop(into)] on_pick: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let config = use_config().0;
    move || {
        let demo = config.get().and_then(|c| c.ok()).is_some_and(|c| c.demo);
        demo.then(|| {
            view! {
                <section class="card demo">
                    <h2>{t!(i18n, sign_in.demo_title)}</h2>
                    <p>{t!(i18n, sign_in.demo_intro)}</p>
                    <ul class="plain">
                        {["DEMO-0001", "DEMO-0002", "DEMO-0003"]
                            .into_iter()
                            .map(|code| {
                                view! {
                                    <li>
                                        <button class="button" type="button" on:click=move |_| on_pick.run(code.to_string())>
                                            {t!(i18n, sign_in.use_code, code = code)}
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
