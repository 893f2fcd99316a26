//! Noticing use and its absence: the lock screen's 5 minutes and the kiosk's 2 share it.
//! The rules themselves (how long is too long, what happens then) stay with their owners
//! (`model::vault::idle_expired`, `model::survey_flow::kiosk::idle`).

use leptos::prelude::*;
use std::time::Duration;

/// What counts as use and how often the idle rule is asked.
pub struct Idle {
    /// Window events that count as use.
    pub uses: &'static [&'static str],
    /// How often `check` runs.
    pub every: Duration,
    /// Also check as the page is shown again: a phone that sleeps runs no timers.
    pub when_shown: bool,
}

/// Calls `on_use` on every use and `check` every [`Idle::every`], until the calling owner
/// is cleaned up (for the app's own providers: as long as the page).
pub fn use_idle(
    idle: Idle,
    on_use: impl Fn() + Clone + 'static,
    check: impl Fn() + Clone + 'static,
) {
    let mut handles: Vec<WindowListenerHandle> = idle
        .uses
        .iter()
        .map(|name| {
            let on_use = on_use.clone();
            window_event_listener_untyped(name, move |_| on_use())
        })
        .collect();
    if idle.when_shown {
        let check = check.clone();
        handles.push(window_event_listener(
            leptos::ev::visibilitychange,
            move |_| check(),
        ));
    }
    let tick = set_interval_with_handle(check, idle.every).ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(t) = tick {
            t.clear();
        }
    });
}
