//! Providers and routes only.

use crate::{
    api,
    components::{self, Shell},
    i18n::*,
    pages::*,
    state::{init_language, lock, provide_data, provide_display, provide_session},
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
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
    init_language(use_i18n());
    provide_display();
    components::provide_speech();
    let session = provide_session();
    provide_data();
    api::outbox::provide_outbox();
    lock::watch(session);
    view! {
        <Router base=api::router_base()>
            <Shell>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=SignInPage />
                    <Route path=path!("/home") view=HomePage />
                    <Route path=path!("/afspraken") view=AgreementsPage />
                    <Route path=path!("/doelen") view=GoalsPage />
                    <Route path=path!("/doelen/:id") view=GoalDetailPage />
                    <Route path=path!("/agenda") view=AgendaPage />
                    <Route path=path!("/vragenlijst") view=SurveyPage />
                    <Route path=path!("/kiosk/:survey") view=survey::KioskPage />
                    <Route path=path!("/resultaten/:survey") view=ResultsPage />
                    <Route path=path!("/contact") view=ContactPage />
                    <Route path=path!("/instellingen") view=SettingsPage />
                    <Route path=path!("/signalen") view=SignalsPage />
                    <Route path=path!("/team") view=TeamPage />
                </Routes>
            </Shell>
        </Router>
    }
}
