//! The pages behind lazy routes: wasm chunks that load on the first visit (Leptos
//! `LazyRoute` + wasm-split), so the sign-in screen loads without them.
//!
//! Pages are grouped into a few chunks rather than one each: every lazy function of its own
//! makes wasm-split cut the code the pages share into many small shared chunks (the home
//! page alone needed 60 requests, ≈ 1.5 s on a slow connection). The dossier pages share
//! most of their code and are opened one after the other, so they are one chunk.

use crate::{components::ChunkRetry, pages::*, split::ChunkUnavailable};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// The pages that show the participant's dossier: one chunk.
#[derive(Clone, Copy)]
pub enum DossierPage {
    Home,
    Agreements,
    Goals,
    GoalDetail,
    Agenda,
    Signals,
    Team,
    MyData,
}

/// What the dossier chunk is asked to do: open a fetched dossier file, or give a page.
pub enum DossierWork {
    Open {
        lookup: String,
        text: String,
        code: Option<String>,
    },
    Page(DossierPage),
}

pub enum DossierDone {
    Opened(Result<Box<crate::model::Dossier>, crate::api::ApiError>),
    Page(AnyView),
}

crate::split! {
    preload __preload_dossier_chunk;
    /// The dossier pages and the code that opens a dossier (the decoders of all its lists,
    /// envelopes of sealed ones) are one chunk: a signed-in start needs both at once, and as
    /// two chunks they shared so much code that wasm-split cut it into some thirty small
    /// shared chunks, each a request and a compile on the main thread.
    async fn dossier_chunk(work: DossierWork) -> DossierDone {
        match work {
            DossierWork::Open { lookup, text, code } => DossierDone::Opened(
                crate::state::open::open_dossier(lookup, text, code)
                    .await
                    .map(Box::new),
            ),
            DossierWork::Page(page) => DossierDone::Page(match page {
                DossierPage::Home => view! { <HomePage /> }.into_any(),
                DossierPage::Agreements => view! { <AgreementsPage /> }.into_any(),
                DossierPage::Goals => view! { <GoalsPage /> }.into_any(),
                DossierPage::GoalDetail => view! { <GoalDetailPage /> }.into_any(),
                DossierPage::Agenda => view! { <AgendaPage /> }.into_any(),
                DossierPage::Signals => view! { <SignalsPage /> }.into_any(),
                DossierPage::Team => view! { <TeamPage /> }.into_any(),
                DossierPage::MyData => view! { <MyDataPage /> }.into_any(),
            }),
        }
    }
}

/// Opens a fetched dossier file in the dossier chunk (fetching it first if needed).
pub async fn open_dossier(
    lookup: String,
    text: String,
    code: Option<String>,
) -> Result<crate::model::Dossier, crate::api::ApiError> {
    match dossier_chunk(DossierWork::Open { lookup, text, code }).await? {
        DossierDone::Opened(result) => result.map(|dossier| *dossier),
        // Not produced for `Open`; an error rather than a panic all the same.
        DossierDone::Page(_) => Err(crate::api::ApiError::CannotOpen),
    }
}

async fn dossier_page(page: DossierPage) -> Result<AnyView, ChunkUnavailable> {
    Ok(match dossier_chunk(DossierWork::Page(page)).await? {
        DossierDone::Page(view) => view,
        DossierDone::Opened(_) => ().into_any(),
    })
}

/// The survey, alone or on a survey team's tablet: one chunk.
#[derive(Clone, Copy)]
pub enum SurveyKind {
    Participant,
    Kiosk,
}

crate::split! {
    preload __preload_survey_page;
    async fn survey_page(kind: SurveyKind) -> AnyView {
        match kind {
            SurveyKind::Participant => view! { <SurveyPage /> }.into_any(),
            SurveyKind::Kiosk => view! { <survey::KioskPage /> }.into_any(),
        }
    }
}

crate::split! {
    preload __preload_contact_page;
    async fn contact_page() -> AnyView {
        view! { <ContactPage /> }.into_any()
    }
}

crate::split! {
    preload __preload_settings_page;
    async fn settings_page() -> AnyView {
        view! { <SettingsPage /> }.into_any()
    }
}

crate::split! {
    preload __preload_results_page;
    async fn results_page() -> AnyView {
        view! { <ResultsPage /> }.into_any()
    }
}

crate::split! {
    preload __preload_desk_page;
    /// The desk for the people who receive messages: staff only, never in a
    /// participant's first load.
    async fn desk_page() -> AnyView {
        view! { <desk::DeskPage /> }.into_any()
    }
}

/// Routes whose view comes from one of the chunks above; the router waits for it before it
/// leaves the current page.
macro_rules! lazy_routes {
    ($($route:ident => $load:expr, $preload:ident;)*) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                let view = match $load.await {
                    Ok(view) => view,
                    // Offline before the service worker stored this chunk: the page says
                    // so, and the app loads again on a tap or when the connection is back.
                    Err(ChunkUnavailable) => {
                        view! { <ChunkRetry /> }.into_any()
                    }
                };
                // The page is drawn in a task of its own, not in the one that compiled
                // its chunk.
                crate::browser::yield_to_browser(0).await;
                view
            }

            async fn preload() {
                // Without the split (the wasm tests) there is nothing to fetch.
                // A failed fetch is not kept: opening the page fetches it again.
                #[cfg(koers_split)]
                let _ = $preload().await;
            }
        }
    )*};
}

lazy_routes! {
    HomeRoute => dossier_page(DossierPage::Home), __preload_dossier_chunk;
    AgreementsRoute => dossier_page(DossierPage::Agreements), __preload_dossier_chunk;
    GoalsRoute => dossier_page(DossierPage::Goals), __preload_dossier_chunk;
    GoalDetailRoute => dossier_page(DossierPage::GoalDetail), __preload_dossier_chunk;
    AgendaRoute => dossier_page(DossierPage::Agenda), __preload_dossier_chunk;
    SignalsRoute => dossier_page(DossierPage::Signals), __preload_dossier_chunk;
    TeamRoute => dossier_page(DossierPage::Team), __preload_dossier_chunk;
    MyDataRoute => dossier_page(DossierPage::MyData), __preload_dossier_chunk;
    SurveyRoute => survey_page(SurveyKind::Participant), __preload_survey_page;
    KioskRoute => survey_page(SurveyKind::Kiosk), __preload_survey_page;
    ContactRoute => contact_page(), __preload_contact_page;
    SettingsRoute => settings_page(), __preload_settings_page;
    ResultsRoute => results_page(), __preload_results_page;
    DeskRoute => desk_page(), __preload_desk_page;
}

thread_local! {
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts fetching what the home screen needs next (its page and the dossier decoder) in
/// parallel, instead of one after the other once they are asked for: at a start signed in,
/// and as soon as a code is being typed on the sign-in screen. Nothing extra is downloaded:
/// these are needed a moment later anyway (and the service worker stores every chunk).
pub fn warm_home() {
    if WARMED.replace(true) {
        return;
    }
    // After the task that starts the app: both fetches start a moment later, and the start
    // itself stays shorter.
    leptos::task::spawn_local(async {
        crate::browser::yield_to_browser(0).await;
        <HomeRoute as LazyRoute>::preload().await;
    });
}
