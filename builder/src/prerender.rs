//! Stage 5: render every page with the app's own components (natively, `ssr`) into trunk's
//! `index.html`, so each route is a complete static HTML file that the wasm then hydrates.

use crate::cards::SHARE_SIZE;
use crate::escape::escape as esc;
use crate::feeds;
use crate::pipeline::Site;
use anyhow::{bail, Context};
use leptos::prelude::*;
use loopje::i18n::strings;
use loopje::model::{share_image_path, Block, Lang, Page, PageContent, Widget};
use loopje::{App, PAGE_DATA_ID};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

/// The path of the page served for unknown URLs.
pub const NOT_FOUND_PATH: &str = "/404.html";

pub fn render_body(page: &Page) -> String {
    let initial = page.clone();
    let owner = Owner::new();
    owner.with(|| view! { <App initial/> }.to_html())
}

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl_BE",
        Lang::En => "en_GB",
    }
}

fn head(page: &Page, base: &str) -> String {
    let t = strings(page.lang);
    let mut h = String::new();
    h.push_str(&format!("<title>{}</title>\n", esc(&page.title)));
    h.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        esc(&page.description)
    ));
    // theme.js adds the manifest link after the first paint, with the app: installing needs the
    // service worker, which needs the app, and the manifest and its icon then do not compete with
    // the first paint (measured with Lighthouse: part of the episode LCP's 1.25 → 0.75 s).
    h.push_str(&format!(
        "<meta name=\"loopje-manifest\" content=\"/{}/manifest.webmanifest\">\n",
        page.lang.code()
    ));
    if matches!(page.content, PageContent::NotFound) {
        h.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    } else {
        let url = format!("{base}{}", page.path);
        h.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            esc(&url)
        ));
        let (nl, en) = match page.lang {
            Lang::Nl => (&page.path, &page.alternate),
            Lang::En => (&page.alternate, &page.path),
        };
        for (code, path) in [("nl", nl), ("en", en), ("x-default", nl)] {
            h.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"{code}\" href=\"{}\">\n",
                esc(&format!("{base}{path}"))
            ));
        }
        let kind = if matches!(page.content, PageContent::Episode(_)) {
            "article"
        } else {
            "website"
        };
        for (prop, value) in [
            ("og:type", kind),
            ("og:title", page.title.as_str()),
            ("og:description", page.description.as_str()),
            ("og:url", url.as_str()),
            ("og:site_name", t.site_name),
            ("og:locale", locale(page.lang)),
            ("og:locale:alternate", locale(page.lang.other())),
        ] {
            h.push_str(&format!(
                "<meta property=\"{prop}\" content=\"{}\">\n",
                esc(value)
            ));
        }
        let (image, alt) = match &page.content {
            PageContent::Episode(a) => (share_image_path(page.lang, Some(&a.id)), a.title.as_str()),
            _ => (share_image_path(page.lang, None), t.site_name),
        };
        let image = format!("{base}{image}");
        let (w, hgt) = (SHARE_SIZE.0.to_string(), SHARE_SIZE.1.to_string());
        for (prop, value) in [
            ("og:image", image.as_str()),
            ("og:image:type", "image/png"),
            ("og:image:width", w.as_str()),
            ("og:image:height", hgt.as_str()),
            ("og:image:alt", alt),
        ] {
            h.push_str(&format!(
                "<meta property=\"{prop}\" content=\"{}\">\n",
                esc(value)
            ));
        }
        for (name, value) in [
            ("twitter:card", "summary_large_image"),
            ("twitter:image", image.as_str()),
            ("twitter:image:alt", alt),
        ] {
            h.push_str(&format!(
                "<meta name=\"{name}\" content=\"{}\">\n",
                esc(value)
            ));
        }
        h.push_str(&format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">\n",
            esc(t.site_name),
            esc(&format!("{base}{}", feeds::feed_path(page.lang)))
        ));
        if let Some(ld) = feeds::json_ld(page, base) {
            h.push_str(&format!(
                "<script type=\"application/ld+json\">{ld}</script>\n"
            ));
        }
    }
    h.push_str(&format!(
        "<script id=\"{PAGE_DATA_ID}\" type=\"application/json\">{}</script>\n",
        embedded_json(page)
    ));
    h
}

/// The page data as embedded in the document: without what the body holds, and with `<`
/// escaped so that no text can close the script element.
pub fn embedded_json(page: &Page) -> String {
    serde_json::to_string(&without_article_html(page))
        .expect("page data serialises")
        .replace('<', "\\u003c")
}

/// The page data to embed: the article's HTML blocks, its sources, the intensity test's sources
/// and guideline, and the transcript's cue texts are already in the body, so they are left empty here (the client reads them back
/// from the DOM: `loopje::restore_article_html`) rather than sent twice; so are the help lines,
/// the article's and the widgets' when they are the same.
pub fn without_article_html(page: &Page) -> Page {
    let mut lean = page.clone();
    if let PageContent::Episode(article) = &mut lean.content {
        let helplines = article.helplines_html.clone();
        let lean_helplines = |h: &mut Option<String>| {
            if helplines.is_some() && *h == helplines {
                *h = Some(String::new());
            }
        };
        for block in &mut article.body {
            match block {
                Block::Html { html } => html.clear(),
                Block::Widget {
                    widget: Widget::IntensityTest { guide: Some(g) },
                } => {
                    g.sources.iter_mut().for_each(|s| s.html.clear());
                    g.guideline_html.clear();
                    lean_helplines(&mut g.helplines_html);
                }
                Block::Widget {
                    widget: Widget::Quiz { quiz: Some(q), .. },
                } => lean_helplines(&mut q.helplines_html),
                _ => {}
            }
        }
        // In the body as `#helplines` (`loopje::HELPLINES_ID`).
        if let Some(h) = &mut article.helplines_html {
            h.clear();
        }
        for source in &mut article.sources {
            source.html.clear();
        }
        // In the body as the transcript's `.cue-text` (`loopje::restore_transcript`).
        if let Some(t) = article.audio.as_mut().and_then(|a| a.transcript.as_mut()) {
            t.cues.iter_mut().for_each(|c| c.text.clear());
        }
    }
    lean
}

/// Globals the hydrating client reads for resources and error boundaries.
const HYDRATION_GLOBALS: &str = "window.__RESOLVED_RESOURCES = [];\nwindow.__SERIALIZED_ERRORS = [];\nwindow.__INCOMPLETE_CHUNKS = [];";

/// Readies trunk's `index.html` for prerendering: moves trunk's inline boot script (with the
/// hydration globals) into a content-hashed file, so the Content-Security-Policy needs no
/// `'unsafe-inline'`; inlines `theme.js` in place of `<script src="/theme.js"></script>` (the CSP
/// allows it by hash), so the theme applies before the first paint without a blocking request.
/// The app starts only after the first contentful paint: theme.js then adds the boot script that
/// the `<meta name="loopje-boot">` names and the manifest link (`<meta name="loopje-manifest">`,
/// see `head`) (or at `load` where paint timing is unknown), so neither it nor the app's JS and
/// wasm (trunk's preloads are dropped) compete with the page's first paint on a slow phone
/// (with the icons inline, Lighthouse's simulated LCP of an episode went 1.25 s → 0.75 s).
/// Returns the template to prerender into.
pub fn finish_template(template: &str, theme_js: &str, out: &Path) -> anyhow::Result<String> {
    const THEME: &str = "<script src=\"/theme.js\"></script>";
    if !template.contains(THEME) {
        bail!("index.html must load the theme with `{THEME}`");
    }
    // In every page: its comments stay in the source (they cost about 120 bytes gzip a page).
    let theme_js = without_line_comments(theme_js);
    let allowed = crate::headers::script_hash(&theme_js);
    if !crate::headers::CSP.contains(&allowed) {
        bail!(
            "public/theme.js changed, so the CSP no longer allows it: put {allowed} in the \
             script-src of builder/src/headers.rs and deploy/nginx.conf.in"
        );
    }
    let template = template.replacen(THEME, &format!("<script>{theme_js}</script>"), 1);
    externalize_boot(&template, out)
}

/// `script` without its whole-line `//` comments (a comment after code stays: telling it from a
/// `//` inside a string or a regular expression would take a JavaScript parser).
pub(crate) fn without_line_comments(script: &str) -> String {
    script
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The app's start, from trunk's boot script (which names the app's JS and wasm): the wasm is
/// fetched and compiled as it streams in (off the main thread) while the JS glue loads, and the
/// app is instantiated and hydrates in a task of its own, so that neither compilation nor the JS
/// waits for the other and no long task holds both (measured with the CPU slowed 4×: the task
/// that started the app, 260 ms with trunk's `init`, became 110–170 ms; ARCHITECTURE.md). A
/// browser that cannot compile the stream (a server with the wrong MIME type) lets `init` fetch
/// the wasm again.
fn boot_script(trunk_boot: &str) -> anyhow::Result<Boot> {
    let quoted = |after: &str| -> anyhow::Result<&str> {
        let at = trunk_boot
            .find(after)
            .map(|i| i + after.len())
            .with_context(|| format!("trunk's boot script has no `{after}`"))?;
        let rest = &trunk_boot[at..];
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"');
        let quote =
            quote.with_context(|| format!("trunk's boot script: no quoted URL after `{after}`"))?;
        rest[1..]
            .split(quote)
            .next()
            .filter(|u| u.starts_with('/') && !u.contains(['\\', '\n']))
            .with_context(|| format!("trunk's boot script: no URL after `{after}`"))
    };
    let js = quoted("* as bindings from ")?;
    let wasm = quoted("module_or_path: ")?;
    Ok(Boot {
        script: format!(
            "{HYDRATION_GLOBALS}\n\
             const compiled = WebAssembly.compileStreaming(fetch('{wasm}')).catch(() => '{wasm}');\n\
             const {{ default: init }} = await import('{js}');\n\
             const module_or_path = await compiled;\n\
             await new Promise((resolve) => setTimeout(resolve));\n\
             await init({{ module_or_path }});\n"
        ),
        wasm: wasm.to_owned(),
    })
}

/// The boot script and the wasm it compiles: `<meta name="loopje-boot">` names both, and theme.js
/// preloads the wasm beside the script, so that the largest file does not wait for the script to
/// arrive (the JS glue, 9 KB, still does: it arrives long before the wasm).
struct Boot {
    script: String,
    wasm: String,
}

fn externalize_boot(template: &str, out: &Path) -> anyhow::Result<String> {
    const OPEN: &str = "<script type=\"module\">";
    const CLOSE: &str = "</script>";
    let start = template
        .find(OPEN)
        .context("index.html has no inline module script (trunk's boot) to move")?;
    let end = template[start..]
        .find(CLOSE)
        .map(|e| e + start)
        .context("index.html: unterminated boot script")?;
    let boot = boot_script(&template[start + OPEN.len()..end])?;
    let hash = format!("{:x}", Sha256::digest(boot.script.as_bytes()));
    let name = format!("boot-{}.js", &hash[..16]);
    let file = out.join(&name);
    fs::write(&file, &boot.script).with_context(|| format!("writing {}", file.display()))?;
    let mut t = format!(
        "{}<meta name=\"loopje-boot\" content=\"/{name} {}\">{}",
        &template[..start],
        boot.wasm,
        &template[end + CLOSE.len()..]
    );
    // Trunk preloads the app's JS and wasm; both are fetched after the first paint instead.
    let mut from = 0;
    while let Some(i) = t[from..].find("<link rel=\"").map(|i| i + from) {
        let j = t[i..].find('>').map_or(t.len() - 1, |j| j + i);
        let tag = &t[i..j];
        if tag.starts_with("<link rel=\"modulepreload\"")
            || (tag.starts_with("<link rel=\"preload\"") && tag.contains("application/wasm"))
        {
            t.replace_range(i..=j, "");
        } else {
            from = j;
        }
    }
    Ok(t)
}

/// Fills trunk's `index.html` with one page.
pub fn document(template: &str, page: &Page, base: &str) -> anyhow::Result<String> {
    const HTML: &str = "<html lang=\"nl\"";
    const BODY: &str = "<body></body>";
    for marker in [HTML, "</head>", BODY] {
        if !template.contains(marker) {
            bail!("index.html must contain `{marker}`");
        }
    }
    // The app must be the body's only content: hydration starts at its first child.
    Ok(template
        .replacen(HTML, &format!("<html lang=\"{}\"", page.lang.code()), 1)
        .replacen("</head>", &format!("{}</head>", head(page, base)), 1)
        .replacen(BODY, &format!("<body>{}</body>", render_body(page)), 1))
}

fn redirect_page(to: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Loopje met de wetenschap</title>\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\"><link rel=\"canonical\" href=\"{to}\"></head>\
         <body><p><a href=\"{to}\">Loopje met de wetenschap</a></p></body></html>\n"
    )
}

pub fn write(site: &Site, template: &str, out: &Path) -> anyhow::Result<usize> {
    // Tells the page how much of the season the service worker keeps (see model::NEWEST_EPISODES).
    let limited;
    let template = if site.runtime_only.is_empty() {
        template
    } else {
        limited = template.replacen(
            "<html lang=\"nl\"",
            &format!(
                "<html lang=\"nl\" data-offline-newest=\"{}\"",
                loopje::model::NEWEST_EPISODES
            ),
            1,
        );
        &limited
    };
    let written = |p: &Path| format!("writing {}", p.display());
    let mut count = 0;
    for page in &site.pages {
        let dir = out.join(page.path.trim_matches('/'));
        fs::create_dir_all(&dir).with_context(|| written(&dir))?;
        let html = document(template, page, &site.base_url)?;
        let file = dir.join("index.html");
        fs::write(&file, html).with_context(|| written(&file))?;
        let json = serde_json::to_string(page).expect("page data serialises");
        let file = dir.join("page.json");
        fs::write(&file, json).with_context(|| written(&file))?;
        count += 1;
    }
    let not_found = Page {
        path: NOT_FOUND_PATH.to_string(),
        ..loopje::shell::Site::not_found(NOT_FOUND_PATH)
    };
    for (name, text) in [
        ("404.html", document(template, &not_found, &site.base_url)?),
        ("index.html", redirect_page(&Lang::Nl.home_path())),
        ("_headers", crate::headers::headers_file()),
    ] {
        let file = out.join(name);
        fs::write(&file, text).with_context(|| written(&file))?;
    }
    for (lang, index) in &site.search {
        crate::search::write(index, *lang, out)?;
    }
    for lang in Lang::ALL {
        let path = out.join(feeds::feed_path(lang).trim_start_matches('/'));
        fs::write(
            &path,
            feeds::rss(&site.pages, lang, &site.base_url, &site.podcast),
        )
        .with_context(|| written(&path))?;
    }
    crate::cards::write(&crate::cards::podcast_artwork(&site.podcast), out)?;
    for (src, dest) in &site.media {
        let dest = out.join(dest);
        fs::create_dir_all(dest.parent().unwrap()).with_context(|| written(&dest))?;
        fs::copy(src, &dest)
            .with_context(|| format!("copying {} to {}", src.display(), dest.display()))?;
    }
    Ok(count + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app reads both forms of every page of the real site (`loopje::json`, not serde) back
    /// to the value the builder wrote.
    #[test]
    fn the_app_reads_back_every_page_the_builder_writes() {
        let (_, site) = crate::search::tests::real_site();
        let kinds: std::collections::HashSet<_> = site
            .pages
            .iter()
            .map(|page| {
                let json = serde_json::to_string(page).unwrap();
                assert_eq!(
                    loopje::json::decode(&json).as_ref(),
                    Some(page),
                    "{}",
                    page.path
                );
                let lean = without_article_html(page);
                let embedded = loopje::json::decode(&embedded_json(page));
                assert_eq!(embedded.as_ref(), Some(&lean), "{}", page.path);
                std::mem::discriminant(&page.content)
            })
            .collect();
        // Home, episode, quiz, quizzes, search, intensity test; the archive (a season over ten
        // episodes) and the 404 are read back below and in `loopje::model`'s tests.
        assert_eq!(kinds.len(), 6);
        let not_found = loopje::shell::Site::not_found("/nl/x/");
        let json = serde_json::to_string(&not_found).unwrap();
        assert_eq!(loopje::json::decode(&json), Some(not_found));
    }

    #[test]
    fn boot_script_moves_to_a_file_and_the_wasm_preload_goes() {
        let dir = std::env::temp_dir().join(format!("loopje-boot-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let template = "<html lang=\"nl\"><head>\
            <link rel=\"modulepreload\" href=\"/app.js\">\
            <link rel=\"preload\" href=\"/app_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\
            <script type=\"module\">\nimport init, * as bindings from '/app.js';\n\
            const wasm = await init({ module_or_path: '/app_bg.wasm' });\n</script>\
            </head><body></body></html>";
        let out = externalize_boot(template, &dir).unwrap();
        assert!(!out.contains("<script type=\"module\">"), "{out}");
        assert!(!out.contains("application/wasm"), "{out}");
        assert!(!out.contains("modulepreload"), "{out}");
        assert!(out.contains("<meta name=\"loopje-boot\" content=\"/boot-"));
        let names = out
            .split("content=\"/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let (name, preloads) = names.split_once(' ').unwrap();
        assert_eq!(preloads, "/app_bg.wasm");
        assert!(name.starts_with("boot-") && name.ends_with(".js"), "{name}");
        let boot = fs::read_to_string(dir.join(name)).unwrap();
        assert!(boot.starts_with(HYDRATION_GLOBALS), "{boot}");
        assert!(
            boot.contains("WebAssembly.compileStreaming(fetch('/app_bg.wasm'))")
                && boot.contains("await import('/app.js')")
                && boot.contains("await init({ module_or_path })"),
            "{boot}"
        );
        assert!(boot_script("import init from '/app.js'; await init();").is_err());
        assert!(externalize_boot("<html></html>", &dir).is_err());
        // theme.js goes inline, and only as the CSP allows it.
        let theme = include_str!("../../public/theme.js");
        let with_theme = template.replace("</head>", "<script src=\"/theme.js\"></script></head>");
        let out = finish_template(&with_theme, theme, &dir).unwrap();
        let inline = without_line_comments(theme);
        assert!(out.contains(&format!("<script>{inline}</script>")));
        assert!(
            !inline.contains("// ") && inline.contains("meta('boot')"),
            "{inline}"
        );
        assert_eq!(
            without_line_comments("a();\n  // b\nc(); // d\n"),
            "a();\nc(); // d\n"
        );
        assert!(
            theme.contains("meta[name=\"loopje-")
                && theme.contains("meta('boot')")
                && theme.contains("meta('manifest')")
                && theme.contains("first-contentful-paint"),
            "theme.js starts the app named by the meta tag, after the first paint"
        );
        let err = finish_template(&with_theme, "alert(1)", &dir)
            .unwrap_err()
            .to_string();
        assert!(err.contains("public/theme.js changed"), "{err}");
        fs::remove_dir_all(dir).unwrap();
    }
}
