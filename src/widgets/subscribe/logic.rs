//! Links that open the podcast feed in an app. Each scheme is one the app itself handles:
//! - Apple Podcasts: `podcast://<feed without its scheme>` (the Podlove Subscribe Button's
//!   client list, `podlove/podlove-ui`, packages/clients/src/apple-podcasts).
//! - Pocket Casts: `pktc://subscribehttps/<feed without its scheme>` for an https feed,
//!   `pktc://subscribe/…` for http (the app's deep-link parser, `PodloveAdapter` in
//!   Automattic/pocket-casts-android, DeepLinkFactory.kt).
//! - AntennaPod: `https://antennapod.org/deeplink/subscribe?url=<feed, percent-encoded>`
//!   (antennapod.org's guide for podcasters, and the app's own test `OnlineFeedViewTest`).
//!
//! Overcast is left out: its documentation gives only `overcast.fm/itunes<id>` links, which
//! need an Apple Podcasts id the site does not have.

/// A link that opens the feed in one podcast app.
#[derive(Clone, Debug, PartialEq)]
pub struct AppLink {
    pub app: &'static str,
    pub href: String,
}

/// The apps' links for `feed` (an absolute http(s) URL); none for anything else.
pub fn app_links(feed: &str) -> Vec<AppLink> {
    let Some((scheme, rest)) = feed.split_once("://") else {
        return Vec::new();
    };
    let pocket_casts = match scheme {
        "https" => "subscribehttps",
        "http" => "subscribe",
        _ => return Vec::new(),
    };
    vec![
        AppLink {
            app: "Apple Podcasts",
            href: format!("podcast://{rest}"),
        },
        AppLink {
            app: "Pocket Casts",
            href: format!("pktc://{pocket_casts}/{rest}"),
        },
        AppLink {
            app: "AntennaPod",
            href: format!(
                "https://antennapod.org/deeplink/subscribe?url={}",
                encode_component(feed)
            ),
        },
    ]
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as JavaScript's
/// `encodeURIComponent` does for a URL (which it also leaves `!'()*` alone in; harmless here).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_for_an_https_feed() {
        let links = app_links("https://loopje.example/nl/feed.xml");
        let hrefs: Vec<(&str, &str)> = links.iter().map(|l| (l.app, l.href.as_str())).collect();
        assert_eq!(
            hrefs,
            [
                ("Apple Podcasts", "podcast://loopje.example/nl/feed.xml"),
                ("Pocket Casts", "pktc://subscribehttps/loopje.example/nl/feed.xml"),
                (
                    "AntennaPod",
                    "https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Floopje.example%2Fnl%2Ffeed.xml"
                ),
            ]
        );
    }

    #[test]
    fn pocket_casts_keeps_plain_http() {
        let links = app_links("http://localhost:8080/en/feed.xml");
        assert_eq!(links[1].href, "pktc://subscribe/localhost:8080/en/feed.xml");
        assert_eq!(links[0].href, "podcast://localhost:8080/en/feed.xml");
    }

    #[test]
    fn no_links_without_a_web_url() {
        assert!(app_links("/nl/feed.xml").is_empty());
        assert!(app_links("ftp://x/feed.xml").is_empty());
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
    }
}
