//! The release wasm, split into a main module and chunks that load on demand.
//!
//! `bundle.rs` writes the rest of `dist/`. The steps:
//! 1. `cargo build --release` with `--emit-relocs` (wasm-split needs the relocations) and
//!    `--cfg erase_components` (Leptos erases view types: less code per component);
//! 2. wasm-split (`wasm_split_cli_support`, as a library) cuts out every `#[lazy_route]` and `#[lazy]` function with the code
//!    only it uses, and writes the loader `__wasm_split.js`;
//! 3. wasm-bindgen (`wasm-bindgen-cli-support`) `--target web` on the main module (keeping the exports the chunks need);
//! 4. `wasm-opt -Oz` on every module, then the linking and tool-metadata sections are dropped; `esbuild`
//!    minifies the JavaScript.

use crate::{cargo, run, target_dir, Result};
use std::{path::Path, process::Command};

/// The wasm features every browser the app supports has; wasm-opt must know them.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The flags of the release wasm. The source paths of dependencies (kept for panic
/// messages) are shortened to `crate-version/src/…`, this checkout's to paths relative to
/// it: shorter, and the same on every machine.
fn rustflags() -> String {
    let mut flags =
        String::from("--cfg erase_components --cfg koers_split -Clink-args=--emit-relocs");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(Ok(registries)) = cargo_home.map(|h| std::fs::read_dir(h.join("registry/src"))) {
        for registry in registries.flatten() {
            let dir = registry.path();
            // RUSTFLAGS is split on spaces: a path with one cannot be passed.
            if let Some(dir) = dir.to_str().filter(|d| !d.contains(' ')) {
                flags.push_str(&format!(" --remap-path-prefix={dir}/="));
            }
        }
    }
    // The generated i18n module's path is under this checkout: where it lies must not
    // change the build (measured 286 B less first load here, and the same on every machine).
    // The standard library's `/rustc/<commit>/…` panic paths come precompiled: remapping
    // them has no effect (tried).
    if let Some(root) = crate::root().to_str().filter(|d| !d.contains(' ')) {
        flags.push_str(&format!(" --remap-path-prefix={root}/="));
    }
    flags
}

/// Builds the split wasm and its JavaScript into `out` (emptied first).
pub fn build(out: &Path) -> Result {
    run(cargo()
        .args([
            "build",
            "--release",
            "-p",
            "koers",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "koers",
        ])
        .env("RUSTFLAGS", rustflags()))?;
    let raw = target_dir().join("wasm32-unknown-unknown/release/koers.wasm");
    // Splitting, binding and `wasm-opt` on ~90 modules take a minute on two cores; when the
    // wasm and these steps are what made `out`, `out` is still right (a second `cargo xtask
    // serve` starts in seconds, issue #21).
    let stamp_path = out.with_extension("stamp");
    let stamp = stamp(&std::fs::read(&raw)?);
    if out.is_dir() && std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        eprintln!("xtask: {} is from this wasm already", out.display());
        return Ok(());
    }
    let _ = std::fs::remove_file(&stamp_path);
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out)?;
    split(&raw, out)?;
    let main = out.join("koers.wasm");
    eprintln!("xtask: wasm-bindgen --target web {}", main.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .out_name("koers")
        // The chunks import the main module's functions through these exports.
        .keep_lld_exports(true)
        .demangle(false)
        .typescript(false)
        // The library's defaults differ from the CLI's here; these are the CLI's (reference types it detects from the module): `init()`
        // without an argument fetches `koers_bg.wasm` next to the script.
        .omit_default_module_path(false)
        .split_linked_modules(false)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    std::fs::remove_file(&main)?;
    let loader = out.join("__wasm_split.js");
    if loader.exists() {
        let js = std::fs::read_to_string(&loader)?;
        std::fs::write(&loader, patch_loader(&js)?)?;
    }
    if std::env::var_os("KOERS_KEEP_NAMES").is_some() {
        // For `twiggy top` (issue #19): wasm-opt below drops the function names.
        std::fs::copy(
            out.join("koers_bg.wasm"),
            target_dir().join("koers-main-named.wasm"),
        )?;
    }
    let mut modules = Vec::new();
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js") {
            // wasm-bindgen lists the same import module once per import; harmless.
            run(Command::new("esbuild")
                .arg(&path)
                .args([
                    "--minify",
                    "--format=esm",
                    "--log-level=error",
                    "--allow-overwrite",
                ])
                .arg(format!("--outfile={}", path.display())))?;
            let js = std::fs::read_to_string(&path)?;
            std::fs::write(&path, with_compile_hint(&js))?;
        }
        if path.extension().is_some_and(|e| e == "wasm") {
            modules.push((std::fs::metadata(&path)?.len(), path));
        }
    }
    // One wasm-opt per core, the largest modules first: two minutes for the ~50 modules
    // one after the other on CI's two cores (issue #21).
    modules.sort_by_key(|m| std::cmp::Reverse(m.0));
    let queue = std::sync::Mutex::new(modules.into_iter().map(|(_, path)| path));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> std::result::Result<(), String> {
                    loop {
                        let next = queue.lock().map_err(|e| e.to_string())?.next();
                        let Some(path) = next else { return Ok(()) };
                        optimise(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .map_err(|_| "a wasm-opt worker panicked".to_string())?
        })
    })?;
    // Last, on what wasm-opt and esbuild made (both keep import names as they are).
    let glue_path = out.join("koers.js");
    let main_path = out.join("koers_bg.wasm");
    let (main, glue) = shorten_imports(
        &std::fs::read(&main_path)?,
        &std::fs::read_to_string(&glue_path)?,
    )?;
    std::fs::write(&main_path, main)?;
    std::fs::write(&glue_path, glue)?;
    std::fs::write(&stamp_path, stamp)?;
    Ok(())
}

/// The module the main wasm imports the glue's functions from.
const GLUE_MODULE: &str = "./koers_bg.js";

/// wasm-bindgen names each import after its function plus a 16-digit hash
/// (`__wbg_instanceof_HtmlInputElement_28751c98d77a5a65`), and the name stands twice in the
/// first load: in the main module's imports and as a key of the glue's import object. The
/// hashes do not compress: the 270 imports were about 5 KB of the first load's brotli
/// (issue #19). Each such name becomes a short one (`w0`, `w1`, …) in both. Only names with
/// the hash that stand exactly once in the glue are renamed, so nothing else in it changes.
pub fn shorten_imports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let all = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    let mut glue = glue.to_string();
    let mut renamed = 0usize;
    for Section {
        id,
        start,
        body,
        end,
    } in all
    {
        if id != 2 {
            out.extend_from_slice(&wasm[start..end]);
            continue;
        }
        let section = &wasm[body..end];
        let mut pos = 0;
        let count = leb128(section, &mut pos)?;
        let mut imports = Vec::new();
        write_leb128(&mut imports, count);
        for _ in 0..count {
            let module = read_name(section, &mut pos)?;
            let field = read_name(section, &mut pos)?;
            let desc_start = pos;
            skip_import_desc(section, &mut pos)?;
            let short = format!("w{renamed:x}");
            let field =
                if module == GLUE_MODULE && is_hashed(field) && glue.matches(field).count() == 1 {
                    glue = glue.replacen(field, &short, 1);
                    renamed += 1;
                    short.as_str()
                } else {
                    field
                };
            for name in [module, field] {
                write_leb128(&mut imports, name.len());
                imports.extend_from_slice(name.as_bytes());
            }
            imports.extend_from_slice(&section[desc_start..pos]);
        }
        if pos != section.len() {
            return Err("wasm: bytes after the last import".into());
        }
        out.push(2);
        write_leb128(&mut out, imports.len());
        out.extend(imports);
    }
    Ok((out, glue))
}

/// `name_0123456789abcdef`: the hash wasm-bindgen appends.
fn is_hashed(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 17
        && bytes[bytes.len() - 17] == b'_'
        && bytes[bytes.len() - 16..]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

fn read_name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str> {
    let len = leb128(bytes, at)?;
    let name = bytes
        .get(*at..at.saturating_add(len))
        .ok_or("wasm: a name runs past the end")?;
    *at += len;
    Ok(std::str::from_utf8(name)?)
}

/// Steps over an import's description: a function, table, memory, global or tag.
fn skip_import_desc(bytes: &[u8], at: &mut usize) -> Result {
    let byte = |at: &mut usize| -> Result<u8> {
        let b = *bytes.get(*at).ok_or("wasm: truncated import")?;
        *at += 1;
        Ok(b)
    };
    let limits = |at: &mut usize| -> Result {
        let flags = byte(at)?;
        leb128(bytes, at)?;
        if flags & 1 == 1 {
            leb128(bytes, at)?;
        }
        Ok(())
    };
    match byte(at)? {
        0x00 => {
            leb128(bytes, at)?;
        }
        0x01 => {
            byte(at)?; // funcref or externref
            limits(at)?;
        }
        0x02 => limits(at)?,
        0x03 => {
            byte(at)?; // a number or reference type
            byte(at)?; // mutability
        }
        0x04 => {
            byte(at)?;
            leb128(bytes, at)?;
        }
        kind => return Err(format!("wasm: an import of kind {kind:#x}").into()),
    }
    Ok(())
}

fn write_leb128(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// What made the split modules: the raw wasm, these steps (this file), the pinned
/// wasm-opt (`tools.rs`), the wasm-split and wasm-bindgen libraries (`Cargo.lock`) and
/// whether names were kept. Any change means they are made again.
fn stamp(raw: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(raw);
    hash.update(include_str!("wasm.rs"));
    hash.update(include_str!("tools.rs"));
    hash.update(include_str!("../../Cargo.lock"));
    hash.update([u8::from(std::env::var_os("KOERS_KEEP_NAMES").is_some())]);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// `wasm-opt -Oz` on one module, then without the sections only wasm-split needed.
fn optimise(path: &Path) -> Result {
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(path)
        .arg("-o")
        .arg(path))?;
    let bytes = std::fs::read(path)?;
    std::fs::write(path, strip_link_sections(&bytes)?)?;
    Ok(())
}

/// The splits (`split!` functions in `src/`) that own the code they share with others, the
/// one a participant opens first first. Upstream wasm-split makes a chunk for every set of
/// splits that shares code: the home screen needed 44 wasm files, each a request (six at a
/// time over HTTP/1.1, so 8 round trips on a phone's connection), a compile and an
/// instantiation on the main thread (issue #19). With owners (our copy of wasm-split,
/// `xtask/vendor/wasm_split_cli_support/`), each split needs its own module and at most one shared chunk per
/// owner before it: the home screen three files.
pub const CHUNK_OWNERS: [&str; 11] = [
    // Every signed-in start opens the dossier first (home, or the page in the address).
    "home_chunk",
    "dossier_pages",
    // The outbox's sending code (`state::outbox`), before the survey and contact pages:
    // what it shares with them is small, and sending must not fetch a page's code.
    "send_due",
    "survey_page",
    "contact_page",
    "settings_page",
    "lock_screen",
    "rare_notices",
    "argon2id",
    // Staff pages, on a desk's computer: last, so no participant page loads their code.
    "results_page",
    "desk_page",
];

/// What `wasm-split-cli --target web --out-name koers RAW OUT` does: the main module
/// `OUT/koers.wasm`, a module per chunk and the loader `OUT/__wasm_split.js`, with the
/// shared chunks grouped by [`CHUNK_OWNERS`].
fn split(raw: &Path, out: &Path) -> Result {
    eprintln!("xtask: wasm-split {}", raw.display());
    let input = std::fs::read(raw)?;
    let main_out = out.join("koers.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = out;
    opts.main_out_path = &main_out;
    opts.main_module = "./koers.js";
    opts.chunk_owners = &CHUNK_OWNERS;
    opts.target.web();
    wasm_split_cli_support::transform(opts).map_err(|e| format!("wasm-split: {e:#}"))?;
    let loader = std::fs::read_to_string(out.join("__wasm_split.js"))?;
    check_owners(&loader)
}

/// A renamed or removed `split!` function would silently lose its grouping: every owner
/// must be a split the loader knows.
fn check_owners(loader: &str) -> Result {
    let missing: Vec<_> = CHUNK_OWNERS
        .iter()
        .filter(|owner| !loader.contains(&format!("__wasm_split_load_{owner} =")))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("xtask::wasm::CHUNK_OWNERS names no split: {missing:?}").into())
    }
}

/// Asks the browser to compile every function of a script while it downloads, off the main
/// thread (Chrome's explicit compile hints; other browsers ignore the comment). Nearly all
/// of the glue and the chunk loader runs at start, where compiling it one function at a
/// time, at its first call, blocked the main thread.
pub fn with_compile_hint(js: &str) -> String {
    const HINT: &str = "//# allFunctionsCalledOnLoad\n";
    if js.starts_with(HINT) {
        js.to_string()
    } else {
        format!("{HINT}{js}")
    }
}

/// Where the split build waits while `bundle.rs` rebuilds `dist/` (which it empties first).
pub fn pkg_dir() -> std::path::PathBuf {
    target_dir().join("koers-pkg")
}

/// Retries a chunk fetch on a bad connection before the app gives up and shows its "no
/// internet" page (src/split.rs); waits 0.5, 1, 2, 4 and 8 s in between. Offline it gives
/// up at once: the page says so and fetches again when the connection is back.
const FETCH_CHUNK: &str = "\
// A chunk is fetched again on a bad connection (added by cargo xtask build).
async function fetchChunk(url) {
    for (let attempt = 0; ; attempt++) {
        try {
            const response = await fetch(url);
            if (response.ok || response.status < 500 || attempt >= 5) return response;
        } catch (error) {
            if (attempt >= 5 || navigator.onLine === false) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
}
// A static host that serves .wasm with another content type still works (as wasm-bindgen's
// own loader does for the main module).
async function instantiateChunk(src, imports) {
    const response = await src;
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    const type = (response.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'application/wasm') return WebAssembly.instantiateStreaming(response, imports);
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
";

/// The loader wasm-split writes, with retried chunk fetches and without the comments that
/// list which functions each chunk holds (40 KB that the browser does not need).
pub fn patch_loader(js: &str) -> Result<String> {
    const FETCH: &str = "fetch(new URL(";
    const INSTANTIATE: &str = "WebAssembly.instantiateStreaming(src, imports)";
    if !js.contains(FETCH) || !js.contains(INSTANTIATE) {
        return Err("__wasm_split.js: no chunk fetch found; has wasm-split changed?".into());
    }
    let mut out = String::with_capacity(js.len());
    out.push_str(FETCH_CHUNK);
    for line in js.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("/*") && trimmed.ends_with("*/") {
            continue;
        }
        let line = line.replace(FETCH, "fetchChunk(new URL(");
        out.push_str(&line.replace(INSTANTIATE, "instantiateChunk(src, imports)"));
        out.push('\n');
    }
    Ok(out)
}

fn leb128(bytes: &[u8], at: &mut usize) -> Result<usize> {
    let (mut value, mut shift) = (0usize, 0);
    loop {
        let byte = *bytes.get(*at).ok_or("wasm: truncated LEB128")?;
        *at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 28 {
            return Err("wasm: LEB128 too long".into());
        }
    }
}

/// The module without its `linking` and `reloc.*` custom sections (the relocations were
/// only for wasm-split, and wasm-opt keeps custom sections it does not know) and without
/// `producers` and `target_features`: metadata no browser reads, a few hundred bytes that
/// every participant would download in each module.
pub fn strip_link_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    let all = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    for section in all {
        let drop = section.id == 0 && {
            let mut name_at = section.body;
            let name_len = leb128(wasm, &mut name_at)?;
            let name = wasm
                .get(name_at..name_at + name_len)
                .ok_or("wasm: bad section name")?;
            name == b"linking"
                || name.starts_with(b"reloc.")
                || name == b"producers"
                || name == b"target_features"
        };
        if !drop {
            out.extend_from_slice(&wasm[section.start..section.end]);
        }
    }
    Ok(out)
}

/// One section of a module: its id, and where it starts, where its body starts and its end.
struct Section {
    id: u8,
    start: usize,
    body: usize,
    end: usize,
}

/// The sections of a module, in order; an error for anything that is not one.
fn sections(wasm: &[u8]) -> Result<Vec<Section>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut all = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let len = leb128(wasm, &mut at)?;
        let body = at;
        let end = body
            .checked_add(len)
            .filter(|&e| e <= wasm.len())
            .ok_or("wasm: section runs past the end")?;
        all.push(Section {
            id,
            start,
            body,
            end,
        });
        at = end;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with these imports (module, field) of functions of type 0, and a type section.
    fn with_imports(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend([1, 4, 1, 0x60, 0, 0]); // one type: [] -> []
        let mut section = Vec::new();
        write_leb128(&mut section, imports.len());
        for (m, f) in imports {
            for name in [m, f] {
                write_leb128(&mut section, name.len());
                section.extend_from_slice(name.as_bytes());
            }
            section.extend([0x00, 0x00]);
        }
        module.push(2);
        write_leb128(&mut module, section.len());
        module.extend(section);
        module.extend(custom("name", &[9]));
        module
    }

    #[test]
    fn hashed_glue_imports_get_short_names_in_the_module_and_the_glue() {
        let hashed = "__wbg_instanceof_HtmlInputElement_28751c98d77a5a65";
        let twice = "__wbg_get_0123456789abcdef";
        let plain = "__wbindgen_init_externref_table";
        let module = with_imports(&[
            (GLUE_MODULE, hashed),
            (GLUE_MODULE, plain),
            (GLUE_MODULE, twice),
            (
                "./__wasm_split.js",
                "__wasm_split_load_home_chunk_0123456789abcdef",
            ),
        ]);
        let glue = format!(
            "const i={{{hashed}:function(e){{return 1}},{plain}:function(){{}},{twice}:g}};g.{twice}=1;"
        );
        let (wasm, js) = shorten_imports(&module, &glue).unwrap();
        assert_eq!(
            js,
            format!("const i={{w0:function(e){{return 1}},{plain}:function(){{}},{twice}:g}};g.{twice}=1;")
        );
        assert_eq!(
            wasm,
            with_imports(&[
                (GLUE_MODULE, "w0"),
                (GLUE_MODULE, plain),
                (GLUE_MODULE, twice),
                (
                    "./__wasm_split.js",
                    "__wasm_split_load_home_chunk_0123456789abcdef"
                ),
            ])
        );
        // Nothing to rename: the same bytes.
        assert_eq!(
            shorten_imports(&wasm, &js).unwrap(),
            (wasm.clone(), js.clone())
        );
        assert!(shorten_imports(b"not wasm", "").is_err());
        let mut broken = with_imports(&[(GLUE_MODULE, hashed)]);
        let kind = broken.len() - custom("name", &[9]).len() - 2;
        broken[kind] = 0x09;
        assert!(shorten_imports(&broken, &glue).is_err());
    }

    #[test]
    fn every_chunk_owner_must_be_a_split_of_the_loader() {
        let all: String = CHUNK_OWNERS
            .iter()
            .map(|o| {
                format!("export const __wasm_split_load_{o} = wrapAsyncCb(makeLoad(x, []));\n")
            })
            .collect();
        assert!(check_owners(&all).is_ok());
        let without_desk = all.replace("__wasm_split_load_desk_page", "__wasm_split_load_balie");
        let error = check_owners(&without_desk).unwrap_err().to_string();
        assert!(error.contains("desk_page"), "{error}");
        assert!(!error.contains("survey_page"), "{error}");
    }

    #[test]
    fn the_compile_hint_opens_the_script_once() {
        let once = with_compile_hint("export function a(){}");
        assert_eq!(once, "//# allFunctionsCalledOnLoad\nexport function a(){}");
        assert_eq!(with_compile_hint(&once), once);
    }

    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut body = vec![name.len() as u8];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(payload);
        let mut section = vec![0, body.len() as u8];
        section.extend(body);
        section
    }

    #[test]
    fn drops_the_linking_relocation_and_tool_metadata_sections_only() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1u8, 1, 0]; // a type section with no types
        let mut module = header.clone();
        module.extend(&types);
        module.extend(custom("linking", &[2, 0]));
        module.extend(custom("reloc.CODE", &[1, 2, 3]));
        module.extend(custom("producers", &[1, 0]));
        module.extend(custom("target_features", &[1, 43, 1]));
        module.extend(custom("name", &[9]));
        let mut expected = header;
        expected.extend(&types);
        expected.extend(custom("name", &[9]));
        assert_eq!(strip_link_sections(&module).unwrap(), expected);
        // Already stripped: unchanged.
        assert_eq!(strip_link_sections(&expected).unwrap(), expected);
    }

    #[test]
    fn the_loader_retries_chunk_fetches_and_loses_its_comments() {
        let js = "import { initSync } from \"./koers.js\";\n\
                  /* __agenda_route_view_1, __home_route_view_1 */\n\
                  const __chunk_14 = makeLoad(() => {\n\
                  \x20   const src = fetch(new URL(\"./chunk_14.wasm\", import.meta.url));\n\
                  \x20   return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n\
                  }, []);\n";
        let out = patch_loader(js).unwrap();
        assert!(out.starts_with("// A chunk is fetched again"));
        assert!(out.contains("const src = fetchChunk(new URL(\"./chunk_14.wasm\""));
        assert!(!out.contains("__agenda_route_view_1"));
        assert!(out.contains("import { initSync } from \"./koers.js\";\n"));
        assert_eq!(out.matches("fetch(url)").count(), 1);
        assert!(out.contains("return async (imports) => (instantiateChunk(src, imports));"));
        assert_eq!(out.matches("WebAssembly.instantiateStreaming(").count(), 1);
        assert!(patch_loader("export const x = 1;").is_err());
    }

    #[test]
    fn a_broken_module_is_an_error_not_a_panic() {
        assert!(strip_link_sections(b"not wasm").is_err());
        assert!(strip_link_sections(b"\0as").is_err());
        assert!(shorten_imports(b"\0as", "").is_err());
        assert!(strip_link_sections(b"\0asm\x01\0\0\0\x01\x09\0").is_err());
        assert!(strip_link_sections(b"\0asm\x01\0\0\0\x01").is_err());
    }
}
