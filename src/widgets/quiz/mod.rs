//! Myth-vs-evidence quiz: `logic` holds the rules and the stored record, `view` displays them.

pub mod logic;
mod view;

pub use view::QuizView;
