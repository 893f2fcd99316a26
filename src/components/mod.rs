//! Small reusable views, one per file.

pub mod chunk_retry;
pub mod crash_notice;
pub mod discreet_install;
pub mod download;
pub mod error_view;
pub mod field_error;
pub mod help_panel;
pub mod labels;
pub mod lock_screen;
pub mod message_form;
pub mod nav;
pub mod offline_banner;
pub mod outbox_status;
pub mod progress_bar;
pub mod read_aloud;
pub mod sent_list;
pub mod shell;
pub mod skeleton;
pub mod skipped_notice;
pub mod with_dossier;

pub use chunk_retry::ChunkRetry;
pub use discreet_install::DiscreetInstall;
pub use error_view::ErrorView;
pub use field_error::FieldError;
pub use help_panel::HelpPanel;
pub use lock_screen::{LockScreen, WrongPinsNotice};
pub use message_form::{MessageForm, QuickExit};
pub use nav::Nav;
pub use offline_banner::{OfflineBanner, UpdatePrompt};
pub use outbox_status::{OutboxNeedsCode, OutboxStatus, OutboxUnsaved};
pub use progress_bar::ProgressBar;
pub use read_aloud::{provide_speech, ReadAloud};
pub use shell::Shell;
pub use skeleton::Skeleton;
pub use skipped_notice::SkippedNotice;
pub use with_dossier::{WithConfig, WithDossier};
