//! Security headers on every answer. The Content-Security-Policy allows exactly the
//! inline scripts of `index.html` (the wasm loader) by hash, so no `'unsafe-inline'`.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::{Arc, RwLock};

const FIXED: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), \
         midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=(), \
         browsing-topics=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// The CSP of the current `index.html`; replaced when the file changes on disk.
#[derive(Clone)]
pub struct Csp(Arc<RwLock<HeaderValue>>);

impl Csp {
    pub fn new(index_html: Option<&[u8]>) -> Self {
        Self(Arc::new(RwLock::new(policy(
            index_html.map(inline_script_hashes).unwrap_or_default(),
        ))))
    }
    pub fn update(&self, index_html: &[u8]) {
        let value = policy(inline_script_hashes(index_html));
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = value;
    }
    pub fn get(&self) -> HeaderValue {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn policy(hashes: Vec<String>) -> HeaderValue {
    let scripts: String = hashes.iter().map(|h| format!(" '{h}'")).collect();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    );
    HeaderValue::from_str(&csp).expect("hashes are base64")
}

/// `sha256-…` of the text of every `<script>` without `src`, as the browser hashes it.
pub fn inline_script_hashes(html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let has_src = tag
            .split(|c: char| c.is_whitespace())
            .any(|attr| attr.starts_with("src="));
        if !has_src {
            let digest = Sha256::digest(html[tag_end + 1..close].as_bytes());
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        at = close;
    }
    hashes
}

pub async fn security_headers(State(csp): State<Csp>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("content-security-policy"),
        csp.get(),
    );
    for (name, value) in FIXED {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = br#"<html><head><script src="/a.js"></script>
            <SCRIPT type="module">import init from '/koers.js';</SCRIPT><script>alert(1)</script></head></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/koers.js';"));
        assert_eq!(hashes[0], format!("sha256-{expected}"));
        let csp = policy(hashes);
        assert!(csp
            .to_str()
            .unwrap()
            .contains(&format!("'sha256-{expected}'")));
    }
}
