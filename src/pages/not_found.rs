use crate::escape::escape;
use crate::i18n::strings;
use crate::model::Lang;

/// Shown for any unknown URL, in both languages: the URL does not say which one the reader wants.
pub fn not_found() -> super::Markup {
    super::Markup::new("not-found-page", not_found_html())
}

/// Static markup: nothing on the page changes.
pub fn not_found_html() -> String {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let t = strings(lang);
            // One page-level heading: the first language's.
            let heading = match lang {
                Lang::Nl => format!("<h1 tabindex=\"-1\">{}</h1>", escape(t.not_found_title)),
                _ => format!("<h2>{}</h2>", escape(t.not_found_title)),
            };
            format!(
                "<section class=\"not-found\" lang=\"{}\">{heading}<p>{}</p><p><a href=\"{}\">{}</a></p></section>",
                lang.code(),
                escape(t.not_found_text),
                escape(&lang.home_path()),
                escape(t.not_found_home)
            )
        })
        .collect()
}
