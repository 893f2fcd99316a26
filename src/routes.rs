//! The pages behind lazy routes, each in its own wasm chunk that
//! loads on the first visit (Leptos `#[lazy_route]` + wasm-split).

use crate::pages::*;
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

macro_rules! lazy_page {
    ($route:ident, $($page:ident)::+) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$($page)::+ /> }.into_any()
            }
        }
    };
}

lazy_page!(HomeRoute, HomePage);
lazy_page!(ResultsRoute, ResultsPage);
lazy_page!(AgreementsRoute, AgreementsPage);
lazy_page!(GoalsRoute, GoalsPage);
lazy_page!(GoalDetailRoute, GoalDetailPage);
lazy_page!(AgendaRoute, AgendaPage);
lazy_page!(SurveyRoute, SurveyPage);
lazy_page!(KioskRoute, survey::KioskPage);
lazy_page!(ContactRoute, ContactPage);
lazy_page!(SettingsRoute, SettingsPage);
lazy_page!(SignalsRoute, SignalsPage);
lazy_page!(TeamRoute, TeamPage);
