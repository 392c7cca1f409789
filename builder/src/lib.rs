//! Loopje's site builder, staged like mdBook: load → render → validate → assemble → prerender,
//! with plain data between stages and every error naming its file and line.

pub mod assemble;
pub mod audio;
pub mod cards;
pub mod diagnostics;
pub mod escape;
pub mod feeds;
pub mod fuzzing;
pub mod headers;
pub mod intensity;
pub mod load;
pub mod markdown;
pub mod offline;
pub mod pipeline;
pub mod podcast;
pub mod prerender;
pub mod search;
pub mod synth;
pub mod validate;
