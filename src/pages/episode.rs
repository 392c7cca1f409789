use crate::i18n::{fill, strings};
use crate::model::{Article, Block, EpisodeLink, Lang, TocEntry};
use crate::widgets::player::Player;
use crate::widgets::WidgetView;
use leptos::prelude::*;

#[component]
pub fn Episode(lang: Lang, article: Article) -> impl IntoView {
    let t = strings(lang);
    let toc = toc_tree(&article.toc)
        .into_iter()
        .map(|(entry, children)| {
            let sub = (!children.is_empty()).then(|| {
                view! { <ol>{children.into_iter().map(toc_link).collect_view()}</ol> }
            });
            view! { <li>{toc_link(entry)} {sub}</li> }
        })
        .collect_view();
    let body = article
        .body
        .into_iter()
        .map(|block| match block {
            Block::Html { html } => view! { <div class="prose" inner_html=html></div> }.into_any(),
            Block::Widget { widget } => view! { <WidgetView lang widget/> }.into_any(),
        })
        .collect_view();
    let sources = article
        .sources
        .iter()
        .map(|s| view! { <li id=format!("src-{}", s.key) inner_html=s.html.clone()></li> })
        .collect_view();
    let helplines = article
        .helplines_html
        .map(|html| view! { <aside class="helplines prose" inner_html=html></aside> });
    let pagination = (article.prev.is_some() || article.next.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {article.prev.map(|l| episode_link(lang, "prev", t.prev_episode, l))}
                {article.next.map(|l| episode_link(lang, "next", t.next_episode, l))}
            </nav>
        }
    });
    let related = (!article.related.is_empty()).then(|| {
        let items = article
            .related
            .iter()
            .map(|l| {
                view! {
                    <li>
                        <a href=l.path.clone()>{l.title.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">{t.related_title}</h2>
                <ul>{items}</ul>
            </section>
        }
    });
    let player = article.audio.map(|audio| {
        view! { <Player lang episode_id=article.id.clone() title=article.title.clone() audio/> }
    });
    view! {
        <article class="episode">
            <header class="episode-header">
                <p class="episode-number">{fill(t.episode_label, article.number)}</p>
                <h1 id="title" tabindex="-1">{article.title}</h1>
                <p class="lead">{article.summary}</p>
                {super::meta_line(lang, article.date.clone(), article.listening_minutes, article.reading_minutes)}
            </header>
            {player}
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">{t.toc_title}</h2>
                <ol>{toc}</ol>
            </nav>
            <div class="article-body">{body}</div>
            {helplines}
            <section class="sources" aria-labelledby="sources-title">
                <h2 id="sources-title">{t.sources_title}</h2>
                <p class="sources-intro">{t.sources_intro}</p>
                <ol>{sources}</ol>
            </section>
            {pagination}
            {related}
        </article>
    }
}

/// Groups level-3 entries under the level-2 entry before them.
pub fn toc_tree(entries: &[TocEntry]) -> Vec<(TocEntry, Vec<TocEntry>)> {
    let mut tree: Vec<(TocEntry, Vec<TocEntry>)> = Vec::new();
    for e in entries {
        match tree.last_mut() {
            Some((_, children)) if e.level > 2 => children.push(e.clone()),
            _ => tree.push((e.clone(), Vec::new())),
        }
    }
    tree
}

fn toc_link(e: TocEntry) -> impl IntoView {
    view! { <a href=format!("#{}", e.id)>{e.text}</a> }
}

fn episode_link(
    lang: Lang,
    rel: &'static str,
    label: &'static str,
    link: EpisodeLink,
) -> impl IntoView {
    view! {
        <a class=format!("page-{rel}") rel=rel href=link.path>
            <span class="page-label">{label}</span>
            <span class="page-title">
                {fill(strings(lang).episode_label, link.number)}": "{link.title}
            </span>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            text: id.into(),
        }
    }

    #[test]
    fn toc_nests_level_three_under_level_two() {
        let tree = toc_tree(&[e(3, "orphan"), e(2, "a"), e(3, "a1"), e(3, "a2"), e(2, "b")]);
        let shape: Vec<(String, usize)> =
            tree.iter().map(|(p, c)| (p.id.clone(), c.len())).collect();
        assert_eq!(
            shape,
            [("orphan".into(), 0), ("a".into(), 2), ("b".into(), 0)]
        );
    }
}
