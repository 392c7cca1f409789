//! The shell's player: one `<audio>` for the whole visit, so what plays keeps playing while the
//! reader moves between pages (client-side navigation never replaces the document). Episode
//! pages hand it their episode ([`Deck::load`], [`Deck::play_episode`]), the bar (`bar.rs`)
//! shows it, and whatever follows the voice (chapters, a transcript) reads
//! [`Deck::current_time`].

use super::logic::{self, Listening};
use crate::i18n::{fill, strings, Strings};
use crate::model::{Article, AudioTrack, Chapter, Lang, Page, PageContent};
use leptos::html;
use leptos::prelude::*;

/// What any control (button, key, timestamp link, lock screen) asks of the player.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // keys and the lock screen: the app only
pub enum Command {
    Toggle,
    Play,
    Pause,
    Back,
    Forward,
    SeekTo(f64),
    PreviousChapter,
    NextChapter,
}

/// An episode as the player needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub lang: Lang,
    pub episode_id: String,
    pub title: String,
    /// The episode's page: the bar links back to it, and a shared link points at it.
    pub path: String,
    pub audio: AudioTrack,
}

impl Track {
    /// The episode of an episode page that has audio.
    pub fn of(page: &Page) -> Option<Track> {
        match &page.content {
            PageContent::Episode(article) => Track::of_article(page.lang, &page.path, article),
            _ => None,
        }
    }

    pub fn of_article(lang: Lang, path: &str, article: &Article) -> Option<Track> {
        let audio = article.audio.clone()?;
        Some(Track {
            lang,
            episode_id: article.id.clone(),
            title: article.title.clone(),
            path: path.to_string(),
            audio,
        })
    }

    /// Where its listening position is kept.
    pub fn key(&self) -> String {
        Listening::key(self.lang.code(), &self.episode_id)
    }
}

/// The player's state, shared by the shell (which renders the `<audio>` and the bar once) and
/// the page views (through the context). Created from the prerendered page, so the server's
/// HTML and the hydrated DOM are the same.
#[derive(Clone, Copy)]
pub struct Deck {
    pub track: RwSignal<Option<Track>>,
    /// Seconds into the loaded episode, as the audio last reported it or a seek set it.
    pub current_time: RwSignal<f64>,
    pub duration: RwSignal<f64>,
    pub playing: RwSignal<bool>,
    pub rate: RwSignal<f64>,
    /// Played since it was loaded: then it stays in the player wherever the reader goes.
    pub touched: RwSignal<bool>,
    /// The loaded episode has been heard to the end (as stored).
    pub listened: RwSignal<bool>,
    pub error: RwSignal<Option<&'static str>>,
    /// One line in the bar: where a shared link set the player, or what sharing did.
    pub status: RwSignal<Option<String>>,
    /// The app has taken over, so the bar's controls work.
    pub ready: RwSignal<bool>,
    /// Index of the chapter playing, in the loaded episode's chapters.
    pub chapter: Memo<Option<usize>>,
    /// Told politely to screen readers (a new chapter).
    pub announce: RwSignal<String>,
    pub audio: NodeRef<html::Audio>,
    pub t: &'static Strings,
    last_saved: StoredValue<f64>,
    /// The lock screen's buttons are wired (on the first play).
    wired: StoredValue<bool>,
}

impl Deck {
    /// The player for a document whose first page is `initial`: its episode, if it has one, is
    /// loaded (not played), as the prerendered page shows it.
    pub fn new(initial: &Page) -> Deck {
        let first = Track::of(initial);
        let duration = first.as_ref().map_or(0.0, |t| t.audio.duration);
        let track = RwSignal::new(first);
        let current_time = RwSignal::new(0.0_f64);
        let chapter = Memo::new(move |_| {
            let at = current_time.get();
            track.with(|t| {
                t.as_ref()
                    .and_then(|t| logic::current_chapter(&t.audio.chapters, at))
            })
        });
        Deck {
            track,
            current_time,
            duration: RwSignal::new(duration),
            playing: RwSignal::new(false),
            rate: RwSignal::new(1.0),
            touched: RwSignal::new(false),
            listened: RwSignal::new(false),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
            ready: RwSignal::new(false),
            chapter,
            announce: RwSignal::new(String::new()),
            audio: NodeRef::new(),
            t: strings(initial.lang),
            last_saved: StoredValue::new(0.0),
            wired: StoredValue::new(false),
        }
    }

    /// Whether the episode page at `path` is the one in the player (tracked).
    pub fn has(&self, path: &str) -> bool {
        self.track
            .with(|t| t.as_ref().is_some_and(|t| t.path == path))
    }

    pub fn has_untracked(&self, path: &str) -> bool {
        self.track
            .with_untracked(|t| t.as_ref().is_some_and(|t| t.path == path))
    }

    fn with_chapters<R>(&self, f: impl FnOnce(&[Chapter]) -> R) -> R {
        self.track
            .with_untracked(|t| f(t.as_ref().map_or(&[][..], |t| &t.audio.chapters)))
    }

    /// The title of chapter `i` of the loaded episode.
    pub fn chapter_title(&self, i: Option<usize>) -> Option<String> {
        i.and_then(|i| self.with_chapters(|c| c.get(i).map(|c| c.title.clone())))
    }

    /// Stores where the reader is in the loaded episode (once it has been played); `ended`
    /// marks it as listened.
    pub fn save(&self, ended: bool) {
        #[cfg(feature = "hydrate")]
        if self.touched.get_untracked() {
            let Some(key) = self.track.with_untracked(|t| t.as_ref().map(Track::key)) else {
                return;
            };
            // The audio's own clock: the signal lags it by up to one `timeupdate`.
            let at = self
                .audio
                .get_untracked()
                .map_or_else(|| self.current_time.get_untracked(), |el| el.current_time());
            let duration = self.duration.get_untracked();
            let done = crate::storage::update(
                &key,
                Listening::default(),
                |r| r,
                |r| {
                    r.reached(at, duration, ended);
                    true
                },
            );
            self.listened.set(done.record.listened);
            self.last_saved.set_value(at);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ended, self.last_saved);
    }

    pub fn run(&self, cmd: Command) {
        let Some(el) = self.audio.get_untracked() else {
            return;
        };
        if self.track.with_untracked(Option::is_none) {
            return;
        }
        let at = el.current_time();
        let duration = self.duration.get_untracked();
        let seek = |to: f64| {
            el.set_current_time(to);
            self.current_time.set(to);
        };
        match cmd {
            Command::Toggle if el.paused() => self.begin(&el),
            Command::Toggle | Command::Pause => _ = el.pause(),
            Command::Play => self.begin(&el),
            Command::Back => seek(logic::skip(at, -logic::BACK, duration)),
            Command::Forward => seek(logic::skip(at, logic::FORWARD, duration)),
            Command::SeekTo(to) => seek(logic::skip(to, 0.0, duration)),
            Command::PreviousChapter => {
                seek(self.with_chapters(|c| logic::previous_chapter_start(c, at)))
            }
            Command::NextChapter => {
                if let Some(to) = self.with_chapters(|c| logic::next_chapter_start(c, at)) {
                    seek(to)
                }
            }
        }
    }

    /// Starts playback; a file that cannot play reports through the element's `error` event,
    /// and a refusal to autoplay (no user gesture) is simply nothing happening.
    fn begin(&self, el: &web_sys::HtmlAudioElement) {
        if self.error.get_untracked().is_some() || el.error().is_some() {
            // After a failure (e.g. offline), try the network again.
            self.error.set(None);
            el.load();
        }
        #[cfg(feature = "hydrate")]
        if let Ok(promise) = el.play() {
            leptos::task::spawn_local(async move {
                _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }

    /// Puts `track` in the player, paused; the episode it replaces keeps its place. `at` sets
    /// where it will start, and the bar says so. The episode already loaded is only moved.
    pub fn load(&self, track: Track, at: Option<f64>) {
        if !self.has_untracked(&track.path) {
            self.save(false);
            // Before the source changes: the pause that follows is not this episode's.
            self.touched.set(false);
            if let Some(el) = self.audio.get_untracked() {
                el.set_src(&track.audio.url);
            }
            self.playing.set(false);
            self.current_time.set(0.0);
            self.duration.set(track.audio.duration);
            self.error.set(None);
            self.status.set(None);
            #[cfg(feature = "hydrate")]
            self.listened.set(stored(&track.key()).listened);
            self.track.set(Some(track));
        }
        if let Some(at) = at {
            self.run(Command::SeekTo(at));
            let at = logic::clock(self.current_time.get_untracked());
            self.status.set(Some(fill(self.t.player_ready_at, at)));
        }
    }

    /// Plays `track` from `at`, in place of the episode loaded if it is another.
    pub fn play_episode(&self, track: Track, at: f64) {
        self.load(track, None);
        self.run(Command::SeekTo(at));
        self.run(Command::Play);
    }

    /// Empties the player (its page was left without playing it): the bar goes.
    pub fn unload(&self) {
        if let Some(el) = self.audio.get_untracked() {
            _ = el.remove_attribute("src");
            el.load();
        }
        self.track.set(None);
        self.playing.set(false);
        self.status.set(None);
        self.error.set(None);
        super::session::clear();
        self.wired.set_value(false);
    }

    /// The audio started playing: the episode is now the reader's, and the lock screen shows it.
    pub fn played(&self) {
        if !self.wired.get_value() {
            // Each wiring leaves its closures with the browser, so only once per document (or
            // after the player was emptied).
            let deck = *self;
            super::session::handlers(move |cmd| deck.run(cmd));
            self.wired.set_value(true);
        }
        self.touched.set(true);
        self.playing.set(true);
        self.error.set(None);
        self.status.set(None);
        self.lock_screen();
        super::session::playing(true);
    }

    /// Title, artwork and chapter on the lock screen.
    pub fn lock_screen(&self) {
        let chapter = self.chapter_title(self.chapter.get_untracked());
        self.track.with_untracked(|t| {
            if let Some(t) = t {
                let artwork = crate::model::artwork_path(t.lang, &t.episode_id);
                super::session::metadata(&t.title, self.t.site_name, chapter.as_deref(), &artwork);
            }
        });
    }

    /// The audio's clock moved: keep the place (every 5 s) and the lock screen's position.
    pub fn moved(&self, at: f64, rate: f64) {
        self.current_time.set(at);
        if (at - self.last_saved.get_value()).abs() >= 5.0 {
            self.save(false);
        }
        super::session::position(self.duration.get_untracked(), rate, at);
    }

    /// For the document's life: keyboard shortcuts, timestamp and chapter links (which play
    /// the episode of the page they are on), saving when the page goes away, a new chapter
    /// announced, and the bar shown once the app runs.
    #[cfg(feature = "hydrate")]
    pub fn listen(self, site: crate::shell::Site) {
        let deck = self;
        Effect::new(move |_| {
            if let Some(key) = deck.track.with_untracked(|t| t.as_ref().map(Track::key)) {
                deck.listened.set(stored(&key).listened);
            }
            deck.ready.set(true);
        });
        Effect::new(move |previous: Option<Option<usize>>| {
            let now = deck.chapter.get();
            if deck.playing.get_untracked() {
                if previous.is_some_and(|p| p != now) {
                    if let Some(title) = deck.chapter_title(now) {
                        deck.announce.set(fill(deck.t.player_chapter_now, title));
                    }
                }
                deck.lock_screen();
            }
            now
        });
        listeners(deck, site);
    }
}

/// The stored record, read only: an unreadable one is the page's to report and replace.
#[cfg(feature = "hydrate")]
fn stored(key: &str) -> Listening {
    crate::storage::decode::<Listening>(crate::storage::read(key).as_deref()).0
}

#[cfg(feature = "hydrate")]
fn listeners(deck: Deck, site: crate::shell::Site) {
    use super::logic::{Focus, Shortcut};
    use wasm_bindgen::prelude::*;
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if deck.track.with_untracked(Option::is_none) {
            return;
        }
        let focus = Focus::of_event(&ev);
        let modifier = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
        let Some(shortcut) = logic::shortcut(&ev.key(), focus, modifier) else {
            return;
        };
        ev.prevent_default();
        deck.run(match shortcut {
            Shortcut::TogglePlay => Command::Toggle,
            Shortcut::Back => Command::Back,
            Shortcut::Forward => Command::Forward,
        });
    });
    // In the capture phase, so navigation never sees a timestamp link as a page to navigate to.
    let clicks = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let at = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a.timestamp[data-t]").ok().flatten())
            .and_then(|l| l.get_attribute("data-t"))
            .and_then(|t| crate::number::parse(&t));
        let Some(at) = at else { return };
        // The episode of the page the link is on: not necessarily the one playing.
        let Some(track) = site.current.with_untracked(|p| Track::of(p)) else {
            return;
        };
        ev.prevent_default();
        deck.play_episode(track, at);
    });
    _ = window().add_event_listener_with_callback_and_bool(
        "click",
        clicks.as_ref().unchecked_ref(),
        true,
    );
    let hide = window_event_listener(leptos::ev::pagehide, move |_| deck.save(false));
    // The shell, and so the player, lives as long as the document.
    std::mem::forget((keys, clicks, hide));
}
