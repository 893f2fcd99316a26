//! Component smoke tests in headless Chromium (wasm-bindgen-test): mount, act, tick, assert.
#![cfg(target_arch = "wasm32")]

use koers::{
    api::ApiError,
    components::{ErrorView, ProgressBar, SkippedNotice},
    i18n::*,
};
use leptos::{prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn error_view_says_what_is_wrong_and_retries() {
    let root = container();
    let retried = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <ErrorView error=ApiError::Offline on_retry=move |_| retried.update(|n| *n += 1) />
            </I18nContextProvider>
        }
    });
    tick().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("Er is geen internet") || text.contains("There is no internet"),
        "{text}"
    );
    let button: web_sys::HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    tick().await;
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn progress_is_shown_in_words_not_only_as_a_bar() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <I18nContextProvider><ProgressBar percent=Some(40) /></I18nContextProvider> }
    });
    tick().await;
    let progress = root
        .query_selector("progress")
        .unwrap()
        .expect("a progress element");
    assert_eq!(progress.get_attribute("value").as_deref(), Some("40"));
    assert!(root.text_content().unwrap().contains("40%"));
}

#[wasm_bindgen_test]
async fn skipped_items_are_counted_and_nothing_shows_when_none_are() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <I18nContextProvider>
                <div id="some"><SkippedNotice count=3 /></div>
                <div id="none"><SkippedNotice count=0 /></div>
            </I18nContextProvider>
        }
    });
    tick().await;
    let some = root
        .query_selector("#some")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(some.contains('3'), "{some}");
    let none = root
        .query_selector("#none")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(none.trim().is_empty(), "{none}");
}
