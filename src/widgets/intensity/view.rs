use super::markup;
use crate::model::{IntensityGuide, Lang};
use leptos::prelude::*;

/// The test and the weekly log: markup that Leptos does not hydrate (`markup.rs`), brought to
/// life by `client.rs` once it is on the page.
#[component]
pub fn IntensityTest(lang: Lang, guide: IntensityGuide) -> impl IntoView {
    let html = markup::widget_html(lang, &guide);
    #[cfg(feature = "hydrate")]
    {
        use super::client;
        let widget = client::new(lang, guide);
        let node = NodeRef::<leptos::html::Section>::new();
        let started = widget.clone();
        // After hydration (or its creation on a client-side navigation): the prerendered page
        // never depends on the device or the date.
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                client::start(&started, el.into());
            }
        });
        let (submit, click) = (widget.clone(), widget);
        view! {
            <section
                class="widget intensity-test"
                aria-labelledby="it-title"
                node_ref=node
                inner_html=html
                on:submit=move |ev| client::on_submit(&submit, ev.into())
                on:click=move |ev| client::on_click(&click, ev.into())
            ></section>
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = guide;
        view! { <section class="widget intensity-test" aria-labelledby="it-title" inner_html=html></section> }
    }
}
