//! The HTTP headers the release needs, as a `_headers` file (the format Netlify, Cloudflare
//! Pages and similar static hosts read). `deploy/nginx.conf.in` sends the same headers; a browser
//! test checks that the two agree.

/// No inline scripts but one, allowed by its hash: `public/theme.js`, inlined so the theme is set
/// before the first paint without a blocking request; after that paint it adds the boot script,
/// a file (`prerender::finish_template`), allowed by `'self'`. `'wasm-unsafe-eval'` lets the page compile its WebAssembly and
/// nothing else. Inline styles remain allowed for the `text-align` pulldown-cmark puts on table
/// cells. Changing theme.js changes its hash: the build says so, and what to put here.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-xFJmZIF4icuMhCU6JSmeVmujmj5aqzNHRGhbu+S/o/4='; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub const SECURITY: [(&str, &str); 5] = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// Content-hashed files (trunk's and the boot script) never change.
const IMMUTABLE: [&str; 4] = ["/app-*", "/style-*", "/boot-*", "/*_bg.wasm"];

/// The CSP source that allows one inline script: `'sha256-<base64>'`.
pub fn script_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

pub fn headers_file() -> String {
    let mut out = String::from("/*\n");
    for (name, value) in SECURITY {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push_str("  Cache-Control: no-cache\n");
    for pattern in IMMUTABLE {
        out.push_str(&format!(
            "{pattern}\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    out.push_str("/*.wasm\n  Content-Type: application/wasm\n");
    out.push_str("/*.webmanifest\n  Content-Type: application/manifest+json\n");
    out.push_str(&format!("/*.vtt\n  Content-Type: {VTT}\n"));
    out
}

/// Transcripts' type: podcast apps and `<track>` read WebVTT only as `text/vtt`, and with
/// `nosniff` a browser will not guess it.
pub const VTT: &str = "text/vtt; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_sends_the_same_policy() {
        let nginx = include_str!("../../deploy/nginx.conf.in");
        for (name, value) in SECURITY {
            assert!(
                nginx.contains(&format!("add_header {name} \"{value}\" always;")),
                "deploy/nginx.conf.in must send {name}: {value}"
            );
        }
        let scripts = CSP
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        let theme = crate::prerender::without_line_comments(include_str!("../../public/theme.js"));
        assert!(
            CSP.contains(&script_hash(&theme)),
            "the CSP allows theme.js as the pages inline it"
        );
        let file = headers_file();
        assert!(file.starts_with("/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(file.contains(
            "/boot-*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable"
        ));
        assert!(file.contains("/*.vtt\n  Content-Type: text/vtt; charset=utf-8\n"));
        assert!(
            nginx.contains(r"location ~ \.vtt$ { types { } default_type text/vtt; charset utf-8; charset_types text/vtt; }"),
            "deploy/nginx.conf.in must send transcripts as {VTT}"
        );
    }
}
