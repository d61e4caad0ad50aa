//! Property-based fuzzing of what reads outside input: dossier codes, the lines of a history
//! import, office hours and time limits. Arbitrary bytes and strings never panic; what is
//! written by the system reads back the same. Bounded: a fixed number of cases per property.

use chrono::NaiveDate;
use motcua_domain::calendar::OfficeHours;
use motcua_domain::deadline::TimeLimit;
use motcua_domain::history::{line_text, lines, parse_line};
use motcua_domain::ids::{DossierCode, UnitCode};
use proptest::prelude::*;
use serde_json::json;

/// Text made of the characters codes and lines are built from, and some that break them.
fn code_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9A-Za-z._\\-Đđ ]{0,48}").unwrap()
}

fn unit_code() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9A-Z][0-9A-Za-z._]{2,30}").unwrap()
}

/// A history line as the legacy export writes it, for a reception on `day` at 09:00.
fn history_line(unit: &str, day: NaiveDate, sequence: u32, name: &str, fee: u32) -> String {
    let code = DossierCode::new(&UnitCode::parse(unit).unwrap(), day, sequence);
    let at = |hour: u32| format!("{}T{hour:02}:00:00+07:00", day.format("%Y-%m-%d"));
    json!({
        "code": code.as_str(),
        "procedure_code": "1.001193",
        "receiving_unit": unit,
        "channel": "direct",
        "applicant_name": name,
        "received_at": at(9),
        "due_at": at(16),
        "ended_at": at(10),
        "outcome": "approved",
        "returned_at": at(15),
        "supplement_requests": [],
        "fee_vnd": fee,
        "paid_online": false,
        "digitized": true,
        "e_result": false,
        "apology_at": null,
        "rating": null
    })
    .to_string()
}

fn day_in_2000s() -> impl Strategy<Value = NaiveDate> {
    (2000..2100_i32, 1..=12_u32, 1..=28_u32)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_parses_as_a_code_or_is_refused_without_panicking(s in "\\PC{0,64}") {
        if let Ok(code) = DossierCode::parse(&s) {
            prop_assert_eq!(code.as_str(), s.as_str());
            let _ = code.parts();
        }
        let _ = UnitCode::parse(&s);
    }

    #[test]
    fn code_like_strings_never_panic_and_parts_agree_with_the_text(s in code_like()) {
        // A code written with more leading zeros than the four the system pads to is another
        // text for the same parts.
        let padded = |seq: &str| seq.len() == 4 || !seq.starts_with('0');
        if let Ok(code) = DossierCode::parse(&s)
            && let Some((unit, day, n)) = code.parts()
            && s.rsplit('-').next().is_some_and(padded)
        {
            let again = DossierCode::new(&unit, day, n);
            prop_assert_eq!(again.as_str(), s.as_str());
        }
    }

    #[test]
    fn a_code_the_system_gives_reads_back_its_parts(
        unit in unit_code(),
        day in day_in_2000s(),
        sequence in 1..2_000_000_u32,
    ) {
        let unit = UnitCode::parse(&unit).unwrap();
        let code = DossierCode::new(&unit, day, sequence);
        let parsed = DossierCode::parse(code.as_str()).unwrap();
        prop_assert_eq!(&parsed, &code);
        prop_assert_eq!(parsed.parts(), Some((unit, day, sequence)));
    }

    #[test]
    fn arbitrary_bytes_split_into_lines_and_parse_without_panicking(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        for line in lines(&bytes) {
            prop_assert!(!line.contains(&b'\n'));
            if let Ok(text) = line_text(line) {
                let _ = parse_line(text);
            }
        }
    }

    #[test]
    fn lines_joined_again_give_the_file_back(
        parts in proptest::collection::vec("[^\r\n]{0,20}", 0..12),
    ) {
        let file = parts.iter().map(|p| format!("{p}\n")).collect::<String>();
        // A byte-order mark at the start is left out by design.
        prop_assume!(!file.starts_with('\u{feff}'));
        let read: Vec<&str> = lines(file.as_bytes()).map(|l| line_text(l).unwrap()).collect();
        prop_assert_eq!(read, parts.iter().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn a_valid_line_reads_back_and_any_mutation_of_it_never_panics(
        unit in unit_code(),
        day in day_in_2000s(),
        sequence in 1..100_000_u32,
        name in "[A-Za-zÀ-ỹ ]{1,30}",
        fee in 0..10_000_000_u32,
        at in any::<prop::sample::Index>(),
        cut in 0..40_usize,
        insert in "\\PC{0,4}",
    ) {
        let line = history_line(&unit, day, sequence, name.trim(), fee);
        if !name.trim().is_empty() {
            let record = parse_line(&line).unwrap();
            prop_assert_eq!(record.code.parts(), Some((UnitCode::parse(&unit).unwrap(), day, sequence)));
        }
        let mut chars: Vec<char> = line.chars().collect();
        let i = at.index(chars.len());
        let end = (i + cut).min(chars.len());
        chars.splice(i..end, insert.chars());
        let mutated: String = chars.into_iter().collect();
        let _ = parse_line(&mutated);
    }

    #[test]
    fn office_hours_and_time_limits_parse_or_refuse_without_panicking(
        hours in "[0-9:,\\- ]{0,40}",
        unit in prop::sample::select(vec!["working-days", "same-day", "hours", "calendar-days", "x", ""]),
        amount in proptest::option::of("\\PC{0,12}"),
    ) {
        if let Ok(parsed) = hours.parse::<OfficeHours>() {
            let again: OfficeHours = parsed.to_string().parse().unwrap();
            prop_assert_eq!(again, parsed);
        }
        let _ = TimeLimit::parse(unit, amount.as_deref());
    }
}
