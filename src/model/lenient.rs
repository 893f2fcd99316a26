//! The liberal-decoding building blocks of API v1: lists that skip bad items,
//! enums that keep unknown values, localised text, and dates.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A list from the API. One malformed item must not hide the rest, so each item is
/// decoded on its own; the ones that fail are counted so the page can say so.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T> {
    pub items: Vec<T>,
    /// One line per left-out item: its index and why (for the console, not the user).
    pub skipped: Vec<String>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self { items: Vec::new(), skipped: Vec::new() }
    }
}

impl<T> List<T> {
    pub fn new(items: Vec<T>) -> Self {
        Self { items, skipped: Vec::new() }
    }
    pub fn skipped_count(&self) -> usize {
        self.skipped.len()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<serde_json::Value>::deserialize(d)?;
        let values = match raw {
            None | Some(serde_json::Value::Null) => return Ok(Self::default()),
            Some(serde_json::Value::Array(values)) => values,
            Some(_) => return Err(serde::de::Error::custom("expected a list")),
        };
        let mut list = Self { items: Vec::with_capacity(values.len()), skipped: Vec::new() };
        for (index, value) in values.into_iter().enumerate() {
            match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(item) => list.items.push(item),
                Err(e) => list.skipped.push(format!("[{index}].{}: {}", e.path(), e.inner())),
            }
        }
        Ok(list)
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

/// Declares an enum of the contract that keeps values it does not know as `Other`,
/// so a newer data file still shows (with a neutral label) instead of failing.
macro_rules! open_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant,)* Other(String) }

        impl $name {
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];
            pub fn from_wire(s: &str) -> Self {
                match s { $($wire => Self::$variant,)* other => Self::Other(other.to_string()) }
            }
            pub fn as_wire(&self) -> &str {
                match self { $(Self::$variant => $wire,)* Self::Other(s) => s }
            }
            pub fn is_other(&self) -> bool {
                matches!(self, Self::Other(_))
            }
        }
        impl Default for $name {
            fn default() -> Self { Self::Other(String::new()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_wire())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(match serde_json::Value::deserialize(d)? {
                    serde_json::Value::String(s) => Self::from_wire(&s),
                    other => Self::Other(other.to_string()),
                })
            }
        }
    };
}
pub(crate) use open_enum;

/// Text in several languages: `{"nl": "...", "en": "..."}`. A plain string is taken
/// as text in an unknown language, so it still shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl LocalizedText {
    pub fn nl(text: &str) -> Self {
        Self(BTreeMap::from([("nl".to_string(), text.to_string())]))
    }
    /// The user's language, then Dutch, then any language at all.
    pub fn get<'a>(&'a self, lang: &str) -> &'a str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("nl"))
            .or_else(|| self.0.values().find(|v| !v.is_empty()))
            .map(String::as_str)
            .unwrap_or("")
    }
    /// The language the text returned by [`get`](Self::get) is written in, when known.
    pub fn lang_of<'a>(&'a self, lang: &str) -> Option<&'a str> {
        if let Some((k, _)) = self.0.get_key_value(lang) {
            Some(k.as_str())
        } else if self.0.contains_key("nl") {
            Some("nl")
        } else {
            self.0.keys().next().map(String::as_str).filter(|k| !k.is_empty())
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|v| v.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for LocalizedText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Self(BTreeMap::from([(String::new(), s)]))),
            serde_json::Value::Null => Ok(Self::default()),
            serde_json::Value::Object(map) => Ok(Self(
                map.into_iter()
                    .filter_map(|(k, v)| match v {
                        serde_json::Value::String(s) => Some((k, s)),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => Err(serde::de::Error::custom("expected text or an object of texts per language")),
        }
    }
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() != 10 {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Self)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {s:?}")))
    }
}

/// A moment in time with the offset it was written with (RFC 3339).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub DateTime<FixedOffset>);

impl Instant {
    /// RFC 3339; being liberal, a date-time without an offset is read as Dutch local time
    /// and seconds may be left out.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Self(dt));
        }
        if let Ok(dt) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
            return Some(Self(dt));
        }
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
            .ok()?;
        let local = crate::model::dates::TZ.from_local_datetime(&naive).earliest()?;
        Some(Self(local.fixed_offset()))
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date-time (RFC 3339): {s:?}")))
    }
}

/// Optional text that tolerates `null` and non-text values (they become `None`).
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// A list of plain strings; entries that are not text are left out.
pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(values) => values
            .into_iter()
            .filter_map(|v| match v {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
                _ => None,
            })
            .collect(),
        serde_json::Value::String(s) => vec![s],
        _ => Vec::new(),
    })
}

/// A boolean that also accepts `null` (false).
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(matches!(serde_json::Value::deserialize(d)?, serde_json::Value::Bool(true)))
}
