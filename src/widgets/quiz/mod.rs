//! Myth-vs-evidence quiz: `logic` holds the rules and the stored record, `markup` writes what is
//! shown, `client` (in the browser) answers and puts markup in place, and `view` is the Leptos
//! component around them.

#[cfg(feature = "hydrate")]
mod client;
pub mod logic;
mod markup;
mod view;

#[cfg(feature = "hydrate")]
pub use view::attach;
pub use view::section_html;
