//! Vietnamese lunar calendar (âm lịch), computed for UTC+07:00.
//!
//! The calendar is lunisolar and purely astronomical (the algorithm published by Hồ Ngọc
//! Đức, re-implemented here from its description):
//!
//! * a month starts on the local (UTC+7) day of a new moon, given by the truncated series of
//!   Jean Meeus (*Astronomical Algorithms*);
//! * the month containing the winter solstice (apparent sun longitude 270°) is month 11;
//! * when 13 months separate a month 11 from the next, the first month after the first
//!   month 11 that contains no major solar term (sun longitude a multiple of 30°) is the
//!   leap month; it repeats the number of the month before it.
//!
//! Days are handled as Julian day numbers (JDN) of local civil days. A major term falls on
//! the local day during which the sun reaches its longitude; a month contains the terms
//! falling on its days. The tests check every day of 1800–2199 against a direct port of
//! the published algorithm, and known dates of 1900–2100; far outside that range the
//! results are astronomically meaningless, but no function panics.
//!
//! Only the few new moons a question needs are computed exactly: whether a new moon falls
//! before or after a given day is usually settled by the mean lunation and a bound on the
//! periodic terms, and which month a solar term falls in usually by its mean date.

use std::f64::consts::PI;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Time zone of the Vietnamese calendar, as a fraction of a day.
const TZ_DAYS: f64 = 7.0 / 24.0;
/// Degrees to radians.
const DEG: f64 = PI / 180.0;
/// JDN minus `NaiveDate::num_days_from_ce`.
const JDN_CE_OFFSET: i64 = 1_721_425;
/// Mean length of a synodic month, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Julian date of new moon number 0 (1900-01-01 13:51 UT).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Sum of the amplitudes (days) of the periodic terms of a new moon, apart from the
/// part growing with time, plus a margin for rounding.
const NEW_MOON_SPREAD: f64 = 0.625;
/// Mean daily motion of the sun in longitude, degrees.
const SUN_MEAN_MOTION: f64 = 0.985_647_36;
/// Daily motion of the sun's mean anomaly, radians.
const SUN_ANOMALY_MOTION: f64 = 0.017_202;

/// The 60 names of the sexagenary cycle; index 0 (Giáp Tý) is the year 4 (and 1984, 2044).
#[rustfmt::skip]
const CAN_CHI: [&str; 60] = [
    "Giáp Tý", "Ất Sửu", "Bính Dần", "Đinh Mão", "Mậu Thìn", "Kỷ Tỵ",
    "Canh Ngọ", "Tân Mùi", "Nhâm Thân", "Quý Dậu", "Giáp Tuất", "Ất Hợi",
    "Bính Tý", "Đinh Sửu", "Mậu Dần", "Kỷ Mão", "Canh Thìn", "Tân Tỵ",
    "Nhâm Ngọ", "Quý Mùi", "Giáp Thân", "Ất Dậu", "Bính Tuất", "Đinh Hợi",
    "Mậu Tý", "Kỷ Sửu", "Canh Dần", "Tân Mão", "Nhâm Thìn", "Quý Tỵ",
    "Giáp Ngọ", "Ất Mùi", "Bính Thân", "Đinh Dậu", "Mậu Tuất", "Kỷ Hợi",
    "Canh Tý", "Tân Sửu", "Nhâm Dần", "Quý Mão", "Giáp Thìn", "Ất Tỵ",
    "Bính Ngọ", "Đinh Mùi", "Mậu Thân", "Kỷ Dậu", "Canh Tuất", "Tân Hợi",
    "Nhâm Tý", "Quý Sửu", "Giáp Dần", "Ất Mão", "Bính Thìn", "Đinh Tỵ",
    "Mậu Ngọ", "Kỷ Mùi", "Canh Thân", "Tân Dậu", "Nhâm Tuất", "Quý Hợi",
];

/// A date of the Vietnamese lunar calendar.
///
/// Dates order chronologically: by year, month, leap flag (a leap month follows the
/// normal month of the same number), then day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    /// Lunar year, numbered like the Gregorian year in which its Tết falls
    /// (Tết on 2030-02-02 begins lunar year 2030, Canh Tuất).
    pub year: i32,
    /// Month, 1 (tháng Giêng) to 12 (tháng Chạp).
    pub month: u8,
    /// Whether this is the leap month (tháng nhuận) that repeats `month`.
    pub leap: bool,
    /// Day of the month, 1 to 29 or 30.
    pub day: u8,
}

impl LunarDate {
    /// Lunar date of a solar (Gregorian) date.
    pub fn from_solar(date: NaiveDate) -> LunarDate {
        let d = jdn(date);
        let k = month_of(d);
        let yy = i64::from(date.year());
        // Months are grouped in spans (month 11, next month 11]: a span holds the end of
        // one lunar year (month 12, possibly 11 or 12 nhuận) and months 1..=11 of the next.
        let (a11, a_term) = month11(yy);
        let (k11, term11, end, mut year) = if a11 >= k {
            let (prev, prev_term) = month11(yy - 1);
            (prev, prev_term, a11, yy)
        } else {
            (a11, a_term, month11(yy + 1).0, yy + 1)
        };
        let diff = k - k11;
        let mut month = diff + 11;
        let mut leap = false;
        // In a span of 13 months the leap month is at or before this one when the first
        // month without a major term comes at most `diff` months after month 11; the
        // closing month 11 (diff 13) always comes after it.
        if end - k11 == 13 {
            let offset = if diff >= 13 {
                Some(0)
            } else {
                first_termless(k11, term11, diff)
            };
            if let Some(offset) = offset {
                month -= 1;
                leap = offset == diff;
            }
        }
        if month > 12 {
            month -= 12;
        }
        if month >= 11 && diff < 4 {
            year -= 1;
        }
        LunarDate {
            year: saturate_i32(year),
            month: u8::try_from(month.clamp(1, 12)).unwrap_or(1),
            leap,
            day: u8::try_from((d - new_moon_day(k) + 1).clamp(1, 30)).unwrap_or(1),
        }
    }

    /// Solar date of this lunar date; None when it does not exist (e.g. day 30 of a
    /// 29-day month, or a leap month that year does not have).
    pub fn to_solar(self) -> Option<NaiveDate> {
        if self.day == 0 || self.day > 30 {
            return None;
        }
        let k = month_index(i64::from(self.year), self.month, self.leap)?;
        let start = new_moon_day(k);
        if self.day == 30 && new_moon_day(k + 1) - start < 30 {
            return None;
        }
        date_of_jdn(start + i64::from(self.day) - 1)
    }

    /// Vietnamese wording: "mùng 1 tháng Giêng năm Canh Tuất", "mùng 10 tháng 3 năm Đinh
    /// Mùi", "ngày 15 tháng 4 nhuận năm Giáp Thìn", "ngày 30 tháng Chạp năm Ất Tỵ".
    pub fn to_vietnamese(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for LunarDate {
    /// Writes the Vietnamese wording of [`LunarDate::to_vietnamese`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = if self.day <= 10 { "mùng" } else { "ngày" };
        write!(f, "{prefix} {} tháng ", self.day)?;
        match self.month {
            1 => f.write_str("Giêng")?,
            12 => f.write_str("Chạp")?,
            m => write!(f, "{m}")?,
        }
        let leap = if self.leap { " nhuận" } else { "" };
        write!(f, "{leap} năm {}", can_chi_year(self.year))
    }
}

/// Number of days (29 or 30) of the given lunar month, or None if it does not exist that
/// year (month outside 1..=12, or a leap month the year does not have).
pub fn month_length(year: i32, month: u8, leap: bool) -> Option<u8> {
    let k = month_index(i64::from(year), month, leap)?;
    let length = u8::try_from(new_moon_day(k + 1) - new_moon_day(k)).ok()?;
    matches!(length, 29 | 30).then_some(length)
}

/// The leap month of a lunar year (e.g. `Some(4)` for 2020, `Some(6)` for 2025), None if
/// the year has none.
pub fn leap_month(year: i32) -> Option<u8> {
    let year = i64::from(year);
    // Leap months 1..=10 lie in the span ending with month 11 of `year`; leap months 11
    // and 12 in the span starting there.
    let (k11, term11) = month11(year - 1);
    let (end, end_term) = month11(year);
    if end - k11 == 13 {
        let offset = first_termless(k11, term11, 12)?;
        return (offset >= 3).then(|| leap_month_number(offset));
    }
    if month11(year + 1).0 - end == 13 {
        return first_termless(end, end_term, 2).map(leap_month_number);
    }
    None
}

/// Solar date of mùng 1 Tết (1/1 lunar) of the given lunar year.
///
/// Saturates to `NaiveDate::MIN` / `NaiveDate::MAX` for years outside chrono's range.
pub fn tet(year: i32) -> NaiveDate {
    let first = LunarDate {
        year,
        month: 1,
        leap: false,
        day: 1,
    };
    first.to_solar().unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Can Chi name of a lunar year: 2030 → "Canh Tuất", 2024 → "Giáp Thìn", 2026 → "Bính Ngọ".
///
/// The stem is `(year + 6) % 10` of Giáp, Ất, Bính, Đinh, Mậu, Kỷ, Canh, Tân, Nhâm, Quý;
/// the branch `(year + 8) % 12` of Tý, Sửu, Dần, Mão, Thìn, Tỵ, Ngọ, Mùi, Thân, Dậu,
/// Tuất, Hợi.
pub fn can_chi_year(year: i32) -> &'static str {
    let index = (i64::from(year) - 4).rem_euclid(60);
    CAN_CHI[usize::try_from(index).unwrap_or(0)]
}

/// Number of the leap month whose offset from month 11 is `offset` (1 → 11, 2 → 12, 3 → 1…).
fn leap_month_number(offset: i64) -> u8 {
    u8::try_from((offset + 9).rem_euclid(12) + 1).unwrap_or(1)
}

/// Index (new moon number) of the given lunar month, None if it does not exist.
fn month_index(year: i64, month: u8, leap: bool) -> Option<i64> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let anchor = if month >= 11 { year } else { year - 1 };
    let (k11, term11) = month11(anchor);
    // Offset from month 11 when no leap month intervenes: 11 → 0, 12 → 1, 1 → 2 … 10 → 11.
    let offset = (i64::from(month) + 1) % 12;
    if month11(anchor + 1).0 - k11 == 13 {
        if leap {
            // The leap month repeating `month` comes right after it.
            let found = first_termless(k11, term11, offset + 1);
            (found == Some(offset + 1)).then_some(k11 + offset + 1)
        } else {
            let shift = i64::from(first_termless(k11, term11, offset).is_some());
            Some(k11 + offset + shift)
        }
    } else {
        (!leap).then_some(k11 + offset)
    }
}

/// Offset (1..=`limit`) from month 11 `k11`, whose solstice is the major term number
/// `term11`, of the first month containing no major term; None if there is none that early.
fn first_termless(k11: i64, term11: i64, limit: i64) -> Option<i64> {
    // The months containing the successive terms never decrease; a gap is a month
    // without a term.
    let mut last = k11;
    for term in term11 + 1..=term11 + 13 {
        if last - k11 >= limit {
            return None;
        }
        let month = month_of_term(term);
        if month > last + 1 {
            let offset = last + 1 - k11;
            return (offset <= limit).then_some(offset);
        }
        last = month;
    }
    None
}

/// Index of month 11 of Gregorian year `year` (the month containing its December
/// solstice) and the number of that solstice as a major term.
fn month11(year: i64) -> (i64, i64) {
    // Term 9 (270°) of 1999 is the December solstice of 1999; there are 12 terms a year.
    let term = 9 + 12 * (year - 1999);
    (month_of_term(term), term)
}

/// Index of the lunar month containing the day on which the sun reaches 30° × `term`.
fn month_of_term(term: i64) -> i64 {
    // The true crossing differs from the mean one by the equation of centre (< 1.94° +
    // 0.005° per century) and the quadratic term of the mean longitude: by less than
    // `margin` days. Often all the days it may fall on are in one month, and the sun's
    // longitude need not be computed.
    let mean = mean_crossing(term);
    let t = (mean - 2_451_545.0) * (1.0 / 36_525.0);
    let margin = 2.0 + 0.006 * t.abs() + 0.000_4 * t * t;
    let k = month_of(floor(mean - margin));
    if starts_after(k + 1, floor(mean + margin)) {
        k
    } else {
        month_of(term_day(term))
    }
}

/// Local Julian day number, with fraction, at which the mean sun reaches 30° × `term`.
fn mean_crossing(term: i64) -> f64 {
    2_451_545.5 + TZ_DAYS + (30.0 * term as f64 - 280.466_45) * (1.0 / SUN_MEAN_MOTION)
}

/// Index of the lunar month containing day `day`.
fn month_of(day: i64) -> i64 {
    let mut k = floor((day as f64 - NEW_MOON_EPOCH) * (1.0 / SYNODIC_MONTH));
    // The true new moon is within a day of the mean one: a step or two at most.
    for _ in 0..4 {
        if !starts_after(k, day) {
            break;
        }
        k -= 1;
    }
    for _ in 0..4 {
        if starts_after(k + 1, day) {
            break;
        }
        k += 1;
    }
    k
}

/// Whether new moon `k` falls on a day after day `day`, computing it only when the mean
/// new moon and the bound of the periodic terms leave the question open.
fn starts_after(k: i64, day: i64) -> bool {
    let (mean, t) = new_moon_mean(k);
    let spread = NEW_MOON_SPREAD + 0.000_4 * t.abs();
    let next_day = (day + 1) as f64;
    if mean - spread >= next_day {
        true
    } else if mean + spread < next_day {
        false
    } else {
        new_moon_day(k) > day
    }
}

/// Local (UTC+7) day of new moon number `k` (k = 0 is the new moon of 1900-01-01).
///
/// Meeus' series; the sines of multiple and combined angles are expanded from the sine
/// and cosine of the three base angles, which is several times faster than evaluating
/// each one.
fn new_moon_day(k: i64) -> i64 {
    let (mean, t) = new_moon_mean(k);
    let t2 = t * t;
    let t3 = t2 * t;
    let k = k as f64;
    // Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude.
    let m = (359.224_2 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * DEG;
    let p = (306.025_3 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * DEG;
    let f = (21.296_4 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * DEG;
    let (sm, cm) = m.sin_cos();
    let (sp, cp) = p.sin_cos();
    let (sf, cf) = f.sin_cos();
    let (s2m, s2p, c2p) = (2.0 * sm * cm, 2.0 * sp * cp, 1.0 - 2.0 * sp * sp);
    let (s2f, c2f) = (2.0 * sf * cf, 1.0 - 2.0 * sf * sf);
    let s3p = sp * (3.0 - 4.0 * sp * sp);
    let periodic = 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * DEG).sin()
        + (0.173_4 - 0.000_393 * t) * sm
        + 0.002_1 * s2m
        - 0.406_8 * sp
        + 0.016_1 * s2p
        - 0.000_4 * s3p
        + 0.010_4 * s2f
        - 0.005_1 * (sm * cp + cm * sp)
        - 0.007_4 * (sm * cp - cm * sp)
        + 0.000_4 * (s2f * cm + c2f * sm)
        - 0.000_4 * (s2f * cm - c2f * sm)
        - 0.000_6 * (s2f * cp + c2f * sp)
        + 0.001_0 * (s2f * cp - c2f * sp)
        + 0.000_5 * (s2p * cm + c2p * sm);
    floor(mean + periodic)
}

/// Mean part of new moon `k` (local Julian day number plus fraction, corrected for ΔT but
/// without the periodic terms) and its time in Julian centuries from 1900.
fn new_moon_mean(k: i64) -> (f64, f64) {
    let k = k as f64;
    let t = k * (1.0 / 1236.85);
    let t2 = t * t;
    let t3 = t2 * t;
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    let jd = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    (jd - delta_t + 0.5 + TZ_DAYS, t)
}

/// Local day during which the apparent longitude of the sun reaches 30° × `term`; terms
/// are not reduced modulo 12 (term 9 + 12n is the December solstice of 1999 + n).
fn term_day(term: i64) -> i64 {
    let target = 30.0 * term as f64;
    // Day of the mean crossing, then Newton steps from the start of a day: within a few
    // days of the crossing the linear estimate errs by less than 0.005 day.
    let mut day = floor(mean_crossing(term));
    for _ in 0..4 {
        let (longitude, speed) = sun_longitude(day);
        let ahead = (target - longitude) / speed;
        if ahead.abs() > 4.0 {
            day += floor(ahead + 0.5);
            continue;
        }
        let whole = floor(ahead);
        if (0.01..0.99).contains(&(ahead - whole as f64)) {
            return day + whole;
        }
        day += floor(ahead + 0.5);
        break;
    }
    // Too close to midnight to trust the estimate: `day` is near the first day starting
    // at or after the crossing; settle it with the exact sectors.
    for _ in 0..4 {
        if solar_sector(day) >= term {
            break;
        }
        day += 1;
    }
    for _ in 0..4 {
        if solar_sector(day - 1) < term {
            break;
        }
        day -= 1;
    }
    day - 1
}

/// Major-term sector of the sun at the local start of day `day`: ⌊longitude / 30°⌋, not
/// reduced modulo 12.
fn solar_sector(day: i64) -> i64 {
    floor(sun_longitude(day).0 * (1.0 / 30.0))
}

/// Apparent longitude of the sun in degrees (not reduced modulo 360) at the local start
/// of day `day`, and its approximate daily motion in degrees.
fn sun_longitude(day: i64) -> (f64, f64) {
    let t = (day as f64 - 0.5 - TZ_DAYS - 2_451_545.0) * (1.0 / 36_525.0);
    let t2 = t * t;
    let m = (357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2) * DEG;
    let mean_longitude = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let (sm, cm) = m.sin_cos();
    let e1 = 1.914_600 - 0.004_817 * t - 0.000_014 * t2;
    let e2 = 0.019_993 - 0.000_101 * t;
    let center = e1 * sm + e2 * 2.0 * sm * cm + 0.000_290 * sm * (3.0 - 4.0 * sm * sm);
    let speed = SUN_MEAN_MOTION + (e1 * cm + 2.0 * e2 * (1.0 - 2.0 * sm * sm)) * SUN_ANOMALY_MOTION;
    (mean_longitude + center, speed)
}

/// ⌊x⌋ as an integer, clamped to ±2⁵³ so that sums of a few such values cannot overflow
/// (0 for NaN). Faster than `f64::floor`, a libm call on baseline x86-64.
fn floor(x: f64) -> i64 {
    const LIMIT: f64 = 9_007_199_254_740_992.0;
    let x = x.clamp(-LIMIT, LIMIT);
    let truncated = x as i64;
    truncated - i64::from(truncated as f64 > x)
}

/// Julian day number of a date.
fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_CE_OFFSET
}

/// Date of a Julian day number, None outside chrono's range.
fn date_of_jdn(day: i64) -> Option<NaiveDate> {
    i32::try_from(day - JDN_CE_OFFSET)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// Clamps an `i64` year into `i32`.
fn saturate_i32(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(if value < 0 { i32::MIN } else { i32::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn lunar(year: i32, month: u8, day: u8, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            leap,
            day,
        }
    }

    /// A straightforward port of the published algorithm (direct sines, the original
    /// control flow), used to check the optimised code above.
    mod reference {
        use std::f64::consts::PI;

        const DR: f64 = PI / 180.0;
        const TZ: f64 = 7.0;

        pub fn new_moon_jd(k: i64) -> f64 {
            let k = k as f64;
            let t = k / 1236.85;
            let t2 = t * t;
            let t3 = t2 * t;
            let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
            jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * DR).sin();
            let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
            let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
            let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
            let mut c1 = (0.1734 - 0.000393 * t) * (m * DR).sin() + 0.0021 * (2.0 * DR * m).sin();
            c1 = c1 - 0.4068 * (mpr * DR).sin() + 0.0161 * (DR * 2.0 * mpr).sin();
            c1 -= 0.0004 * (DR * 3.0 * mpr).sin();
            c1 = c1 + 0.0104 * (DR * 2.0 * f).sin() - 0.0051 * (DR * (m + mpr)).sin();
            c1 = c1 - 0.0074 * (DR * (m - mpr)).sin() + 0.0004 * (DR * (2.0 * f + m)).sin();
            c1 = c1 - 0.0004 * (DR * (2.0 * f - m)).sin() - 0.0006 * (DR * (2.0 * f + mpr)).sin();
            c1 = c1 + 0.0010 * (DR * (2.0 * f - mpr)).sin() + 0.0005 * (DR * (2.0 * mpr + m)).sin();
            let deltat = if t < -11.0 {
                0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            } else {
                -0.000278 + 0.000265 * t + 0.000262 * t2
            };
            jd1 + c1 - deltat
        }

        pub fn new_moon_day(k: i64) -> i64 {
            (new_moon_jd(k) + 0.5 + TZ / 24.0).floor() as i64
        }

        pub fn sun_longitude(jdn: i64) -> i64 {
            let t = (jdn as f64 - 0.5 - TZ / 24.0 - 2451545.0) / 36525.0;
            let t2 = t * t;
            let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
            let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
            let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (DR * m).sin();
            dl = dl
                + (0.019993 - 0.000101 * t) * (DR * 2.0 * m).sin()
                + 0.000290 * (DR * 3.0 * m).sin();
            let mut l = (l0 + dl) * DR;
            l -= PI * 2.0 * (l / (PI * 2.0)).floor();
            (l / PI * 6.0).floor() as i64
        }

        pub fn month11(yy: i64) -> i64 {
            let dec31 = chrono::NaiveDate::from_ymd_opt(yy as i32, 12, 31).unwrap();
            let off = super::jdn(dec31) - 2415021;
            let k = (off as f64 / 29.530588853).floor() as i64;
            let nm = new_moon_day(k);
            if sun_longitude(nm) >= 9 {
                new_moon_day(k - 1)
            } else {
                nm
            }
        }

        pub fn leap_offset(a11: i64) -> i64 {
            let k = ((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5).floor() as i64;
            let mut i = 1;
            let mut arc = sun_longitude(new_moon_day(k + i));
            loop {
                let last = arc;
                i += 1;
                arc = sun_longitude(new_moon_day(k + i));
                if !(arc != last && i < 14) {
                    break;
                }
            }
            i - 1
        }

        /// (year, month, day, leap) of day number `day_number`.
        pub fn from_jdn(day_number: i64, yy: i64) -> (i64, i64, i64, bool) {
            let k = ((day_number as f64 - 2415021.076998695) / 29.530588853).floor() as i64;
            let mut month_start = new_moon_day(k + 1);
            if month_start > day_number {
                month_start = new_moon_day(k);
            }
            // The published code stops here and yields day 0 when the true new moon comes
            // more than a day after the mean one (e.g. 1877-04-13): one more step back.
            if month_start > day_number {
                month_start = new_moon_day(k - 1);
            }
            let mut a11 = month11(yy);
            let mut b11 = a11;
            let mut lunar_year;
            if a11 >= month_start {
                lunar_year = yy;
                a11 = month11(yy - 1);
            } else {
                lunar_year = yy + 1;
                b11 = month11(yy + 1);
            }
            let lunar_day = day_number - month_start + 1;
            let diff = ((month_start - a11) as f64 / 29.0).floor() as i64;
            let mut lunar_leap = false;
            let mut lunar_month = diff + 11;
            if b11 - a11 > 365 {
                let leap_month_diff = leap_offset(a11);
                if diff >= leap_month_diff {
                    lunar_month = diff + 10;
                    if diff == leap_month_diff {
                        lunar_leap = true;
                    }
                }
            }
            if lunar_month > 12 {
                lunar_month -= 12;
            }
            if lunar_month >= 11 && diff < 4 {
                lunar_year -= 1;
            }
            (lunar_year, lunar_month, lunar_day, lunar_leap)
        }
    }

    #[test]
    fn new_moons_match_the_direct_series() {
        // k = -2500 is 1698, k = 5000 is 2303.
        for k in -2500..5000 {
            assert_eq!(new_moon_day(k), reference::new_moon_day(k), "k = {k}");
        }
    }

    #[test]
    fn solar_sectors_match_the_direct_series() {
        let start = jdn(ymd(1790, 1, 1));
        let end = jdn(ymd(2210, 1, 1));
        for day in start..end {
            assert_eq!(
                solar_sector(day).rem_euclid(12),
                reference::sun_longitude(day)
            );
        }
    }

    #[test]
    fn term_days_are_the_days_the_sector_changes() {
        for year in 1790..2210 {
            for term in 12 * (year - 1999)..12 * (year - 1998) {
                let day = term_day(term);
                assert!(
                    solar_sector(day) < term && solar_sector(day + 1) >= term,
                    "{term}"
                );
            }
        }
    }

    #[test]
    fn months_of_days_match_the_new_moons() {
        for k in -1300..3700 {
            let (start, next) = (new_moon_day(k), new_moon_day(k + 1));
            for day in [start - 1, start, start + 1, next - 2, next - 1, next] {
                let expected = if day < start {
                    k - 1
                } else if day < next {
                    k
                } else {
                    k + 1
                };
                assert_eq!(month_of(day), expected, "k = {k}, day = {day}");
            }
        }
    }

    #[test]
    fn year_structure_matches_the_published_algorithm() {
        for yy in 1790..2210 {
            let (k11, term11) = month11(yy);
            let a11 = reference::month11(yy);
            assert_eq!(new_moon_day(k11), a11, "month 11 of {yy}");
            if month11(yy + 1).0 - k11 == 13 {
                let offset = reference::leap_offset(a11);
                assert_eq!(first_termless(k11, term11, 12), Some(offset), "{yy}");
            }
        }
    }

    #[test]
    fn conversion_matches_the_published_algorithm_1800_2199() {
        let mut date = ymd(1800, 1, 1);
        while date.year() < 2200 {
            let ours = LunarDate::from_solar(date);
            let (y, m, d, leap) = reference::from_jdn(jdn(date), i64::from(date.year()));
            assert_eq!(
                (
                    i64::from(ours.year),
                    i64::from(ours.month),
                    i64::from(ours.day),
                    ours.leap
                ),
                (y, m, d, leap),
                "{date}"
            );
            date = date.succ_opt().unwrap();
        }
    }

    /// Every day of 1900-01-01..=2100-12-31, by offset from the first.
    const SWEEP_DAYS: i64 = 73_414;

    fn sweep_day(offset: i64) -> NaiveDate {
        ymd(1900, 1, 1) + chrono::Duration::days(offset)
    }

    fn dmy(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap()
    }

    #[test]
    fn tet_and_gio_to_2020_2030() {
        // (year, Tết, Giỗ Tổ 10/3, length of tháng Chạp of the year before)
        let table = [
            (2020, "25/01/2020", "02/04/2020", 30),
            (2021, "12/02/2021", "21/04/2021", 30),
            (2022, "01/02/2022", "10/04/2022", 29),
            (2023, "22/01/2023", "29/04/2023", 30),
            (2024, "10/02/2024", "18/04/2024", 30),
            (2025, "29/01/2025", "07/04/2025", 29),
            (2026, "17/02/2026", "26/04/2026", 29),
            (2027, "06/02/2027", "16/04/2027", 29),
            (2028, "26/01/2028", "04/04/2028", 29),
            (2029, "13/02/2029", "23/04/2029", 29),
            (2030, "02/02/2030", "12/04/2030", 29),
        ];
        for (year, tet_day, gio_to, last_day) in table {
            let (tet_day, gio_to) = (dmy(tet_day), dmy(gio_to));
            assert_eq!(tet(year), tet_day, "Tết {year}");
            assert_eq!(LunarDate::from_solar(tet_day), lunar(year, 1, 1, false));
            assert_eq!(lunar(year, 1, 1, false).to_solar(), Some(tet_day));
            assert_eq!(
                LunarDate::from_solar(gio_to),
                lunar(year, 3, 10, false),
                "{year}"
            );
            assert_eq!(
                lunar(year, 3, 10, false).to_solar(),
                Some(gio_to),
                "Giỗ Tổ {year}"
            );
            let eve = tet_day.pred_opt().unwrap();
            assert_eq!(
                LunarDate::from_solar(eve),
                lunar(year - 1, 12, last_day, false)
            );
            assert_eq!(month_length(year - 1, 12, false), Some(last_day));
        }
        // 09/02/2024 is 30 tháng Chạp Quý Mão; 16/02/2026 is 29 tháng Chạp Ất Tỵ (no 30).
        assert_eq!(
            LunarDate::from_solar(ymd(2024, 2, 9)).to_vietnamese(),
            "ngày 30 tháng Chạp năm Quý Mão"
        );
        assert_eq!(
            LunarDate::from_solar(ymd(2026, 2, 16)).to_vietnamese(),
            "ngày 29 tháng Chạp năm Ất Tỵ"
        );
        assert_eq!(lunar(2025, 12, 30, false).to_solar(), None);
    }

    #[test]
    fn known_dates() {
        // Tết Ất Sửu: 21/01/1985 in Vietnam (UTC+7), 20/02/1985 in China (UTC+8).
        assert_eq!(tet(1985), ymd(1985, 1, 21));
        assert_eq!(tet(2007), ymd(2007, 2, 17));
        assert_eq!(tet(2030), ymd(2030, 2, 2));
        // Tết Mậu Thân: the new moon was on 1968-01-29 at about 16:29 UT, 23:29 at UTC+7
        // but 00:29 on the 30th at UTC+8: Tết was 29/01/1968 in the North (UTC+7) and
        // 30/01/1968 in the South, then on UTC+8.
        assert_eq!(tet(1968), ymd(1968, 1, 29));
        assert_eq!(
            LunarDate::from_solar(ymd(1968, 1, 30)).to_vietnamese(),
            "mùng 2 tháng Giêng năm Mậu Thân"
        );
        for (year, month) in [
            (2020, 4),
            (2023, 2),
            (2025, 6),
            (2028, 5),
            (2017, 6),
            (2012, 4),
        ] {
            assert_eq!(leap_month(year), Some(month), "{year}");
        }
        for year in [2021, 2022, 2024, 2026, 2027, 2029, 2030] {
            assert_eq!(leap_month(year), None, "{year}");
        }
        // The rare leap month 11: 2033 (the "2033 problem" of the Chinese calendar).
        assert_eq!(leap_month(2033), Some(11));
        // Trung thu.
        assert_eq!(lunar(2024, 8, 15, false).to_solar(), Some(ymd(2024, 9, 17)));
        assert_eq!(lunar(2025, 8, 15, false).to_solar(), Some(ymd(2025, 10, 6)));
        // Tháng 4 nhuận Canh Tý: 23/05/2020 to 20/06/2020.
        assert_eq!(lunar(2020, 4, 1, true).to_solar(), Some(ymd(2020, 5, 23)));
        assert_eq!(month_length(2020, 4, true), Some(29));
        assert_eq!(
            LunarDate::from_solar(ymd(2020, 6, 6)).to_vietnamese(),
            "ngày 15 tháng 4 nhuận năm Canh Tý"
        );
        assert_eq!(
            LunarDate::from_solar(ymd(2030, 2, 2)).to_vietnamese(),
            "mùng 1 tháng Giêng năm Canh Tuất"
        );
        let gio_to = lunar(2027, 3, 10, false);
        assert_eq!(gio_to.to_solar(), Some(ymd(2027, 4, 16)));
        assert_eq!(gio_to.to_vietnamese(), "mùng 10 tháng 3 năm Đinh Mùi");
    }

    #[test]
    fn tet_1968_new_moon_straddles_midnight_between_utc7_and_utc8() {
        let k = month_of(jdn(ymd(1968, 1, 29)));
        let jd = reference::new_moon_jd(k);
        // UT date and hour: a Julian date starts at noon.
        assert_eq!((jd + 0.5).floor() as i64, jdn(ymd(1968, 1, 29)));
        let ut_hours = (jd + 0.5).rem_euclid(1.0) * 24.0;
        assert!((16.0..17.0).contains(&ut_hours), "{ut_hours}");
        assert_eq!(
            (jd + 0.5 + 7.0 / 24.0).floor() as i64,
            jdn(ymd(1968, 1, 29))
        );
        assert_eq!(
            (jd + 0.5 + 8.0 / 24.0).floor() as i64,
            jdn(ymd(1968, 1, 30))
        );
    }

    #[test]
    fn vietnamese_wording() {
        let cases = [
            (lunar(1970, 1, 1, false), "mùng 1 tháng Giêng năm Canh Tuất"),
            (lunar(2027, 3, 10, false), "mùng 10 tháng 3 năm Đinh Mùi"),
            (lunar(2027, 3, 11, false), "ngày 11 tháng 3 năm Đinh Mùi"),
            (
                lunar(2024, 4, 15, true),
                "ngày 15 tháng 4 nhuận năm Giáp Thìn",
            ),
            (lunar(2025, 6, 2, true), "mùng 2 tháng 6 nhuận năm Ất Tỵ"),
            (lunar(2025, 12, 30, false), "ngày 30 tháng Chạp năm Ất Tỵ"),
            (
                lunar(2033, 11, 20, true),
                "ngày 20 tháng 11 nhuận năm Quý Sửu",
            ),
        ];
        for (date, text) in cases {
            assert_eq!(date.to_vietnamese(), text);
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn can_chi() {
        assert_eq!(can_chi_year(2030), "Canh Tuất");
        assert_eq!(can_chi_year(2024), "Giáp Thìn");
        assert_eq!(can_chi_year(2026), "Bính Ngọ");
        assert_eq!(can_chi_year(1968), "Mậu Thân");
        assert_eq!(can_chi_year(1984), "Giáp Tý");
        assert_eq!(can_chi_year(1983), "Quý Hợi");
        let stems = [
            "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
        ];
        let branches = [
            "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
        ];
        for year in 0..3000 {
            let (stem, branch) = ((year + 6) % 10, (year + 8) % 12);
            let expected = format!("{} {}", stems[stem as usize], branches[branch as usize]);
            assert_eq!(can_chi_year(year), expected);
            assert_eq!(can_chi_year(year - 6000), expected);
        }
        assert_eq!(can_chi_year(i32::MIN).split(' ').count(), 2);
        assert_eq!(can_chi_year(i32::MAX).split(' ').count(), 2);
    }

    #[test]
    fn months_that_do_not_exist() {
        assert_eq!(lunar(2024, 4, 1, true).to_solar(), None);
        assert_eq!(month_length(2024, 4, true), None);
        assert_eq!(lunar(2025, 5, 1, true).to_solar(), None);
        assert_eq!(month_length(2025, 6, true), Some(29));
        assert_eq!(lunar(2025, 6, 30, true).to_solar(), None);
        assert_eq!(lunar(2025, 6, 29, true).to_solar(), Some(ymd(2025, 8, 22)));
        assert_eq!(lunar(2024, 0, 1, false).to_solar(), None);
        assert_eq!(lunar(2024, 13, 1, false).to_solar(), None);
        assert_eq!(lunar(2024, 1, 0, false).to_solar(), None);
        assert_eq!(lunar(2024, 1, 31, false).to_solar(), None);
        assert_eq!(month_length(2024, 0, false), None);
        assert_eq!(month_length(2024, 13, false), None);
    }

    #[test]
    fn leap_months_sort_after_their_month() {
        let normal = lunar(2025, 6, 29, false);
        let leap = lunar(2025, 6, 1, true);
        let next = lunar(2025, 7, 1, false);
        assert!(normal < leap && leap < next);
        assert!(lunar(2024, 12, 30, false) < lunar(2025, 1, 1, false));
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        for date in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            ymd(-5000, 3, 1),
            ymd(9999, 12, 31),
        ] {
            let lunar = LunarDate::from_solar(date);
            assert!((1..=12).contains(&lunar.month) && (1..=30).contains(&lunar.day));
            let _ = lunar.to_solar();
        }
        for year in [i32::MIN, -262_144, -1, 0, 262_143, i32::MAX] {
            let _ = tet(year);
            let _ = leap_month(year);
            for month in 0..=13 {
                let _ = month_length(year, month, false);
                let _ = month_length(year, month, true);
                let _ = lunar(year, month, 30, true).to_solar();
            }
        }
        assert_eq!(tet(i32::MIN), NaiveDate::MIN);
        assert_eq!(tet(i32::MAX), NaiveDate::MAX);
    }

    /// Round trip, continuity and order of every day from 1900 to 2100, and the structure of
    /// every lunar year 1901..=2100.
    #[test]
    fn sweep_1900_2100() {
        let mut previous = LunarDate::from_solar(ymd(1899, 12, 31));
        for offset in 0..SWEEP_DAYS {
            let date = sweep_day(offset);
            let lunar = LunarDate::from_solar(date);
            assert_eq!(lunar.to_solar(), Some(date), "{date} {lunar:?}");
            let same_month = (lunar.year, lunar.month, lunar.leap)
                == (previous.year, previous.month, previous.leap);
            if same_month {
                assert_eq!(lunar.day, previous.day + 1, "{date}");
            } else {
                assert_eq!(lunar.day, 1, "{date}");
                let length = month_length(previous.year, previous.month, previous.leap);
                assert_eq!(length, Some(previous.day), "{date}");
                assert!(previous < lunar, "{date}");
            }
            previous = lunar;
        }
        for year in 1901..=2100 {
            check_year(year);
        }
    }

    /// Months of `year` add up to the days between its Tết and the next one.
    fn check_year(year: i32) {
        let first = tet(year);
        assert!(
            ymd(year, 1, 21) <= first && first <= ymd(year, 2, 20),
            "{year}"
        );
        let leap = leap_month(year);
        let mut days = 0;
        let mut months = 0;
        for month in 1..=12 {
            days += u32::from(month_length(year, month, false).unwrap());
            months += 1;
            if leap == Some(month) {
                days += u32::from(month_length(year, month, true).unwrap());
                months += 1;
            } else {
                assert_eq!(month_length(year, month, true), None, "{year}");
            }
        }
        assert!(months == 12 || months == 13);
        let span = tet(year + 1).signed_duration_since(first).num_days();
        assert_eq!(i64::from(days), span, "{year}");
    }

    proptest! {
        #[test]
        fn round_trip(offset in 0..SWEEP_DAYS) {
            let date = sweep_day(offset);
            prop_assert_eq!(LunarDate::from_solar(date).to_solar(), Some(date));
        }

        #[test]
        fn consecutive_days(offset in 0..SWEEP_DAYS) {
            let today = LunarDate::from_solar(sweep_day(offset));
            let tomorrow = LunarDate::from_solar(sweep_day(offset + 1));
            prop_assert!(today < tomorrow);
            if tomorrow.day == 1 {
                let length = month_length(today.year, today.month, today.leap);
                prop_assert_eq!(length, Some(today.day));
            } else {
                prop_assert_eq!(tomorrow, LunarDate { day: today.day + 1, ..today });
            }
        }

        #[test]
        fn month_length_ends_before_the_next_month(
            year in 1901..=2100i32,
            month in 1..=12u8,
            leap in any::<bool>(),
        ) {
            match month_length(year, month, leap) {
                Some(length) => {
                    prop_assert!(length == 29 || length == 30);
                    let first = lunar(year, month, 1, leap).to_solar().unwrap();
                    let last = first + chrono::Duration::days(i64::from(length) - 1);
                    prop_assert_eq!(LunarDate::from_solar(last), lunar(year, month, length, leap));
                    prop_assert_eq!(LunarDate::from_solar(last.succ_opt().unwrap()).day, 1);
                }
                None => {
                    prop_assert!(leap && leap_month(year) != Some(month));
                    prop_assert_eq!(lunar(year, month, 1, leap).to_solar(), None);
                }
            }
        }

        #[test]
        fn lunar_years_have_12_or_13_months(year in 1901..=2100i32) {
            check_year(year);
        }
    }
}
