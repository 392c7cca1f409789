//! Inline content: citations `[@key]`, timestamps `[12:30]`, footnote references, links (each
//! kind recorded for `validate`) and images become the site's markup; their prose goes to the
//! section text.

use super::events::{CITE, TIMESTAMP};
use super::parse_timestamp;
use super::renderer::Renderer;
use super::slugify;
use crate::escape::escape as attr;
use loopje::i18n::{fill, strings};
use loopje::widgets::player::logic::clock;
use pulldown_cmark::{html, CowStr, Event, Tag};
use std::ops::Range;

/// Text as HTML, escaped as pulldown-cmark escapes it.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, std::iter::once(Event::Text(CowStr::Borrowed(s))));
    out
}

impl<'m> Renderer<'_, 'm> {
    /// Renders a run of inline events to HTML.
    pub fn inline(&mut self, range: Range<usize>) -> String {
        let mut buf: Vec<Event<'m>> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let event = self.events.event(i).clone();
            let ln = self.line(i);
            let end = self.events.end(i);
            match event {
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE) => {
                    buf.push(self.citation(&dest_url[CITE.len()..], ln));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(TIMESTAMP) => {
                    buf.push(self.timestamp(&dest_url[TIMESTAMP.len()..], ln));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let resolved = self.link_target(&dest_url, ln);
                    buf.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: resolved.into(),
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let alt = self.events.plain_text(i + 1..end);
                    self.text.push(&alt);
                    buf.push(self.image(&dest_url, &title, alt.trim(), ln));
                    i = end + 1;
                    continue;
                }
                Event::FootnoteReference(label) => {
                    let next = self.footnote_numbers.len() + 1;
                    let n = *self
                        .footnote_numbers
                        .entry(label.to_string())
                        .or_insert(next);
                    let id = slugify(&label);
                    let id_attr = if n == next {
                        format!(" id=\"fnref-{id}\"")
                    } else {
                        String::new()
                    };
                    buf.push(Event::InlineHtml(
                        format!("<sup class=\"fnref\"{id_attr}><a href=\"#fn-{id}\">{n}</a></sup>")
                            .into(),
                    ));
                }
                // pulldown-cmark leaves `[^label]` without a definition as the texts `[`,
                // `^label`, `]`.
                Event::Text(open) if open.as_ref() == "[" => {
                    let label = match (i + 1 < range.end).then(|| self.events.event(i + 1)) {
                        Some(Event::Text(next)) => next.strip_prefix('^').map(str::to_string),
                        _ => None,
                    };
                    if let Some(label) = label {
                        self.error(
                            ln,
                            format!("footnote `[^{label}]` has no definition"),
                            format!("add `[^{label}]: the note` below the paragraph"),
                        );
                    }
                    self.text.push(&open);
                    buf.push(Event::Text(open));
                }
                other => {
                    match &other {
                        Event::Text(t) | Event::Code(t) => self.text.push(t),
                        Event::SoftBreak | Event::HardBreak => self.text.gap(),
                        _ => {}
                    }
                    buf.push(other);
                }
            }
            i += 1;
        }
        let mut out = String::new();
        html::push_html(&mut out, buf.into_iter());
        out
    }

    fn citation(&mut self, keys: &str, ln: usize) -> Event<'m> {
        let t = strings(self.cx.lang);
        let mut links = Vec::new();
        for key in keys
            .split(';')
            .map(|k| k.trim().trim_start_matches('@').trim())
        {
            if key.is_empty() || key.contains(char::is_whitespace) {
                self.error(
                    ln,
                    format!("malformed citation `[{keys}]`"),
                    "write `[@key]` or `[@key1; @key2]`",
                );
                continue;
            }
            let next = self.cites.len() + 1;
            let n = *self.cites.entry(key.to_string()).or_insert(next);
            self.out.refs.citations.push((key.to_string(), ln));
            links.push(format!(
                "<a href=\"#{}{}\" aria-label=\"{}\">{n}</a>",
                self.cx.cite_prefix,
                attr(key),
                attr(&fill(t.citation_label, n))
            ));
        }
        Event::InlineHtml(format!("<sup class=\"cite\">[{}]</sup>", links.join(", ")).into())
    }

    fn timestamp(&mut self, label: &str, ln: usize) -> Event<'m> {
        let secs = parse_timestamp(label).unwrap_or(0);
        self.out.refs.timestamps.push((secs, ln));
        let href = match self.cx.audio {
            Some(audio) => {
                if f64::from(secs) >= audio.duration {
                    self.error(
                        ln,
                        format!(
                            "timestamp `[{label}]` is past the end of the audio ({})",
                            clock(audio.duration)
                        ),
                        "use a time inside the episode's audio",
                    );
                }
                // A media fragment: without the app, the browser plays from there.
                format!("{}#t={secs}", audio.url)
            }
            None => {
                self.error(
                    ln,
                    format!("timestamp `[{label}]` but the episode has no audio"),
                    "set `audio` in the front matter, or remove the timestamp",
                );
                String::new()
            }
        };
        Event::InlineHtml(
            format!(
                "<a class=\"timestamp\" href=\"{}\" data-t=\"{secs}\" aria-label=\"{}\">{}</a>",
                attr(&href),
                attr(&fill(
                    strings(self.cx.lang).player_listen_from,
                    clock(f64::from(secs))
                )),
                escape(label)
            )
            .into(),
        )
    }

    /// Where a link goes on the site, recording what `validate` must check.
    fn link_target(&mut self, url: &str, ln: usize) -> String {
        let refs = &mut self.out.refs;
        if let Some(target) = url.strip_prefix("ep:") {
            let (eid, anchor) = match target.split_once('#') {
                Some((e, a)) => (e.to_string(), Some(a.to_string())),
                None => (target.to_string(), None),
            };
            refs.episode_links.push((eid.clone(), anchor.clone(), ln));
            let base = (self.cx.episode_path)(&eid).unwrap_or_default();
            match anchor {
                Some(a) => format!("{base}#{a}"),
                None => base,
            }
        } else if let Some(anchor) = url.strip_prefix('#') {
            refs.anchor_links.push((anchor.to_string(), ln));
            url.to_string()
        } else if url.starts_with('/') {
            refs.site_links.push((url.to_string(), ln));
            url.to_string()
        } else if ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .any(|p| url.starts_with(p))
        {
            url.to_string()
        } else {
            self.error(
                ln,
                format!("link target `{url}` is not one the site can check"),
                "link episodes with `ep:<id>`, headings with `#id`, pages with `/…`, or the web with `https://…`",
            );
            url.to_string()
        }
    }

    fn image(&mut self, src: &str, title: &str, alt: &str, ln: usize) -> Event<'m> {
        if alt.is_empty() {
            self.error(
                ln,
                format!("image `{src}` has no alt text"),
                "describe what the image shows: `![what it shows](file)`",
            );
        }
        let url = if src.contains("://") || src.starts_with('/') || src.contains("..") {
            self.error(
                ln,
                format!("image `{src}` is not a file in the episode folder"),
                "put the image in the episode's folder and refer to it by file name",
            );
            String::new()
        } else {
            self.out.refs.images.push((src.to_string(), ln));
            format!("/media/{}/{}", self.cx.episode_id, src)
        };
        let title_attr = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", attr(title))
        };
        Event::InlineHtml(
            format!(
                "<img src=\"{}\" alt=\"{}\"{title_attr} loading=\"lazy\">",
                attr(&url),
                attr(alt)
            )
            .into(),
        )
    }
}
