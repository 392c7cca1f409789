use crate::i18n::strings;
use crate::model::Lang;
use leptos::prelude::*;

/// Shown for any unknown URL, in both languages: the URL does not say which one the reader wants.
#[component]
pub fn NotFound() -> impl IntoView {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let t = strings(lang);
            view! {
                <section class="not-found" lang=lang.code()>
                    {(lang == Lang::Nl).then(|| view! { <h1 tabindex="-1">{t.not_found_title}</h1> })}
                    {(lang != Lang::Nl).then(|| view! { <h2>{t.not_found_title}</h2> })}
                    <p>{t.not_found_text}</p>
                    <p>
                        <a href=lang.home_path()>{t.not_found_home}</a>
                    </p>
                </section>
            }
        })
        .collect_view()
}
