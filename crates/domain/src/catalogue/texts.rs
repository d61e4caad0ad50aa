//! The texts and fee amounts of a catalogue item, bounded like every input (docs/rules.md,
//! «Dữ liệu nhập»). Blank texts are left to the item's own checks (a name is required, a result
//! may be empty).

use super::ProcedureSpec;
use crate::input::{InputError, TextRule, fee_vnd, optional};

const NAME: TextRule = TextRule::line("Tên thủ tục", 1000);
const FIELD: TextRule = TextRule::line("Lĩnh vực", 200);
const LEGAL_BASIS: TextRule = TextRule::line("Căn cứ pháp lý", 1000);
const DECISION: TextRule = TextRule::line("Số quyết định công bố", 200);
const COMPONENT: TextRule = TextRule::line("Tên thành phần hồ sơ", 1000);
const FEE_NAME: TextRule = TextRule::line("Tên phí, lệ phí", 500);
const FEE_BASIS: TextRule = TextRule::lines("Căn cứ thu phí, lệ phí", 2000);
const EXEMPTIONS: TextRule = TextRule::lines("Đối tượng miễn, giảm", 2000);
const RESULT: TextRule = TextRule::lines("Kết quả thực hiện", 2000);
const STEP: TextRule = TextRule::line("Tên bước xử lý", 200);

/// Every text or amount of `p` that breaks its rule, as `trường «fees[1].amount»: …` (the key
/// in the file, lists counted from 1).
pub(super) fn problems(p: &ProcedureSpec) -> Vec<String> {
    let mut texts: Vec<(String, &str, TextRule)> = vec![
        ("name".into(), p.name.as_str(), NAME),
        ("field".into(), p.field.as_str(), FIELD),
        (
            "decision.number".into(),
            p.decision.number.as_str(),
            DECISION,
        ),
        ("result".into(), p.result.as_str(), RESULT),
    ];
    let numbered = |list: &str, i: usize, key: &str| format!("{list}[{}].{key}", i + 1);
    for (i, l) in p.legal_bases.iter().enumerate() {
        texts.push((format!("legal_bases[{}]", i + 1), l, LEGAL_BASIS));
    }
    for (i, c) in p.components.iter().enumerate() {
        texts.push((numbered("components", i, "name"), &c.name, COMPONENT));
    }
    for (i, f) in p.fees.iter().enumerate() {
        texts.push((numbered("fees", i, "name"), &f.name, FEE_NAME));
        texts.push((numbered("fees", i, "basis"), &f.basis, FEE_BASIS));
        texts.push((numbered("fees", i, "exemptions"), &f.exemptions, EXEMPTIONS));
    }
    for (i, s) in p.steps.iter().enumerate() {
        texts.push((numbered("steps", i, "name"), &s.name, STEP));
    }
    let problem = |key: &str, e: InputError| format!("trường «{key}»: {e}");
    let mut out: Vec<String> = texts
        .into_iter()
        .filter_map(|(key, text, rule)| {
            optional(Some(text), |t| rule.parse(t).map(drop))
                .err()
                .map(|e| problem(&key, e))
        })
        .collect();
    for (i, f) in p.fees.iter().enumerate() {
        if let Err(e) = fee_vnd(f.amount) {
            out.push(problem(&numbered("fees", i, "amount"), e));
        }
    }
    out
}
