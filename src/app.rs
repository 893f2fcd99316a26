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
                    <Route path=path!("/home") view=Page::Home />
                    <Route path=path!("/afspraken") view=Page::Dossier(DossierPage::Agreements) />
                    <Route path=path!("/doelen") view=Page::Dossier(DossierPage::Goals) />
                    <Route path=path!("/doelen/:id") view=Page::Dossier(DossierPage::GoalDetail) />
                    <Route path=path!("/agenda") view=Page::Dossier(DossierPage::Agenda) />
                    <Route path=path!("/vragenlijst") view=Page::Survey(SurveyKind::Participant) />
                    <Route path=path!("/kiosk/:survey") view=Page::Survey(SurveyKind::Kiosk) />
                    <Route path=path!("/resultaten/:survey") view=Page::Results />
                    <Route path=path!("/contact") view=Page::Contact />
                    <Route path=path!("/balie") view=Page::Desk />
                    <Route path=path!("/instellingen") view=Page::Settings />
                    <Route path=path!("/signalen") view=Page::Dossier(DossierPage::Signals) />
                    <Route path=path!("/team") view=Page::Dossier(DossierPage::Team) />
                    <Route path=path!("/mijn-gegevens") view=Page::Dossier(DossierPage::MyData) />
                </Routes>
            </Shell>
        </Router>
    }
}
