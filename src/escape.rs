//! One escaping for all markup written by hand: HTML text and attribute values (the builder's
//! pages and the app's static header), and the XML of the feeds.

/// `&`, `<`, `>` and `"` as entities.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes_once() {
        assert_eq!(
            super::escape(r#"a & <b> "c" &amp;"#),
            "a &amp; &lt;b&gt; &quot;c&quot; &amp;amp;"
        );
    }
}
