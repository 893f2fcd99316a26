//! Dates as a participant reads them: in Dutch time, in words ("vandaag 14:00",
//! "morgen", "do 27 nov"). Pure functions of (moment, now, language) so they are
//! tested across midnight, the daylight-saving change and the new year.

use super::lenient::Instant;
pub use super::lenient::TZ;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;

pub fn local(instant: &Instant) -> DateTime<Tz> {
    instant.0.with_timezone(&TZ)
}

pub fn today_at(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&TZ).date_naive()
}

/// How a day relates to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeDay {
    Yesterday,
    Today,
    Tomorrow,
    Other,
}

pub fn relative_day(day: NaiveDate, today: NaiveDate) -> RelativeDay {
    match (day - today).num_days() {
        -1 => RelativeDay::Yesterday,
        0 => RelativeDay::Today,
        1 => RelativeDay::Tomorrow,
        _ => RelativeDay::Other,
    }
}

/// Whole days from today until a date (negative when it has passed).
pub fn days_until(day: NaiveDate, today: NaiveDate) -> i64 {
    (day - today).num_days()
}

struct Names {
    today: &'static str,
    tomorrow: &'static str,
    yesterday: &'static str,
    weekdays_short: [&'static str; 7],
    weekdays: [&'static str; 7],
    months_short: [&'static str; 12],
    months: [&'static str; 12],
    /// English writes "Thu 27 Nov" too, so one order serves both.
    capitalise_long: bool,
    /// Turkish puts the weekday after the date: "27 Kasım Perşembe".
    weekday_last: bool,
}

const NL: Names = Names {
    today: "vandaag",
    tomorrow: "morgen",
    yesterday: "gisteren",
    weekdays_short: ["ma", "di", "wo", "do", "vr", "za", "zo"],
    weekdays: [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
    months_short: [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    capitalise_long: false,
    weekday_last: false,
};

const EN: Names = Names {
    today: "today",
    tomorrow: "tomorrow",
    yesterday: "yesterday",
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months_short: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    capitalise_long: true,
    weekday_last: false,
};

/// Arabic uses the full month name also where other languages abbreviate.
const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// Gregorian month names as most Arabic readers in the Netherlands know them (CLDR `ar`),
/// with Western digits like the rest of the app. Arabic does not abbreviate.
const AR: Names = Names {
    today: "اليوم",
    tomorrow: "غدًا",
    yesterday: "أمس",
    weekdays_short: [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    weekdays: [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    months_short: AR_MONTHS,
    months: AR_MONTHS,
    capitalise_long: false,
    weekday_last: false,
};

/// Polish months after a day number take the genitive: "27 listopada".
const PL: Names = Names {
    today: "dzisiaj",
    tomorrow: "jutro",
    yesterday: "wczoraj",
    weekdays_short: ["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."],
    weekdays: [
        "poniedziałek",
        "wtorek",
        "środa",
        "czwartek",
        "piątek",
        "sobota",
        "niedziela",
    ],
    months_short: [
        "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
    ],
    months: [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    capitalise_long: false,
    weekday_last: false,
};

const TR: Names = Names {
    today: "bugün",
    tomorrow: "yarın",
    yesterday: "dün",
    weekdays_short: ["Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"],
    weekdays: [
        "Pazartesi",
        "Salı",
        "Çarşamba",
        "Perşembe",
        "Cuma",
        "Cumartesi",
        "Pazar",
    ],
    months_short: [
        "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara",
    ],
    months: [
        "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
        "Kasım", "Aralık",
    ],
    capitalise_long: true,
    weekday_last: true,
};

/// The names for a language and its regional forms (`en-GB`, `ar-MA`); Dutch for any
/// language the app does not offer.
fn names(lang: &str) -> &'static Names {
    match lang
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "en" => &EN,
        "ar" => &AR,
        "pl" => &PL,
        "tr" => &TR,
        _ => &NL,
    }
}

/// A weekday and a date in the language's order: "do 27 nov", "27 Kas Per".
fn with_weekday(n: &Names, weekday: &str, date: String) -> String {
    if n.weekday_last {
        format!("{date} {weekday}")
    } else {
        format!("{weekday} {date}")
    }
}

fn wd(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "vandaag", "morgen", "gisteren" or "do 27 nov" (with the year when it is not this year).
pub fn day_short(day: NaiveDate, today: NaiveDate, lang: &str) -> String {
    let n = names(lang);
    match relative_day(day, today) {
        RelativeDay::Today => n.today.into(),
        RelativeDay::Tomorrow => n.tomorrow.into(),
        RelativeDay::Yesterday => n.yesterday.into(),
        RelativeDay::Other => {
            let mut date = format!("{} {}", day.day(), n.months_short[day.month0() as usize]);
            if day.year() != today.year() {
                date = format!("{date} {}", day.year());
            }
            with_weekday(n, n.weekdays_short[wd(day.weekday())], date)
        }
    }
}

/// "di 3 dec" (with the year when it is not this year), never "vandaag": for sentences
/// such as "Gelezen door Ruud op di 3 dec".
pub fn day_short_absolute(day: NaiveDate, today: NaiveDate, lang: &str) -> String {
    let n = names(lang);
    let mut date = format!("{} {}", day.day(), n.months_short[day.month0() as usize]);
    if day.year() != today.year() {
        date = format!("{date} {}", day.year());
    }
    with_weekday(n, n.weekdays_short[wd(day.weekday())], date)
}

/// A day header in the agenda: "Vandaag", "Morgen", "Donderdag 27 november".
pub fn day_heading(day: NaiveDate, today: NaiveDate, lang: &str) -> String {
    let n = names(lang);
    let text = match relative_day(day, today) {
        RelativeDay::Today => n.today.to_string(),
        RelativeDay::Tomorrow => n.tomorrow.to_string(),
        RelativeDay::Yesterday => n.yesterday.to_string(),
        RelativeDay::Other => {
            let mut date = format!("{} {}", day.day(), n.months[day.month0() as usize]);
            if day.year() != today.year() {
                date = format!("{date} {}", day.year());
            }
            with_weekday(n, n.weekdays[wd(day.weekday())], date)
        }
    };
    let _ = n.capitalise_long;
    capitalise(&text)
}

/// A full date without relative words: "27 november 2026".
pub fn date_long(day: NaiveDate, lang: &str) -> String {
    let n = names(lang);
    format!(
        "{} {} {}",
        day.day(),
        n.months[day.month0() as usize],
        day.year()
    )
}

/// "14:00" in Dutch time.
pub fn time(instant: &Instant) -> String {
    let t = local(instant);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "vandaag 14:00", "morgen 10:30", "do 27 nov 09:00".
pub fn moment_short(instant: &Instant, now: DateTime<Utc>, lang: &str) -> String {
    let day = local(instant).date_naive();
    format!("{} {}", day_short(day, today_at(now), lang), time(instant))
}

/// "10:00 – 11:00", or only the start when there is no end, the end is on another day
/// or the end is not after the start.
pub fn time_range(start: &Instant, end: Option<&Instant>) -> String {
    match end {
        Some(end) if end > start && local(end).date_naive() == local(start).date_naive() => {
            format!("{} – {}", time(start), time(end))
        }
        _ => time(start),
    }
}

/// The current moment, from the browser's clock on the web and the system clock natively.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
