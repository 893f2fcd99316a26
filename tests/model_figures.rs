use koers::model::figures::{bar_length, decimal, filter_query, percent, safe_id};
use koers::model::results::ResultsFilter;

#[test]
fn decimals_follow_the_language() {
    assert_eq!(decimal(7.94, "nl"), "7,9");
    assert_eq!(decimal(7.94, "en"), "7.9");
    assert_eq!(decimal(8.0, "nl"), "8,0");
    assert_eq!(decimal(7.96, "nl"), "8,0");
    assert_eq!(decimal(3.25, "ar"), "3.2");
    assert_eq!(decimal(7.94, "pl"), "7,9");
    assert_eq!(decimal(7.94, "tr"), "7,9");
}

#[test]
fn bars_and_percentages() {
    assert_eq!(bar_length(0, 10, 200), 0);
    assert_eq!(bar_length(5, 10, 200), 100);
    assert_eq!(bar_length(10, 10, 200), 200);
    assert_eq!(bar_length(1, 1000, 200), 1);
    assert_eq!(bar_length(3, 0, 200), 0);
    assert_eq!(percent(1, 3), 33);
    assert_eq!(percent(2, 3), 67);
    assert_eq!(percent(1, 0), 0);
}

#[test]
fn filter_as_query_string() {
    assert_eq!(filter_query(&ResultsFilter::default()), "");
    let f = ResultsFilter::parse(Some("2026-11-01"), Some("2026-11-30"), Some("kiosk")).unwrap();
    assert_eq!(
        filter_query(&f),
        "?from=2026-11-01&to=2026-11-30&mode=kiosk"
    );
    let f = ResultsFilter::parse(None, None, Some("assisted")).unwrap();
    assert_eq!(filter_query(&f), "?mode=assisted");
}

#[test]
fn ids_are_made_safe() {
    assert_eq!(safe_id("deo-2026"), "deo-2026");
    assert_eq!(safe_id("../x?y=1"), "xy1");
}
