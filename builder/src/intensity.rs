//! The intensity self-test's texts: `content/intensity/<lang>.toml`, Markdown with citations,
//! rendered into one [`IntensityGuide`] per language with its own numbered sources list.

use crate::assemble::format_source;
use crate::diagnostics::Diagnostics;
use crate::load::{Content, IntensityFile, Loaded};
use crate::markdown::{self, Context};
use loopje::model::{intensity_path, IntensityGuide, Lang, LevelGuide, SourceEntry};
use std::collections::{BTreeMap, HashMap};

pub const CITE_PREFIX: &str = "int-src-";

pub fn guides(content: &Content, diags: &mut Diagnostics) -> HashMap<Lang, IntensityGuide> {
    for (lang, loaded) in &content.intensity {
        if !content.intensity.contains_key(&lang.other()) {
            diags.error(
                &loaded.path,
                1,
                "the intensity test's texts have no translation",
                format!("add content/intensity/{}.toml", lang.other().code()),
            );
        }
    }
    content
        .intensity
        .iter()
        .map(|(lang, loaded)| (*lang, guide(content, *lang, loaded, diags)))
        .collect()
}

fn guide(
    content: &Content,
    lang: Lang,
    loaded: &Loaded<IntensityFile>,
    diags: &mut Diagnostics,
) -> IntensityGuide {
    let none = |_: &str| None;
    let mut numbers = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut html = |field: &toml::Spanned<String>| {
        let cx = Context {
            file: &loaded.path,
            first_line: loaded.line(field),
            lang,
            episode_id: "",
            episode_path: &none,
            audio: None,
            cite_prefix: CITE_PREFIX,
        };
        let rendered = markdown::render_numbered(field.get_ref(), &cx, &mut numbers, diags);
        crate::validate::unknown_sources(content, &loaded.path, &rendered.refs.citations, diags);
        for (key, _) in &rendered.refs.citations {
            if content.sources.contains_key(key) && !order.contains(key) {
                order.push(key.clone());
            }
        }
        rendered.html()
    };
    let f = &loaded.data;
    let mut level = |l: &crate::load::LevelFile| LevelGuide {
        meaning_html: html(&l.meaning),
        evidence_html: html(&l.evidence),
    };
    let (light, moderate, vigorous) = (level(&f.light), level(&f.moderate), level(&f.vigorous));
    let (caution_html, guideline_html, mixed_html) =
        (html(&f.caution), html(&f.guideline), html(&f.mixed));
    let sources = order
        .iter()
        .filter_map(|key| {
            content.sources.get(key).map(|src| SourceEntry {
                key: key.clone(),
                html: format_source(src, lang),
            })
        })
        .collect();
    IntensityGuide {
        path: intensity_path(lang),
        caution_html,
        guideline_html,
        mixed_html,
        light,
        moderate,
        vigorous,
        sources,
        // Filled in by the pipeline once the help lines are rendered.
        helplines_html: None,
    }
}
