//! Generates the `i18n` module from `locales/*.json`: every key is checked at compile time.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    // Set by `cargo xtask build` (xtask/src/wasm.rs): the `#[leptos::lazy]` functions become
    // wasm chunks only then; elsewhere (wasm tests, clippy) they are plain async functions,
    // since an unsplit module cannot resolve the chunk loader's imports.
    println!("cargo::rustc-check-cfg=cfg(koers_split)");
    #[cfg(feature = "web")]
    i18n();
}

/// Only the app needs translations; the server and tools build the model alone.
#[cfg(feature = "web")]
fn i18n() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("i18n");
    // Dutch is the default: a key missing elsewhere falls back to it, and a test
    // (tests/locales.rs) fails when any language lacks a key.
    let config = leptos_i18n_build::Config::new("nl")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| c.add_locale("ar"))
        .and_then(|c| c.add_locale("pl"))
        .and_then(|c| c.add_locale("tr"))
        .expect("locale config")
        .parse_options(leptos_i18n_build::ParseOptions::default().interpolate_display(true));
    let infos = leptos_i18n_build::TranslationsInfos::parse(config).expect("locales");
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos
        .generate_i18n_module(out)
        .expect("generate i18n module");
}
