//! Local time in Vietnam: UTC+07:00, no daylight saving.
//!
//! The domain works on [`NaiveDateTime`] values that are *local* Vietnamese time; the edges
//! (API, storage, CLI) convert with these helpers.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

/// Offset of Asia/Ho_Chi_Minh in seconds.
pub const VN_OFFSET_SECONDS: i32 = 7 * 3600;

/// The fixed UTC+07:00 offset, checked at compile time.
const VN_OFFSET: FixedOffset = match FixedOffset::east_opt(VN_OFFSET_SECONDS) {
    Some(offset) => offset,
    None => panic!("UTC+07:00 is a valid offset"),
};

/// The fixed UTC+07:00 offset.
pub fn vn_offset() -> FixedOffset {
    VN_OFFSET
}

/// Local Vietnamese time of an instant given in any offset.
pub fn to_local<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDateTime {
    instant.with_timezone(&vn_offset()).naive_local()
}

/// The instant of a local Vietnamese time, with its `+07:00` offset.
pub fn from_local(local: NaiveDateTime) -> DateTime<FixedOffset> {
    // A fixed offset has no gaps or folds, so the mapping is always single.
    (local - chrono::Duration::seconds(i64::from(VN_OFFSET_SECONDS)))
        .and_utc()
        .with_timezone(&VN_OFFSET)
}

/// RFC 3339 text of a local time with the `+07:00` offset, e.g. `2024-02-19T09:00:00+07:00`.
pub fn rfc3339(local: NaiveDateTime) -> String {
    from_local(local).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn local_round_trip_keeps_wall_clock() {
        let local = NaiveDate::from_ymd_opt(2024, 2, 19)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert_eq!(rfc3339(local), "2024-02-19T09:00:00+07:00");
        assert_eq!(to_local(&from_local(local)), local);
        let utc = DateTime::parse_from_rfc3339("2024-02-19T02:00:00Z").unwrap();
        assert_eq!(to_local(&utc), local);
    }
}
