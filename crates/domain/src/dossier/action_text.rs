//! The texts an action carries, parsed before it causes any event (docs/rules.md, «Dữ liệu
//! nhập»): an [`Action`] is the input as sent (plain strings, the JSON of the API and the fields
//! of the action forms), and [`decide`](super::decide) works on its parsed copy, so events only
//! ever record bounded texts.

use super::action::Action;
use crate::input::{FieldError, InputError, Note, Reason, TextRule, optional};

/// One document asked for in a supplement request.
const ITEM: TextRule = TextRule::line("Giấy tờ cần bổ sung", 500);
/// Most documents in one supplement request.
const MAX_ITEMS: usize = 100;
/// Who a dossier is assigned or handed over to (a login name).
const RECIPIENT: TextRule = TextRule::line("Người nhận", 100);
/// The reference of an electronic result file.
const RESULT_FILE: TextRule = TextRule::line("Tệp kết quả", 500);

/// A text that may be blank (blank stays empty; a required one is refused later as missing).
fn text(s: &str, rule: TextRule, field: &'static str) -> Result<String, FieldError> {
    optional(Some(s), |t| rule.parse(t).map(Into::into))
        .map(Option::unwrap_or_default)
        .map_err(|e| FieldError::new(field, e))
}

fn maybe(
    s: Option<&String>,
    rule: TextRule,
    field: &'static str,
) -> Result<Option<String>, FieldError> {
    optional(s.map(String::as_str), |t| rule.parse(t).map(Into::into))
        .map_err(|e| FieldError::new(field, e))
}

fn note(s: &str) -> Result<String, FieldError> {
    text(s, Note::RULE, "note")
}

/// The documents asked for: blank ones dropped, each one line, at most [`MAX_ITEMS`].
fn items(list: &[String]) -> Result<Vec<String>, FieldError> {
    if list.len() > MAX_ITEMS {
        return Err(FieldError::new(
            "items",
            InputError::TooMany {
                label: ITEM.label,
                max: MAX_ITEMS,
            },
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        out.extend(maybe(Some(item), ITEM, "items")?);
    }
    Ok(out)
}

impl Action {
    /// The action with its texts trimmed and checked (`\r\n` becomes `\n` in notes and
    /// reasons); the error names the field by its key (`note`, `reason`, `reasons`, `items`,
    /// `to`, `result_file`).
    pub fn parse_texts(&self) -> Result<Action, FieldError> {
        use Action as A;
        Ok(match self {
            A::RequestSupplementBeforeReception { items: i, note: n } => {
                A::RequestSupplementBeforeReception {
                    items: items(i)?,
                    note: note(n)?,
                }
            }
            A::RefuseAtIntake { reasons } => A::RefuseAtIntake {
                reasons: text(reasons, Reason::RULE, "reasons")?,
            },
            A::Assign { to } => A::Assign {
                to: text(to, RECIPIENT, "to")?,
            },
            A::CompleteStep { to, note: n } => A::CompleteStep {
                to: maybe(to.as_ref(), RECIPIENT, "to")?,
                note: note(n)?,
            },
            A::RequestSupplement { items: i, note: n } => A::RequestSupplement {
                items: items(i)?,
                note: note(n)?,
            },
            A::ReceiveSupplement { note: n } => A::ReceiveSupplement { note: note(n)? },
            A::RequestPayment { note: n } => A::RequestPayment { note: note(n)? },
            A::Transfer {
                to_unit,
                note: n,
                budget_minutes,
            } => A::Transfer {
                budget_minutes: *budget_minutes,
                to_unit: to_unit.clone(),
                note: note(n)?,
            },
            A::TransferBack { note: n } => A::TransferBack { note: note(n)? },
            A::Apologize { reason, new_date } => A::Apologize {
                reason: text(reason, Reason::RULE, "reason")?,
                new_date: *new_date,
            },
            A::Resolve {
                approved,
                reasons,
                result_file,
            } => A::Resolve {
                approved: *approved,
                reasons: text(reasons, Reason::RULE, "reasons")?,
                result_file: maybe(result_file.as_ref(), RESULT_FILE, "result_file")?,
            },
            A::Stop { reason } => A::Stop {
                reason: text(reason, Reason::RULE, "reason")?,
            },
            A::Withdraw { reason } => A::Withdraw {
                reason: text(reason, Reason::RULE, "reason")?,
            },
            A::ReturnResult { method, note: n } => A::ReturnResult {
                method: *method,
                note: note(n)?,
            },
            A::Accept | A::Pay { .. } => self.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_bounded_and_blank_items_dropped() {
        let a = Action::RequestSupplement {
            items: vec![" Tờ khai ".into(), "  ".into()],
            note: " Gấp\r\n".into(),
        };
        assert_eq!(
            a.parse_texts(),
            Ok(Action::RequestSupplement {
                items: vec!["Tờ khai".into()],
                note: "Gấp".into(),
            })
        );
        let long = Action::Stop {
            reason: "x".repeat(2001),
        };
        let e = long.parse_texts().unwrap_err();
        assert_eq!((e.field.as_str(), e.code()), ("reason", "too_long"));
        assert_eq!(e.to_string(), "Lý do dài quá 2.000 ký tự");
        let many = Action::RequestSupplement {
            items: vec!["a".into(); 101],
            note: String::new(),
        };
        assert_eq!(many.parse_texts().unwrap_err().code(), "too_many");
    }
}
