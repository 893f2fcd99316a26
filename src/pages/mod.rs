//! One thin page per route.

pub mod agenda;
pub mod agreements;
pub mod contact;
pub mod desk;
pub mod goal_detail;
pub mod goals;
pub mod home;
pub mod my_data;
pub mod not_found;
pub mod results;
pub mod settings;
pub mod sign_in;
pub mod signals;
pub mod survey;
pub mod team;

pub use agenda::AgendaPage;
pub use agreements::AgreementsPage;
pub use contact::ContactPage;
pub use goal_detail::GoalDetailPage;
pub use goals::GoalsPage;
pub use home::HomePage;
pub use my_data::MyDataPage;
pub use not_found::NotFoundPage;
pub use results::ResultsPage;
pub use settings::SettingsPage;
pub use sign_in::SignInPage;
pub use signals::SignalsPage;
pub use survey::SurveyPage;
pub use team::TeamPage;
