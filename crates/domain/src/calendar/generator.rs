//! Special days of a year generated from the Labour Code 2019 (Art. 111 §3, Art. 112 §1), for years
//! without an official schedule. The Government fixes the real Tết days and swaps each year, so a
//! generated year is provisional until an administrator confirms or edits it.

use super::{DayKind, DaySource, SpecialDay};
use crate::lunar::{self, LunarDate};
use chrono::{Datelike, Days, NaiveDate, Weekday};

const ART_112: &str = "Bộ luật Lao động 2019, Điều 112 khoản 1";
const ART_111: &str = "Bộ luật Lao động 2019, Điều 111 khoản 3";

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn holiday(date: NaiveDate, name: &str, point: &str, note: Option<String>) -> SpecialDay {
    SpecialDay {
        date,
        kind: DayKind::Holiday,
        name: name.to_owned(),
        reference: format!("{ART_112} điểm {point}"),
        note,
        source: DaySource::Generated,
    }
}

/// The statutory holidays of a year and their compensatory days off, sorted by date.
///
/// Tết Âm lịch is taken as the last day of the lunar year and mùng 1–4; Quốc khánh as 02/9 with
/// 01/9, or 03/9 when 01/9 is a rest day. Each holiday on a Saturday or Sunday gives one nghỉ bù on
/// the next weekday that is not already off.
pub fn generate_year(year: i32) -> Vec<SpecialDay> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut days = Vec::with_capacity(16);
    if let Some(d) = ymd(1, 1) {
        days.push(holiday(d, "Tết Dương lịch", "a", None));
    }
    let tet = lunar::tet(year);
    for offset in 0..5u64 {
        if let Some(d) = tet
            .checked_sub_days(Days::new(1))
            .and_then(|eve| eve.checked_add_days(Days::new(offset)))
        {
            let note = Some(LunarDate::from_solar(d).to_vietnamese());
            days.push(holiday(d, "Tết Nguyên đán", "b", note));
        }
    }
    let gio_to = LunarDate {
        year,
        month: 3,
        day: 10,
        leap: false,
    };
    if let Some(d) = gio_to.to_solar() {
        days.push(holiday(
            d,
            "Giỗ Tổ Hùng Vương",
            "e",
            Some(gio_to.to_vietnamese()),
        ));
    }
    if let Some(d) = ymd(4, 30) {
        days.push(holiday(d, "Ngày Chiến thắng", "c", None));
    }
    if let Some(d) = ymd(5, 1) {
        days.push(holiday(d, "Ngày Quốc tế lao động", "d", None));
    }
    if let (Some(first), Some(second), Some(third)) = (ymd(9, 1), ymd(9, 2), ymd(9, 3)) {
        let adjacent = if is_weekend(first) { third } else { first };
        let mut pair = [adjacent, second];
        pair.sort();
        for d in pair {
            days.push(holiday(d, "Quốc khánh", "đ", None));
        }
    }
    days.sort_by_key(|d| d.date);
    days.dedup_by_key(|d| d.date);
    add_compensatory_days(days)
}

fn add_compensatory_days(holidays: Vec<SpecialDay>) -> Vec<SpecialDay> {
    let mut all = holidays.clone();
    for h in holidays.iter().filter(|h| is_weekend(h.date)) {
        let mut d = h.date;
        while let Some(next) = d.succ_opt() {
            d = next;
            if !is_weekend(d) && !all.iter().any(|x| x.date == d) {
                all.push(SpecialDay {
                    date: d,
                    kind: DayKind::CompensatoryOff,
                    name: h.name.clone(),
                    reference: ART_111.to_owned(),
                    note: Some(format!("nghỉ bù cho ngày {}", crate::format::date(h.date))),
                    source: DaySource::Generated,
                });
                break;
            }
        }
    }
    all.sort_by_key(|d| d.date);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn off_days(year: i32) -> Vec<(String, DayKind)> {
        generate_year(year)
            .into_iter()
            .map(|d| (crate::format::date(d.date), d.kind))
            .collect()
    }

    #[test]
    fn generates_2027_with_compensatory_days() {
        // Tết 2027 is Sat 06/02: eve Fri 05/02, mùng 1–4 Sat 06 – Tue 09/02; Sat and Sun give
        // nghỉ bù on Wed 10 and Thu 11. Giỗ Tổ Fri 16/04. 30/4 Fri, 1/5 Sat → nghỉ bù Mon 03/05.
        // 02/9 Thu with 01/9 Wed.
        use DayKind::{CompensatoryOff as C, Holiday as H};
        let expected: Vec<(String, DayKind)> = [
            ("01/01/2027", H),
            ("05/02/2027", H),
            ("06/02/2027", H),
            ("07/02/2027", H),
            ("08/02/2027", H),
            ("09/02/2027", H),
            ("10/02/2027", C),
            ("11/02/2027", C),
            ("16/04/2027", H),
            ("30/04/2027", H),
            ("01/05/2027", H),
            ("03/05/2027", C),
            ("01/09/2027", H),
            ("02/09/2027", H),
        ]
        .into_iter()
        .map(|(d, k)| (d.to_owned(), k))
        .collect();
        assert_eq!(off_days(2027), expected);
    }

    #[test]
    fn quoc_khanh_takes_the_day_after_when_the_day_before_is_a_rest_day() {
        // 2029: 02/9 is a Sunday, 01/9 a Saturday → 02/9 and 03/9 (Mon), nghỉ bù Tue 04/9.
        let days = generate_year(2029);
        let sept: Vec<_> = days
            .iter()
            .filter(|d| d.date.month() == 9)
            .map(|d| (d.date.day(), d.kind))
            .collect();
        assert_eq!(
            sept,
            [
                (2, DayKind::Holiday),
                (3, DayKind::Holiday),
                (4, DayKind::CompensatoryOff)
            ]
        );
    }

    #[test]
    fn every_generated_day_cites_the_labour_code() {
        for year in [2000, 2027, 2030, 2099] {
            for d in generate_year(year) {
                assert!(d.reference.starts_with("Bộ luật Lao động 2019"), "{d:?}");
                assert_eq!(d.source, DaySource::Generated);
            }
        }
    }
}
