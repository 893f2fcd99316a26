//! "Lees voor": reads a text block aloud with the browser's speech synthesis, each piece in
//! its own language (`model::speech`): the dossier's words with a voice of the dossier's
//! language, the app's own words with the interface language's. Hidden when the device
//! lacks a voice for one of them.
use crate::{
    i18n::*,
    model::speech::{self, Piece},
};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// What the device can say, and which button is speaking now (one at a time).
#[derive(Clone, Copy)]
pub struct Speech {
    /// The primary language of every installed voice ("nl", "ar", "de", …).
    voices: RwSignal<Vec<String>>,
    speaking: RwSignal<Option<u32>>,
}

fn synth() -> Option<SpeechSynthesis> {
    window().speech_synthesis().ok()
}

fn voice_langs(s: &SpeechSynthesis) -> Vec<String> {
    s.get_voices()
        .iter()
        .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
        .filter_map(|v| speech::primary(&v.lang()))
        .collect()
}

/// Installs the voice list once; browsers fill it asynchronously (`voiceschanged`).
pub fn provide_speech() {
    let speech = Speech {
        voices: RwSignal::new(Vec::new()),
        speaking: RwSignal::new(None),
    };
    if let Some(s) = synth() {
        speech.voices.set(voice_langs(&s));
        let on_change = Closure::<dyn Fn()>::new(move || {
            if let Some(s) = synth() {
                speech.voices.set(voice_langs(&s));
            }
        });
        let _ =
            s.add_event_listener_with_callback("voiceschanged", on_change.as_ref().unchecked_ref());
        // Lives as long as the page: the app never removes it.
        on_change.forget();
    }
    provide_context(speech);
}

fn pick_voice(s: &SpeechSynthesis, code: &str) -> Option<SpeechSynthesisVoice> {
    s.get_voices()
        .iter()
        .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
        .find(|v| speech::primary(&v.lang()).as_deref() == Some(code))
}

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// A real button that reads `text` aloud; `what` names the block for screen readers
/// ("Lees voor: Ik ben op tijd voor afspraken"). Pressing it again stops.
#[component]
pub fn ReadAloud(
    /// The words to say, each piece with its language.
    #[prop(into)]
    text: Signal<Vec<Piece>>,
    /// A short name of the block, part of the button's accessible name.
    #[prop(into)]
    what: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(speech) = use_context::<Speech>() else {
        return ().into_any();
    };
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let speaking = move || speech.speaking.get() == Some(id);
    let available = move || text.with(|t| speech.voices.with(|v| speech::speakable(t, v)));
    let stop = move || {
        if speech.speaking.get_untracked() == Some(id) {
            if let Some(s) = synth() {
                s.cancel();
            }
            speech.speaking.set(None);
        }
    };
    on_cleanup(stop);
    let toggle = move |_| {
        if speaking() {
            stop();
            return;
        }
        let Some(s) = synth() else { return };
        let said = speech::utterances(&text.get_untracked());
        let last = said.len().saturating_sub(1);
        s.cancel();
        speech.speaking.set(Some(id));
        // The browser queues the utterances and reads them in order, each in its voice.
        for (i, piece) in said.iter().enumerate() {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&piece.text) else {
                continue;
            };
            utterance.set_lang(&piece.lang);
            if let Some(voice) = pick_voice(&s, &piece.lang) {
                utterance.set_voice(Some(&voice));
            }
            if i == last {
                let done = Closure::<dyn Fn()>::new(move || {
                    if speech.speaking.get_untracked() == Some(id) {
                        speech.speaking.set(None);
                    }
                });
                utterance.set_onend(Some(done.as_ref().unchecked_ref()));
                utterance.set_onerror(Some(done.as_ref().unchecked_ref()));
                // The utterance keeps the callback; it is small and freed with the page.
                done.forget();
            }
            s.speak(&utterance);
        }
    };
    let label = move || {
        let what = what.get();
        if speaking() {
            t_string!(i18n, read_aloud.stop_label, what = what.clone()).to_string()
        } else {
            t_string!(i18n, read_aloud.read_label, what = what.clone()).to_string()
        }
    };
    view! {
        <Show when=available>
            <button type="button" class="button read-aloud" on:click=toggle
                aria-label=label>
                <span class="icon" aria-hidden="true">{move || if speaking() { "⏹" } else { "🔊" }}</span>
                {move || if speaking() { t_string!(i18n, read_aloud.stop) } else { t_string!(i18n, read_aloud.read) }}
            </button>
        </Show>
    }
    .into_any()
}
