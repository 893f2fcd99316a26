//! Providers and routes only.

use crate::{
    components::{self, Shell},
    i18n::*,
    pages::*,
    routes::*,
    state::{init_language, lock, provide_data, provide_display, provide_session},
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Providers />
        </I18nContextProvider>
    }
}

#[component]
fn Providers() -> impl IntoView {
    // The dossier is opened inside its chunk; the state layer gets the opener from here.
    crate::state::open::set_dossier_opener(|lookup, text, code| {
        Box::pin(open_dossier(lookup, text, code))
    });
    init_language(use_i18n());
    provide_display();
    components::provide_speech();
    let session = provide_session();
    provide_data();
    crate::state::outbox::provide_outbox();
    lock::watch(session);
    if session.lookup_untracked().is_some() {
        crate::routes::warm_home();
    }
    view! {
        <Router base=crate::browser::router_base()>
            <Shell>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=SignInPage />
                    <Route path=path!("/home") view={Lazy::<HomeRoute>::new()} />
                    <Route path=path!("/afspraken") view={Lazy::<AgreementsRoute>::new()} />
                    <Route path=path!("/doelen") view={Lazy::<GoalsRoute>::new()} />
                    <Route path=path!("/doelen/:id") view={Lazy::<GoalDetailRoute>::new()} />
                    <Route path=path!("/agenda") view={Lazy::<AgendaRoute>::new()} />
                    <Route path=path!("/vragenlijst") view={Lazy::<SurveyRoute>::new()} />
                    <Route path=path!("/kiosk/:survey") view={Lazy::<KioskRoute>::new()} />
                    <Route path=path!("/resultaten/:survey") view={Lazy::<ResultsRoute>::new()} />
                    <Route path=path!("/contact") view={Lazy::<ContactRoute>::new()} />
                    <Route path=path!("/balie") view={Lazy::<DeskRoute>::new()} />
                    <Route path=path!("/instellingen") view={Lazy::<SettingsRoute>::new()} />
                    <Route path=path!("/signalen") view={Lazy::<SignalsRoute>::new()} />
                    <Route path=path!("/team") view={Lazy::<TeamRoute>::new()} />
                    <Route path=path!("/mijn-gegevens") view={Lazy::<MyDataRoute>::new()} />
                </Routes>
            </Shell>
        </Router>
    }
}
