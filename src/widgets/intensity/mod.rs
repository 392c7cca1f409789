//! Intensity self-test and weekly log: `logic` holds every rule and the stored log, `view`
//! displays them.

pub mod logic;
mod view;

pub use view::IntensityTest;
