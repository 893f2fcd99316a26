//! The pages behind lazy routes: wasm chunks that load on the first visit (Leptos
//! `LazyRoute` + wasm-split), so the sign-in screen loads without them.
//!
//! Pages are grouped into a few chunks rather than one each, and the code that chunks share
//! goes into one shared chunk per owner (`xtask::wasm::CHUNK_OWNERS`, issue #19): home with
//! the dossier opening, the other dossier pages, the survey, contact, settings, results and
//! the desk.

use crate::{components::ChunkRetry, pages::*, split::ChunkUnavailable};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// The dossier pages other than home: one chunk, fetched once home is on its way.
#[derive(Clone, Copy)]
pub enum DossierPage {
    Agreements,
    Goals,
    GoalDetail,
    Agenda,
    Signals,
    Team,
    MyData,
}

/// What the home chunk is asked to do: open a fetched dossier file, or give the home page.
pub enum HomeWork {
    Open {
        lookup: String,
        text: String,
        code: Option<String>,
    },
    Page,
}

pub enum HomeDone {
    Opened(Result<Box<crate::model::Dossier>, crate::api::ApiError>),
    Page(AnyView),
}

crate::split! {
    preload __preload_home_chunk;
    /// The home page and the code that opens a dossier (the decoders of all its lists,
    /// envelopes of sealed ones) are one chunk: every signed-in start needs both at once.
    /// The other dossier pages are not in it: on a phone's connection each kilobyte before
    /// the home screen counts (issue #19), and a participant opens them later, if at all.
    async fn home_chunk(work: HomeWork) -> HomeDone {
        match work {
            HomeWork::Open { lookup, text, code } => HomeDone::Opened(
                crate::state::open::open_dossier(lookup, text, code)
                    .await
                    .map(Box::new),
            ),
            HomeWork::Page => HomeDone::Page(view! { <HomePage /> }.into_any()),
        }
    }
}

crate::split! {
    preload __preload_dossier_pages;
    /// The dossier pages after home. They share most of their code, and a participant goes
    /// from one to the next: one chunk.
    async fn dossier_pages(page: DossierPage) -> AnyView {
        match page {
            DossierPage::Agreements => view! { <AgreementsPage /> }.into_any(),
            DossierPage::Goals => view! { <GoalsPage /> }.into_any(),
            DossierPage::GoalDetail => view! { <GoalDetailPage /> }.into_any(),
            DossierPage::Agenda => view! { <AgendaPage /> }.into_any(),
            DossierPage::Signals => view! { <SignalsPage /> }.into_any(),
            DossierPage::Team => view! { <TeamPage /> }.into_any(),
            DossierPage::MyData => view! { <MyDataPage /> }.into_any(),
        }
    }
}

/// Opens a fetched dossier file in the home chunk.
pub async fn open_dossier(
    lookup: String,
    text: String,
    code: Option<String>,
) -> Result<crate::model::Dossier, crate::api::ApiError> {
    match home_chunk(HomeWork::Open { lookup, text, code }).await? {
        HomeDone::Opened(result) => result.map(|dossier| *dossier),
        // Not produced for `Open`; an error rather than a panic all the same.
        HomeDone::Page(_) => Err(crate::api::ApiError::CannotOpen),
    }
}

async fn home_page() -> Result<AnyView, ChunkUnavailable> {
    Ok(match home_chunk(HomeWork::Page).await? {
        HomeDone::Page(view) => view,
        HomeDone::Opened(_) => ().into_any(),
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
                let (loaded, fetched) = crate::split::waited($load).await;
                let view = match loaded {
                    Ok(view) => view,
                    // Offline before the service worker stored this chunk: the page says
                    // so, and the app loads again on a tap or when the connection is back.
                    Err(ChunkUnavailable) => {
                        view! { <ChunkRetry /> }.into_any()
                    }
                };
                // A chunk that was fetched and compiled just now: the page is drawn in a
                // task of its own. One already in (preloaded) is drawn at once: the extra
                // task cost a frame and a timer on every tap (issue #19).
                if fetched {
                    crate::browser::yield_to_browser(0).await;
                }
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
    HomeRoute => home_page(), __preload_home_chunk;
    AgreementsRoute => dossier_pages(DossierPage::Agreements), __preload_dossier_pages;
    GoalsRoute => dossier_pages(DossierPage::Goals), __preload_dossier_pages;
    GoalDetailRoute => dossier_pages(DossierPage::GoalDetail), __preload_dossier_pages;
    AgendaRoute => dossier_pages(DossierPage::Agenda), __preload_dossier_pages;
    SignalsRoute => dossier_pages(DossierPage::Signals), __preload_dossier_pages;
    TeamRoute => dossier_pages(DossierPage::Team), __preload_dossier_pages;
    MyDataRoute => dossier_pages(DossierPage::MyData), __preload_dossier_pages;
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
/// and as soon as a code is being typed on the sign-in screen. Once that is in, the other
/// dossier pages follow, so a tap on Agenda or Doelen waits for no download. Nothing extra
/// is downloaded: the service worker stores every chunk after the first visit anyway.
pub fn warm_home() {
    if WARMED.replace(true) {
        return;
    }
    // After the task that starts the app: the fetches start a moment later, and the start
    // itself stays shorter.
    leptos::task::spawn_local(async {
        crate::browser::yield_to_browser(0).await;
        <HomeRoute as LazyRoute>::preload().await;
        // Not sooner: on a slow connection they would share it with what home needs.
        crate::browser::yield_to_browser(0).await;
        <AgendaRoute as LazyRoute>::preload().await;
    });
}
