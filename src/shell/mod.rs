//! App shell: router, layout (header, language switch, footer) and the page store.

mod layout;
pub mod navigation;
mod store;

pub use layout::App;
pub use store::Site;
