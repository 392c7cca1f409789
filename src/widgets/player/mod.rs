//! The episode's audio player: `logic` holds the rules and the stored position, `view` shows
//! them, `session` speaks to the lock screen; `transcript` shows what is said, following the
//! position it is given.

pub mod logic;
mod session;
pub mod transcript;
mod view;

pub use transcript::TranscriptView;
pub use view::Player;
