use super::markup;
use crate::model::{Lang, Quiz};
use leptos::prelude::*;

/// The quiz widget: markup that Leptos does not hydrate (`markup.rs`), its first question
/// prerendered, brought to life by `client.rs` once it is on the page; the record kept on the
/// device is applied then, so the prerendered HTML never depends on it.
#[component]
pub fn QuizView(lang: Lang, quiz: Quiz, #[prop(optional)] standalone: bool) -> impl IntoView {
    let html = markup::quiz_html(lang, &quiz, standalone);
    let (id, labelled_by) = (
        format!("quiz-{}", quiz.id),
        format!("quiz-{}-title", quiz.id),
    );
    #[cfg(feature = "hydrate")]
    {
        use super::client;
        let widget = client::new(lang, quiz);
        let node = NodeRef::<leptos::html::Section>::new();
        let started = widget.clone();
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                client::start(&started, el.into());
            }
        });
        let (click, key) = (widget.clone(), widget);
        view! {
            <section
                class="widget quiz"
                id=id
                aria-labelledby=labelled_by
                node_ref=node
                inner_html=html
                on:click=move |ev| client::on_click(&click, ev.into())
                on:keydown=move |ev| client::on_keydown(&key, ev)
            ></section>
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = quiz;
        view! { <section class="widget quiz" id=id aria-labelledby=labelled_by inner_html=html></section> }
    }
}
