//! The constituent parts of a procedure's entry (Nghị định 63/2010 Art. 8(2); indicator 1.3).

use crate::support::procedure;
use motcua_domain::catalogue::{Component, Part, ProcedureSpec};

/// The support procedure with the one component it lacks.
fn complete() -> ProcedureSpec {
    let mut p = procedure(3, 0, false).spec;
    p.components.push(Component {
        name: "Tờ khai".into(),
        originals: 1,
        copies: 0,
        required: true,
    });
    p
}

#[test]
fn an_entry_without_components_lacks_that_part_only() {
    let p = procedure(3, 0, false).spec;
    assert_eq!(p.missing_parts(), [Part::Components]);
    assert!(!p.has_every_part());
    assert!(complete().missing_parts().is_empty());
    assert!(complete().has_every_part());
}

#[test]
fn each_missing_part_is_named_in_the_order_of_the_decree() {
    let mut p = complete();
    p.applicant_types.clear();
    p.name = "  ".into();
    p.steps.clear();
    assert_eq!(
        p.missing_parts(),
        [Part::Name, Part::Sequence, Part::Applicants]
    );
    let labels: Vec<&str> = p.missing_parts().into_iter().map(Part::label).collect();
    assert_eq!(
        labels,
        ["tên thủ tục", "trình tự thực hiện", "đối tượng thực hiện"]
    );
}

#[test]
fn a_component_needs_a_name_and_a_quantity() {
    let mut p = complete();
    p.components[0].originals = 0;
    assert_eq!(p.missing_parts(), [Part::Components]);
    p.components[0].copies = 2;
    assert!(p.has_every_part());
    p.components[0].name = String::new();
    assert_eq!(p.missing_parts(), [Part::Components]);
}
