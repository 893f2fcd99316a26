//! Browser plumbing that every layer may use and that uses nothing of the app: storage
//! handles, the base URL, the clock, the connection, yielding the main thread. A leaf (docs/ARCHITECTURE.md).

/// `localStorage`, when the browser gives it (not in some private modes).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `sessionStorage`: this tab only.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The app's base URL (from `<base href>`), so it works under a sub-path like `/koers/`.
pub fn base_href() -> String {
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into())
}

/// The router's base: the path of the base URL without its trailing slash.
pub fn router_base() -> String {
    let href = base_href();
    let path = web_sys::Url::new(&href)
        .map(|u| u.pathname())
        .unwrap_or_else(|_| "/".into());
    path.trim_end_matches('/').to_string()
}

/// Milliseconds since the epoch, by the phone's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Whether the browser thinks it has a connection (a failed chunk fetch while online means
/// the server lacks it).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Gives the main thread back to the browser for `ms` milliseconds (0: until its next task).
/// Before a slow key derivation it lets the busy button paint; between loading, decoding
/// and drawing a page it keeps each piece of work a task of its own, so taps and paints are
/// never blocked by them all at once (on a slow phone each takes tens of milliseconds).
pub async fn yield_to_browser(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `work` while holding the Web Lock `name` (`navigator.locks`), so other tabs of the
/// app wait for it; without Web Locks (old browsers) it just runs.
pub async fn with_web_lock<T>(name: &str, work: impl std::future::Future<Output = T>) -> T {
    use wasm_bindgen::{closure::Closure, JsCast as _, JsValue};
    let locks = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &JsValue::from_str("request"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        return work.await;
    };
    // The lock is held until `release` resolves; `acquired` says it is ours.
    let mut release_fn = None;
    let release = js_sys::Promise::new(&mut |resolve, _| release_fn = Some(resolve));
    let mut acquired_fn = None;
    let acquired = js_sys::Promise::new(&mut |resolve, _| acquired_fn = Some(resolve));
    let (Some(release_fn), Some(acquired_fn)) = (release_fn, acquired_fn) else {
        return work.await;
    };
    let held = release.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        let _ = acquired_fn.call0(&JsValue::NULL);
        held
    });
    if request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .is_err()
    {
        return work.await;
    }
    let _ = wasm_bindgen_futures::JsFuture::from(acquired).await;
    let result = work.await;
    let _ = release_fn.call0(&JsValue::NULL);
    result
}

/// What was done on the first screen that `index.html` draws before the wasm arrives
/// (issue #19): the code typed so far, whether its button was pressed, and whether the
/// field had the focus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BootForm {
    pub code: String,
    pub submitted: bool,
    pub focused: bool,
}

thread_local! {
    static BOOT_FORM: std::cell::RefCell<Option<BootForm>> = const { std::cell::RefCell::new(None) };
}

/// Removes the first screen `index.html` drew (`#boot`), keeping what was done on it for
/// the sign-in page ([`take_boot_form`]). Called at start, in the same task as the app's
/// first render, so no frame shows neither; removed also when it was not shown, since its
/// elements carry the ids of the app's own (`main`, `code`). Its script marks a press of
/// the button and the focus as attributes.
pub fn replace_boot_screen() {
    use wasm_bindgen::JsCast as _;
    let document = leptos::prelude::document();
    let Some(boot) = document.get_element_by_id("boot") else {
        return;
    };
    if boot.get_attribute("hidden").is_none() {
        let code = document
            .get_element_by_id("code")
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        let form = BootForm {
            code,
            submitted: boot.get_attribute("data-submitted").is_some(),
            focused: boot.get_attribute("data-focused").is_some(),
        };
        BOOT_FORM.with_borrow_mut(|f| *f = Some(form));
    }
    boot.remove();
}

/// What was done on the first screen, once (the sign-in page takes it over).
pub fn take_boot_form() -> Option<BootForm> {
    BOOT_FORM.with_borrow_mut(Option::take)
}

/// Puts the focus in the code field: it was there on the first screen, and typing goes on
/// in the app's own field (setting its value left the caret after what was typed).
pub fn focus_code_field() {
    use wasm_bindgen::JsCast as _;
    if let Some(field) = leptos::prelude::document()
        .get_element_by_id("code")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}
