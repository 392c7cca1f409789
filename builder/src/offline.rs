//! Stage 6, over the finished output folder: icons rendered from the one source image, a web
//! app manifest per language, and the service worker with a precache list of every file and
//! its content hash (see `public/sw.js` for how the worker uses it).

use anyhow::{anyhow, Context};
use loopje::i18n::strings;
use loopje::model::{
    quiz_path, search_text_path, Article, Lang, Page, PageContent, NEWEST_EPISODES,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

const SW_TEMPLATE: &str = include_str!("../../public/sw.js");
/// Hex digits of SHA-256 kept per file: plenty to tell two releases of a file apart.
const HASH_LEN: usize = 16;
const THEME: &str = "#0f5c4d";
const BACKGROUND_LIGHT: &str = "#fbfaf7";

pub struct Icon {
    pub file: &'static str,
    pub size: u32,
    pub maskable: bool,
}

pub const ICONS: [Icon; 4] = [
    Icon {
        file: "icons/icon-192.png",
        size: 192,
        maskable: false,
    },
    Icon {
        file: "icons/icon-512.png",
        size: 512,
        maskable: false,
    },
    Icon {
        file: "icons/maskable-512.png",
        size: 512,
        maskable: true,
    },
    Icon {
        file: "icons/apple-touch-icon.png",
        size: 180,
        maskable: true,
    },
];

/// Renders every icon from `source` (SVG). Maskable icons keep the artwork inside the safe
/// zone (the centre 80%) on a full-bleed background.
pub fn write_icons(source: &Path, out: &Path) -> anyhow::Result<()> {
    let svg = fs::read(source).with_context(|| format!("reading {}", source.display()))?;
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default())
        .with_context(|| format!("{}: not a usable SVG", source.display()))?;
    let icons = out.join("icons");
    fs::create_dir_all(&icons).with_context(|| format!("creating {}", icons.display()))?;
    for icon in &ICONS {
        let mut pixmap = resvg::tiny_skia::Pixmap::new(icon.size, icon.size)
            .ok_or_else(|| anyhow!("{}: icon size", icon.file))?;
        let (scale, offset) = if icon.maskable {
            pixmap.fill(resvg::tiny_skia::Color::from_rgba8(0x0f, 0x5c, 0x4d, 0xff));
            (0.8, icon.size as f32 * 0.1)
        } else {
            (1.0, 0.0)
        };
        let s = scale * icon.size as f32 / tree.size().width().max(tree.size().height());
        let transform =
            resvg::tiny_skia::Transform::from_scale(s, s).post_translate(offset, offset);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        let path = out.join(icon.file);
        pixmap
            .save_png(&path)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

pub fn manifest(lang: Lang) -> serde_json::Value {
    let t = strings(lang);
    let icons: Vec<serde_json::Value> = ICONS
        .iter()
        .filter(|i| i.size != 180)
        .map(|i| {
            serde_json::json!({
                "src": format!("/{}", i.file),
                "sizes": format!("{0}x{0}", i.size),
                "type": "image/png",
                "purpose": if i.maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    serde_json::json!({
        "id": "/",
        "name": t.site_name,
        "short_name": "Loopje",
        "description": t.site_tagline,
        "lang": lang.code(),
        "dir": "ltr",
        "start_url": lang.home_path(),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND_LIGHT,
        "icons": icons,
    })
}

pub fn write_manifests(out: &Path) -> anyhow::Result<()> {
    for lang in Lang::ALL {
        let path = out.join(lang.code()).join("manifest.webmanifest");
        let json = serde_json::to_string_pretty(&manifest(lang)).expect("manifest serialises");
        fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

#[derive(Clone)]
pub struct PrecacheEntry {
    pub url: String,
    pub hash: String,
    pub bytes: u64,
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn is_audio(rel: &str) -> bool {
    let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "mp3" | "m4a" | "ogg" | "opus" | "wav")
}

/// Every file the release serves, by URL, with its hash. Routes are listed as `/path/`.
pub fn precache_list(out: &Path) -> Vec<PrecacheEntry> {
    let mut paths = Vec::new();
    files(out, &mut paths);
    let mut entries: Vec<PrecacheEntry> = paths
        .into_iter()
        .filter_map(|path| {
            let rel = path
                .strip_prefix(out)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            // The worker itself is not precached; `/` is a redirect to `/nl/`. Audio is streamed
            // with range requests and would multiply the download: it stays online-only.
            // Share cards are for link previews, fetched by other sites' crawlers; the podcast
            // artwork (up to 3000 px square) only by podcast apps. The precompressed twins
            // (`.br`, `.gz`, scripts/build.sh) are the server's: the worker stores what the
            // browser decoded.
            if rel == "sw.js"
                || rel == "index.html"
                || rel == "_headers"
                || rel.ends_with(".br")
                || rel.ends_with(".gz")
                || is_audio(&rel)
                || rel.starts_with("share/")
                || rel.starts_with(crate::cards::PODCAST_ART_DIR.trim_start_matches('/'))
            {
                return None;
            }
            let url = match rel.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{rel}"),
            };
            let bytes = fs::read(&path).ok()?;
            let hash = format!("{:x}", Sha256::digest(&bytes))[..HASH_LEN].to_string();
            Some(PrecacheEntry {
                url,
                hash,
                bytes: bytes.len() as u64,
            })
        })
        .collect();
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    entries
}

/// URL prefixes left out of the precache, one group per older episode and language. Precached
/// at install, per language: the newest [`NEWEST_EPISODES`] episodes (also those the home page
/// lists and the season quiz asks about). Older episodes, with their quizzes and their search
/// text files, are kept when first opened, a group at a time (the worker keeps an episode's
/// page, data, quiz and media together), so the install grows little however long the season
/// grows (measured with `./x bench`): what still grows with it is the search's list of
/// documents and term shards, which offline search needs whole.
pub fn runtime_only(pages: &[Page]) -> Vec<Vec<String>> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut skipped: HashMap<String, usize> = HashMap::new();
    for lang in Lang::ALL {
        // (episode, its page), newest first
        let mut episodes: Vec<(&Article, &Page)> = pages
            .iter()
            .filter(|p| p.lang == lang)
            .filter_map(|p| match &p.content {
                PageContent::Episode(a) => Some((a.as_ref(), p)),
                _ => None,
            })
            .collect();
        episodes.sort_by_key(|(a, _)| std::cmp::Reverse(a.number));
        for (a, page) in episodes.iter().skip(NEWEST_EPISODES) {
            // The search's text file of the article and its quiz, for snippets; the list of
            // documents and the term shards stay precached, so that offline search still finds
            // every episode.
            let group = vec![
                page.path.clone(),
                quiz_path(lang, &a.id),
                search_text_path(lang, &a.id),
            ];
            groups.push((a.id.clone(), group));
            *skipped.entry(a.id.clone()).or_default() += 1;
        }
    }
    // Media are shared by both languages: left out only when neither precaches the episode, and
    // then kept with either language's page.
    groups
        .into_iter()
        .map(|(id, mut group)| {
            if skipped.get(&id) == Some(&Lang::ALL.len()) {
                group.push(format!("/media/{id}/"));
            }
            group
        })
        .collect()
}

/// The runtime-only prefixes of an existing `sw.js` (for `loopje-builder sw`, which rewrites the
/// list of a built site without its content).
pub fn runtime_only_of(out: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(out.join("sw.js"))
        .ok()
        .and_then(|sw| {
            let line = sw.lines().find(|l| l.starts_with("const RUNTIME = "))?;
            serde_json::from_str(line.strip_prefix("const RUNTIME = ")?.strip_suffix(';')?).ok()
        })
        .unwrap_or_default()
}

/// The file that lists the hash of every file left out of the precache, grouped as
/// [`runtime_only`] groups them; precached itself, so the worker checks every older episode's
/// file it keeps against its own release.
pub const RUNTIME_FILES: &str = "sw-runtime.json";

/// Writes `sw.js` and [`RUNTIME_FILES`]; the version is a hash of both lists, so any change to
/// any file makes a new worker that browsers pick up as an update. URLs under `runtime_only`
/// are left to be kept when first opened.
pub fn write_service_worker(
    out: &Path,
    runtime_only: &[Vec<String>],
) -> anyhow::Result<(usize, u64)> {
    let all: Vec<PrecacheEntry> = precache_list(out)
        .into_iter()
        .filter(|e| e.url != format!("/{RUNTIME_FILES}"))
        .collect();
    let in_group =
        |e: &PrecacheEntry, group: &[String]| group.iter().any(|p| e.url.starts_with(p.as_str()));
    // [[url, hash], …] per group: the files an older episode's page needs, kept together.
    let runtime: Vec<Vec<[&str; 2]>> = runtime_only
        .iter()
        .map(|group| {
            all.iter()
                .filter(|e| in_group(e, group))
                .map(|e| [e.url.as_str(), e.hash.as_str()])
                .collect()
        })
        .collect();
    let runtime_json = serde_json::to_string(&runtime).expect("list serialises");
    let runtime_file = out.join(RUNTIME_FILES);
    fs::write(&runtime_file, &runtime_json)
        .with_context(|| format!("writing {}", runtime_file.display()))?;
    let mut entries: Vec<PrecacheEntry> = all
        .iter()
        .filter(|e| !runtime_only.iter().any(|g| in_group(e, g)))
        .cloned()
        .collect();
    entries.push(PrecacheEntry {
        url: format!("/{RUNTIME_FILES}"),
        hash: format!("{:x}", Sha256::digest(runtime_json.as_bytes()))[..HASH_LEN].to_string(),
        bytes: runtime_json.len() as u64,
    });
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::json!({ "url": e.url, "hash": e.hash }))
        .collect();
    let list_json = serde_json::to_string(&list).expect("list serialises");
    let prefixes_json = serde_json::to_string(runtime_only).expect("list serialises");
    // The precache list holds the hash of the runtime list, so this covers every file.
    let version = format!(
        "{:x}",
        Sha256::digest(format!("{list_json}{prefixes_json}").as_bytes())
    )[..HASH_LEN]
        .to_string();
    let sw = SW_TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__PRECACHE__", &list_json)
        .replace("__RUNTIME__", &prefixes_json);
    let sw_file = out.join("sw.js");
    fs::write(&sw_file, sw).with_context(|| format!("writing {}", sw_file.display()))?;
    Ok((entries.len(), entries.iter().map(|e| e.bytes).sum()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_has_what_installers_need() {
        for lang in Lang::ALL {
            let m = manifest(lang);
            for field in [
                "name",
                "short_name",
                "start_url",
                "scope",
                "display",
                "icons",
                "theme_color",
                "background_color",
            ] {
                assert!(m.get(field).is_some(), "{field}");
            }
            let sizes: Vec<&str> = m["icons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["sizes"].as_str().unwrap())
                .collect();
            assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"));
            assert!(m["icons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["purpose"] == "maskable"));
        }
        assert_eq!(manifest(Lang::En)["start_url"], "/en/");
    }

    #[test]
    fn precache_lists_routes_and_files_with_hashes() {
        let dir = std::env::temp_dir().join(format!("loopje-precache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("nl/x")).unwrap();
        fs::write(dir.join("index.html"), "redirect").unwrap();
        fs::write(dir.join("nl/x/index.html"), "page").unwrap();
        fs::write(dir.join("nl/x/page.json"), "{}").unwrap();
        fs::write(dir.join("app.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(dir.join("app.wasm.br"), "br").unwrap();
        fs::write(dir.join("nl/x/page.json.gz"), "gz").unwrap();
        fs::write(dir.join(".trunk-lock"), "").unwrap();
        fs::create_dir_all(dir.join("media/x")).unwrap();
        fs::write(dir.join("media/x/nl.mp3"), "ID3 audio").unwrap();
        fs::write(dir.join("media/x/nl.vtt"), "WEBVTT\n").unwrap();
        fs::create_dir_all(dir.join("share/nl")).unwrap();
        fs::write(dir.join("share/nl/x.png"), "PNG").unwrap();
        let art = crate::cards::podcast_artwork_path(Lang::Nl, 3000);
        fs::create_dir_all(dir.join(art.trim_start_matches('/')).parent().unwrap()).unwrap();
        fs::write(dir.join(art.trim_start_matches('/')), "PNG").unwrap();
        let (count, bytes) = write_service_worker(&dir, &[]).unwrap();
        // The four files and the (empty) list of runtime files, `[]`.
        assert_eq!((count, bytes), (5, 19));
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(sw.contains(r#""url":"/nl/x/""#), "{sw}");
        assert!(!sw.contains("__VERSION__") && !sw.contains("trunk-lock"));
        assert!(!sw.contains(".br\"") && !sw.contains(".gz\""), "{sw}");
        assert!(!sw.contains("nl.mp3"), "audio is not precached");
        // A transcript is small text: it goes with its episode, like the chapters.
        assert!(sw.contains(r#""url":"/media/x/nl.vtt""#), "{sw}");
        assert!(!sw.contains("/share/"), "share cards are not precached");
        assert!(!sw.contains(&art), "nor is the podcast artwork");
        // Same files, same worker; one changed byte, a new version.
        let before = sw.clone();
        write_service_worker(&dir, &[]).unwrap();
        assert_eq!(fs::read_to_string(dir.join("sw.js")).unwrap(), before);
        fs::write(dir.join("nl/x/page.json"), "{ }").unwrap();
        write_service_worker(&dir, &[]).unwrap();
        assert_ne!(fs::read_to_string(dir.join("sw.js")).unwrap(), before);
        // Prefixes left to runtime caching are not precached, and are named in the worker.
        fs::create_dir_all(dir.join("nl/old")).unwrap();
        fs::write(dir.join("nl/old/index.html"), "old").unwrap();
        fs::write(dir.join("nl/old/page.json"), "{}").unwrap();
        let groups = vec![vec!["/nl/old/".to_string()]];
        let (count, _) = write_service_worker(&dir, &groups).unwrap();
        assert_eq!(count, 5);
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(!sw.contains(r#""url":"/nl/old/""#));
        assert_eq!(runtime_only_of(&dir), groups);
        // Their hashes are in the runtime list, which is precached (so checked at install).
        let runtime: Vec<Vec<[String; 2]>> =
            serde_json::from_str(&fs::read_to_string(dir.join(RUNTIME_FILES)).unwrap()).unwrap();
        let urls: Vec<&str> = runtime[0].iter().map(|[url, _]| url.as_str()).collect();
        assert_eq!(urls, ["/nl/old/", "/nl/old/page.json"]);
        assert!(sw.contains(&format!(r#""url":"/{RUNTIME_FILES}""#)));
        // A change to a runtime-only file is a new worker too.
        let before = sw;
        fs::write(dir.join("nl/old/page.json"), "{ }").unwrap();
        write_service_worker(&dir, &groups).unwrap();
        assert_ne!(fs::read_to_string(dir.join("sw.js")).unwrap(), before);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_long_season_precaches_only_its_newest_episodes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let content = std::env::temp_dir().join(format!("loopje-policy-{}", std::process::id()));
        crate::synth::season(&root.join("content"), NEWEST_EPISODES + 3, &content).unwrap();
        let options = crate::pipeline::Options {
            cache: root.join("target/loopje-cache"),
        };
        let site = crate::pipeline::build(&content, &options).unwrap();
        fs::remove_dir_all(&content).unwrap();
        let groups = runtime_only(&site.pages);
        // One group per older episode and language: its page, quiz, search text and media.
        assert_eq!(groups.len(), 6);
        assert!(groups.iter().all(|g| g.len() == 4), "{groups:?}");
        let skip = groups.concat();
        // Episodes 1–3 are the oldest: left out in both languages, with their quizzes and media.
        for prefix in [
            "/nl/afleveringen/hoofd-op-orde/",
            "/en/episodes/head-in-order/",
            "/nl/quiz/hoofd/",
            "/en/quiz/smog/",
            "/media/intensiteit/",
            "/nl/search/t-hoofd.json",
            "/en/search/t-smog.json",
        ] {
            assert!(skip.iter().any(|p| p == prefix), "{prefix} in {skip:?}");
        }
        // The season quiz asks about the newest episodes only: precached with them.
        assert!(!skip.iter().any(|p| p.contains("/quiz/seizoen/")));
        assert_eq!(
            skip.iter()
                .filter(|p| p.starts_with("/nl/afleveringen/"))
                .count(),
            3
        );
        assert!(!skip
            .iter()
            .any(|p| p.starts_with("/nl/afleveringen/runners-high")));
        assert!(
            !skip
                .iter()
                .any(|p| p.contains("/search/") && !p.contains("/search/t-")),
            "the documents and term shards are precached"
        );
        assert!(!skip.iter().any(|p| p == "/nl/search/t-runners-high.json"));
        // The real season (6 episodes) is precached whole.
        assert!(runtime_only(
            &crate::pipeline::build(&root.join("content"), &options)
                .unwrap()
                .pages
        )
        .is_empty());
    }

    /// The favicon (index.html) and the header's icon (style.css) are public/icon.svg inline, so
    /// that no image is fetched before the first paint.
    #[test]
    fn the_inline_icons_are_the_icon() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let icon = fs::read_to_string(root.join("public/icon.svg")).unwrap();
        for (file, open) in [
            ("public/style.css", "url(\"data:image/svg+xml,"),
            (
                "index.html",
                "<link rel=\"icon\" href=\"data:image/svg+xml,",
            ),
        ] {
            let text = fs::read_to_string(root.join(file)).unwrap();
            let start = text.find(open).unwrap_or_else(|| panic!("{file}")) + open.len();
            let encoded = &text[start..start + text[start..].find('"').unwrap()];
            let decoded = encoded
                .replace("%3C", "<")
                .replace("%3E", ">")
                .replace("%23", "#")
                .replace("%25", "%");
            assert_eq!(decoded, icon.trim().replace('"', "'"), "update {file}");
        }
    }

    #[test]
    fn icons_render_at_their_sizes() {
        let dir = std::env::temp_dir().join(format!("loopje-icons-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/icon.svg");
        write_icons(&source, &dir).unwrap();
        for icon in &ICONS {
            let png = fs::read(dir.join(icon.file)).unwrap();
            // PNG IHDR: width and height as big-endian u32 at bytes 16..24.
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!((w, h), (icon.size, icon.size), "{}", icon.file);
        }
        fs::remove_dir_all(dir).unwrap();
    }
}
