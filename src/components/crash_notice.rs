//! What the participant sees when the app stops on an unexpected error (a panic aborts the
//! wasm, and with it every view): a plain alert with a way back. It is written straight
//! into the page, and its button is an HTML form that reloads without any script, because
//! nothing of the app can run any more. Answers are not lost: the outbox and the survey
//! drafts are already in localStorage.

use crate::i18n::{td_string, Locale};

/// Installs the panic hook: the panic goes to the console, then the notice is shown.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id("crash-notice").is_some() {
        return;
    }
    // The language the app was showing (`<html lang>` follows the choice).
    let locale = document
        .document_element()
        .map(|html| html.get_attribute("lang").unwrap_or_default())
        .and_then(|lang| lang.parse::<Locale>().ok())
        .unwrap_or_default();
    let build = || -> Result<(), wasm_bindgen::JsValue> {
        let notice = document.create_element("div")?;
        notice.set_id("crash-notice");
        notice.set_attribute("role", "alert")?;
        notice.set_class_name("boot-error");
        let text = document.create_element("p")?;
        text.set_text_content(Some(td_string!(locale, error.crashed)));
        let form = document.create_element("form")?;
        form.set_attribute("method", "get")?;
        let here = document.location().and_then(|l| l.pathname().ok());
        form.set_attribute("action", here.as_deref().unwrap_or("."))?;
        let button = document.create_element("button")?;
        button.set_attribute("type", "submit")?;
        button.set_class_name("button primary big");
        button.set_text_content(Some(td_string!(locale, error.reload)));
        form.append_child(&button)?;
        notice.append_child(&text)?;
        notice.append_child(&form)?;
        body.append_child(&notice)?;
        Ok(())
    };
    let _ = build();
}
