//! Records kept on the device (localStorage), each in a versioned envelope
//! `{"v": <version>, "data": …}`. Reading never fails: an older version is migrated, anything
//! unreadable, foreign or newer starts afresh, and either way the caller gets a [`Notice`] to
//! tell the reader in one calm line.

use crate::json::{FromJson, Json};
use serde::Serialize;

/// A kind of record: its current version and how to read older ones. Written with serde, read
/// with `crate::json` (see there why).
pub trait Record: Serialize + FromJson + Default {
    const VERSION: u32;
    /// Upgrades a record written by an older version (`stored` is the whole stored object,
    /// without its `v`). `None` when it cannot be salvaged.
    fn migrate(from: u32, stored: Json) -> Option<Self>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable, foreign, or from a newer version of the site: started afresh.
    Reset,
    /// Written by an older version of the site and brought up to date.
    Migrated,
    /// The content changed since (e.g. a quiz question was removed): what no longer fits was dropped.
    Adjusted,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    v: u32,
    data: &'a T,
}

/// The stored text: serde_json's writer, its numbers written by `number::show`.
pub fn encode<T: Record>(record: &T) -> String {
    let mut out = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut out, crate::number::Formatter);
    EnvelopeOut {
        v: T::VERSION,
        data: record,
    }
    .serialize(&mut writer)
    .expect("records serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

pub fn decode<T: Record>(raw: Option<&str>) -> (T, Option<Notice>) {
    let Some(raw) = raw else {
        return (T::default(), None);
    };
    let reset = (T::default(), Some(Notice::Reset));
    let Some(mut stored) = crate::json::parse(raw).and_then(Json::into_obj) else {
        return reset;
    };
    let Some(v) = stored.field::<u32>("v") else {
        return reset;
    };
    if v == T::VERSION {
        return match stored.field::<T>("data") {
            Some(data) => (data, None),
            None => reset,
        };
    }
    if v < T::VERSION {
        if let Some(record) = T::migrate(v, Json::Obj(stored)) {
            return (record, Some(Notice::Migrated));
        }
    }
    reset
}

/// Reads and decodes a record; an undecodable one is replaced at once, so its notice shows once.
#[cfg(feature = "hydrate")]
pub fn load<T: Record>(key: &str) -> (T, Option<Notice>) {
    let (record, notice) = decode::<T>(read(key).as_deref());
    if notice.is_some() {
        save(key, &record);
    }
    (record, notice)
}

/// Writes a record. A full, blocked or missing storage costs only the record, never the page.
#[cfg(feature = "hydrate")]
pub fn save<T: Record>(key: &str, record: &T) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, &encode(record)).is_ok())
}

/// The record a change applies to: the stored one, which another tab may have written since
/// this page read it, or the page's own copy when nothing usable is stored (none yet, blocked
/// storage, or garbage that this page has already replaced by its copy).
pub fn latest<T: Record>(stored: Option<&str>, here: T) -> T {
    match decode::<T>(stored) {
        (record, None | Some(Notice::Migrated)) if stored.is_some() => record,
        _ => here,
    }
}

/// What [`update`] did.
pub struct Updated<T> {
    pub record: T,
    /// `change` changed the record (and it was written).
    pub changed: bool,
    /// Storage took the write (false when full or blocked: the page keeps the record anyway).
    pub saved: bool,
}

/// Applies `change` to the latest stored record (see [`latest`]), fitted by `fit` (e.g. to a
/// quiz whose questions changed), never to a copy read earlier, and writes it if it changed.
#[cfg(feature = "hydrate")]
pub fn update<T: Record>(
    key: &str,
    here: T,
    fit: impl FnOnce(T) -> T,
    change: impl FnOnce(&mut T) -> bool,
) -> Updated<T> {
    let mut record = fit(latest(read(key).as_deref(), here));
    let changed = change(&mut record);
    let saved = !changed || save(key, &record);
    Updated {
        record,
        changed,
        saved,
    }
}

/// Calls `on_change` with the stored text of `key` whenever another tab writes or removes it
/// (the `storage` event fires in every other page of the origin), for as long as the calling
/// component lives.
#[cfg(feature = "hydrate")]
pub fn follow(key: String, on_change: impl Fn(Option<String>) + 'static) {
    use leptos::prelude::*;
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        // No key: the whole storage was cleared.
        if ev.key().is_none_or(|k| k == key) {
            on_change(ev.new_value());
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(feature = "hydrate")]
pub fn remove(key: &str) {
    if let Some(s) = local_storage() {
        _ = s.remove_item(key);
    }
}

#[cfg(feature = "hydrate")]
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

// web-sys rather than gloo-storage: gloo's accessor throws where storage is blocked, and a
// blocked storage must cost only the record, not the page.
#[cfg(feature = "hydrate")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Default, Debug, PartialEq)]
    struct Count {
        n: u32,
        label: String,
    }
    crate::from_json_struct!(Count { n, label });

    impl Record for Count {
        const VERSION: u32 = 2;
        fn migrate(from: u32, stored: Json) -> Option<Self> {
            // Version 1 stored `{"v":1,"count":N}`.
            if from != 1 {
                return None;
            }
            Some(Count {
                n: stored.into_obj()?.field("count")?,
                label: "migrated".into(),
            })
        }
    }

    #[test]
    fn round_trip() {
        let c = Count {
            n: 3,
            label: "x".into(),
        };
        assert_eq!(decode::<Count>(Some(&encode(&c))), (c, None));
        assert_eq!(decode::<Count>(None), (Count::default(), None));
    }

    #[test]
    fn older_versions_migrate() {
        let (c, notice) = decode::<Count>(Some(r#"{"v":1,"count":7}"#));
        assert_eq!(notice, Some(Notice::Migrated));
        assert_eq!(c.n, 7);
        // An older record that cannot be salvaged starts afresh.
        assert_eq!(
            decode::<Count>(Some(r#"{"v":1,"count":"many"}"#)).1,
            Some(Notice::Reset)
        );
    }

    #[test]
    fn changes_apply_to_what_another_tab_stored_not_to_the_page_copy() {
        let here = Count {
            n: 1,
            label: "this tab".into(),
        };
        let other = encode(&Count {
            n: 5,
            label: "other tab".into(),
        });
        assert_eq!(latest(Some(&other), here).label, "other tab");
        let here = || Count {
            n: 1,
            label: "this tab".into(),
        };
        // Nothing stored (or storage blocked), or garbage: the page's own copy.
        assert_eq!(latest(None, here()), here());
        assert_eq!(latest(Some("{"), here()), here());
        // An older stored version is migrated, not thrown away.
        assert_eq!(latest(Some(r#"{"v":1,"count":9}"#), here()).n, 9);
    }

    #[test]
    fn garbage_foreign_and_newer_reset() {
        for raw in [
            "",
            "{",
            "null",
            "[1,2]",
            "\"hi\"",
            r#"{"n":1}"#,
            r#"{"v":"2","data":{}}"#,
            r#"{"v":3,"data":{"n":1,"label":""}}"#,
            r#"{"v":2,"data":{"n":-1}}"#,
        ] {
            assert_eq!(
                decode::<Count>(Some(raw)),
                (Count::default(), Some(Notice::Reset)),
                "{raw:?}"
            );
        }
    }
}
