use super::labels::tel_href;
use crate::{i18n::*, state::settings::lang, state::use_config};
use leptos::prelude::*;

/// "Hulp nodig?" in the top bar of every screen: 112 and the crisis line in two taps,
/// always in the same place (WCAG 2.2 consistent help).
#[component]
pub fn HelpPanel() -> impl IntoView {
    let i18n = use_i18n();
    let config = use_config().0;
    let (open, set_open) = signal(false);
    let crisis = move || {
        config.get().and_then(|c| c.ok()).map(|c| {
            let emergency = c.emergency_phone.clone();
            let line = c.crisis_line.clone();
            (emergency, line)
        })
    };
    view! {
        <div class="help">
            <button
                class="button help-button"
                aria-expanded=move || open.get().to_string()
                aria-controls="help-panel"
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"🆘 "</span>
                {t!(i18n, help.button)}
            </button>
            <div id="help-panel" class="help-panel" hidden=move || !open.get()>
                <h2 class="help-title">{t!(i18n, help.title)}</h2>
                <p><strong>{t!(i18n, help.danger)}</strong></p>
                {move || {
                    let (emergency, line) = crisis().unwrap_or_else(|| ("112".into(), None));
                    view! {
                        <a class="button danger" href=tel_href(&emergency)>
                            <span aria-hidden="true">"📞 "</span>
                            {t!(i18n, help.call_112)}
                        </a>
                        {line.map(|line| {
                            let label = line.label.clone();
                            view! {
                                <a class="button primary" href=tel_href(&line.phone)>
                                    <span aria-hidden="true">"📞 "</span>
                                    {t!(i18n, help.call_crisis)}
                                </a>
                                <p class="muted" dir="auto">{move || label.get(lang(i18n)).to_string()}</p>
                            }
                        })}
                    }
                }}
                <button class="button" on:click=move |_| set_open.set(false)>{t!(i18n, help.close)}</button>
            </div>
        </div>
    }
}
