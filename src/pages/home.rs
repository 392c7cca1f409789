use crate::escape::escape;
use crate::i18n::{fill, strings};
use crate::model::{archive_path, EpisodeCard, Lang};
use crate::reading::Mark;
#[cfg(feature = "hydrate")]
use crate::reading::ReadingLog;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;
use std::fmt::Write;

/// The home page (the newest episodes; `total` counts them all) or, with `archive`, the list of
/// every episode (whose cards come without summaries). `feed`: the podcast feed's URL, for the
/// subscribe block (the home page has one, the archive not).
pub fn home(
    lang: Lang,
    episodes: Vec<EpisodeCard>,
    total: usize,
    archive: bool,
    feed: Option<String>,
) -> super::Markup {
    let mut html = home_html(lang, &episodes, total, archive);
    if let Some(feed) = &feed {
        html.push_str(&crate::widgets::subscribe::section_html(lang, feed));
    }
    let page = super::Markup::new("home", html);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (episodes, feed);
        page
    }
    #[cfg(feature = "hydrate")]
    page.attach(move |el| {
        if let (Some(feed), Some(section)) =
            (feed, crate::widgets::dom::find(&el, "section.subscribe"))
        {
            crate::widgets::subscribe::attach(lang, feed, section);
        }
        // Read now, once the page is shown: the prerendered page never depends on the device.
        let log = RwSignal::new(crate::storage::load::<ReadingLog>(crate::reading::KEY).0);
        // Read in another tab: the marks follow.
        crate::storage::follow(crate::reading::KEY.to_string(), move |raw| {
            log.set(crate::storage::decode(raw.as_deref()).0);
        });
        // Each card's line is reserved in the prerendered page, so filling it in shifts nothing.
        Effect::new(move |_| {
            let Ok(cards) = el.query_selector_all(".episode-card") else {
                return;
            };
            log.with(|log| {
                for (i, ep) in episodes.iter().enumerate() {
                    let line = cards
                        .item(i as u32)
                        .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(c).ok())
                        .and_then(|c| c.query_selector(".read-mark").ok().flatten());
                    if let Some(line) = line {
                        line.set_inner_html(&read_mark_html(
                            lang,
                            &ep.path,
                            &ep.title,
                            log.mark(&ep.id),
                        ));
                    }
                }
            });
        });
    })
}

/// The heading, the cards (each with an empty line for its read mark) and the link to the
/// archive when the home page shows only the newest.
pub fn home_html(lang: Lang, episodes: &[EpisodeCard], total: usize, archive: bool) -> String {
    let t = strings(lang);
    let e = escape;
    let more = !archive && total > episodes.len();
    let title = if more {
        t.home_title_newest
    } else {
        t.home_title
    };
    let mut out = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p><ol class=\"episode-list\" reversed>",
        e(title),
        e(t.home_intro)
    );
    for ep in episodes {
        let summary = if ep.summary.is_empty() {
            String::new()
        } else {
            format!("<p class=\"summary\">{}</p>", e(&ep.summary))
        };
        _ = write!(
            out,
            "<li class=\"episode-card\"><article><p class=\"episode-number\">{}</p>\
             <h2><a href=\"{}\">{}</a></h2>{summary}{}<p class=\"read-mark\"></p></article></li>",
            e(&fill(t.episode_label, ep.number)),
            e(&ep.path),
            e(&ep.title),
            super::meta_html(lang, &ep.date, ep.listening_minutes, ep.reading_minutes),
        );
    }
    out.push_str("</ol>");
    if more {
        _ = write!(
            out,
            "<p class=\"archive-link\"><a href=\"{}\">{}</a></p>",
            e(&archive_path(lang)),
            e(&fill(t.home_all_episodes, total))
        );
    }
    out
}

/// A card's read mark, once the device's reading log is known.
pub fn read_mark_html(lang: Lang, path: &str, title: &str, mark: Mark) -> String {
    let t = strings(lang);
    let e = escape;
    match mark {
        Mark::Unread => format!("<span class=\"unread\">{}</span>", e(t.reading_unread)),
        Mark::Read => format!("<span class=\"read\">{}</span>", e(t.reading_read)),
        Mark::Started(percent, anchor) => {
            let href = match anchor {
                Some(a) => format!("{path}#{a}"),
                None => path.to_string(),
            };
            format!(
                "<span class=\"started\">{}</span> · <a class=\"continue\" href=\"{}\" aria-label=\"{}\">{}</a>",
                e(&fill(t.reading_started, percent)),
                e(&href),
                e(&format!("{}: {title}", t.reading_continue)),
                e(t.reading_continue)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(n: u32, summary: &str) -> EpisodeCard {
        EpisodeCard {
            id: format!("e{n}"),
            number: n,
            title: format!("Ep <{n}>"),
            path: format!("/nl/afleveringen/e{n}/"),
            date: "2026-01-12".into(),
            summary: summary.into(),
            listening_minutes: 30,
            reading_minutes: 7,
        }
    }

    #[test]
    fn cards_reserve_their_read_mark_and_the_archive_is_linked_when_some_are_left_out() {
        let t = strings(Lang::Nl);
        let html = home_html(Lang::Nl, &[card(2, "Over & weer"), card(1, "")], 13, false);
        assert!(html.starts_with(&format!("<h1 tabindex=\"-1\">{}</h1>", t.home_title_newest)));
        assert_eq!(html.matches("<p class=\"read-mark\"></p>").count(), 2);
        assert_eq!(html.matches("class=\"summary\"").count(), 1);
        assert!(html.contains("<a href=\"/nl/afleveringen/e2/\">Ep &lt;2&gt;</a>"));
        assert!(html.contains("<p class=\"summary\">Over &amp; weer</p>"));
        assert!(html.contains("class=\"archive-link\""));
        let archive = home_html(Lang::Nl, &[card(1, "")], 1, true);
        assert!(!archive.contains("archive-link"));
        assert!(archive.starts_with(&format!("<h1 tabindex=\"-1\">{}</h1>", t.home_title)));
    }

    #[test]
    fn a_started_episode_links_to_where_the_reader_was() {
        let t = strings(Lang::En);
        let html = read_mark_html(
            Lang::En,
            "/en/e/",
            "A & B",
            Mark::Started(40, Some("smog".into())),
        );
        assert!(html.contains("href=\"/en/e/#smog\""));
        assert!(html.contains(&format!("aria-label=\"{}: A &amp; B\"", t.reading_continue)));
        assert_eq!(
            read_mark_html(Lang::En, "/en/e/", "x", Mark::Read),
            format!("<span class=\"read\">{}</span>", t.reading_read)
        );
    }
}
