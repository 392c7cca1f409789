//! The one escaping, shared with the app (`loopje::escape`).
pub use loopje::escape::escape;
