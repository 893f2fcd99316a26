//! "Lees voor" in each text's own language (issue #22). A dossier is written in Dutch, the
//! app's own words are in the interface language; an Arabic voice reading Dutch is
//! unintelligible, so a block is read as pieces, each with the voice of its language.

/// A piece of text and the language it is written in (a primary subtag: "nl", "ar").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub lang: String,
    pub text: String,
}

impl Piece {
    pub fn new(lang: &str, text: impl Into<String>) -> Self {
        Piece {
            lang: primary(lang).unwrap_or_else(|| "nl".into()),
            text: text.into(),
        }
    }

    /// A piece read as a sentence of its own: ends in a full stop unless it already ends in
    /// a mark, so the voice pauses before the next piece.
    pub fn sentence(lang: &str, text: &str) -> Self {
        let text = text.trim();
        let ends = text.chars().last().is_none_or(|c| ".!?:;…؟".contains(c));
        Piece::new(
            lang,
            if ends {
                text.to_string()
            } else {
                format!("{text}.")
            },
        )
    }
}

/// The primary language subtag of a BCP 47 tag, lowercase ("en-GB" → "en", "nl_NL" →
/// "nl"); `None` for an empty or malformed tag.
pub fn primary(tag: &str) -> Option<String> {
    let first = tag.trim().split(['-', '_']).next()?;
    (2..=3)
        .contains(&first.len())
        .then(|| first.to_ascii_lowercase())
        .filter(|p| p.chars().all(|c| c.is_ascii_lowercase()))
}

/// What is said, in order: consecutive pieces in one language become one utterance (fewer
/// voice switches, natural pauses); blank pieces are left out.
pub fn utterances(pieces: &[Piece]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces.iter().filter(|p| !p.text.trim().is_empty()) {
        match out.last_mut() {
            Some(last) if last.lang == piece.lang => {
                last.text.push(' ');
                last.text.push_str(piece.text.trim());
            }
            _ => out.push(Piece {
                lang: piece.lang.clone(),
                text: piece.text.trim().to_string(),
            }),
        }
    }
    out
}

/// Whether the device can read all of it: a voice for every language in it. Reading only
/// part would leave out what the participant needs most (usually the dossier's words).
pub fn speakable(pieces: &[Piece], voices: &[String]) -> bool {
    let said = utterances(pieces);
    !said.is_empty() && said.iter().all(|p| voices.contains(&p.lang))
}
