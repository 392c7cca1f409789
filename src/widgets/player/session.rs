//! The Media Session API: title, artwork and chapter on the lock screen and in the system's
//! media controls, and their buttons (headphones, keyboard media keys) wired to the player.
//! Without the app (prerendering) every function does nothing.

use super::deck::Command;

#[cfg(feature = "hydrate")]
mod imp {
    use super::Command;
    use wasm_bindgen::prelude::*;
    use web_sys::{
        MediaImage, MediaMetadata, MediaMetadataInit, MediaPositionState, MediaSession,
        MediaSessionAction as A, MediaSessionActionDetails, MediaSessionPlaybackState,
    };

    const ACTIONS: [A; 7] = [
        A::Play,
        A::Pause,
        A::Seekbackward,
        A::Seekforward,
        A::Seekto,
        A::Previoustrack,
        A::Nexttrack,
    ];

    fn session() -> Option<MediaSession> {
        let nav = web_sys::window()?.navigator();
        // Browsers without the API have no `mediaSession`; calling it would throw.
        js_sys::Reflect::has(&nav, &JsValue::from_str("mediaSession"))
            .ok()?
            .then(|| nav.media_session())
    }

    pub fn metadata(title: &str, podcast: &str, chapter: Option<&str>, artwork: &str) {
        let Some(s) = session() else { return };
        let init = MediaMetadataInit::new();
        init.set_title(title);
        init.set_artist(podcast);
        init.set_album(chapter.unwrap_or(podcast));
        let art = MediaImage::new(artwork);
        art.set_sizes("512x512");
        art.set_type("image/png");
        init.set_artwork(&[art]);
        if let Ok(m) = MediaMetadata::new_with_init(&init) {
            s.set_metadata(Some(&m));
        }
    }

    pub fn handlers(run: impl Fn(Command) + Copy + 'static) {
        let Some(s) = session() else { return };
        for action in ACTIONS {
            let handler = Closure::<dyn Fn(MediaSessionActionDetails)>::new(
                move |d: MediaSessionActionDetails| {
                    run(match action {
                        A::Play => Command::Play,
                        A::Pause => Command::Pause,
                        A::Seekbackward => Command::Back,
                        A::Seekforward => Command::Forward,
                        A::Seekto => match d.get_seek_time() {
                            Some(t) => Command::SeekTo(t),
                            None => return,
                        },
                        A::Previoustrack => Command::PreviousChapter,
                        _ => Command::NextChapter,
                    })
                },
            );
            s.set_action_handler(action, Some(handler.as_ref().unchecked_ref()));
            // The session keeps it until `clear` replaces it; one small closure per action.
            handler.forget();
        }
    }

    pub fn playing(on: bool) {
        if let Some(s) = session() {
            s.set_playback_state(if on {
                MediaSessionPlaybackState::Playing
            } else {
                MediaSessionPlaybackState::Paused
            });
        }
    }

    pub fn position(duration: f64, rate: f64, position: f64) {
        let Some(s) = session() else { return };
        if duration.is_finite() && duration > 0.0 && rate > 0.0 {
            let state = MediaPositionState::new();
            state.set_duration(duration);
            state.set_playback_rate(rate);
            state.set_position(position.clamp(0.0, duration));
            s.set_position_state_with_state(&state);
        }
    }

    pub fn clear() {
        let Some(s) = session() else { return };
        s.set_metadata(None);
        s.set_playback_state(MediaSessionPlaybackState::None);
        for action in ACTIONS {
            s.set_action_handler(action, None);
        }
    }
}

#[cfg(feature = "hydrate")]
pub use imp::*;

#[cfg(not(feature = "hydrate"))]
mod imp {
    use super::Command;
    pub fn metadata(_: &str, _: &str, _: Option<&str>, _: &str) {}
    pub fn handlers(_: impl Fn(Command) + Copy + 'static) {}
    pub fn playing(_: bool) {}
    pub fn position(_: f64, _: f64, _: f64) {}
    pub fn clear() {}
}

#[cfg(not(feature = "hydrate"))]
pub use imp::*;
