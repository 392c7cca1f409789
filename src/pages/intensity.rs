use crate::i18n::strings;
use crate::model::{IntensityGuide, Lang};
use crate::widgets::intensity::IntensityTest;
use leptos::prelude::*;

/// The intensity self-test and weekly log on their own page.
#[component]
pub fn IntensityPage(lang: Lang, guide: IntensityGuide) -> impl IntoView {
    let t = strings(lang);
    view! {
        <div class="intensity-page">
            <h1 tabindex="-1">{t.intensity_title}</h1>
            <IntensityTest lang guide/>
        </div>
    }
}
