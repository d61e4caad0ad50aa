//! Vietnamese display formats (docs/rules.md §12): `19/02/2024`, `09 giờ 00 phút`, `1.234.567`,
//! `27.367.024 đồng`, `70,98%`, `0912 345 678`; and texts bounded for exports.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};
use std::borrow::Cow;

/// `dd/mm/yyyy`.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// `HH:mm`.
pub fn time(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `HH giờ mm phút`, as written on forms.
pub fn time_on_form(t: NaiveDateTime) -> String {
    format!("{:02} giờ {:02} phút", t.hour(), t.minute())
}

/// `09:00 thứ Hai, 19/02/2024`.
pub fn date_time(t: NaiveDateTime) -> String {
    format!("{} {}, {}", time(t), weekday(t.date()), date(t.date()))
}

/// Vietnamese weekday name: `thứ Hai` … `thứ Bảy`, `Chủ nhật`.
pub fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// Ends a text an export had to cut (a format's cell limit, a printed page kept printable).
pub const CUT_MARK: &str = "… [đã cắt]";

/// `text` when it has at most `max` characters; otherwise its beginning followed by
/// [`CUT_MARK`], `max` characters in all. Exports print stored texts through it: stored data
/// may predate the input limits (docs/rules.md, «Dữ liệu nhập»), and a report must never fail on
/// it.
pub fn bounded(text: &str, max: usize) -> Cow<'_, str> {
    bounded_by(text, max, |_| 1)
}

/// [`bounded`] with each character counted as `width` says (e.g. `char::len_utf16`, as a
/// spreadsheet counts). A width is never more than the character's UTF-8 length, so a text of at
/// most `max` bytes is returned at once; otherwise at most `max` widths are read, however long
/// the text.
pub fn bounded_by(text: &str, max: usize, width: impl Fn(char) -> usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let budget = max.saturating_sub(CUT_MARK.chars().map(&width).sum());
    let (mut used, mut cut) = (0, 0);
    for (i, c) in text.char_indices() {
        if used <= budget {
            cut = i;
        }
        used += width(c);
        if used > max {
            return Cow::Owned(format!("{}{CUT_MARK}", &text[..cut]));
        }
    }
    Cow::Borrowed(text)
}

/// Most characters of a value repeated in an error message.
const QUOTED: usize = 80;

/// A value as an error message repeats it: at most 80 characters, cut with [`CUT_MARK`] (a
/// wrong code pasted from a megabyte of text must not make a megabyte message).
pub fn quoted(value: &str) -> String {
    bounded(value, QUOTED).into_owned()
}

/// A phone number in its national form grouped for reading: `0912 345 678` (mobile),
/// `024 3825 1234` (Hà Nội and Hồ Chí Minh City, two-digit area codes after `02`),
/// `0203 385 0001` (other landlines). Any other text is shown as it is (a number stored before
/// numbers were normalised).
pub fn phone(number: &str) -> String {
    let digits = number.bytes().all(|b| b.is_ascii_digit());
    let groups: &[usize] = match number.len() {
        10 if digits => &[4, 3, 3],
        11 if digits && (number.starts_with("024") || number.starts_with("028")) => &[3, 4, 4],
        11 if digits => &[4, 3, 4],
        _ => return number.to_owned(),
    };
    let mut out = String::with_capacity(number.len() + groups.len());
    let mut rest = number;
    for &n in groups {
        let (group, tail) = rest.split_at(n);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(group);
        rest = tail;
    }
    out
}

/// An integer with `.` as the thousands separator: `1.234.567`, `-5.000`.
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An amount of money in đồng: `27.367.024 đồng`.
pub fn money(dong: i64) -> String {
    format!("{} đồng", integer(dong))
}

/// A percentage with two decimals and a decimal comma: `70,98%`.
pub fn percent(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{},{:02}%", integer((abs / 100) as i64), abs % 100)
}

/// A duration in minutes as `2 giờ 30 phút`, `45 phút`, `7 giờ`.
pub fn minutes(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let (h, m) = (total.abs() / 60, total.abs() % 60);
    match (h, m) {
        (0, m) => format!("{sign}{m} phút"),
        (h, 0) => format!("{sign}{h} giờ"),
        (h, m) => format!("{sign}{h} giờ {m} phút"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_formats() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 19).unwrap();
        let t = d.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(date(d), "19/02/2024");
        assert_eq!(time_on_form(t), "09 giờ 05 phút");
        assert_eq!(date_time(t), "09:05 thứ Hai, 19/02/2024");
        assert_eq!(integer(1_234_567), "1.234.567");
        assert_eq!(integer(-5_000), "-5.000");
        assert_eq!(integer(999), "999");
        assert_eq!(money(27_367_024), "27.367.024 đồng");
        assert_eq!(percent(70.981), "70,98%");
        assert_eq!(percent(82.9408), "82,94%");
        assert_eq!(percent(100.0), "100,00%");
        assert_eq!(percent(1234.5), "1.234,50%");
        assert_eq!(minutes(150), "2 giờ 30 phút");
        assert_eq!(minutes(420), "7 giờ");
        assert_eq!(minutes(45), "45 phút");
    }

    #[test]
    fn phones_are_grouped_for_reading() {
        assert_eq!(phone("0912345678"), "0912 345 678");
        assert_eq!(phone("02438251234"), "024 3825 1234");
        assert_eq!(phone("02033850001"), "0203 385 0001");
        assert_eq!(phone("+84 912 345 678"), "+84 912 345 678");
    }

    #[test]
    fn bounded_texts_keep_short_ones_and_cut_long_ones_with_the_mark() {
        assert_eq!(bounded("Nguyễn Văn An", 13), "Nguyễn Văn An");
        let long = "Đ".repeat(100);
        let cut = bounded(&long, 20);
        assert_eq!(cut.chars().count(), 20);
        assert_eq!(cut, format!("{}{CUT_MARK}", "Đ".repeat(10)));
        assert!(matches!(bounded(&"ư".repeat(20), 20), Cow::Borrowed(_)));
        assert_eq!(bounded("abc", 0), CUT_MARK);
        // Counted as a spreadsheet counts: a character outside the BMP takes two.
        let wide = "𠀧".repeat(20);
        let wide = bounded_by(&wide, 30, char::len_utf16);
        assert_eq!(wide, format!("{}{CUT_MARK}", "𠀧".repeat(10)));
        assert_eq!(
            bounded_by(&"𠀧".repeat(15), 30, char::len_utf16),
            "𠀧".repeat(15)
        );
    }
}
