//! The last step of every article block: ammonia keeps the markup the site uses and drops
//! scripts, styles and event handlers.

/// Every article block passes through ammonia, so raw HTML in Markdown can add markup but
/// never scripts, styles or event handlers.
pub fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_tags([
                "figure",
                "figcaption",
                "section",
                "aside",
                "sup",
                "sub",
                "mark",
                "abbr",
                "details",
                "summary",
            ])
            .add_generic_attributes([
                "class",
                "id",
                "lang",
                "title",
                "aria-label",
                "aria-labelledby",
                "aria-hidden",
            ])
            .add_tag_attributes("a", ["data-t", "hreflang"])
            .add_tag_attributes("img", ["loading", "width", "height"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("ol", ["start", "reversed"])
            .add_tag_attributes("div", ["tabindex", "role"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(None)
            .attribute_filter(|el, attr, value| {
                // pulldown-cmark aligns table cells with `style="text-align: …"`; allow only that.
                if attr == "style" && (el == "td" || el == "th") {
                    let ok = matches!(
                        value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                    return ok.then(|| value.into());
                }
                Some(value.into())
            });
            b
        })
        .clean(html)
        .to_string()
}
