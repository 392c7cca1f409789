//! Reading JSON into the app's types without serde's visitors: what the builder writes (the
//! embedded page data, `page.json`, the search index) and the records kept on the device.
//!
//! Why hand-rolled: serde's derived `Deserialize` compiles a visitor, a field matcher and a map
//! and sequence walk per type and per format, and the model has about thirty types. In the wasm
//! those decoders were the largest part of serde (twiggy, before wasm-opt: 72 KB of code for the
//! model alone, `PageContent`'s visitor the third-largest function of the app). Here one parser
//! builds a small tree and each type takes its fields out by name: a few calls per field.
//! Measured in ARCHITECTURE.md ("Wasm size"). The builder still writes with serde
//! (`Serialize`), and a test decodes every page of the real site back to the value it wrote.
//!
//! Malformed text, or a value of the wrong shape, decodes to `None`, which callers treat like a
//! failed fetch or an unreadable record. As strict as serde_json (tested against it); numbers
//! are read by `crate::number`.

use std::collections::BTreeMap;

/// A parsed JSON value. Objects keep their members in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Obj),
}

/// An object's members, taken out one by one by [`Obj::field`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Obj(Vec<(String, Json)>);

impl Obj {
    /// The member `key`, removed (`Null` when absent, which an `Option` field reads as `None`,
    /// like serde's `#[serde(default)]`).
    pub fn take(&mut self, key: &str) -> Json {
        match self.0.iter().position(|(k, _)| k == key) {
            Some(i) => self.0.swap_remove(i).1,
            None => Json::Null,
        }
    }

    pub fn field<T: FromJson>(&mut self, key: &str) -> Option<T> {
        T::from_json(self.take(key))
    }
}

impl Json {
    pub fn into_obj(self) -> Option<Obj> {
        match self {
            Json::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// An enum value as serde writes it by default: a unit variant is its name as a string,
    /// any other variant an object with the name as its one member.
    pub fn into_variant(self) -> Option<(String, Json)> {
        match self {
            Json::Str(name) => Some((name, Json::Null)),
            Json::Obj(Obj(mut members)) if members.len() == 1 => members.pop(),
            _ => None,
        }
    }
}

/// Parses `text` and reads it as a `T`.
pub fn decode<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(parse(text)?)
}

/// Deeper nesting than the site's data ever has is refused rather than risking the stack.
const MAX_DEPTH: u32 = 128;

pub fn parse(text: &str) -> Option<Json> {
    let mut p = Parser {
        text,
        at: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    (p.at == text.len()).then_some(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips white space and then `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        self.text[self.at..].starts_with(word).then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self) -> Option<Json> {
        self.space();
        match self.peek()? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::Str),
            b'[' => self.list(b']', |p| p.value()).map(Json::Arr),
            b'{' => self
                .list(b'}', |p| {
                    p.space();
                    let key = p.string()?;
                    p.eat(b':').then_some(())?;
                    Some((key, p.value()?))
                })
                .map(|members| Json::Obj(Obj(members))),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// The items of an array or object, the opening bracket next.
    fn list<T>(&mut self, close: u8, item: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut items = Vec::new();
        if !self.eat(close) {
            loop {
                items.push(item(self)?);
                if self.eat(close) {
                    break;
                }
                self.eat(b',').then_some(())?;
            }
        }
        self.depth -= 1;
        Some(items)
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.at += 1;
        }
        crate::number::parse(&self.text[start..self.at]).map(Json::Num)
    }

    /// A string, the opening quote next.
    fn string(&mut self) -> Option<String> {
        (self.peek() == Some(b'"')).then_some(())?;
        self.at += 1;
        let mut out = String::new();
        loop {
            // Runs of plain characters are copied whole; the text is UTF-8 already and every
            // stop is an ASCII byte, so the slices fall on character boundaries.
            let rest = &self.text.as_bytes()[self.at..];
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            out.push_str(&self.text[self.at..self.at + run]);
            self.at += run + 1;
            match rest[run] {
                b'"' => return Some(out),
                b'\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                _ => return None, // a control character must be escaped
            }
        }
    }

    /// The character of a `\u` escape (the `\u` read), joining a surrogate pair.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        self.text[self.at..].starts_with("\\u").then_some(())?;
        self.at += 2;
        let low = self.hex4()?;
        (0xDC00..0xE000).contains(&low).then_some(())?;
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

/// A type read from a [`Json`] value; `None` when the value does not have its shape.
pub trait FromJson: Sized {
    fn from_json(json: Json) -> Option<Self>;
}

impl FromJson for String {
    fn from_json(json: Json) -> Option<Self> {
        match json {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl FromJson for bool {
    fn from_json(json: Json) -> Option<Self> {
        match json {
            Json::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl FromJson for f64 {
    fn from_json(json: Json) -> Option<Self> {
        match json {
            Json::Num(n) => Some(n),
            _ => None,
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(json: Json) -> Option<Self> {
                match json {
                    Json::Num(n) if n >= 0.0 && n.fract() == 0.0 && n <= <$t>::MAX as f64 => {
                        Some(n as $t)
                    }
                    _ => None,
                }
            }
        }
    )*};
}
unsigned!(u8, u32, u64, usize);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: Json) -> Option<Self> {
        match json {
            Json::Null => Some(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(json: Json) -> Option<Self> {
        T::from_json(json).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: Json) -> Option<Self> {
        match json {
            Json::Arr(items) => items.into_iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(json: Json) -> Option<Self> {
        let Obj(members) = json.into_obj()?;
        members
            .into_iter()
            .map(|(k, v)| Some((k, T::from_json(v)?)))
            .collect()
    }
}

macro_rules! tuple {
    ($n:literal: $($t:ident),*) => {
        impl<$($t: FromJson),*> FromJson for ($($t,)*) {
            fn from_json(json: Json) -> Option<Self> {
                let Json::Arr(items) = json else { return None };
                if items.len() != $n {
                    return None;
                }
                let mut items = items.into_iter();
                Some(($($t::from_json(items.next()?)?,)*))
            }
        }
    };
}
tuple!(2: A, B);
tuple!(4: A, B, C, D);

/// A unit enum written as its name (serde's default for a unit variant): the one of `all` that
/// `name` gives that name.
pub fn named<T: Copy>(json: Json, all: &[T], name: fn(T) -> &'static str) -> Option<T> {
    by_name(all, name, &String::from_json(json)?)
}

/// The one of `all` that `name` calls `text` (a stored name, a language code, a form value).
pub fn by_name<T: Copy>(all: &[T], name: fn(T) -> &'static str, text: &str) -> Option<T> {
    all.iter().copied().find(|&t| name(t) == text)
}

/// `FromJson` for structs written as JSON objects with their field names (serde's default):
/// `from_json_struct!(Chapter { start, title, toc });`. Every field must be listed (the struct
/// literal does not compile otherwise); an `Option` field may be absent.
#[macro_export]
macro_rules! from_json_struct {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(json: $crate::json::Json) -> Option<Self> {
                let mut o = json.into_obj()?;
                Some($ty { $($field: o.field(stringify!($field))?,)* })
            }
        }
    )*};
}

/// `FromJson` for types serde writes through another type (`#[serde(from = "…")]`, e.g. a
/// record as a tuple): `from_json_via!(Cue: (f64, f64, String, Option<String>));`.
#[macro_export]
macro_rules! from_json_via {
    ($($ty:ident: $via:ty;)*) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(json: $crate::json::Json) -> Option<Self> {
                <$via as $crate::json::FromJson>::from_json(json).map(Into::into)
            }
        }
    )*};
}

/// For tests of a unit enum read with [`named`]: serde writes each of `all` as its `name`, and
/// that is read back.
#[cfg(test)]
pub fn assert_names_are_serdes<T>(all: &[T], name: fn(T) -> &'static str)
where
    T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + FromJson,
{
    for &t in all {
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{}\"", name(t)));
        assert_eq!(decode::<T>(&json), Some(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let ours = parse(text);
        let theirs: Option<serde_json::Value> = serde_json::from_str(text).ok();
        assert_eq!(ours.is_some(), theirs.is_some(), "{text:?}");
        if let (Some(ours), Some(theirs)) = (ours, theirs) {
            assert_eq!(to_value(ours), numbers_as_f64(theirs), "{text:?}");
        }
    }

    fn numbers_as_f64(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Number(n) => to_value(Json::Num(n.as_f64().unwrap())),
            Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k, numbers_as_f64(v)))
                    .collect(),
            ),
            other => other,
        }
    }

    fn to_value(json: Json) -> serde_json::Value {
        use serde_json::Value;
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Num(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            Json::Str(s) => Value::String(s),
            Json::Arr(items) => Value::Array(items.into_iter().map(to_value).collect()),
            Json::Obj(Obj(members)) => {
                Value::Object(members.into_iter().map(|(k, v)| (k, to_value(v))).collect())
            }
        }
    }

    #[test]
    fn parses_what_serde_json_parses_and_refuses_what_it_refuses() {
        for text in [
            r#"{"a":[1,2.5,-3e2,0.001],"b":{"c":null,"d":true,"e":false},"f":""}"#,
            r#" [ "x" , { } , [ ] ] "#,
            r#""\"\\\/\b\f\n\r\t\u00e9\u003c\ud83c\udfc3 é ø 🏃""#,
            r#"{"duration":754.25,"bytes":9007199254740991}"#,
            "12.345",
            "[1,]",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            r#""open"#,
            "\"tab\there\"",
            r#""\ud83c""#,
            r#""\ud83c\u0041""#,
            r#""\x""#,
            "nul",
            "[1] x",
            "",
        ] {
            same_as_serde(text);
        }
    }

    #[test]
    fn numbers_round_trip_as_serde_writes_them() {
        for n in [
            0.0,
            1.0,
            0.1,
            12.345,
            754.0,
            1e-7,
            123456.789,
            3.0e21,
            f64::MAX,
        ] {
            let text = serde_json::to_string(&n).unwrap();
            assert_eq!(decode::<f64>(&text), Some(n), "{text}");
        }
    }

    #[test]
    fn too_deep_nesting_is_refused_not_overflowing() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(parse(&deep), None);
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&fine).is_some());
    }

    #[test]
    fn shapes_are_checked() {
        assert_eq!(decode::<u32>("-1"), None);
        assert_eq!(decode::<u32>("1.5"), None);
        assert_eq!(decode::<u8>("256"), None);
        assert_eq!(decode::<u8>("255"), Some(255));
        assert_eq!(decode::<Option<String>>("null"), Some(None));
        assert_eq!(decode::<Vec<u32>>("[1,\"2\"]"), None);
        assert_eq!(decode::<(u32, String)>("[1,\"a\"]"), Some((1, "a".into())));
        assert_eq!(decode::<(u32, String)>("[1,\"a\",2]"), None);
        let map: BTreeMap<String, bool> = decode(r#"{"b":true,"a":false}"#).unwrap();
        assert_eq!(
            map.into_iter().collect::<Vec<_>>(),
            [("a".into(), false), ("b".into(), true)]
        );
    }

    #[test]
    fn a_missing_field_is_none_for_options_only() {
        #[derive(Debug, PartialEq)]
        struct T {
            a: u32,
            b: Option<String>,
        }
        from_json_struct!(T { a, b });
        assert_eq!(decode::<T>(r#"{"a":1}"#), Some(T { a: 1, b: None }));
        assert_eq!(
            decode::<T>(r#"{"b":"x","a":2}"#),
            Some(T {
                a: 2,
                b: Some("x".into())
            })
        );
        assert_eq!(decode::<T>(r#"{"b":"x"}"#), None);
    }
}
