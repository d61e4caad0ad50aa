//! Input rules (docs/rules.md, «Dữ liệu nhập»): phone normalisation round-trips, limits at N and
//! N+1 characters, control characters refused, and the rules applied by intake and actions.

use crate::support::{at, engine, procedure};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{
    Action, Applicant, Channel, DossierError, IntakeInput, ReturnMethod, decide, intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::input::{
    Address, IdNumber, InputError, Note, PersonName, Phone, Reason, TextRule, lookup_key,
};
use proptest::prelude::*;

/// Letters of Vietnamese names and addresses, one to four bytes each in UTF-8.
const LETTERS: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢÃÁẠẰẮẶỀỂỄỆĐƯỮỰỲ0123456789,/-. 𠀧";

fn text_of(len: usize) -> impl Strategy<Value = String> {
    let letters: Vec<char> = LETTERS.chars().filter(|c| *c != ' ').collect();
    proptest::collection::vec(proptest::sample::select(letters), len)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A separator people put between the digits of a phone number.
fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", "", " ", ".", "-"])
}

/// `digits` with a random separator after each digit.
fn spaced(digits: &str, seps: &[&str]) -> String {
    digits
        .chars()
        .zip(seps.iter().cycle())
        .map(|(d, s)| format!("{d}{s}"))
        .collect::<String>()
        .trim_end_matches([' ', '.', '-'])
        .to_owned()
}

/// A mobile (10 digits) or landline (11 digits) number in the national form.
fn national() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            proptest::sample::select(vec!['3', '5', '7', '8', '9']),
            0..100_000_000_u32
        )
            .prop_map(|(p, n)| format!("0{p}{n:08}")),
        (0..1_000_000_000_u32).prop_map(|n| format!("02{n:09}")),
    ]
}

proptest! {
    #[test]
    fn written_forms_of_a_number_normalise_to_its_national_form(
        n in national(),
        seps in proptest::collection::vec(separator(), 12),
        form in 0..4_usize,
    ) {
        let subscriber = &n[1..];
        let written = match form {
            0 => spaced(&n, &seps),
            1 => format!("+84 {}", spaced(subscriber, &seps)),
            2 => format!("84{subscriber}"),
            _ => format!("0084 {}", spaced(subscriber, &seps)),
        };
        let phone = Phone::parse(&written).unwrap();
        prop_assert_eq!(phone.as_str(), n.as_str(), "{}", written);
        // Parsing the national form gives it back, and the look-up compares the same form.
        prop_assert_eq!(Phone::parse(phone.as_str()).unwrap(), phone.clone());
        prop_assert_eq!(lookup_key(&written), n);
    }

    #[test]
    fn texts_pass_at_their_limit_and_fail_one_character_over(
        which in 0..4_usize,
        extra in text_of(1),
    ) {
        let rule = [PersonName::RULE, Address::RULE, Note::RULE, Reason::RULE][which];
        let at_limit: String = "Đ".repeat(rule.max - 1) + &extra;
        prop_assert!(rule.parse(&at_limit).is_ok());
        let over = at_limit + "a";
        prop_assert_eq!(
            rule.parse(&over).unwrap_err(),
            InputError::TooLong { label: rule.label, max: rule.max }
        );
    }

    #[test]
    fn random_names_within_the_limit_round_trip(name in text_of(1).prop_flat_map(|_| (1..=200_usize).prop_flat_map(text_of))) {
        let parsed = PersonName::parse(&name).unwrap();
        prop_assert_eq!(parsed.as_str(), name.trim());
        let json = serde_json::to_string(&parsed).unwrap();
        prop_assert_eq!(serde_json::from_str::<PersonName>(&json).unwrap(), parsed);
    }

    #[test]
    fn control_characters_inside_a_text_are_refused(
        name in text_of(10),
        at_char in 1..9_usize,
        c in prop_oneof![0_u32..0x20, 0x7f_u32..0xa0].prop_filter_map("a char", char::from_u32),
    ) {
        let mut chars: Vec<char> = name.chars().collect();
        chars.insert(at_char, c);
        let text: String = chars.into_iter().collect();
        prop_assert_eq!(PersonName::parse(&text).unwrap_err(), InputError::Control("Họ tên"));
        let note = Note::parse(&text);
        if matches!(c, '\n' | '\t' | '\r') {
            prop_assert!(note.is_ok());
        } else {
            prop_assert_eq!(note.unwrap_err(), InputError::Control("Ghi chú"));
        }
    }

    #[test]
    fn identity_numbers_keep_their_digits(n in "[0-9]{9}|[0-9]{12}", seps in proptest::collection::vec(prop_oneof![Just(""), Just(" ")], 12)) {
        let written = spaced(&n, &seps);
        let parsed = IdNumber::parse(&written).unwrap();
        prop_assert_eq!(parsed.as_str(), n.as_str());
        // The look-up compares keys made alike on both sides, whatever the spacing.
        prop_assert_eq!(lookup_key(&written), lookup_key(&n));
        // A real CCCD starts with its province code (0xx): its key is its digits. (Twelve digits
        // starting with 84 read as a phone number written with the country code, on both sides.)
        if n.len() == 9 || n.starts_with('0') {
            prop_assert_eq!(lookup_key(&written), n);
        }
    }
}

#[test]
fn the_rules_are_those_the_docs_promise() {
    assert_eq!(PersonName::RULE, TextRule::line("Họ tên", 200));
    assert_eq!(Address::RULE, TextRule::line("Địa chỉ", 500));
    assert_eq!(Note::RULE, TextRule::lines("Ghi chú", 2000));
    assert_eq!(Reason::RULE, TextRule::lines("Lý do", 2000));
}

fn applicant(address: &str, phone: &str) -> Applicant {
    Applicant {
        kind: ApplicantType::Citizen,
        name: " Nguyễn Văn An ".into(),
        id_number: Some(" ".into()),
        phone: Some(phone.into()),
        email: None,
        address: Some(address.into()),
    }
}

fn intake_of(a: Applicant) -> Result<Applicant, DossierError> {
    let p = procedure(3, 0, false);
    let unit = UnitCode::parse("W01").unwrap();
    let t = at(2026, 11, 25, 9, 0);
    let new = intake(
        IntakeInput {
            procedure: &p,
            receiving_unit: unit.clone(),
            competent_unit: unit.clone(),
            applicant: a,
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: false,
            reused_data: false,
            receive_now: true,
            paid_at_desk: false,
        },
        t,
        &engine(),
    )?;
    let (d, _) = new
        .into_dossier(DossierCode::new(&unit, t.date(), 1), "x")
        .unwrap();
    Ok(d.facts.applicant)
}

#[test]
fn intake_records_the_parsed_applicant() {
    let a = intake_of(applicant("12 Trần Hưng Đạo", "+84 912 345 678")).unwrap();
    assert_eq!(a.name, "Nguyễn Văn An");
    assert_eq!(a.phone.as_deref(), Some("0912345678"));
    assert_eq!(a.id_number, None);
}

#[test]
fn intake_names_the_field_at_fault() {
    for (a, field, code) in [
        (
            applicant(&"x".repeat(1_900_000), "0912345678"),
            "applicant.address",
            "too_long",
        ),
        (applicant("A", "0912"), "applicant.phone", "invalid_phone"),
        (
            applicant("Số 1\u{0}", "0912345678"),
            "applicant.address",
            "control_character",
        ),
    ] {
        match intake_of(a) {
            Err(DossierError::Input(e)) => {
                assert_eq!((e.field.as_str(), e.code()), (field, code));
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    let e = intake_of(applicant(&"x".repeat(501), "0912345678")).unwrap_err();
    assert_eq!(e.to_string(), "Địa chỉ dài quá 500 ký tự");
}

#[test]
fn actions_bound_their_texts_before_any_event() {
    let p = procedure(3, 0, false);
    let unit = UnitCode::parse("W01").unwrap();
    let t = at(2026, 11, 25, 9, 0);
    let new = intake(
        IntakeInput {
            procedure: &p,
            receiving_unit: unit.clone(),
            competent_unit: unit.clone(),
            applicant: applicant("A", "0912345678"),
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: false,
            reused_data: false,
            receive_now: true,
            paid_at_desk: false,
        },
        t,
        &engine(),
    )
    .unwrap();
    let (d, _) = new
        .into_dossier(DossierCode::new(&unit, t.date(), 1), "x")
        .unwrap();
    let stop = |reason: String| decide(&d, &Action::Stop { reason }, t, &engine());
    assert!(stop("x".repeat(2000)).is_ok());
    match stop("x".repeat(2001)) {
        Err(DossierError::Input(e)) => {
            assert_eq!((e.field.as_str(), e.code()), ("reason", "too_long"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(stop("  ".into()), Err(DossierError::Missing(_))));
}
