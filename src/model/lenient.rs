//! The liberal-decoding building blocks of API v1: lists that skip bad items,
//! enums that keep unknown values, localised text, and dates.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Every date and time is shown in the participant's own time zone; a time without an
/// offset in the data is read in it too.
pub const TZ: chrono_tz::Tz = chrono_tz::Europe::Amsterdam;

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
        Self {
            items: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

impl<T> List<T> {
    pub fn new(items: Vec<T>) -> Self {
        Self {
            items,
            skipped: Vec::new(),
        }
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
            // Being liberal: the rest of the document still shows, and the page says
            // something could not be shown.
            Some(other) => {
                return Ok(Self {
                    items: Vec::new(),
                    skipped: vec![format!("expected a list, found {other}")],
                })
            }
        };
        let mut list = Self {
            items: Vec::with_capacity(values.len()),
            skipped: Vec::new(),
        };
        for (index, value) in values.into_iter().enumerate() {
            match deserialize_with_path::<T>(value) {
                Ok(item) => list.items.push(item),
                Err((path, message)) => {
                    let at = if path == "." {
                        String::new()
                    } else {
                        format!(".{path}")
                    };
                    list.skipped.push(format!("[{index}]{at}: {message}"));
                }
            }
        }
        Ok(list)
    }
}

/// Decodes `value`; a failure gives the path of the bad field and serde's message.
///
/// Natively (the server, the tools, the tests) the path is complete. In the app it is only
/// the missing field's name: tracking the path instantiates every `Deserialize` impl a
/// second time, which cost 6.6 % of the wasm, and the app only writes the path to the
/// console; the participant sees a plain message either way.
pub(crate) fn deserialize_with_path<T: DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, (String, String)> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_path_to_error::deserialize(value).map_err(|e| {
            let message = e.inner().to_string();
            (error_path(&e.path().to_string(), &message), message)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        T::deserialize(value).map_err(|e| {
            let message = e.to_string();
            (error_path(".", &message), message)
        })
    }
}

/// The path of a decoding error, down to the field itself when a field is missing
/// (`participant.first_name` rather than `participant`); `.` for the document itself.
fn error_path(path: &str, message: &str) -> String {
    let mut out = path.to_string();
    if out == "." {
        out.clear();
    }
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split_once('`'))
        .map(|(field, _)| field);
    if let Some(field) = missing {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(field);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
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
                    // `null` is "not given", not a value called "null".
                    serde_json::Value::Null => Self::default(),
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
    /// The user's language, then Dutch, then any language at all. A blank translation
    /// counts as missing.
    pub fn get<'a>(&'a self, lang: &str) -> &'a str {
        self.pick(lang).map_or("", |(_, text)| text.as_str())
    }
    /// The language the text returned by [`get`](Self::get) is written in, when known.
    pub fn lang_of<'a>(&'a self, lang: &str) -> Option<&'a str> {
        self.pick(lang)
            .map(|(k, _)| k.as_str())
            .filter(|k| !k.is_empty())
    }
    fn pick<'a>(&'a self, lang: &str) -> Option<(&'a String, &'a String)> {
        let usable = |entry: &(&String, &String)| !entry.1.trim().is_empty();
        self.0
            .get_key_value(lang)
            .filter(usable)
            .or_else(|| self.0.get_key_value("nl").filter(usable))
            .or_else(|| self.0.iter().find(usable))
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
            serde_json::Value::Number(n) => {
                Ok(Self(BTreeMap::from([(String::new(), n.to_string())])))
            }
            // Being liberal: a list or a boolean shows as no text rather than losing the item.
            _ => Ok(Self::default()),
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
        // Read as chrono's `%Y-%m-%d` did, in ten characters.
        let mut scan = Scan(s.as_bytes());
        let date = scan.date()?;
        scan.end()?;
        Some(Self(date))
    }
}

/// `YYYY-MM-DD`, as the contract writes a date.
pub fn ymd(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&ymd(self.0))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {s:?}")))
    }
}

/// A moment in time with the offset it was written with (RFC 3339).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub DateTime<FixedOffset>);

impl Instant {
    /// RFC 3339; being liberal, seconds may be left out (also before `Z`), the offset may
    /// lack its colon, a space may stand for the `T`, and a date-time without an offset is
    /// read as Dutch local time (a time in the hour skipped in spring moves an hour on).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Self(dt));
        }
        let (naive, offset) = liberal_date_time(s)?;
        if let Some(offset) = offset {
            return offset.from_local_datetime(&naive).single().map(Self);
        }
        let tz = TZ;
        let local = tz.from_local_datetime(&naive).earliest().or_else(|| {
            tz.from_local_datetime(&(naive + TimeDelta::hours(1)))
                .earliest()
        })?;
        Some(Self(local.fixed_offset()))
    }
}

/// The liberal date-times RFC 3339 does not take: `YYYY-MM-DD`, `T` or a space, `HH:MM`,
/// optional `:SS` with an optional fraction, then `Z`, an offset with or without its colon, or
/// nothing (`None`: Dutch local time). As chrono's `%Y-%m-%dT%H:%M:%S%.f%z` forms read
/// them (a field may have fewer digits), but scanned here: chrono's format-string parser and
/// formatter were 16 KB of the home screen's files (issue #19). `tests/model_dates.rs`
/// compares the two on every combination of the forms.
fn liberal_date_time(s: &str) -> Option<(NaiveDateTime, Option<FixedOffset>)> {
    let mut scan = Scan(s.as_bytes());
    let date = scan.date()?;
    scan.byte(b'T').or_else(|| scan.byte(b' '))?;
    let (hour, _) = scan.number(1, 2)?;
    scan.byte(b':')?;
    let (minute, _) = scan.number(1, 2)?;
    let (mut second, mut nano) = (0, 0);
    if scan.byte(b':').is_some() {
        second = scan.number(1, 2)?.0;
        if scan.byte(b'.').is_some() {
            // Nine places are nanoseconds; more digits are read and dropped.
            let (digits, places) = scan.number(1, 9)?;
            nano = digits * 10u32.pow(9 - places);
            while scan.number(1, 1).is_some() {}
        }
    }
    // A leap second, as chrono keeps it: the 59th second, a second longer.
    if second == 60 {
        (second, nano) = (59, nano + 1_000_000_000);
    }
    // chrono's `%z` let spaces stand before the offset ("10:00 +01:00").
    while scan.byte(b' ').is_some() {}
    let offset = match scan.0.first() {
        None => None,
        Some(b'Z' | b'z') => {
            scan.0 = &scan.0[1..];
            Some(FixedOffset::east_opt(0)?)
        }
        Some(&sign @ (b'+' | b'-')) => {
            scan.0 = &scan.0[1..];
            let (hours, _) = scan.number(2, 2)?;
            let _ = scan.byte(b':');
            let (minutes, _) = scan.number(2, 2)?;
            if minutes >= 60 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            Some(FixedOffset::east_opt(if sign == b'-' {
                -seconds
            } else {
                seconds
            })?)
        }
        Some(_) => return None,
    };
    scan.end()?;
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    Some((date.and_time(time), offset))
}

/// What is left of a text being read, byte by byte.
struct Scan<'a>(&'a [u8]);

impl Scan<'_> {
    /// `min` to `max` ASCII digits: their value and how many there were. Spaces before
    /// them are passed over, as chrono's parser did.
    fn number(&mut self, min: usize, max: usize) -> Option<(u32, u32)> {
        while self.byte(b' ').is_some() {}
        let count = self
            .0
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if count < min {
            return None;
        }
        let value = self.0[..count]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'));
        self.0 = &self.0[count..];
        Some((value, count as u32))
    }

    /// A date as `%Y-%m-%d` reads it: a year of up to four digits, a month and a day of up
    /// to two.
    fn date(&mut self) -> Option<NaiveDate> {
        let (year, _) = self.number(1, 4)?;
        self.byte(b'-')?;
        let (month, _) = self.number(1, 2)?;
        self.byte(b'-')?;
        let (day, _) = self.number(1, 2)?;
        NaiveDate::from_ymd_opt(year as i32, month, day)
    }

    fn byte(&mut self, byte: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == byte).then(|| self.0 = rest)
    }

    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
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
        Self::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date-time (RFC 3339): {s:?}")))
    }
}

/// An optional date outside a list: a malformed one is taken as absent, so one bad date
/// does not hide a whole document (inside a list, the item is left out instead).
pub fn lenient_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Date::parse(&s),
        _ => None,
    })
}

/// A required id: text that is not blank, or a number (taken as its text). An item
/// without a usable id cannot be linked to, so it is left out of its list.
pub fn required_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::String(_) => Err(serde::de::Error::custom("the id is blank")),
        other => Err(serde::de::Error::custom(format!(
            "expected an id, found {other}"
        ))),
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
    Ok(matches!(
        serde_json::Value::deserialize(d)?,
        serde_json::Value::Bool(true)
    ))
}
