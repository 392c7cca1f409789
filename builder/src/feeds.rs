//! What other programs read about the site: schema.org JSON-LD in each page's head
//! (`PodcastSeries` on the home page, `PodcastEpisode` on an episode) and an RSS feed of the
//! season per language, with the audio as enclosure and its Podcasting 2.0 chapters.

use crate::escape::escape as xml;
use loopje::i18n::strings;
use loopje::model::{share_image_path, Article, Lang, Page, PageContent};
use serde_json::json;

/// `/nl/feed.xml`, `/en/feed.xml`.
pub fn feed_path(lang: Lang) -> String {
    format!("/{}/feed.xml", lang.code())
}

fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl-BE",
        Lang::En => "en",
    }
}

/// Seconds as an ISO 8601 duration: `98.4` → `PT1M38S`.
pub fn iso_duration(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// `2026-01-12` → `Mon, 12 Jan 2026 00:00:00 +0000` (RSS dates). `None` for anything else.
pub fn rfc822(iso: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-').map(str::parse::<i64>);
    let (Some(Ok(y)), Some(Ok(m @ 1..=12)), Some(Ok(d @ 1..=31))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // Sakamoto's day-of-week.
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let yy = if m < 3 { y - 1 } else { y };
    let dow = (yy + yy / 4 - yy / 100 + yy / 400 + T[m as usize - 1] + d).rem_euclid(7);
    Some(format!(
        "{}, {d:02} {} {y} 00:00:00 +0000",
        DAYS[dow as usize],
        MONTHS[m as usize - 1]
    ))
}

fn series(lang: Lang, base: &str) -> serde_json::Value {
    let t = strings(lang);
    json!({
        "@type": "PodcastSeries",
        "name": t.site_name,
        "url": format!("{base}{}", lang.home_path()),
        "webFeed": format!("{base}{}", feed_path(lang)),
        "inLanguage": language_tag(lang),
    })
}

fn episode_ld(page: &Page, a: &Article, base: &str) -> serde_json::Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "url": format!("{base}{}", page.path),
        "name": a.title,
        "description": a.summary,
        "datePublished": a.date,
        "episodeNumber": a.number,
        "inLanguage": language_tag(page.lang),
        "image": format!("{base}{}", share_image_path(page.lang, Some(&a.id))),
        "partOfSeries": series(page.lang, base),
    });
    if let Some(audio) = &a.audio {
        v["timeRequired"] = iso_duration(audio.duration).into();
        v["associatedMedia"] = json!({
            "@type": "MediaObject",
            "contentUrl": format!("{base}{}", audio.url),
            "encodingFormat": audio.mime,
            "duration": iso_duration(audio.duration),
            "contentSize": audio.bytes.to_string(),
        });
    }
    v
}

/// The page's JSON-LD, ready for a `<script type="application/ld+json">` (which is data, not
/// code: a Content-Security-Policy does not block it).
pub fn json_ld(page: &Page, base: &str) -> Option<String> {
    let value = match &page.content {
        PageContent::Home { .. } => {
            let mut v = series(page.lang, base);
            v["@context"] = "https://schema.org".into();
            v["description"] = page.description.clone().into();
            v["image"] = format!("{base}{}", share_image_path(page.lang, None)).into();
            v
        }
        PageContent::Episode(a) => episode_ld(page, a, base),
        _ => return None,
    };
    Some(
        serde_json::to_string(&value)
            .expect("json")
            .replace('<', "\\u003c"),
    )
}

/// The season's RSS 2.0 feed in one language, newest first.
pub fn rss(pages: &[Page], lang: Lang, base: &str) -> String {
    let t = strings(lang);
    let mut episodes: Vec<(&Page, &Article)> = pages
        .iter()
        .filter(|p| p.lang == lang)
        .filter_map(|p| match &p.content {
            PageContent::Episode(a) => Some((p, a.as_ref())),
            _ => None,
        })
        .collect();
    episodes.sort_by_key(|(_, a)| std::cmp::Reverse(a.number));
    let mut items = String::new();
    for (page, a) in episodes {
        let url = format!("{base}{}", page.path);
        items.push_str("    <item>\n");
        items.push_str(&format!("      <title>{}</title>\n", xml(&a.title)));
        items.push_str(&format!("      <link>{}</link>\n", xml(&url)));
        items.push_str(&format!(
            "      <guid isPermaLink=\"true\">{}</guid>\n",
            xml(&url)
        ));
        if let Some(date) = rfc822(&a.date) {
            items.push_str(&format!("      <pubDate>{date}</pubDate>\n"));
        }
        items.push_str(&format!(
            "      <description>{}</description>\n",
            xml(&a.summary)
        ));
        items.push_str(&format!(
            "      <itunes:episode>{}</itunes:episode>\n",
            a.number
        ));
        if let Some(audio) = &a.audio {
            items.push_str(&format!(
                "      <enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n",
                xml(&format!("{base}{}", audio.url)),
                audio.bytes,
                xml(&audio.mime)
            ));
            items.push_str(&format!(
                "      <itunes:duration>{}</itunes:duration>\n",
                audio.duration.round() as u64
            ));
            if !audio.chapters.is_empty() {
                let chapters = audio.url.replace(".mp3", ".chapters.json");
                items.push_str(&format!(
                    "      <podcast:chapters url=\"{}\" type=\"application/json+chapters\"/>\n",
                    xml(&format!("{base}{chapters}"))
                ));
            }
        }
        items.push_str("    </item>\n");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>{title}</title>
    <link>{home}</link>
    <description>{description}</description>
    <language>{language}</language>
    <atom:link href="{feed}" rel="self" type="application/rss+xml"/>
    <itunes:image href="{image}"/>
{items}  </channel>
</rss>
"#,
        title = xml(t.site_name),
        home = xml(&format!("{base}{}", lang.home_path())),
        description = xml(t.home_intro),
        language = language_tag(lang),
        feed = xml(&format!("{base}{}", feed_path(lang))),
        image = xml(&format!("{base}/icons/icon-512.png")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(iso_duration(98.4), "PT1M38S");
        assert_eq!(iso_duration(3600.0), "PT1H");
        assert_eq!(iso_duration(0.2), "PT0S");
        assert_eq!(iso_duration(3723.0), "PT1H2M3S");
    }

    #[test]
    fn rss_dates() {
        assert_eq!(
            rfc822("2026-01-12").as_deref(),
            Some("Mon, 12 Jan 2026 00:00:00 +0000")
        );
        assert_eq!(
            rfc822("2024-02-29").as_deref(),
            Some("Thu, 29 Feb 2024 00:00:00 +0000")
        );
        assert_eq!(
            rfc822("2000-03-01").as_deref(),
            Some("Wed, 01 Mar 2000 00:00:00 +0000")
        );
        assert_eq!(rfc822("2026-13-01"), None);
        assert_eq!(rfc822("soon"), None);
    }
}
