//! Native tests of how dates read: Dutch time, relative words, across midnight, the
//! daylight-saving changes and the new year.

use chrono::{DateTime, NaiveDate, Utc};
use koers::model::dates::{
    date_long, day_heading, day_short, days_until, local, moment_short, relative_day, time,
    time_range, today_at, RelativeDay,
};
use koers::model::lenient::{Date, Instant};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
}

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap_or_else(|| panic!("{s:?} should parse"))
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("valid RFC 3339")
        .with_timezone(&Utc)
}

// ---------------------------------------------------------------- today in Amsterdam

#[test]
fn today_is_the_dutch_date_in_winter() {
    assert_eq!(today_at(utc("2026-11-26T12:00:00Z")), day("2026-11-26"));
    assert_eq!(today_at(utc("2026-11-26T22:59:59Z")), day("2026-11-26"));
}

#[test]
fn today_late_utc_evening_is_already_tomorrow_in_winter() {
    assert_eq!(today_at(utc("2026-11-26T23:00:00Z")), day("2026-11-27"));
    assert_eq!(today_at(utc("2026-11-26T23:30:00Z")), day("2026-11-27"));
}

#[test]
fn today_late_utc_evening_is_already_tomorrow_in_summer() {
    assert_eq!(today_at(utc("2026-07-01T21:59:00Z")), day("2026-07-01"));
    assert_eq!(today_at(utc("2026-07-01T22:00:00Z")), day("2026-07-02"));
}

#[test]
fn today_on_new_years_eve_utc_is_new_year_in_amsterdam() {
    assert_eq!(today_at(utc("2026-12-31T23:30:00Z")), day("2027-01-01"));
}

// ---------------------------------------------------------------- relative days

#[test]
fn relative_day_names_yesterday_today_and_tomorrow() {
    let today = day("2026-11-26");
    assert_eq!(
        relative_day(day("2026-11-25"), today),
        RelativeDay::Yesterday
    );
    assert_eq!(relative_day(day("2026-11-26"), today), RelativeDay::Today);
    assert_eq!(
        relative_day(day("2026-11-27"), today),
        RelativeDay::Tomorrow
    );
    assert_eq!(relative_day(day("2026-11-28"), today), RelativeDay::Other);
    assert_eq!(relative_day(day("2026-11-24"), today), RelativeDay::Other);
}

#[test]
fn relative_day_across_the_new_year() {
    assert_eq!(
        relative_day(day("2027-01-01"), day("2026-12-31")),
        RelativeDay::Tomorrow
    );
    assert_eq!(
        relative_day(day("2026-12-31"), day("2027-01-01")),
        RelativeDay::Yesterday
    );
}

#[test]
fn days_until_counts_whole_days() {
    let today = day("2026-11-26");
    assert_eq!(days_until(day("2026-11-26"), today), 0);
    assert_eq!(days_until(day("2026-11-27"), today), 1);
    assert_eq!(days_until(day("2026-12-01"), today), 5);
    assert_eq!(days_until(day("2026-11-20"), today), -6);
}

#[test]
fn days_until_across_daylight_saving_and_new_year() {
    assert_eq!(days_until(day("2026-03-30"), day("2026-03-28")), 2);
    assert_eq!(days_until(day("2026-10-26"), day("2026-10-24")), 2);
    assert_eq!(days_until(day("2027-01-02"), day("2026-12-30")), 3);
    assert_eq!(
        days_until(day("2028-03-01"), day("2028-02-28")),
        2,
        "2028 is a leap year"
    );
}

// ---------------------------------------------------------------- day_short

#[test]
fn day_short_nl_relative_words() {
    let today = day("2026-11-26");
    assert_eq!(day_short(day("2026-11-26"), today, "nl"), "vandaag");
    assert_eq!(day_short(day("2026-11-27"), today, "nl"), "morgen");
    assert_eq!(day_short(day("2026-11-25"), today, "nl"), "gisteren");
}

#[test]
fn day_short_en_relative_words() {
    let today = day("2026-11-26");
    assert_eq!(day_short(day("2026-11-26"), today, "en"), "today");
    assert_eq!(day_short(day("2026-11-27"), today, "en"), "tomorrow");
    assert_eq!(day_short(day("2026-11-25"), today, "en"), "yesterday");
}

#[test]
fn day_short_nl_other_days() {
    let today = day("2025-11-20");
    assert_eq!(day_short(day("2025-11-27"), today, "nl"), "do 27 nov");
    assert_eq!(day_short(day("2025-11-24"), today, "nl"), "ma 24 nov");
    assert_eq!(day_short(day("2025-03-01"), today, "nl"), "za 1 mrt");
    assert_eq!(day_short(day("2025-05-11"), today, "nl"), "zo 11 mei");
    assert_eq!(day_short(day("2025-10-01"), today, "nl"), "wo 1 okt");
}

#[test]
fn day_short_en_other_days() {
    let today = day("2025-11-20");
    assert_eq!(day_short(day("2025-11-27"), today, "en"), "Thu 27 Nov");
    assert_eq!(day_short(day("2025-03-01"), today, "en"), "Sat 1 Mar");
    assert_eq!(day_short(day("2025-05-11"), today, "en"), "Sun 11 May");
}

#[test]
fn day_short_every_weekday_nl() {
    let today = day("2026-11-01");
    let week: Vec<_> = (9..=15)
        .map(|d| day_short(day(&format!("2026-11-{d:02}")), today, "nl"))
        .collect();
    assert_eq!(
        week,
        [
            "ma 9 nov",
            "di 10 nov",
            "wo 11 nov",
            "do 12 nov",
            "vr 13 nov",
            "za 14 nov",
            "zo 15 nov"
        ]
    );
}

#[test]
fn day_short_every_month_nl_and_en() {
    let today = day("2026-06-15");
    let nl: Vec<_> = (1..=12)
        .map(|m| day_short(day(&format!("2026-{m:02}-10")), today, "nl"))
        .map(|s| s.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(
        nl,
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    );
    let en: Vec<_> = (1..=12)
        .map(|m| day_short(day(&format!("2026-{m:02}-10")), today, "en"))
        .map(|s| s.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(
        en,
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    );
}

#[test]
fn day_short_next_year_shows_the_year() {
    let today = day("2026-12-30");
    assert_eq!(day_short(day("2027-01-02"), today, "nl"), "za 2 jan 2027");
    assert_eq!(day_short(day("2027-01-02"), today, "en"), "Sat 2 Jan 2027");
}

#[test]
fn day_short_last_year_shows_the_year() {
    assert_eq!(
        day_short(day("2025-11-27"), day("2026-01-10"), "nl"),
        "do 27 nov 2025"
    );
}

#[test]
fn day_short_same_year_hides_the_year() {
    assert_eq!(
        day_short(day("2026-12-31"), day("2026-01-01"), "nl"),
        "do 31 dec"
    );
}

#[test]
fn day_short_tomorrow_across_the_new_year_is_still_tomorrow() {
    assert_eq!(
        day_short(day("2027-01-01"), day("2026-12-31"), "nl"),
        "morgen"
    );
    assert_eq!(
        day_short(day("2026-12-31"), day("2027-01-01"), "en"),
        "yesterday"
    );
}

#[test]
fn day_short_unknown_language_is_dutch() {
    assert_eq!(
        day_short(day("2026-11-26"), day("2026-11-26"), "fr"),
        "vandaag"
    );
    assert_eq!(
        day_short(day("2025-11-27"), day("2025-11-20"), ""),
        "do 27 nov"
    );
}

#[test]
fn day_short_regional_english_is_english() {
    assert_eq!(
        day_short(day("2026-11-26"), day("2026-11-26"), "en-GB"),
        "today"
    );
    assert_eq!(
        day_short(day("2025-11-27"), day("2025-11-20"), "en-US"),
        "Thu 27 Nov"
    );
}

// ---------------------------------------------------------------- day_heading

#[test]
fn day_heading_nl_is_capitalised() {
    let today = day("2026-11-26");
    assert_eq!(day_heading(day("2026-11-26"), today, "nl"), "Vandaag");
    assert_eq!(day_heading(day("2026-11-27"), today, "nl"), "Morgen");
    assert_eq!(day_heading(day("2026-11-25"), today, "nl"), "Gisteren");
    assert_eq!(
        day_heading(day("2026-11-30"), today, "nl"),
        "Maandag 30 november"
    );
}

#[test]
fn day_heading_en() {
    let today = day("2025-11-20");
    assert_eq!(day_heading(day("2025-11-20"), today, "en"), "Today");
    assert_eq!(day_heading(day("2025-11-21"), today, "en"), "Tomorrow");
    assert_eq!(
        day_heading(day("2025-11-27"), today, "en"),
        "Thursday 27 November"
    );
}

#[test]
fn day_heading_next_year_shows_the_year() {
    let today = day("2026-12-30");
    assert_eq!(
        day_heading(day("2027-01-02"), today, "nl"),
        "Zaterdag 2 januari 2027"
    );
    assert_eq!(
        day_heading(day("2027-01-02"), today, "en"),
        "Saturday 2 January 2027"
    );
}

#[test]
fn date_long_in_both_languages() {
    assert_eq!(date_long(day("2026-11-27"), "nl"), "27 november 2026");
    assert_eq!(date_long(day("2026-03-01"), "nl"), "1 maart 2026");
    assert_eq!(date_long(day("2026-11-27"), "en"), "27 November 2026");
}

#[test]
fn arabic_polish_and_turkish_have_their_own_words() {
    let today = day("2026-11-26");
    for (lang, words) in [
        ("ar", ["اليوم", "غدًا", "أمس"]),
        ("pl", ["dzisiaj", "jutro", "wczoraj"]),
        ("tr", ["bugün", "yarın", "dün"]),
    ] {
        assert_eq!(day_short(today, today, lang), words[0]);
        assert_eq!(day_short(day("2026-11-27"), today, lang), words[1]);
        assert_eq!(day_short(day("2026-11-25"), today, lang), words[2]);
    }
}

#[test]
fn arabic_dates() {
    let today = day("2026-11-20");
    assert_eq!(
        day_short(day("2026-11-26"), today, "ar"),
        "الخميس 26 نوفمبر"
    );
    assert_eq!(
        day_heading(day("2026-11-30"), today, "ar"),
        "الاثنين 30 نوفمبر"
    );
    assert_eq!(date_long(day("2027-01-02"), "ar-MA"), "2 يناير 2027");
}

#[test]
fn polish_months_take_the_genitive() {
    let today = day("2026-11-20");
    assert_eq!(day_short(day("2026-11-26"), today, "pl"), "czw. 26 lis");
    assert_eq!(
        day_heading(day("2026-11-26"), today, "pl"),
        "Czwartek 26 listopada"
    );
    assert_eq!(date_long(day("2026-03-01"), "pl"), "1 marca 2026");
}

#[test]
fn turkish_puts_the_weekday_last() {
    let today = day("2026-11-20");
    assert_eq!(day_short(day("2026-11-26"), today, "tr"), "26 Kas Per");
    assert_eq!(
        day_heading(day("2026-11-26"), today, "tr"),
        "26 Kasım Perşembe"
    );
    assert_eq!(
        day_heading(day("2027-01-02"), day("2026-12-30"), "tr"),
        "2 Ocak 2027 Cumartesi"
    );
    assert_eq!(date_long(day("2026-08-31"), "tr"), "31 Ağustos 2026");
}

#[test]
fn every_offered_language_names_every_weekday_and_month() {
    let today = day("2026-01-01");
    for lang in ["nl", "en", "ar", "pl", "tr"] {
        let mut seen = std::collections::BTreeSet::new();
        for offset in 2..366 {
            let d = today + chrono::Days::new(offset);
            seen.insert(day_heading(d, today, lang));
        }
        // 364 different days give 364 different headings: no name is shared or empty.
        assert_eq!(seen.len(), 364, "{lang}");
    }
}

// ---------------------------------------------------------------- time and moments

#[test]
fn time_is_zero_padded_dutch_time() {
    assert_eq!(time(&at("2026-11-26T09:05:00+01:00")), "09:05");
    assert_eq!(time(&at("2026-11-26T00:00:00+01:00")), "00:00");
    assert_eq!(time(&at("2026-11-26T13:05:00Z")), "14:05");
    assert_eq!(time(&at("2026-07-01T13:05:00Z")), "15:05");
}

#[test]
fn time_of_a_moment_written_in_another_offset_is_dutch_time() {
    assert_eq!(time(&at("2026-11-26T10:00:00-05:00")), "16:00");
    assert_eq!(time(&at("2026-11-26T10:00:00+05:30")), "05:30");
}

#[test]
fn moment_short_today_nl() {
    let now = utc("2026-11-26T09:00:00Z");
    assert_eq!(
        moment_short(&at("2026-11-26T14:00:00+01:00"), now, "nl"),
        "vandaag 14:00"
    );
}

#[test]
fn moment_short_tomorrow_nl() {
    let now = utc("2026-11-26T09:00:00Z");
    assert_eq!(
        moment_short(&at("2026-11-27T10:30:00+01:00"), now, "nl"),
        "morgen 10:30"
    );
}

#[test]
fn moment_short_other_day_nl_and_en() {
    let now = utc("2026-11-26T09:00:00Z");
    assert_eq!(
        moment_short(&at("2026-11-30T09:00:00+01:00"), now, "nl"),
        "ma 30 nov 09:00"
    );
    assert_eq!(
        moment_short(&at("2026-11-30T09:00:00+01:00"), now, "en"),
        "Mon 30 Nov 09:00"
    );
    assert_eq!(
        moment_short(&at("2026-11-26T14:00:00+01:00"), now, "en"),
        "today 14:00"
    );
    assert_eq!(
        moment_short(&at("2026-11-27T10:30:00+01:00"), now, "en"),
        "tomorrow 10:30"
    );
}

#[test]
fn moment_short_2330_utc_is_already_the_next_day() {
    let now = utc("2026-11-26T12:00:00Z");
    assert_eq!(
        moment_short(&at("2026-11-26T23:30:00Z"), now, "nl"),
        "morgen 00:30"
    );
    assert_eq!(
        moment_short(&at("2026-11-26T23:30:00+00:00"), now, "en"),
        "tomorrow 00:30"
    );
}

#[test]
fn moment_short_2330_utc_in_summer_is_the_next_day_too() {
    let now = utc("2026-07-01T12:00:00Z");
    assert_eq!(
        moment_short(&at("2026-07-01T23:30:00Z"), now, "nl"),
        "morgen 01:30"
    );
    assert_eq!(
        moment_short(&at("2026-07-01T21:30:00Z"), now, "nl"),
        "vandaag 23:30"
    );
}

#[test]
fn moment_short_just_after_dutch_midnight_uses_the_dutch_today() {
    // 00:30 on 27 November in Amsterdam, still the 26th in UTC.
    let now = utc("2026-11-26T23:30:00Z");
    assert_eq!(
        moment_short(&at("2026-11-27T10:00:00+01:00"), now, "nl"),
        "vandaag 10:00"
    );
    assert_eq!(
        moment_short(&at("2026-11-26T20:00:00+01:00"), now, "nl"),
        "gisteren 20:00"
    );
    assert_eq!(
        moment_short(&at("2026-11-28T10:00:00+01:00"), now, "nl"),
        "morgen 10:00"
    );
}

#[test]
fn moment_short_next_year_shows_the_year() {
    let now = utc("2026-12-30T10:00:00Z");
    assert_eq!(
        moment_short(&at("2027-01-05T10:00:00+01:00"), now, "nl"),
        "di 5 jan 2027 10:00"
    );
    assert_eq!(
        moment_short(&at("2027-01-05T10:00:00+01:00"), now, "en"),
        "Tue 5 Jan 2027 10:00"
    );
}

#[test]
fn moment_short_new_years_eve_utc_is_new_years_day() {
    let now = utc("2026-12-31T12:00:00Z");
    assert_eq!(
        moment_short(&at("2026-12-31T23:30:00Z"), now, "nl"),
        "morgen 00:30"
    );
}

// ---------------------------------------------------------------- daylight saving

/// (last Saturday in old time, change day in new time, offsets before and after)
const SPRING: [(&str, &str); 2] = [("2026-03-28", "2026-03-29"), ("2027-03-27", "2027-03-28")];
const AUTUMN: [(&str, &str); 2] = [("2026-10-24", "2026-10-25"), ("2027-10-30", "2027-10-31")];

#[test]
fn spring_forward_appointments_at_10_show_10() {
    for (before, change) in SPRING {
        assert_eq!(
            time(&at(&format!("{before}T10:00:00+01:00"))),
            "10:00",
            "{before}"
        );
        assert_eq!(
            time(&at(&format!("{change}T10:00:00+02:00"))),
            "10:00",
            "{change}"
        );
    }
}

#[test]
fn autumn_back_appointments_at_10_show_10() {
    for (before, change) in AUTUMN {
        assert_eq!(
            time(&at(&format!("{before}T10:00:00+02:00"))),
            "10:00",
            "{before}"
        );
        assert_eq!(
            time(&at(&format!("{change}T10:00:00+01:00"))),
            "10:00",
            "{change}"
        );
    }
}

#[test]
fn daylight_saving_in_utc_still_shows_10() {
    assert_eq!(time(&at("2026-03-28T09:00:00Z")), "10:00");
    assert_eq!(time(&at("2026-03-29T08:00:00Z")), "10:00");
    assert_eq!(time(&at("2026-10-24T08:00:00Z")), "10:00");
    assert_eq!(time(&at("2026-10-25T09:00:00Z")), "10:00");
    assert_eq!(time(&at("2027-03-28T08:00:00Z")), "10:00");
    assert_eq!(time(&at("2027-10-31T09:00:00Z")), "10:00");
}

#[test]
fn a_winter_offset_after_the_spring_change_is_an_hour_later() {
    // A careless export that keeps +01:00 in summer: the moment is 11:00 Dutch time.
    assert_eq!(time(&at("2026-03-29T10:00:00+01:00")), "11:00");
    assert_eq!(time(&at("2026-10-25T10:00:00+02:00")), "09:00");
}

#[test]
fn the_spring_change_happens_at_2_oclock() {
    assert_eq!(time(&at("2026-03-29T00:59:00Z")), "01:59");
    assert_eq!(time(&at("2026-03-29T01:00:00Z")), "03:00");
}

#[test]
fn the_autumn_change_repeats_the_hour_after_2() {
    assert_eq!(time(&at("2026-10-25T00:30:00Z")), "02:30");
    assert_eq!(time(&at("2026-10-25T01:30:00Z")), "02:30");
    assert_eq!(
        local(&at("2026-10-25T00:30:00Z")).date_naive(),
        day("2026-10-25")
    );
}

#[test]
fn moment_short_across_the_spring_change() {
    let now = utc("2026-03-28T12:00:00Z");
    assert_eq!(
        moment_short(&at("2026-03-29T10:00:00+02:00"), now, "nl"),
        "morgen 10:00"
    );
    assert_eq!(
        moment_short(&at("2026-03-30T10:00:00+02:00"), now, "nl"),
        "ma 30 mrt 10:00"
    );
    let now = utc("2027-03-27T12:00:00Z");
    assert_eq!(
        moment_short(&at("2027-03-28T10:00:00+02:00"), now, "en"),
        "tomorrow 10:00"
    );
}

#[test]
fn moment_short_across_the_autumn_change() {
    let now = utc("2026-10-24T12:00:00Z");
    assert_eq!(
        moment_short(&at("2026-10-25T10:00:00+01:00"), now, "nl"),
        "morgen 10:00"
    );
    let now = utc("2027-10-31T07:00:00Z");
    assert_eq!(
        moment_short(&at("2027-10-31T10:00:00+01:00"), now, "nl"),
        "vandaag 10:00"
    );
    assert_eq!(
        moment_short(&at("2027-11-01T10:00:00+01:00"), now, "en"),
        "tomorrow 10:00"
    );
}

#[test]
fn today_at_around_the_changes() {
    // 23:30 UTC is 00:30 in winter and 01:30 in summer: the next day either way.
    assert_eq!(today_at(utc("2026-03-28T23:30:00Z")), day("2026-03-29"));
    assert_eq!(today_at(utc("2026-03-29T22:30:00Z")), day("2026-03-30"));
    assert_eq!(today_at(utc("2026-10-24T22:30:00Z")), day("2026-10-25"));
    assert_eq!(today_at(utc("2026-10-25T22:30:00Z")), day("2026-10-25"));
    assert_eq!(today_at(utc("2026-10-25T23:00:00Z")), day("2026-10-26"));
}

// ---------------------------------------------------------------- time_range

#[test]
fn time_range_shows_start_and_end() {
    assert_eq!(
        time_range(
            &at("2026-11-25T10:00:00+01:00"),
            Some(&at("2026-11-25T11:00:00+01:00"))
        ),
        "10:00 – 11:00"
    );
}

#[test]
fn time_range_without_end_is_the_start() {
    assert_eq!(time_range(&at("2026-11-25T10:00:00+01:00"), None), "10:00");
}

#[test]
fn time_range_in_dutch_time_whatever_the_offsets() {
    assert_eq!(
        time_range(
            &at("2026-11-25T09:00:00Z"),
            Some(&at("2026-11-25T11:30:00+01:00"))
        ),
        "10:00 – 11:30"
    );
}

#[test]
fn time_range_ending_another_day_shows_the_start() {
    assert_eq!(
        time_range(
            &at("2026-11-25T23:00:00+01:00"),
            Some(&at("2026-11-26T01:00:00+01:00"))
        ),
        "23:00"
    );
    // 22:30 UTC is 23:30 Dutch time; 23:30 UTC is already the next Dutch day.
    assert_eq!(
        time_range(
            &at("2026-11-25T22:30:00Z"),
            Some(&at("2026-11-25T23:30:00Z"))
        ),
        "23:30"
    );
}

#[test]
fn time_range_across_the_autumn_change() {
    assert_eq!(
        time_range(
            &at("2026-10-25T01:30:00+02:00"),
            Some(&at("2026-10-25T03:30:00+01:00"))
        ),
        "01:30 – 03:30"
    );
}

#[test]
fn time_range_with_an_end_not_after_the_start_shows_the_start() {
    assert_eq!(
        time_range(
            &at("2026-11-25T11:00:00+01:00"),
            Some(&at("2026-11-25T10:00:00+01:00"))
        ),
        "11:00"
    );
    assert_eq!(
        time_range(
            &at("2026-11-25T11:00:00+01:00"),
            Some(&at("2026-11-25T11:00:00+01:00"))
        ),
        "11:00"
    );
}

// ---------------------------------------------------------------- Instant::parse

#[test]
fn instant_parses_rfc3339_with_offset() {
    let i = at("2026-11-25T10:00:00+01:00");
    assert_eq!(i.0.to_rfc3339(), "2026-11-25T10:00:00+01:00");
}

#[test]
fn instant_parses_z() {
    assert_eq!(at("2026-11-25T09:00:00Z"), at("2026-11-25T10:00:00+01:00"));
    assert_eq!(at("2026-11-25T09:00:00z"), at("2026-11-25T10:00:00+01:00"));
}

#[test]
fn instant_parses_without_seconds() {
    assert_eq!(
        at("2026-11-25T10:00+01:00"),
        at("2026-11-25T10:00:00+01:00")
    );
}

#[test]
fn instant_parses_z_without_seconds() {
    assert_eq!(at("2026-11-25T09:00Z"), at("2026-11-25T10:00:00+01:00"));
}

#[test]
fn instant_parses_fractional_seconds() {
    let i = at("2026-11-25T10:00:00.250+01:00");
    assert_eq!(time(&i), "10:00");
}

#[test]
fn instant_parses_an_offset_without_colon() {
    assert_eq!(
        at("2026-11-25T10:00:00+0100"),
        at("2026-11-25T10:00:00+01:00")
    );
}

#[test]
fn instant_parses_a_space_for_the_t() {
    assert_eq!(
        at("2026-11-25 10:00:00+01:00"),
        at("2026-11-25T10:00:00+01:00")
    );
    assert_eq!(at("2026-11-25 10:00"), at("2026-11-25T10:00:00+01:00"));
}

#[test]
fn instant_trims_whitespace() {
    assert_eq!(
        at("  2026-11-25T10:00:00+01:00\n"),
        at("2026-11-25T10:00:00+01:00")
    );
}

#[test]
fn instant_without_offset_is_amsterdam_winter_time() {
    assert_eq!(
        at("2026-11-25T10:00:00").0.to_rfc3339(),
        "2026-11-25T10:00:00+01:00"
    );
    assert_eq!(
        at("2026-11-25T10:00").0.to_rfc3339(),
        "2026-11-25T10:00:00+01:00"
    );
}

#[test]
fn instant_without_offset_is_amsterdam_summer_time() {
    assert_eq!(
        at("2026-07-01T10:00:00").0.to_rfc3339(),
        "2026-07-01T10:00:00+02:00"
    );
    assert_eq!(time(&at("2026-07-01T10:00")), "10:00");
}

#[test]
fn instant_without_offset_on_the_change_days() {
    assert_eq!(
        at("2026-03-29T10:00").0.to_rfc3339(),
        "2026-03-29T10:00:00+02:00"
    );
    assert_eq!(
        at("2026-10-25T10:00").0.to_rfc3339(),
        "2026-10-25T10:00:00+01:00"
    );
    assert_eq!(
        at("2027-03-28T10:00").0.to_rfc3339(),
        "2027-03-28T10:00:00+02:00"
    );
    assert_eq!(
        at("2027-10-31T10:00").0.to_rfc3339(),
        "2027-10-31T10:00:00+01:00"
    );
}

#[test]
fn instant_without_offset_with_fractional_seconds() {
    assert_eq!(
        at("2026-11-25T10:00:00.5").0.timestamp(),
        at("2026-11-25T10:00:00+01:00").0.timestamp()
    );
}

#[test]
fn instant_in_the_missing_spring_hour_moves_forward() {
    // 02:30 does not exist on 29 March 2026: the clock jumps from 02:00 to 03:00.
    assert_eq!(
        at("2026-03-29T02:30").0.to_rfc3339(),
        "2026-03-29T03:30:00+02:00"
    );
}

#[test]
fn instant_in_the_repeated_autumn_hour_takes_the_first() {
    assert_eq!(
        at("2026-10-25T02:30").0.to_rfc3339(),
        "2026-10-25T02:30:00+02:00"
    );
}

#[test]
fn instant_rejects_what_is_not_a_date_time() {
    for bad in [
        "",
        "2026-11-25",
        "10:00",
        "morgen",
        "2026-13-01T10:00:00Z",
        "2026-11-25T25:00:00Z",
        "2026-02-30T10:00:00+01:00",
        "25-11-2026 10:00",
        "2026-11-25T10",
    ] {
        assert!(Instant::parse(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn instant_equality_is_the_same_moment_in_any_offset() {
    assert_eq!(
        at("2026-11-25T10:00:00+01:00"),
        at("2026-11-25T04:00:00-05:00")
    );
    assert!(at("2026-11-25T10:00:00+01:00") < at("2026-11-25T10:00:00+00:00"));
}

#[test]
fn instant_serialises_as_rfc3339_and_back() {
    let i = at("2026-11-25T10:00:00+01:00");
    let json = serde_json::to_string(&i).unwrap();
    assert_eq!(json, "\"2026-11-25T10:00:00+01:00\"");
    assert_eq!(serde_json::from_str::<Instant>(&json).unwrap(), i);
    assert!(serde_json::from_str::<Instant>("\"morgen\"").is_err());
    assert!(serde_json::from_str::<Instant>("1764061200").is_err());
}

// ---------------------------------------------------------------- Date::parse

#[test]
fn date_parses_yyyy_mm_dd() {
    assert_eq!(Date::parse("2026-11-25"), Some(Date(day("2026-11-25"))));
    assert_eq!(Date::parse(" 2026-11-25 "), Some(Date(day("2026-11-25"))));
    assert_eq!(Date::parse("2028-02-29"), Some(Date(day("2028-02-29"))));
}

#[test]
fn date_rejects_other_forms() {
    for bad in [
        "2026-02-29",
        "2026-11-5",
        "25-11-2026",
        "2026/11/25",
        "2026-11-25T10:00",
        "",
        "20261125",
    ] {
        assert_eq!(Date::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn date_serialises_as_yyyy_mm_dd_and_back() {
    let d = Date(day("2026-03-02"));
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-03-02\"");
    assert_eq!(serde_json::from_str::<Date>("\"2026-03-02\"").unwrap(), d);
    assert!(serde_json::from_str::<Date>("\"2 maart\"").is_err());
}

#[test]
fn dates_order_by_day() {
    assert!(Date(day("2026-03-02")) < Date(day("2026-11-25")));
}

#[test]
fn day_short_absolute_never_says_today() {
    use koers::model::dates::day_short_absolute;
    let today = day("2026-12-03");
    assert_eq!(day_short_absolute(today, today, "nl"), "do 3 dec");
    assert_eq!(
        day_short_absolute(day("2026-12-01"), today, "nl"),
        "di 1 dec"
    );
    assert_eq!(
        day_short_absolute(day("2025-12-02"), today, "nl"),
        "di 2 dec 2025"
    );
}

// ------------------------------------- the liberal forms against chrono's own parser

/// How the app read a date-time until issue #19: chrono's `parse_from_str` with these
/// formats. The app now scans the liberal forms itself (16 KB less for the home screen);
/// this is the reference it must agree with.
fn chrono_reference(s: &str) -> Option<Instant> {
    use chrono::{NaiveDateTime, TimeDelta, TimeZone};
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(Instant(dt));
    }
    let s = s.replacen(' ', "T", 1);
    let s = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => format!("{rest}+00:00"),
        None => s,
    };
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(dt) = DateTime::parse_from_str(&s, format) {
            return Some(Instant(dt));
        }
    }
    let naive = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .into_iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&s, format).ok())?;
    let tz = koers::model::lenient::TZ;
    let local = tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&(naive + TimeDelta::hours(1)))
            .earliest()
    })?;
    Some(Instant(local.fixed_offset()))
}

/// Every combination of these pieces: the contract's forms, its liberal ones, fields with
/// fewer digits or a space before them, values out of range, and what is not a date-time at
/// all.
#[test]
fn liberal_date_times_read_as_chrono_read_them() {
    let dates = [
        "2026-11-25",
        "2026-1-5",
        "26-11-25",
        "2026-02-29",
        "2026-13-01",
        "2026-03-29",
        "2026- 11-25",
        "2026/11/25",
    ];
    let seps = ["T", " ", "t", "", "TT", "  "];
    let hours = ["10", "9", "02", "24", ""];
    let minutes = [":00", ":5", ":30", ":60", "", ":", ": 05", ":59"];
    let seconds = ["", ":00", ":7", ":59", ":60", ":61", ":", "::00"];
    let fractions = ["", ".5", ".1234567891234", ".", ".x"];
    let offsets = [
        "",
        "Z",
        "z",
        "+01:00",
        "+0100",
        "-0530",
        "+01",
        "+1:00",
        "+24:00",
        "+01:60",
        " +01:00",
        " Z",
        "+01:00:00",
        "UTC",
    ];
    let mut compared = 0;
    let mut read = 0;
    let mut differ = Vec::new();
    for date in dates {
        for sep in seps {
            for hour in hours {
                for minute in minutes {
                    for second in seconds {
                        for fraction in fractions {
                            for offset in offsets {
                                let s =
                                    format!("{date}{sep}{hour}{minute}{second}{fraction}{offset}");
                                let ours = Instant::parse(&s);
                                let chrono = chrono_reference(&s);
                                let ours_read = ours.map(|i| (i.0, i.0.offset().local_minus_utc()));
                                let chrono_read =
                                    chrono.map(|i| (i.0, i.0.offset().local_minus_utc()));
                                // Where the app reads more: a space after a `T`. The old
                                // code turned the first space into the `T`, so it turned that
                                // one and failed; after a space between date and time, the
                                // same space further on was read.
                                let first_space_parts = sep.starts_with(' ') && !date.contains(' ');
                                let more = ours_read.is_some()
                                    && chrono_read.is_none()
                                    && !first_space_parts
                                    && s.contains(' ');
                                if ours_read != chrono_read && !more && differ.len() < 40 {
                                    differ.push(format!("{s:?}: {ours_read:?} / {chrono_read:?}"));
                                }
                                compared += 1;
                                read += usize::from(ours.is_some());
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(differ.is_empty(), "ours / chrono's:\n{}", differ.join("\n"));
    // The corpus is not all rejects: a good share of it reads.
    assert!(
        compared > 1_000_000 && read > 20_000,
        "{compared} compared, {read} read"
    );
}

#[test]
fn dates_read_as_chrono_read_them() {
    for s in [
        "2026-11-25",
        " 2026-11-25 ",
        "2028-02-29",
        "2026-02-29",
        "2026-1-25",
        "2026-01-5",
        "2026- 1-25",
        "2026-01- 5",
        "2026-1 -25",
        " 026-11-25",
        "26-11-25",
        "2026-13-01",
        "2026-11-32",
        "0000-01-01",
        "9999-12-31",
        "2026/11/25",
        "2026-11-2a",
        "２０２６-11-25",
        "2026-11-25T10:00",
        "",
        "20261125",
        "2026-11--5",
    ] {
        let t = s.trim();
        let chrono = (t.len() == 10)
            .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
            .flatten();
        assert_eq!(Date::parse(s).map(|d| d.0), chrono, "{s:?}");
    }
}

#[test]
fn dates_are_written_as_chrono_wrote_them() {
    for d in ["2026-03-02", "0001-01-01", "9999-12-31", "2028-02-29"] {
        let d = day(d);
        assert_eq!(
            koers::model::lenient::ymd(d),
            d.format("%Y-%m-%d").to_string()
        );
    }
}
