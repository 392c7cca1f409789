//! What other programs read about the site: schema.org JSON-LD in each page's head
//! (`PodcastSeries` on the home page, `PodcastEpisode` on an episode) and a podcast feed of the
//! season per language (the show's values from `podcast.rs`).

use crate::cards::{podcast_artwork_path, PODCAST_ART_SIZES};
use crate::escape::escape as xml;
use crate::podcast::{guid, EpisodeExtras, Podcast};
use loopje::i18n::strings;
use loopje::model::{share_image_path, Article, AudioTrack, Lang, Page, PageContent};
use serde_json::json;

/// `/nl/feed.xml`, `/en/feed.xml`.
pub fn feed_path(lang: Lang) -> String {
    format!("/{}/feed.xml", lang.code())
}

/// The feed's absolute URL under the site's origin `base`: what apps subscribe to, and what
/// `podcast:guid` is derived from.
pub fn feed_url(base: &str, lang: Lang) -> String {
    format!("{base}{}", feed_path(lang))
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

/// The season's podcast feed in one language (RSS 2.0 with Apple's `itunes:` and the
/// Podcasting 2.0 `podcast:` tags), newest first. Episodes without audio are left out: a podcast
/// item needs an enclosure. Values the site does not have (an owner, an author) leave their
/// tags out rather than being made up.
pub fn rss(pages: &[Page], lang: Lang, base: &str, podcast: &Podcast) -> String {
    let mut episodes: Vec<(&Page, &Article, &AudioTrack)> = pages
        .iter()
        .filter(|p| p.lang == lang)
        .filter_map(|p| match &p.content {
            PageContent::Episode(a) => a.audio.as_ref().map(|audio| (p, a.as_ref(), audio)),
            _ => None,
        })
        .collect();
    episodes.sort_by_key(|(_, a, _)| std::cmp::Reverse(a.number));
    let abs = |path: &str| xml(&format!("{base}{path}"));
    let no_extras = EpisodeExtras::default();
    let mut items = String::new();
    for (page, a, audio) in episodes {
        let extras = podcast
            .episodes
            .get(&(a.id.clone(), lang))
            .unwrap_or(&no_extras);
        let url = abs(&page.path);
        let mut item = vec![
            format!("<title>{}</title>", xml(&a.title)),
            format!("<link>{url}</link>"),
            // The page's URL: stable for as long as the slug is.
            format!("<guid isPermaLink=\"true\">{url}</guid>"),
        ];
        item.extend(rfc822(&a.date).map(|d| format!("<pubDate>{d}</pubDate>")));
        item.push(format!("<description>{}</description>", xml(&a.summary)));
        item.push(format!(
            "<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>",
            abs(&audio.url),
            audio.bytes,
            xml(&audio.mime)
        ));
        item.push(format!(
            "<itunes:duration>{}</itunes:duration>",
            audio.duration.round() as u64
        ));
        item.push("<itunes:episodeType>full</itunes:episodeType>".into());
        item.push(format!("<itunes:episode>{}</itunes:episode>", a.number));
        item.push(format!("<podcast:episode>{}</podcast:episode>", a.number));
        if let Some(season) = extras.season {
            item.push(format!("<itunes:season>{season}</itunes:season>"));
            item.push(format!("<podcast:season>{season}</podcast:season>"));
        }
        if !audio.chapters.is_empty() {
            item.push(format!(
                "<podcast:chapters url=\"{}\" type=\"application/json+chapters\"/>",
                abs(&chapters_path(&audio.url))
            ));
        }
        if let Some(t) = &audio.transcript {
            item.push(format!(
                "<podcast:transcript url=\"{}\" type=\"text/vtt\"/>",
                abs(&t.vtt)
            ));
            item.push(format!(
                "<podcast:transcript url=\"{}\" type=\"application/json\"/>",
                abs(&t.json)
            ));
        }
        for p in &extras.people {
            let mut attrs = String::new();
            if let Some(role) = &p.role {
                attrs.push_str(&format!(" role=\"{}\"", xml(role)));
            }
            if let Some(href) = &p.href {
                attrs.push_str(&format!(" href=\"{}\"", xml(href)));
            }
            item.push(format!(
                "<podcast:person{attrs}>{}</podcast:person>",
                xml(&p.name)
            ));
        }
        items.push_str("    <item>\n");
        for line in item {
            items.push_str(&format!("      {line}\n"));
        }
        items.push_str("    </item>\n");
    }
    let feed = feed_url(base, lang);
    let mut channel = vec![];
    if let Some(show) = podcast.shows.get(&lang) {
        channel.push(format!("<title>{}</title>", xml(&show.title)));
        channel.push(format!("<link>{}</link>", abs(&lang.home_path())));
        channel.push(format!(
            "<description>{}</description>",
            xml(&show.description)
        ));
        channel.push(format!("<language>{}</language>", language_tag(lang)));
        channel.push(format!(
            "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
            xml(&feed)
        ));
        let [large, small] = PODCAST_ART_SIZES;
        channel.push(format!(
            "<itunes:image href=\"{}\"/>",
            abs(&podcast_artwork_path(lang, large))
        ));
        for size in [large, small] {
            channel.push(format!(
                "<podcast:image href=\"{}\" width=\"{size}\" height=\"{size}\" aspect-ratio=\"1/1\" purpose=\"artwork\" alt=\"{}\"/>",
                abs(&podcast_artwork_path(lang, size)),
                xml(&show.title)
            ));
        }
        for cat in &show.categories {
            match cat.as_slice() {
                [name, sub] => channel.push(format!(
                    "<itunes:category text=\"{}\"><itunes:category text=\"{}\"/></itunes:category>",
                    xml(name),
                    xml(sub)
                )),
                [name] => channel.push(format!("<itunes:category text=\"{}\"/>", xml(name))),
                _ => {}
            }
        }
        channel.push(format!(
            "<itunes:explicit>{}</itunes:explicit>",
            show.explicit
        ));
        if let Some(author) = &show.author {
            channel.push(format!("<itunes:author>{}</itunes:author>", xml(author)));
        }
        if let Some((name, email)) = &show.owner {
            channel.push(format!(
                "<itunes:owner><itunes:name>{}</itunes:name><itunes:email>{}</itunes:email></itunes:owner>",
                xml(name),
                xml(email)
            ));
        }
        channel.push(format!("<itunes:type>{}</itunes:type>", show.show_type));
        channel.push(format!("<podcast:guid>{}</podcast:guid>", guid(&feed)));
        let owner = show
            .owner
            .as_ref()
            .map(|(_, email)| format!(" owner=\"{}\"", xml(email)))
            .unwrap_or_default();
        channel.push(format!(
            "<podcast:locked{owner}>{}</podcast:locked>",
            if show.locked { "yes" } else { "no" }
        ));
    }
    let channel: String = channel.iter().map(|l| format!("    {l}\n")).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
{channel}{items}  </channel>
</rss>
"#
    )
}

/// The chapters file beside an episode's audio: `nl.mp3` → `nl.chapters.json`.
pub fn chapters_path(audio_url: &str) -> String {
    audio_url.replace(".mp3", ".chapters.json")
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
