//! The pages behind lazy routes: wasm chunks that load on the first visit (wasm-split, and
//! [`Page`] as the router's view of each route), so the sign-in screen loads without them.
//!
//! Pages are grouped into a few chunks rather than one each, and the code that chunks share
//! goes into one shared chunk per owner (`xtask::wasm::CHUNK_OWNERS`, issue #19): home with
//! the dossier opening, the other dossier pages, the survey, contact, settings, results and
//! the desk.

use crate::{components::ChunkRetry, pages::*, split::ChunkUnavailable};
use leptos::prelude::*;
use leptos_router::ChooseView;

/// The dossier pages other than home: one chunk, fetched once home is on its way.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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

/// Every page that comes from a chunk above, as the view of its route. The router fetches
/// the page's chunk (`preload`) before it leaves the current page, then draws it (`choose`).
/// One type for all pages: with a Leptos `LazyRoute` type per page, the router's code for a
/// lazy view stood in the first load once per page (issue #19).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Home,
    Dossier(DossierPage),
    Survey(SurveyKind),
    Contact,
    Settings,
    Results,
    Desk,
}

thread_local! {
    /// The router's last `preload` had to wait for its chunk (fetched and compiled just now):
    /// the page is then drawn in a task of its own, not in the one that compiled it. A page
    /// whose chunk was in already (a tap after `warm_home`) is drawn at once: the extra task
    /// cost a frame and a timer on every tap.
    static FRESH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Page {
    async fn load(self) -> Result<AnyView, ChunkUnavailable> {
        match self {
            Page::Home => home_page().await,
            Page::Dossier(page) => dossier_pages(page).await,
            Page::Survey(kind) => survey_page(kind).await,
            Page::Contact => contact_page().await,
            Page::Settings => settings_page().await,
            Page::Results => results_page().await,
            Page::Desk => desk_page().await,
        }
    }

    /// Fetches the page's chunk without drawing it. A failed fetch is not kept: opening the
    /// page fetches it again.
    pub async fn fetch(self) {
        // Without the split (the wasm tests) there is nothing to fetch.
        #[cfg(koers_split)]
        let _ = match self {
            Page::Home => __preload_home_chunk().await,
            Page::Dossier(_) => __preload_dossier_pages().await,
            Page::Survey(_) => __preload_survey_page().await,
            Page::Contact => __preload_contact_page().await,
            Page::Settings => __preload_settings_page().await,
            Page::Results => __preload_results_page().await,
            Page::Desk => __preload_desk_page().await,
        };
    }
}

impl ChooseView for Page {
    async fn choose(self) -> AnyView {
        let (loaded, waited) = crate::split::waited(self.load()).await;
        let view = match loaded {
            Ok(view) => view,
            // Offline before the service worker stored this chunk: the page says so, and
            // the app loads again on a tap or when the connection is back.
            Err(ChunkUnavailable) => view! { <ChunkRetry /> }.into_any(),
        };
        if FRESH.take() || waited {
            crate::browser::yield_to_browser(0).await;
        }
        view
    }

    async fn preload(&self) {
        let ((), waited) = crate::split::waited(self.fetch()).await;
        if waited {
            FRESH.set(true);
        }
    }
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
        Page::Home.fetch().await;
        // Not sooner: on a slow connection they would share it with what home needs.
        crate::browser::yield_to_browser(0).await;
        Page::Dossier(DossierPage::Agenda).fetch().await;
    });
}
