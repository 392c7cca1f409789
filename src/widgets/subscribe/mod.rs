//! The subscribe block (home page and each episode): the feed's URL to copy, and links that open
//! it in podcast apps. Links only: nothing is fetched from the apps' sites.

pub mod logic;
mod view;

#[cfg(feature = "hydrate")]
pub use view::attach;
pub use view::section_html;
