use crate::api;
use leptos::prelude::*;

const SESSION_KEY: &str = "koers.session";
/// Every key the app writes starts with this, so sign-out can wipe them all.
pub const PREFIX: &str = "koers.";

/// Who is signed in, as the lookup hash of their code (the code itself is never kept).
#[derive(Clone, Copy)]
pub struct Session {
    lookup: RwSignal<Option<String>>,
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn wipe(storage: Option<web_sys::Storage>, keep: &[&str]) {
    let Some(storage) = storage else { return };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    for key in keys {
        if key.starts_with(PREFIX) && !keep.contains(&key.as_str()) {
            let _ = storage.remove_item(&key);
        }
    }
}

impl Session {
    pub fn lookup(&self) -> Option<String> {
        self.lookup.get()
    }
    pub fn is_signed_in(&self) -> bool {
        self.lookup.with(Option::is_some)
    }
    pub fn sign_in(&self, lookup: String) {
        if let Some(s) = session_storage() {
            let _ = s.set_item(SESSION_KEY, &lookup);
        }
        self.lookup.set(Some(lookup));
    }
    /// Forgets the dossier (also the service worker's copy) and everything the app stored
    /// on this device, except the reader settings (language, text size, contrast: not
    /// personal, and needed to read the sign-in page) and the discreet home-screen choice.
    pub fn sign_out(&self) {
        api::forget_dossier();
        api::offline::forget_cached_dossier();
        wipe(session_storage(), &[]);
        wipe(local_storage(), &super::settings::KEPT_ON_SIGN_OUT);
        self.lookup.set(None);
    }
}

pub fn provide_session() -> Session {
    let stored = session_storage().and_then(|s| s.get_item(SESSION_KEY).ok().flatten());
    let session = Session {
        lookup: RwSignal::new(stored),
    };
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
