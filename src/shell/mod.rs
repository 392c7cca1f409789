//! App shell: navigation, layout (header, language switch, footer) and the page store.

mod header;
mod help;
mod layout;
pub mod navigation;
mod store;
pub mod theme;

pub use layout::App;
pub use store::Site;
