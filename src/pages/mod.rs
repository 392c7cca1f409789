//! One module per kind of route. Each receives its data as plain props.

pub mod episode;
pub mod home;
pub mod intensity;
pub mod not_found;
pub mod quiz;
