//! The desk's texts, fetched with its chunk from `desk/{lang}.json` (Dutch when a key is
//! missing in another language; `tests/desk_texts.rs` checks that none is).

use crate::model::desk_view::fill;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

pub struct DeskText {
    texts: HashMap<String, String>,
    fallback: HashMap<String, String>,
}

impl DeskText {
    pub fn new(texts: HashMap<String, String>, fallback: HashMap<String, String>) -> Self {
        Self { texts, fallback }
    }

    pub fn get(&self, key: &str) -> String {
        self.texts
            .get(key)
            .or_else(|| self.fallback.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.get(key), args)
    }
}

pub fn use_text() -> Arc<DeskText> {
    expect_context()
}
