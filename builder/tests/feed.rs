//! The podcast feeds against the requirements as written in Apple's "A Podcaster's Guide to
//! RSS" (required: `title`, `description`, `itunes:image` of 1400–3000 px square JPEG/PNG in
//! RGB, `language`, `itunes:category`, `itunes:explicit`; per item `title` and `enclosure`)
//! and the Podcasting 2.0 namespace (`podcast:guid`, `podcast:locked`, `podcast:season`,
//! `podcast:episode`, `podcast:person`, `podcast:chapters`, `podcast:transcript`).

mod common;

use common::{content_for, copy_dir, fixtures, options};
use loopje::model::Lang;
use loopje_builder::{cards, feeds, pipeline, podcast};
use roxmltree::{Document, Node};
use std::fs;

const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const PODCAST: &str = "https://podcastindex.org/namespace/1.0";

/// The audio fixture (episode one has an MP3 and chapters in Dutch) with `overlay` on top.
fn site_with(overlay: Option<&str>) -> pipeline::Site {
    let dir = content_for("audio-ok");
    if let Some(case) = overlay {
        copy_dir(&fixtures().join(case).join("content"), &dir);
    }
    let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    fs::remove_dir_all(dir).unwrap();
    site
}

fn rss(site: &pipeline::Site, lang: Lang) -> String {
    feeds::rss(&site.pages, lang, &site.base_url, &site.podcast)
}

fn child<'a>(node: Node<'a, 'a>, ns: Option<&str>, name: &str) -> Option<Node<'a, 'a>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == ns)
}

fn text<'a>(node: Node<'a, 'a>, ns: Option<&str>, name: &str) -> Option<&'a str> {
    child(node, ns, name).and_then(|n| n.text())
}

#[test]
fn the_feed_has_what_apple_and_the_namespace_require() {
    let site = site_with(None);
    let xml = rss(&site, Lang::Nl);
    let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(
        (root.tag_name().name(), root.attribute("version")),
        ("rss", Some("2.0"))
    );
    let channel = child(root, None, "channel").expect("channel");

    // Apple's required show tags.
    assert_eq!(text(channel, None, "title"), Some("Loopje"));
    assert_eq!(text(channel, None, "description"), Some("Een podcast."));
    assert_eq!(text(channel, None, "language"), Some("nl-BE"));
    let image = child(channel, Some(ITUNES), "image").expect("itunes:image");
    assert_eq!(
        image.attribute("href"),
        Some("https://example.test/podcast/nl-3000.png")
    );
    let categories: Vec<Node> = channel
        .children()
        .filter(|n| n.tag_name().name() == "category" && n.tag_name().namespace() == Some(ITUNES))
        .collect();
    assert_eq!(
        categories[0].attribute("text"),
        Some("Health & Fitness"),
        "primary first"
    );
    let sub = child(categories[0], Some(ITUNES), "category").expect("subcategory");
    assert_eq!(sub.attribute("text"), Some("Fitness"));
    assert_eq!(categories[1].attribute("text"), Some("Science"));
    assert_eq!(text(channel, Some(ITUNES), "explicit"), Some("false"));
    assert_eq!(text(channel, Some(ITUNES), "type"), Some("episodic"));

    // Podcasting 2.0 show tags: the guid is the UUIDv5 of the feed URL.
    let guid = text(channel, Some(PODCAST), "guid").expect("podcast:guid");
    assert_eq!(guid, podcast::guid("https://example.test/nl/feed.xml"));
    assert_eq!(guid.len(), 36);
    assert_eq!(guid.matches('-').count(), 4);
    let locked = child(channel, Some(PODCAST), "locked").expect("podcast:locked");
    assert_eq!(locked.text(), Some("yes"));
    assert_eq!(locked.attribute("owner"), None, "no owner configured");
    // Not configured: left out, never made up.
    assert!(child(channel, Some(ITUNES), "owner").is_none());
    assert!(child(channel, Some(ITUNES), "author").is_none());

    // The item: Apple's required title and enclosure, and the rest absolute and typed.
    let items: Vec<Node> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 1, "only the episode with audio");
    let item = items[0];
    assert_eq!(text(item, None, "title"), Some("Een"));
    let enclosure = child(item, None, "enclosure").expect("enclosure");
    assert_eq!(
        enclosure.attribute("url"),
        Some("https://example.test/media/een/nl.mp3")
    );
    assert_eq!(enclosure.attribute("type"), Some("audio/mpeg"));
    let length: u64 = enclosure.attribute("length").unwrap().parse().unwrap();
    assert!(length > 0);
    assert_eq!(
        text(item, None, "guid"),
        Some("https://example.test/nl/afleveringen/een/")
    );
    assert_eq!(
        text(item, None, "pubDate"),
        Some("Thu, 01 Jan 2026 00:00:00 +0000")
    );
    let duration: u64 = text(item, Some(ITUNES), "duration")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..4).contains(&duration), "{duration}");
    assert_eq!(text(item, Some(ITUNES), "episodeType"), Some("full"));
    assert_eq!(text(item, Some(ITUNES), "episode"), Some("1"));
    assert_eq!(text(item, Some(PODCAST), "episode"), Some("1"));
    assert!(
        child(item, Some(ITUNES), "season").is_none(),
        "no season set"
    );
    assert!(child(item, Some(PODCAST), "person").is_none());
    assert!(
        child(item, Some(PODCAST), "transcript").is_none(),
        "no transcript file"
    );
    let chapters = child(item, Some(PODCAST), "chapters").expect("podcast:chapters");
    assert_eq!(
        chapters.attribute("url"),
        Some("https://example.test/media/een/nl.chapters.json")
    );
    assert_eq!(
        chapters.attribute("type"),
        Some("application/json+chapters")
    );

    // The English feed: its own guid, and no items (no English audio in the fixture).
    let en = rss(&site, Lang::En);
    let en_doc = Document::parse(&en).unwrap();
    let en_channel = child(en_doc.root_element(), None, "channel").unwrap();
    assert_eq!(
        text(en_channel, Some(PODCAST), "guid"),
        Some(podcast::guid("https://example.test/en/feed.xml").as_str())
    );
    assert_ne!(text(en_channel, Some(PODCAST), "guid"), Some(guid));
}

#[test]
fn optional_values_appear_once_configured() {
    let site = site_with(Some("podcast-ok"));
    let xml = rss(&site, Lang::Nl);
    let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let channel = child(doc.root_element(), None, "channel").unwrap();
    assert_eq!(text(channel, Some(ITUNES), "author"), Some("De Makers"));
    let owner = child(channel, Some(ITUNES), "owner").expect("itunes:owner");
    assert_eq!(text(owner, Some(ITUNES), "name"), Some("Studio"));
    assert_eq!(
        text(owner, Some(ITUNES), "email"),
        Some("studio@example.test")
    );
    let locked = child(channel, Some(PODCAST), "locked").unwrap();
    assert_eq!(locked.attribute("owner"), Some("studio@example.test"));
    let item = channel.children().find(|n| n.has_tag_name("item")).unwrap();
    // The episode's own season wins over the site's.
    assert_eq!(text(item, Some(ITUNES), "season"), Some("2"));
    assert_eq!(text(item, Some(PODCAST), "season"), Some("2"));
    let people: Vec<(Option<&str>, Option<&str>, Option<&str>)> = item
        .children()
        .filter(|n| n.tag_name().name() == "person" && n.tag_name().namespace() == Some(PODCAST))
        .map(|n| (n.text(), n.attribute("role"), n.attribute("href")))
        .collect();
    assert_eq!(
        people,
        [
            (
                Some("Ann Peeters"),
                Some("guest"),
                Some("https://example.test/ann")
            ),
            (Some("Jo & Co <Test>"), None, None),
        ]
    );
}

#[test]
fn a_transcript_is_listed_when_the_episode_has_one() {
    let mut site = site_with(None);
    for page in &mut site.pages {
        if let loopje::model::PageContent::Episode(a) = &mut page.content {
            if let Some(audio) = &mut a.audio {
                audio.transcript = Some(loopje::model::Transcript {
                    vtt: "/media/een/nl.vtt".into(),
                    json: "/media/een/nl.transcript.json".into(),
                    cues: Vec::new(),
                });
            }
        }
    }
    let xml = rss(&site, Lang::Nl);
    let doc = Document::parse(&xml).unwrap();
    let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
    let transcripts: Vec<(Option<&str>, Option<&str>)> = item
        .children()
        .filter(|n| n.tag_name().name() == "transcript")
        .map(|n| (n.attribute("url"), n.attribute("type")))
        .collect();
    assert_eq!(
        transcripts,
        [
            (
                Some("https://example.test/media/een/nl.vtt"),
                Some("text/vtt")
            ),
            (
                Some("https://example.test/media/een/nl.transcript.json"),
                Some("application/json")
            ),
        ]
    );
}

#[test]
fn two_builds_give_the_same_feed() {
    let (a, b) = (site_with(None), site_with(None));
    for lang in Lang::ALL {
        assert_eq!(
            rss(&a, lang),
            rss(&b, lang),
            "durations and guids are stable"
        );
    }
}

/// The artwork the feed names is there, square, 3000 and 1400 px, 8-bit RGB PNG.
#[test]
fn artwork_is_within_apples_limits() {
    let site = site_with(None);
    let out = std::env::temp_dir().join(format!("loopje-feed-art-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    let art = cards::podcast_artwork(&site.podcast);
    cards::write(&art, &out).unwrap();
    let xml = rss(&site, Lang::Nl);
    let doc = Document::parse(&xml).unwrap();
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "image")
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert_eq!(hrefs.len(), 3, "itunes:image and two podcast:image");
    for href in hrefs {
        let path = href.strip_prefix(&site.base_url).unwrap();
        assert!(art.iter().any(|c| c.path == path), "{path} is rendered");
        let bytes = fs::read(out.join(path.trim_start_matches('/'))).unwrap();
        let (w, h, depth, colour) = cards::png_header(&bytes).expect("a PNG");
        assert_eq!(w, h, "square");
        assert!((1400..=3000).contains(&w), "{w}");
        assert_eq!((depth, colour), (8, 2), "8-bit RGB, no alpha");
    }
    let sizes: Vec<u32> = [3000, 1400]
        .iter()
        .map(|s| {
            let b = fs::read(out.join(format!("podcast/en-{s}.png"))).unwrap();
            cards::png_header(&b).unwrap().0
        })
        .collect();
    assert_eq!(sizes, [3000, 1400]);
    fs::remove_dir_all(out).unwrap();
}
