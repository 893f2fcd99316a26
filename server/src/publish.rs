//! `koers-server publish`: plain dossier files from the ECD plus a list of participants
//! become the published tree (`OUT/v1/dossiers/{lookup}.json`, each a `koers.sealed/1`
//! envelope) and, in a separate directory that is never uploaded, one printable sign-in
//! card per participant and `codes.json` with every access code (so the next publication
//! keeps each participant's code).

use crate::config::PublishArgs;
use koers::model::dossier::Dossier;
use koers::model::lookup::{generate_code, group_code, lookup, normalise_code};
use koers::model::sealed::{is_envelope, seal_dossier, KdfParams};
use koers::model::write_proof::Writers;
use rand_core::OsRng;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The schema of the codes file in the cards directory.
pub const CODES_SCHEMA: &str = "koers.codes/1";
/// The writers file's name in the cards directory (for the server's `--writers`).
pub const WRITERS_FILE: &str = "writers.json";

/// What one run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sealed: usize,
    pub plain: usize,
    pub new_codes: usize,
    pub dossiers_dir: PathBuf,
    pub cards_dir: PathBuf,
}

pub fn run(args: &PublishArgs) -> Result<(), crate::Error> {
    let summary = publish(args)?;
    eprintln!(
        "koers-server: published {} dossiers ({} sealed, {} plain) to {}",
        summary.sealed + summary.plain,
        summary.sealed,
        summary.plain,
        summary.dossiers_dir.display()
    );
    eprintln!(
        "koers-server: sign-in cards and codes.json ({} new codes) are in {}: print the cards and hand \
         them over in person; NEVER upload this directory to the host, and keep codes.json for the next publication",
        summary.new_codes,
        summary.cards_dir.display()
    );
    eprintln!(
        "koers-server: give the server {} as --writers (outside the served tree), so participants can write in their own name",
        summary.cards_dir.join(WRITERS_FILE).display()
    );
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, crate::Error> {
    Ok(std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
}

fn write(path: &Path, contents: &[u8]) -> Result<(), crate::Error> {
    Ok(std::fs::write(path, contents)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?)
}

/// The participant ids of the list file: one per line, `#` comments, blank lines ignored.
pub fn read_participants(path: &Path) -> Result<Vec<String>, crate::Error> {
    let text = String::from_utf8(read(path)?)
        .map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
    let mut ids = Vec::new();
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let id = line.split('#').next().unwrap_or_default().trim();
        if id.is_empty() {
            continue;
        }
        if !seen.insert(id.to_string()) {
            return Err(format!("{}: participant {id} is listed twice", path.display()).into());
        }
        ids.push(id.to_string());
    }
    if ids.is_empty() {
        return Err(format!("{}: no participants listed", path.display()).into());
    }
    Ok(ids)
}

/// Every plain dossier in `dir` by participant id.
fn read_dossiers(dir: &Path) -> Result<BTreeMap<String, (PathBuf, Vec<u8>)>, crate::Error> {
    let mut found = BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let bytes = read(&path)?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| format!("{} is not UTF-8", path.display()))?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
        if is_envelope(&value) {
            return Err(format!(
                "{} is already sealed; give the plain export",
                path.display()
            )
            .into());
        }
        let dossier = koers::model::decode::<Dossier>(text)
            .map_err(|e| format!("{} is not a usable dossier: {e}", path.display()))?;
        let id = dossier.participant.id.clone();
        if let Some((other, _)) = found.insert(id.clone(), (path.clone(), bytes)) {
            return Err(format!(
                "participant {id} has two dossiers: {} and {}",
                other.display(),
                path.display()
            )
            .into());
        }
    }
    Ok(found)
}

/// The codes of earlier publications (`CARDS/codes.json`), by participant id.
pub fn read_codes(path: &Path) -> Result<BTreeMap<String, String>, crate::Error> {
    if !path.exists() {
        return Ok(BTreeMap::new());
    }
    let value: Value = serde_json::from_slice(&read(path)?)
        .map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    if value.get("schema").and_then(Value::as_str) != Some(CODES_SCHEMA) {
        return Err(format!("{}: expected schema {CODES_SCHEMA}", path.display()).into());
    }
    let codes = value
        .get("codes")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{}: no codes object", path.display()))?;
    codes
        .iter()
        .map(|(id, code)| match code.as_str() {
            Some(code) if koers::model::lookup::plausible_code(code) => {
                Ok((id.clone(), code.to_string()))
            }
            _ => Err(format!("{}: the code of {id} is not a code", path.display()).into()),
        })
        .collect()
}

/// The directory at or above `dir` that looks served (holds `index.html`, `sw.js` or an
/// `api/` tree), if any: cards, codes and the plain export must never be where a host
/// could serve them, whatever `--out` says.
fn served_ancestor(dir: &Path) -> Option<PathBuf> {
    let dir = dir.canonicalize().ok()?;
    dir.ancestors()
        .find(|d| {
            d.join("index.html").is_file() || d.join("sw.js").is_file() || d.join("api").is_dir()
        })
        .map(Path::to_path_buf)
}

/// Whether `inner` is `outer` or inside it (both must exist).
fn is_within(inner: &Path, outer: &Path) -> bool {
    match (inner.canonicalize(), outer.canonicalize()) {
        (Ok(inner), Ok(outer)) => inner.starts_with(outer),
        _ => false,
    }
}

pub fn publish(args: &PublishArgs) -> Result<Summary, crate::Error> {
    let params = if args.test_kdf {
        KdfParams::TEST_ONLY
    } else {
        KdfParams::PRODUCTION
    };
    let app_url = args.app_url.split('#').next().unwrap_or_default().trim();
    if !(app_url.starts_with("https://") || app_url.starts_with("http://")) {
        return Err("--app-url must be an http(s) address".into());
    }
    let participants = read_participants(&args.participants)?;
    let dossiers = read_dossiers(&args.dossiers)?;
    let listed: BTreeSet<&String> = participants.iter().collect();
    let missing: Vec<&str> = participants
        .iter()
        .filter(|id| !dossiers.contains_key(*id))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(format!("no dossier for: {}", missing.join(", ")).into());
    }
    for id in args.plain.iter().chain(args.code.iter().map(|(id, _)| id)) {
        if !listed.contains(id) {
            return Err(format!("{id} is not in the participants list").into());
        }
    }
    let unlisted = dossiers.keys().filter(|id| !listed.contains(id)).count();
    if unlisted > 0 {
        eprintln!(
            "koers-server: {unlisted} dossiers in {} are not in the participants list and are not published",
            args.dossiers.display()
        );
    }
    for (id, _) in &args.code {
        eprintln!("koers-server: warning: fixed access code for {id}: only for demo and test data");
    }
    for id in &args.plain {
        eprintln!("koers-server: warning: {id} is published UNSEALED: only for demo data");
    }

    // The two trees must never overlap: cards and codes must not be uploaded.
    let dossiers_dir = args.out.join("v1/dossiers");
    std::fs::create_dir_all(&dossiers_dir)
        .map_err(|e| format!("cannot create {}: {e}", dossiers_dir.display()))?;
    std::fs::create_dir_all(&args.cards)
        .map_err(|e| format!("cannot create {}: {e}", args.cards.display()))?;
    if is_within(&args.cards, &args.out) || is_within(&args.out, &args.cards) {
        return Err(
            "--cards must be outside --out (and the other way round): cards must never be uploaded"
                .into(),
        );
    }
    if is_within(&args.dossiers, &args.out) {
        return Err("--dossiers (the plain export) must be outside --out".into());
    }
    for (flag, dir) in [("--cards", &args.cards), ("--dossiers", &args.dossiers)] {
        if let Some(served) = served_ancestor(dir) {
            return Err(format!(
                "{flag} {} is inside {}, which looks like a served site (index.html, sw.js or api/): keep it where no host serves it",
                dir.display(),
                served.display()
            )
            .into());
        }
    }
    let existing: Vec<PathBuf> = std::fs::read_dir(&dossiers_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    let cards_exist = participants
        .iter()
        .any(|id| card_path(&args.cards, id).exists());
    if !args.force && (!existing.is_empty() || cards_exist) {
        return Err(format!(
            "{} or {} already holds a publication; use --force to replace it",
            dossiers_dir.display(),
            args.cards.display()
        )
        .into());
    }

    // Codes: fixed (demo) > from the last publication > new.
    let codes_path = args.cards.join("codes.json");
    let mut codes = read_codes(&codes_path)?;
    let fixed: BTreeMap<&String, &String> = args.code.iter().map(|(i, c)| (i, c)).collect();
    let mut new_codes = 0;
    let mut lookups = BTreeMap::new();
    for id in &participants {
        let code = match (fixed.get(id), codes.get(id)) {
            (Some(code), _) => group_code(code),
            (None, Some(code)) => code.clone(),
            (None, None) => {
                new_codes += 1;
                generate_code(&mut OsRng)
            }
        };
        if let Some(other) = lookups.insert(lookup(&code), id.clone()) {
            return Err(format!("{id} and {other} have the same access code").into());
        }
        codes.insert(id.clone(), code);
    }

    // Replace the old publication only now that everything checked out.
    for path in existing {
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    let mut summary = Summary {
        sealed: 0,
        plain: 0,
        new_codes,
        dossiers_dir: dossiers_dir.clone(),
        cards_dir: args.cards.clone(),
    };
    let plain: BTreeSet<&String> = args.plain.iter().collect();
    for id in &participants {
        let code = &codes[id];
        let (_, bytes) = &dossiers[id];
        let target = dossiers_dir.join(format!("{}.json", lookup(code)));
        if plain.contains(id) {
            write(&target, bytes)?;
            summary.plain += 1;
        } else {
            let sealed =
                seal_dossier(code, bytes, params, &mut OsRng).map_err(|e| format!("{id}: {e}"))?;
            write(&target, sealed.as_bytes())?;
            summary.sealed += 1;
        }
        let first_name = koers::model::decode::<Dossier>(std::str::from_utf8(bytes)?)
            .map(|d| d.participant.first_name)
            .unwrap_or_default();
        let card = card_html(&first_name, code, app_url);
        crate::keys::write_secret_file(&card_path(&args.cards, id), card.as_bytes(), true)?;
    }
    let codes_json = serde_json::to_string_pretty(&json!({
        "schema": CODES_SCHEMA,
        "note": "Access codes by participant id. Secret: never upload; keep for the next publication.",
        "codes": codes,
    }))?;
    crate::keys::write_secret_file(&codes_path, format!("{codes_json}\n").as_bytes(), true)?;
    // Only hashes of the write proofs: the server needs this file, never codes.json.
    let writers = Writers::from_codes(codes.iter().map(|(id, code)| (id.as_str(), code.as_str())));
    crate::keys::write_secret_file(
        &args.cards.join(WRITERS_FILE),
        writers.to_json().as_bytes(),
        true,
    )?;
    Ok(summary)
}

fn card_path(cards: &Path, id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    cards.join(format!("{safe}.html"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The address in the QR code: the app with the code in the fragment, which a browser
/// never sends to a server.
pub fn sign_in_url(app_url: &str, code: &str) -> String {
    let base = app_url.split('#').next().unwrap_or_default();
    format!("{base}#code={}", normalise_code(code))
}

/// A QR code of `text` as an inline SVG element.
pub fn qr_svg(text: &str) -> Result<String, crate::Error> {
    let qr = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| format!("cannot make a QR code: {e}"))?;
    let svg = qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    // Inline in HTML: without the XML declaration.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].to_string())
}

/// A printable A6-ish sign-in card: the participant's first name, the code in large
/// grouped letters, the QR code, and what to do with it (Dutch, then English).
pub fn card_html(first_name: &str, code: &str, app_url: &str) -> String {
    let url = sign_in_url(app_url, code);
    let qr = qr_svg(&url).unwrap_or_default();
    let grouped = group_code(code);
    let name = escape(first_name);
    let app = escape(app_url);
    format!(
        r#"<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Koers – inlogkaart {name}</title>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 0; color: #000; background: #fff; }}
  .card {{ width: 148mm; min-height: 105mm; box-sizing: border-box; padding: 8mm; margin: 8mm auto;
          border: 1px dashed #555; display: grid; grid-template-columns: 1fr 46mm; gap: 6mm; }}
  h1 {{ font-size: 16pt; margin: 0 0 3mm; }}
  .code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 20pt; font-weight: 700;
          letter-spacing: 0.08em; word-spacing: 0.2em; margin: 4mm 0; }}
  .qr svg {{ width: 46mm; height: 46mm; }}
  p, li {{ font-size: 10.5pt; line-height: 1.35; margin: 1.5mm 0; }}
  .en {{ color: #333; font-size: 9pt; }}
  @media print {{ .card {{ margin: 0; page-break-after: always; }} }}
</style>
</head>
<body>
<section class="card">
  <div>
    <h1>Koers{greeting}</h1>
    <p>Jouw inlogcode:</p>
    <p class="code" aria-label="inlogcode">{code_html}</p>
    <ol>
      <li>Scan de QR-code met je telefoon, of open <strong>{app}</strong> en typ de code.</li>
      <li>Hoofdletters, spaties en streepjes maken niet uit.</li>
      <li>Deel de code met niemand. Kwijt? Vraag je begeleider om een nieuwe.</li>
    </ol>
    <p class="en">Scan the QR code or open {app} and type the code. Do not share it.</p>
  </div>
  <div class="qr" role="img" aria-label="QR-code om in te loggen">{qr}</div>
</section>
</body>
</html>
"#,
        greeting = if name.is_empty() {
            String::new()
        } else {
            format!(" – {name}")
        },
        code_html = grouped.split('-').collect::<Vec<_>>().join(" "),
    )
}
