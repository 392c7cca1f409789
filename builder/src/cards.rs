//! Images generated at build time: a share card (1200×630, for link previews) per episode and one
//! for the site, a square artwork per episode (512×512, for the lock screen while it plays), and
//! the podcast's artwork per language for the feeds (3000×3000 and 1400×1400: Apple asks for
//! 1400 to 3000 pixels square, JPEG or PNG, RGB).
//! Drawn as SVG and rendered with resvg in DejaVu Sans, a font Debian ships (fonts-dejavu-core),
//! so every build draws the same pixels and nothing is fetched.

use crate::escape::escape as esc;
use anyhow::{anyhow, Context};
use loopje::i18n::{fill, strings};
use loopje::model::{artwork_path, share_image_path, Lang, Page, PageContent};
use resvg::{tiny_skia, usvg};
use std::fs;
use std::path::Path;
use std::sync::Arc;

const FONTS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
pub const SHARE_SIZE: (u32, u32) = (1200, 630);
const ART_SIZE: u32 = 512;
/// The podcast artwork's sizes: Apple's largest, and its smallest for apps that want less.
pub const PODCAST_ART_SIZES: [u32; 2] = [3000, 1400];
/// Where the podcast artwork lives; the service worker leaves it out (only podcast apps fetch it).
pub const PODCAST_ART_DIR: &str = "/podcast/";

/// The podcast artwork of one language's feed at `size` pixels square.
pub fn podcast_artwork_path(lang: Lang, size: u32) -> String {
    format!("{PODCAST_ART_DIR}{}-{size}.png", lang.code())
}

/// An image to write: its URL path and its SVG.
pub struct Card {
    pub path: String,
    pub svg: String,
}

/// Greedy word wrap to at most `max_lines` of about `width` characters, with an ellipsis when
/// the text does not fit. (Character counts stand in for measuring; DejaVu Sans Bold averages
/// about 0.6 em per character, which the widths below allow for.)
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines = crate::audio::vtt::wrap(text, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while last.chars().count() + 1 > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

const MOTIF: &str = r##"<path d="M14 44c8-18 16-24 24-24 6 0 10 4 12 8" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"/><circle cx="46" cy="18" r="5" fill="#f4c95d"/>"##;

fn share_svg(kicker: &str, title: &str, footer: &str) -> String {
    let (w, h) = SHARE_SIZE;
    let lines = wrap(title, 26, 4);
    let size = if lines.len() > 3 { 58 } else { 66 };
    let top = 250 - (lines.len() as i32 - 1) * size / 2;
    let tspans: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                r#"<tspan x="80" y="{}">{}</tspan>"#,
                top + i as i32 * (size * 5 / 4),
                esc(l)
            )
        })
        .collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">
<rect width="{w}" height="{h}" fill="#0f5c4d"/>
<g transform="translate(930 330) scale(4)" opacity="0.35">{MOTIF}</g>
<text x="80" y="110" font-family="DejaVu Sans" font-size="34" fill="#f4c95d">{}</text>
<text font-family="DejaVu Sans" font-weight="bold" font-size="{size}" fill="#ffffff">{tspans}</text>
<text x="80" y="560" font-family="DejaVu Sans" font-size="30" fill="#e8ece9">{}</text>
</svg>"##,
        esc(kicker),
        esc(footer)
    )
}

fn art_svg(number: u32, label: &str, site: &str) -> String {
    let s = ART_SIZE;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">
<rect width="{s}" height="{s}" fill="#0f5c4d"/>
<g transform="translate(300 20) scale(3)" opacity="0.5">{MOTIF}</g>
<text x="48" y="330" font-family="DejaVu Sans" font-weight="bold" font-size="220" fill="#ffffff">{number}</text>
<text x="48" y="400" font-family="DejaVu Sans" font-size="34" fill="#f4c95d">{}</text>
<text x="48" y="460" font-family="DejaVu Sans" font-size="26" fill="#e8ece9">{}</text>
</svg>"##,
        esc(label),
        esc(site)
    )
}

fn podcast_svg(size: u32, title: &str) -> String {
    let lines = wrap(title, 13, 4);
    let top = 560 - (lines.len() as i32 - 1) * 75;
    let tspans: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                r#"<tspan x="90" y="{}">{}</tspan>"#,
                top + i as i32 * 150,
                esc(l)
            )
        })
        .collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 1000 1000">
<rect width="1000" height="1000" fill="#0f5c4d"/>
<g transform="translate(560 60) scale(6.5)" opacity="0.5">{MOTIF}</g>
<text font-family="DejaVu Sans" font-weight="bold" font-size="128" fill="#ffffff">{tspans}</text>
</svg>"##
    )
}

/// The podcast artwork of every feed, in each of [`PODCAST_ART_SIZES`]: the show's title on
/// the site's colours.
pub fn podcast_artwork(podcast: &crate::podcast::Podcast) -> Vec<Card> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let Some(show) = podcast.shows.get(&lang) else {
            continue;
        };
        for size in PODCAST_ART_SIZES {
            out.push(Card {
                path: podcast_artwork_path(lang, size),
                svg: podcast_svg(size, &show.title),
            });
        }
    }
    out
}

/// Every card the site needs: the site's per language, and per episode page its share card and
/// artwork.
pub fn cards(pages: &[Page]) -> Vec<Card> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let t = strings(lang);
        out.push(Card {
            path: share_image_path(lang, None),
            svg: share_svg(t.site_name, t.site_tagline, t.home_title),
        });
    }
    for page in pages {
        let PageContent::Episode(a) = &page.content else {
            continue;
        };
        let t = strings(page.lang);
        let label = fill(t.episode_label, a.number);
        out.push(Card {
            path: share_image_path(page.lang, Some(&a.id)),
            svg: share_svg(
                &format!("{} · {label}", t.site_name),
                &a.title,
                t.site_tagline,
            ),
        });
        out.push(Card {
            path: artwork_path(page.lang, &a.id),
            svg: art_svg(a.number, &label, t.site_name),
        });
    }
    out
}

/// Renders `cards` as PNG files under `out`.
pub fn write(cards: &[Card], out: &Path) -> anyhow::Result<usize> {
    let mut options = usvg::Options::default();
    let db = Arc::make_mut(&mut options.fontdb);
    for font in FONTS {
        let data = fs::read(font).with_context(|| {
            format!("{font} (install Debian's fonts-dejavu-core; ./x setup does)")
        })?;
        db.load_font_data(data);
    }
    for card in cards {
        let tree = usvg::Tree::from_str(&card.svg, &options)
            .with_context(|| format!("the card {}", card.path))?;
        let size = tree.size().to_int_size();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| anyhow!("{}: empty card", card.path))?;
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        let file = out.join(card.path.trim_start_matches('/'));
        let dir = file.parent().expect("has a folder");
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        save_rgb_png(&pixmap, &file)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(cards.len())
}

/// Writes an opaque pixmap as 8-bit RGB: every card has a full background, and Apple asks for
/// podcast artwork in the RGB colour space (an alpha channel is never needed).
fn save_rgb_png(pixmap: &tiny_skia::Pixmap, file: &Path) -> Result<(), String> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let writer = std::io::BufWriter::new(fs::File::create(file).map_err(|e| e.to_string())?);
    let mut encoder = png::Encoder::new(writer, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())
}

/// Width, height, bit depth and colour type from a PNG's header (IHDR), for tests and checks.
pub fn png_header(bytes: &[u8]) -> Option<(u32, u32, u8, u8)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    Some((be(16)?, be(20)?, *bytes.get(24)?, *bytes.get(25)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_shortens() {
        assert_eq!(
            wrap("Is running in city smog worth it?", 26, 4),
            ["Is running in city smog", "worth it?"]
        );
        let long = "word ".repeat(40);
        let lines = wrap(&long, 10, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && lines[1].chars().count() <= 10);
        assert!(wrap("", 10, 2).is_empty());
    }

    #[test]
    fn renders_text_in_the_shipped_font() {
        let dir = std::env::temp_dir().join(format!("loopje-cards-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let cards = vec![
            Card {
                path: "/share/nl/x.png".into(),
                svg: share_svg("Kicker", "A title", "Footer"),
            },
            Card {
                path: "/share/nl/x-art.png".into(),
                svg: art_svg(7, "Aflevering 7", "Loopje"),
            },
            Card {
                path: "/share/nl/blank.png".into(),
                svg: share_svg("", "", ""),
            },
        ];
        write(&cards, &dir).unwrap();
        let png = |name: &str| fs::read(dir.join("share/nl").join(name)).unwrap();
        let dims = |b: &[u8]| {
            let (w, h, depth, colour) = png_header(b).expect("a PNG");
            assert_eq!((depth, colour), (8, 2), "8-bit RGB");
            (w, h)
        };
        assert_eq!(dims(&png("x.png")), SHARE_SIZE);
        assert_eq!(dims(&png("x-art.png")), (ART_SIZE, ART_SIZE));
        // Text was drawn: the card with words holds more detail than the same card without.
        assert!(
            png("x.png").len() > png("blank.png").len() + 1000,
            "no text rendered"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
