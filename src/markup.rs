//! HTML written as text, for long lists of cards that never change once drawn (issue #19).
//!
//! Leptos builds a view node by node, each a call from wasm into the browser: the agenda's
//! 30 cards (about 500 elements) took 13 ms at 1× CPU and 56 ms at 4×, where the same
//! markup written by the browser's own HTML parser takes a fraction. A card with no signal
//! in it gains nothing from the node-by-node build, so the agenda writes its list here and
//! hands it over as one `inner_html`.
//!
//! Every text and attribute value goes through [`escape`]; tag and attribute names are
//! `&'static str` in the code, never data. That is the whole defence against markup from
//! the dossier, so nothing else in this module writes raw text.
//!
//! Builds without the `web` feature, so it is tested natively.

/// Stands in a translated sentence for the place where a value's own markup goes
/// (`t_string!(…, name = SLOT)`): a private-use character no translation contains.
pub const SLOT: &str = "\u{E000}";

/// `text` with the five characters that mean something in HTML written as entities; safe in
/// element content and inside a double- or single-quoted attribute value.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A piece of HTML under construction.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Self {
        Self::default()
    }

    /// `<tag a="v" …>`, with each value escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape(value, &mut self.0);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape(text, &mut self.0);
        self
    }

    /// `<tag …>text</tag>`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A translated sentence with one value in it: `sentence` holds [`SLOT`] where `value`
    /// writes its markup (a `<bdi>` around a name, say). Without a slot the sentence is
    /// written alone, so a translation that dropped its placeholder still reads.
    pub fn sentence(&mut self, sentence: &str, value: impl FnOnce(&mut Self)) -> &mut Self {
        match sentence.split_once(SLOT) {
            Some((before, after)) => {
                self.text(before);
                value(self);
                self.text(after)
            }
            None => self.text(sentence),
        }
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_means_something_in_html_is_written_as_an_entity() {
        let mut out = String::new();
        escape(r#"<script>alert("x")</script> & 'y' > z"#, &mut out);
        assert_eq!(
            out,
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &gt; z"
        );
        let mut plain = String::new();
        escape("Lotte van den Berg — لوتي 📍", &mut plain);
        assert_eq!(plain, "Lotte van den Berg — لوتي 📍");
    }

    #[test]
    fn attribute_values_cannot_end_their_quotes() {
        let mut m = Markup::new();
        m.element(
            "a",
            &[("href", "x\" onclick=\"steal()"), ("title", "it's")],
            "<b>",
        );
        assert_eq!(
            m.into_string(),
            "<a href=\"x&quot; onclick=&quot;steal()\" title=\"it&#39;s\">&lt;b&gt;</a>"
        );
    }

    #[test]
    fn elements_nest_in_the_order_they_are_written() {
        let mut m = Markup::new();
        m.open("p", &[("class", "time")])
            .element("strong", &[], "10:00 – 11:00")
            .close("p")
            .open("br", &[]);
        assert_eq!(
            m.into_string(),
            "<p class=\"time\"><strong>10:00 – 11:00</strong></p><br>"
        );
    }

    #[test]
    fn a_sentence_gets_its_value_where_the_slot_is_and_both_are_escaped() {
        let mut m = Markup::new();
        let sentence = format!("Met <{SLOT}> & meer");
        m.sentence(&sentence, |m| {
            m.element("bdi", &[], "A&B");
        });
        assert_eq!(m.into_string(), "Met &lt;<bdi>A&amp;B</bdi>&gt; &amp; meer");
    }

    #[test]
    fn a_sentence_without_a_slot_is_written_alone() {
        let mut m = Markup::new();
        m.sentence("Met iemand", |m| {
            m.text("never");
        });
        assert_eq!(m.into_string(), "Met iemand");
    }

    #[test]
    fn markup_from_the_data_never_becomes_an_element() {
        // What a hostile title, place or note could hold: each must come out as text.
        for attack in [
            "<img src=x onerror=alert(1)>",
            "</h3><script>x()</script>",
            "\"><svg onload=x()>",
            "&lt;already escaped&gt;",
        ] {
            let mut m = Markup::new();
            m.element("h3", &[("dir", attack)], attack);
            let out = m.into_string();
            assert_eq!(out.matches('<').count(), 2, "{out}");
            assert_eq!(out.matches('"').count(), 2, "{out}");
        }
    }
}
