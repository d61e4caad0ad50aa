//! The API document declares the limits and formats the domain enforces on what people type
//! (`motcua_domain::input`): the lengths are the domain's own, and the patterns accept only
//! what the domain accepts.

use motcua_domain::input::{Address, IdNumber, Note, PersonName, Phone, Reason};
use regex::Regex;
use serde_json::Value;

fn document() -> Value {
    serde_json::to_value(motcua_web::api::document()).unwrap()
}

/// The properties of the applicant (the first part of its `allOf`).
fn applicant(doc: &Value) -> &Value {
    &doc["components"]["schemas"]["ApplicantInput"]["allOf"][0]["properties"]
}

fn pattern(field: &Value) -> Regex {
    Regex::new(field["pattern"].as_str().unwrap()).unwrap()
}

#[test]
fn the_applicant_declares_the_domain_limits() {
    let doc = document();
    let a = applicant(&doc);
    assert_eq!(a["name"]["maxLength"], PersonName::RULE.max);
    assert_eq!(a["address"]["maxLength"], Address::RULE.max);
    assert_eq!(a["email"]["maxLength"], 254);
}

#[test]
fn the_phone_and_id_patterns_accept_only_what_the_domain_accepts() {
    let doc = document();
    let phone = pattern(&applicant(&doc)["phone"]);
    let id = pattern(&applicant(&doc)["id_number"]);
    for ok in [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "+84912345678",
        "02438251234",
        "024 3825 1234",
        "0388-123-456",
    ] {
        assert!(phone.is_match(ok), "{ok}");
        assert!(Phone::parse(ok).is_ok(), "{ok}");
    }
    for bad in [
        "091234567",
        "09123456789",
        "0112345678",
        "01681234567",
        "+1 212 555 0100",
        "0912a45678",
        "",
        "0912345678 ",
    ] {
        assert!(!phone.is_match(bad), "{bad}");
    }
    for ok in [
        "123456789",
        "0101234567",
        "001090012345",
        "0101234567-001",
        "0101234567001",
    ] {
        assert!(id.is_match(ok), "{ok}");
        assert!(IdNumber::parse(ok).is_ok(), "{ok}");
    }
    for bad in [
        "12345678",
        "12345678901",
        "1234567890123-",
        "00109001234a",
        "001 090 012",
    ] {
        assert!(!id.is_match(bad), "{bad}");
    }
}

/// Every `note`, `reason` and `reasons` of a request body (dossier actions, calendar changes)
/// declares the limit of its domain type.
#[test]
fn free_texts_of_requests_declare_their_limits() {
    let doc = document();
    let mut seen = 0;
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let requests = schemas
        .iter()
        .filter(|(name, _)| name.ends_with("Action") || *name == "CalendarChange");
    for (name, schema) in requests {
        let Some(props) = schema["properties"].as_object() else {
            continue;
        };
        for (field, max) in [
            ("note", Note::RULE.max),
            ("reason", Reason::RULE.max),
            ("reasons", Reason::RULE.max),
        ] {
            if let Some(p) = props.get(field) {
                assert_eq!(p["maxLength"], max, "{name}.{field}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 14, "{seen} free-text fields");
}
