//! Shared state in typed context: the session, the settings and the loaded documents.

pub mod acks;
pub mod agenda_export;
pub mod data;
mod device_key;
pub mod idle;
pub mod keys;
pub mod lock;
pub mod open;
pub mod outbox;
pub mod sent;
pub mod session;
pub mod settings;
pub mod survey_invite;

pub use data::{
    provide_data, use_code_again, use_config, use_dossier, CodeAgain, ConfigResource,
    DossierResource,
};
pub use session::{provide_session, use_session, Session};
pub use settings::{init_language, provide_display, set_language, use_display, Display};

/// Now, in Dutch time (`model::dates::TZ`), for the time stamps of what the app writes.
pub fn now_instant() -> crate::model::Instant {
    crate::model::Instant(
        chrono::Utc::now()
            .with_timezone(&crate::model::dates::TZ)
            .fixed_offset(),
    )
}
