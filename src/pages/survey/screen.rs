//! What every survey screen shares: the heading focus after a move, the words of a face,
//! and what was sent (the flow, a question, the review and the kiosk all use them, so they
//! live below all four and the folder has no import circle).

use crate::i18n::*;
use leptos::{html, prelude::*};
use leptos_i18n::I18nContext;
use uuid::Uuid;

/// A response put in the outbox, for the thank-you screen.
#[derive(Clone, Copy, PartialEq)]
pub struct Sent {
    pub id: Uuid,
    pub anonymous: bool,
    pub at: f64,
}

/// Focuses a screen's heading when it appears after a move, so screen readers follow.
pub(super) fn focus_on_mount(heading: NodeRef<html::H2>, moved: RwSignal<bool>) {
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if moved.get_untracked() {
                let _ = h.focus();
            }
        }
    });
}

pub(super) fn face_word(i18n: I18nContext<Locale>, n: i64) -> String {
    match n {
        1 => t_string!(i18n, survey.face_1),
        2 => t_string!(i18n, survey.face_2),
        3 => t_string!(i18n, survey.face_3),
        4 => t_string!(i18n, survey.face_4),
        _ => t_string!(i18n, survey.face_5),
    }
    .to_string()
}
