//! The episode's audio player: `logic` holds the rules and the stored position, `view` shows
//! them, `session` speaks to the lock screen.

pub mod logic;
mod session;
mod view;

pub use view::Player;
