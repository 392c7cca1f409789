//! load → audio → render → validate → assemble, with plain data between the stages and every
//! problem of every stage collected before the build gives up.

use crate::audio::AudioByEpisode;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, Content};
use crate::markdown::{self, Context};
use crate::validate::{self, Rendition};
use loopje::model::{Lang, Page};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything the prerenderer writes.
pub struct Site {
    pub base_url: String,
    pub pages: Vec<Page>,
    /// Files to copy: (source file, path under the output folder).
    pub media: Vec<(PathBuf, String)>,
    pub search: Vec<(Lang, loopje::search::Index)>,
    /// URL prefixes the service worker keeps on first view instead of at install, one group
    /// per older episode and language (see `offline::runtime_only`).
    pub runtime_only: Vec<Vec<String>>,
    /// The show and the episodes' extras for the podcast feeds.
    pub podcast: crate::podcast::Podcast,
}

/// Where the build keeps what is slow to make again (the generated spoken summaries).
pub struct Options {
    pub cache: PathBuf,
}

pub fn build(root: &Path, options: &Options) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let content = load::load(root, &mut diags);
    build_loaded(content, diags, options)
}

/// The stages after `load`, on loaded content and the problems loading found.
pub fn build_loaded(
    content: Content,
    mut diags: Diagnostics,
    options: &Options,
) -> Result<Site, Vec<Diagnostic>> {
    validate::front_matter(&content, &mut diags);
    let audio = crate::audio::prepare(&content, &options.cache, &mut diags);

    let renditions: Vec<Rendition> = content
        .episodes
        .iter()
        .map(|ep| {
            let resolve = |id: &str| {
                content
                    .episodes
                    .iter()
                    .find(|e| e.id == id && e.lang == ep.lang)
                    .map(|e| ep.lang.episode_path(&e.front.slug))
            };
            let prepared = audio.get(&(ep.id.clone(), ep.lang));
            let cx = Context {
                file: &ep.path,
                first_line: ep.body_line,
                lang: ep.lang,
                episode_id: &ep.id,
                episode_path: &resolve,
                audio: prepared.map(|p| &p.track),
                cite_prefix: "src-",
            };
            Rendition {
                file: ep,
                rendered: markdown::render(&ep.body, &cx, &mut diags),
                audio: prepared.map(|p| p.track.clone()),
            }
        })
        .collect();
    validate::references(&content, &renditions, &mut diags);
    validate::quizzes(&content, &mut diags);
    validate::shared_questions(&content, &mut diags);
    validate::mental_health(&content, &mut diags);
    validate::source_identifiers(&content, &mut diags);
    crate::podcast::validate(&content, &mut diags);
    let mut guides = crate::intensity::guides(&content, &mut diags);
    let helplines = render_helplines(&content, &mut diags);
    // The test's results discuss mood, depression and anxiety: the help lines go with them.
    for (lang, guide) in guides.iter_mut() {
        guide.helplines_html = helplines.get(lang).cloned();
    }

    if !diags.is_empty() {
        return Err(diags.into_sorted());
    }
    let pages = crate::assemble::pages(&content, &renditions, &helplines, &guides);
    let media = media(&renditions, &audio);
    let search = Lang::ALL
        .into_iter()
        .map(|lang| (lang, crate::search::index(&pages, &renditions, lang)))
        .collect();
    Ok(Site {
        base_url: content
            .config
            .as_ref()
            .map(|c| c.base_url())
            .unwrap_or_default(),
        podcast: crate::podcast::podcast(&content),
        runtime_only: crate::offline::runtime_only(&pages),
        pages,
        media,
        search,
    })
}

fn render_helplines(content: &Content, diags: &mut Diagnostics) -> HashMap<Lang, String> {
    let none = |_: &str| None;
    content
        .helplines
        .iter()
        .map(|(lang, (path, text))| {
            let cx = Context {
                file: path,
                first_line: 1,
                lang: *lang,
                episode_id: "",
                episode_path: &none,
                audio: None,
                cite_prefix: "src-",
            };
            let html = markdown::render(text, &cx, diags).html();
            (*lang, without_heading_ids(&html))
        })
        .collect()
}

/// The help lines can be shown more than once on a page (under the article, a quiz answer and
/// the intensity test's result), so their headings carry no ids.
fn without_heading_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let level = tag.as_bytes().get(2).copied().unwrap_or(0);
        match tag.get(3..).and_then(|t| t.strip_prefix(" id=\"")) {
            Some(after) if (b'1'..=b'6').contains(&level) => {
                out.push_str(&tag[..3]);
                rest = after.split_once('"').map_or("", |(_, r)| r);
            }
            _ => {
                out.push_str(&tag[..2]);
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn media(renditions: &[Rendition], audio: &AudioByEpisode) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = Vec::new();
    for r in renditions {
        let ep = r.file;
        let images = r
            .rendered
            .refs
            .images
            .iter()
            .map(|(f, _)| (ep.dir.join(f), f.clone()));
        let sound = audio
            .get(&(ep.id.clone(), ep.lang))
            .into_iter()
            .flat_map(|p| p.files.iter().cloned());
        for (source, name) in images.chain(sound) {
            let dest = format!("media/{}/{name}", ep.id);
            if !out.iter().any(|(_, d)| d == &dest) {
                out.push((source, dest));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn help_line_headings_lose_their_ids() {
        assert_eq!(
            super::without_heading_ids("<h2 id=\"hulp-nodig\">Hulp nodig?</h2>\n<p>Bel <a href=\"tel:113\">113</a>, <html</p><h3 class=\"x\">Y</h3>"),
            "<h2>Hulp nodig?</h2>\n<p>Bel <a href=\"tel:113\">113</a>, <html</p><h3 class=\"x\">Y</h3>"
        );
    }
}
