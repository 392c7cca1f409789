use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{IntensityGuide, Lang};
use leptos::prelude::*;

/// The intensity self-test and weekly log on their own page: markup Leptos does not hydrate, the
/// widget attached once it is shown.
#[component]
pub fn IntensityPage(lang: Lang, guide: IntensityGuide) -> impl IntoView {
    let html = format!(
        "<h1 tabindex=\"-1\">{}</h1>{}",
        escape(strings(lang).intensity_title),
        crate::widgets::intensity::section_html(lang, &guide)
    );
    #[cfg(feature = "hydrate")]
    {
        let node = NodeRef::<leptos::html::Div>::new();
        let guide = StoredValue::new(Some(guide));
        Effect::new(move |_| {
            let Some(el) = node.get() else { return };
            let section = crate::widgets::dom::find(&el, "section.intensity-test");
            if let (Some(guide), Some(section)) =
                (guide.try_update_value(Option::take).flatten(), section)
            {
                crate::widgets::intensity::attach(lang, guide, section);
            }
        });
        view! { <div class="intensity-page" node_ref=node inner_html=html></div> }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = guide;
        view! { <div class="intensity-page" inner_html=html></div> }
    }
}
