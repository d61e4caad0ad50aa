//! Reporting periods: VPCP cut-off windows, calendar periods, ranges, labels.

use crate::support::{at, date};
use motcua_domain::stats::{Period, PeriodError, PeriodKind};

fn dates(p: Period) -> (String, String) {
    (
        motcua_domain::format::date(p.from()),
        motcua_domain::format::date(p.to()),
    )
}

fn pair(from: &str, to: &str) -> (String, String) {
    (from.to_owned(), to.to_owned())
}

#[test]
fn vpcp_windows_run_from_the_15th_to_the_14th() {
    let m = Period::month(2026, 1).unwrap();
    assert_eq!(dates(m), pair("15/12/2025", "14/01/2026"));
    assert_eq!(
        dates(Period::month(2026, 3).unwrap()),
        pair("15/02/2026", "14/03/2026")
    );
    assert_eq!(
        dates(Period::year(2023).unwrap()),
        pair("15/12/2022", "14/12/2023")
    );
    assert_eq!(
        dates(Period::quarter(2026, 1).unwrap()),
        pair("15/12/2025", "14/03/2026")
    );
    assert_eq!(
        dates(Period::quarter(2026, 4).unwrap()),
        pair("15/09/2026", "14/12/2026")
    );
    assert_eq!(
        dates(Period::six_months(2026).unwrap()),
        pair("15/12/2025", "14/06/2026")
    );
    assert_eq!(
        dates(Period::nine_months(2026).unwrap()),
        pair("15/12/2025", "14/09/2026")
    );
}

#[test]
fn calendar_periods_and_ranges() {
    assert_eq!(
        dates(Period::calendar_month(2024, 2).unwrap()),
        pair("01/02/2024", "29/02/2024")
    );
    assert_eq!(
        dates(Period::calendar_quarter(2026, 4).unwrap()),
        pair("01/10/2026", "31/12/2026")
    );
    assert_eq!(
        dates(Period::calendar_year(2023).unwrap()),
        pair("01/01/2023", "31/12/2023")
    );
    let r = Period::range(date(2023, 1, 1), date(2023, 11, 30)).unwrap();
    assert_eq!(r.days(), 334);
    assert_eq!(r.kind(), PeriodKind::Range);
    assert_eq!(
        Period::range(date(2023, 2, 1), date(2023, 1, 31)),
        Err(PeriodError::Reversed {
            from: date(2023, 2, 1),
            to: date(2023, 1, 31)
        })
    );
    assert_eq!(Period::month(2026, 13), Err(PeriodError::Month(13)));
    assert_eq!(Period::quarter(2026, 0), Err(PeriodError::Quarter(0)));
    assert!(Period::range(date(2023, 1, 1), date(2023, 1, 1)).is_ok());
}

#[test]
fn start_and_end_are_midnights_around_the_dates() {
    let p = Period::month(2026, 11).unwrap();
    assert_eq!(p.start(), at(2026, 10, 15, 0, 0));
    assert_eq!(p.end(), at(2026, 11, 15, 0, 0));
    assert!(p.contains(date(2026, 11, 14)) && !p.contains(date(2026, 11, 15)));
}

#[test]
fn previous_is_the_adjacent_window_of_the_same_kind() {
    let jan = Period::month(2026, 1).unwrap();
    assert_eq!(jan.previous().unwrap(), Period::month(2025, 12).unwrap());
    assert!(jan.previous().unwrap().is_followed_by(&jan));
    let q1 = Period::quarter(2026, 1).unwrap();
    assert_eq!(q1.previous().unwrap(), Period::quarter(2025, 4).unwrap());
    assert_eq!(
        Period::year(2024).unwrap().previous().unwrap(),
        Period::year(2023).unwrap()
    );
    let h1 = Period::six_months(2026).unwrap();
    assert_eq!(
        dates(h1.previous().unwrap()),
        pair("15/06/2025", "14/12/2025")
    );
    assert_eq!(
        Period::calendar_month(2026, 3).unwrap().previous().unwrap(),
        Period::calendar_month(2026, 2).unwrap()
    );
    let r = Period::range(date(2023, 1, 1), date(2023, 1, 10)).unwrap();
    assert_eq!(
        dates(r.previous().unwrap()),
        pair("22/12/2022", "31/12/2022")
    );
}

#[test]
fn vietnamese_labels() {
    assert_eq!(
        Period::month(2026, 11).unwrap().label_vi(),
        "Tháng 11/2026 (15/10/2026 – 14/11/2026)"
    );
    assert_eq!(
        Period::quarter(2026, 4).unwrap().label_vi(),
        "Quý IV/2026 (15/09/2026 – 14/12/2026)"
    );
    assert_eq!(
        Period::six_months(2026).unwrap().name_vi(),
        "6 tháng đầu năm 2026"
    );
    assert_eq!(
        Period::six_months(2026)
            .unwrap()
            .previous()
            .unwrap()
            .name_vi(),
        "6 tháng cuối năm 2025"
    );
    assert_eq!(
        Period::nine_months(2026).unwrap().name_vi(),
        "9 tháng năm 2026"
    );
    assert_eq!(
        Period::year(2023).unwrap().label_vi(),
        "Năm 2023 (15/12/2022 – 14/12/2023)"
    );
    assert_eq!(
        Period::calendar_year(2023).unwrap().label_vi(),
        "Năm 2023 (01/01/2023 – 31/12/2023)"
    );
    assert_eq!(
        Period::range(date(2023, 1, 1), date(2023, 11, 30))
            .unwrap()
            .label_vi(),
        "01/01/2023 – 30/11/2023"
    );
}

#[test]
fn serialised_periods_are_checked_on_the_way_in() {
    let p = Period::quarter(2026, 2).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
    let forged = json.replace("2026-03-15", "2026-03-01");
    assert!(serde_json::from_str::<Period>(&forged).is_err());
    let reversed = r#"{"from":"2026-02-01","to":"2026-01-01","kind":{"type":"range"}}"#;
    assert!(serde_json::from_str::<Period>(reversed).is_err());
}
