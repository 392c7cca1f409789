//! The audio player. `deck` is the one player of the document, which the shell keeps across
//! page views (`bar` renders its `<audio>` and the fixed bar); `view` is an episode's player in
//! its article; `logic` holds the rules and the stored position; `session` speaks to the lock
//! screen; `transcript` shows what is said, following the deck's position.

mod bar;
#[cfg(feature = "hydrate")]
mod bar_client;
pub mod deck;
pub mod logic;
mod session;
pub mod transcript;
mod view;

pub use bar::player_bar;
pub use deck::{Deck, Track};
#[cfg(feature = "hydrate")]
pub use view::attach;
pub use view::section_html;
