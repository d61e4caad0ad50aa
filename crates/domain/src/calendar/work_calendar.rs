//! A named working calendar: the kind of every day from 1900 to 2100, with why.

use super::{CalendarData, DayKind, DaySource, SpecialDay, generate_year};
use crate::input::{FieldError, Reason, TextRule};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// First year a calendar covers with holidays; earlier days follow the plain weekly rule.
pub const FIRST_YEAR: i32 = 1900;
/// Last year a calendar covers with holidays; later days follow the plain weekly rule.
pub const LAST_YEAR: i32 = 2100;

/// An administrator's change to one day, with its reason and the notice that justifies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarOverride {
    /// The day changed.
    pub date: NaiveDate,
    /// Its new kind.
    pub kind: DayKind,
    /// Why (shown in explanations).
    pub reason: String,
    /// The instrument (notice number and date).
    pub reference: String,
}

/// The notice a calendar change cites, e.g. `Thông báo 6150/TB-VPCP ngày 12/12/2025`.
const REFERENCE: TextRule = TextRule::line("Số hiệu văn bản", 300);

impl CalendarOverride {
    /// The change with its reason and reference trimmed and bounded (docs/rules.md, «Dữ liệu
    /// nhập»); the error names the field (`reason`, `reference`). Both are required.
    pub fn parse_texts(&self) -> Result<CalendarOverride, FieldError> {
        Ok(CalendarOverride {
            date: self.date,
            kind: self.kind,
            reason: Reason::parse(&self.reason)
                .map_err(|e| FieldError::new("reason", e))?
                .into(),
            reference: REFERENCE
                .parse(&self.reference)
                .map_err(|e| FieldError::new("reference", e))?
                .into(),
        })
    }
}

/// A working calendar, built once and then read by every deadline computation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    name: String,
    label: String,
    /// `num_days_from_ce` of 01/01/FIRST_YEAR.
    base: i32,
    kinds: Vec<DayKind>,
    special: BTreeMap<NaiveDate, SpecialDay>,
    official_years: BTreeSet<i32>,
}

fn weekly_kind(date: NaiveDate) -> DayKind {
    match date.weekday() {
        Weekday::Sat | Weekday::Sun => DayKind::Weekend,
        _ => DayKind::Working,
    }
}

impl WorkCalendar {
    /// Builds a calendar: weekly rule, then generated years, then the official data, then overrides.
    pub fn build(data: &CalendarData, overrides: &[CalendarOverride]) -> WorkCalendar {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MIN);
        let kinds = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(weekly_kind)
            .collect();
        let official_years: BTreeSet<i32> = data.official_years.iter().copied().collect();
        let mut calendar = WorkCalendar {
            name: data.name.clone(),
            label: data.label.clone(),
            base: first.num_days_from_ce(),
            kinds,
            special: BTreeMap::new(),
            official_years,
        };
        for year in FIRST_YEAR..=LAST_YEAR {
            if !calendar.official_years.contains(&year) {
                generate_year(year)
                    .into_iter()
                    .for_each(|d| calendar.set(d));
            }
        }
        data.days.iter().cloned().for_each(|d| calendar.set(d));
        for o in overrides {
            calendar.set(SpecialDay {
                date: o.date,
                kind: o.kind,
                name: o.reason.clone(),
                reference: o.reference.clone(),
                note: None,
                source: DaySource::Override,
            });
        }
        calendar
    }

    /// The shipped civil-service calendar `ccvc` without overrides.
    pub fn ccvc() -> WorkCalendar {
        WorkCalendar::build(&CalendarData::ccvc(), &[])
    }

    fn set(&mut self, day: SpecialDay) {
        if let Some(slot) = self.index(day.date).and_then(|i| self.kinds.get_mut(i)) {
            *slot = day.kind;
            self.special.insert(day.date, day);
        }
    }

    #[inline]
    fn index(&self, date: NaiveDate) -> Option<usize> {
        usize::try_from(date.num_days_from_ce() - self.base).ok()
    }

    /// The calendar's name, e.g. `ccvc`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The calendar's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The kind of a day.
    #[inline]
    pub fn kind(&self, date: NaiveDate) -> DayKind {
        match self.index(date).and_then(|i| self.kinds.get(i)) {
            Some(kind) => *kind,
            None => weekly_kind(date),
        }
    }

    /// Whether deadlines count this day.
    #[inline]
    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.kind(date).is_working()
    }

    /// The first working day strictly after `date`.
    #[inline]
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        while let Some(next) = d.succ_opt() {
            d = next;
            if self.is_working(d) {
                break;
            }
        }
        d
    }

    /// The last working day strictly before `date`.
    pub fn previous_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        while let Some(prev) = d.pred_opt() {
            d = prev;
            if self.is_working(d) {
                break;
            }
        }
        d
    }

    /// Why a day is special, if it is.
    pub fn special(&self, date: NaiveDate) -> Option<&SpecialDay> {
        self.special.get(&date)
    }

    /// Special days between two dates, inclusive.
    pub fn special_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = &SpecialDay> {
        let range = if from <= to { from..=to } else { to..=to };
        self.special.range(range).map(|(_, d)| d)
    }

    /// Whether a year's holidays are generated rather than taken from an official schedule.
    pub fn is_provisional(&self, year: i32) -> bool {
        !self.official_years.contains(&year) && (FIRST_YEAR..=LAST_YEAR).contains(&year)
    }

    /// Years with an official schedule.
    pub fn official_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.official_years.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekly_rule_outside_the_covered_years() {
        let cal = WorkCalendar::ccvc();
        assert_eq!(cal.kind(d(1899, 12, 30)), DayKind::Weekend);
        assert_eq!(cal.kind(d(2101, 1, 3)), DayKind::Working);
        assert!(!cal.is_provisional(2101));
    }

    #[test]
    fn official_years_are_not_provisional_and_generated_years_are() {
        let cal = WorkCalendar::ccvc();
        for y in 2023..=2026 {
            assert!(!cal.is_provisional(y), "{y}");
        }
        assert!(cal.is_provisional(2027));
        assert_eq!(
            cal.special(d(2027, 2, 6)).unwrap().source,
            DaySource::Generated
        );
    }

    #[test]
    fn overrides_win_and_keep_their_reason() {
        let o = CalendarOverride {
            date: d(2026, 11, 24),
            kind: DayKind::Holiday,
            reason: "Ngày Văn hóa Việt Nam".into(),
            reference: "Thông báo thử nghiệm số 1".into(),
        };
        let cal = WorkCalendar::build(&CalendarData::ccvc(), &[o]);
        assert_eq!(cal.kind(d(2026, 11, 24)), DayKind::Holiday);
        let s = cal.special(d(2026, 11, 24)).unwrap();
        assert_eq!(
            (s.source, s.reference.as_str()),
            (DaySource::Override, "Thông báo thử nghiệm số 1")
        );
        assert!(WorkCalendar::ccvc().is_working(d(2026, 11, 24)));
    }

    #[test]
    fn next_and_previous_working_days_skip_tet_2024() {
        let cal = WorkCalendar::ccvc();
        assert_eq!(cal.next_working_day(d(2024, 2, 7)), d(2024, 2, 15));
        assert_eq!(cal.previous_working_day(d(2024, 2, 15)), d(2024, 2, 7));
    }
}
