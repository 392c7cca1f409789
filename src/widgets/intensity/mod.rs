//! Intensity self-test and weekly log: `logic` holds every rule and the stored log, `markup`
//! writes what is shown, `client` (in the browser) reads the forms and puts markup in place, and
//! `view` is the Leptos component around them.

#[cfg(feature = "hydrate")]
mod client;
pub mod logic;
// The server writes only the first screen; the rest is for the client and the tests.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
mod markup;
mod view;

#[cfg(feature = "hydrate")]
pub use view::attach;
pub use view::section_html;
