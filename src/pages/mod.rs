//! One module per kind of route. Each receives its data as plain props.

pub mod episode;
pub mod home;
pub mod intensity;
pub mod not_found;
pub mod quiz;
pub mod search;

use crate::escape::escape;
use crate::i18n::{fill, format_date, strings};
use crate::model::{Lang, Widget};
use leptos::prelude::*;

/// "12 januari 2026 · 34 min luisteren · 7 min lezen", on cards and article headers alike.
pub fn meta_html(lang: Lang, date: &str, listening: u32, reading: u32) -> String {
    let t = strings(lang);
    format!(
        "<p class=\"meta\"><time datetime=\"{}\">{}</time> · {} · {}</p>",
        escape(date),
        escape(&format_date(lang, date)),
        escape(&fill(t.listening_time, listening)),
        escape(&fill(t.reading_time, reading))
    )
}

/// A page as one element of markup, which Leptos does not hydrate, and what brings its parts to
/// life once it is shown. Every page is one, so the shell's choice of page has one
/// view type, and one hydration path, for all of them.
pub struct Markup {
    class: &'static str,
    html: String,
    #[cfg(feature = "hydrate")]
    attach: Option<Box<dyn FnOnce(web_sys::Element)>>,
}

impl Markup {
    pub fn new(class: &'static str, html: String) -> Self {
        Markup {
            class,
            html,
            #[cfg(feature = "hydrate")]
            attach: None,
        }
    }

    /// Runs `attach` with the page's element once it is on the page (inside an effect, so what
    /// it creates lives as long as the page).
    #[cfg(feature = "hydrate")]
    pub fn attach(mut self, attach: impl FnOnce(web_sys::Element) + 'static) -> Self {
        self.attach = Some(Box::new(attach));
        self
    }

    /// With one widget, which [`crate::widgets::attach`] brings to life.
    pub fn with_widget(self, lang: Lang, widget: Widget) -> Self {
        #[cfg(feature = "hydrate")]
        return self.attach(move |el| crate::widgets::attach(&el, lang, vec![widget]));
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (lang, widget);
            self
        }
    }

    pub fn view(self) -> impl IntoView {
        #[cfg(feature = "hydrate")]
        {
            let Markup {
                class,
                html,
                attach,
            } = self;
            let node = NodeRef::<leptos::html::Div>::new();
            let attach = StoredValue::new_local(attach);
            Effect::new(move |_| {
                let Some(el) = node.get() else { return };
                if let Some(attach) = attach.try_update_value(Option::take).flatten() {
                    attach(el.into());
                }
            });
            view! { <div class=class node_ref=node inner_html=html></div> }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let Markup { class, html } = self;
            view! { <div class=class inner_html=html></div> }
        }
    }
}
