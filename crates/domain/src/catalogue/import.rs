//! The catalogue import file (`motcua.procedures.v1`), validated all or nothing.

use super::ProcedureSpec;
use crate::calendar::OfficeHours;
use crate::text::fold;
use serde::Deserialize;
use std::collections::HashSet;

/// The identifier of the format.
pub const FORMAT: &str = "motcua.procedures.v1";

/// An import file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFile {
    /// Must be [`FORMAT`].
    pub format: String,
    /// The procedures.
    pub procedures: Vec<ProcedureSpec>,
}

/// Why an import file was refused; the whole file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or a value of the wrong shape, at a line and column.
    #[error("dòng {line}, cột {column}: {message}")]
    Syntax {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Wrong `format`.
    #[error("định dạng «{0}» không được hỗ trợ (cần \"motcua.procedures.v1\")")]
    Format(String),
    /// An item breaks a rule.
    #[error("thủ tục #{index} ({code}): {message}")]
    Item {
        /// Position in the file, from 1.
        index: usize,
        /// Its code.
        code: String,
        /// What is wrong.
        message: String,
    },
}

/// Parses and validates an import file, the internal processes against `hours` (the office
/// hours of the province that publishes the catalogue); every problem found is returned.
pub fn parse_import(
    text: &str,
    hours: &OfficeHours,
) -> Result<Vec<ProcedureSpec>, Vec<ImportError>> {
    let file: ImportFile = serde_json::from_str(text).map_err(|e| {
        vec![ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }]
    })?;
    if file.format != FORMAT {
        return Err(vec![ImportError::Format(file.format)]);
    }
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, p) in file.procedures.iter().enumerate() {
        let item = |message: String| ImportError::Item {
            index: i + 1,
            code: p.code.to_string(),
            message,
        };
        if !seen.insert(p.code.clone()) {
            errors.push(item("mã thủ tục bị trùng trong tệp".into()));
        }
        if fold(&p.name).is_empty() {
            errors.push(item("thiếu tên thủ tục".into()));
        }
        if p.field.trim().is_empty() {
            errors.push(item("thiếu lĩnh vực".into()));
        }
        if let Err(e) = p.check_process(hours) {
            errors.push(item(e.to_string()));
        }
        if p.components.iter().any(|c| c.name.trim().is_empty()) {
            errors.push(item("thành phần hồ sơ thiếu tên".into()));
        }
        errors.extend(super::texts::problems(p).into_iter().map(item));
    }
    if errors.is_empty() {
        Ok(file.procedures)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, minutes: u32) -> String {
        format!(
            r#"{{"code":"{code}","name":"Đăng ký khai sinh","field":"Hộ tịch","level":"commune",
            "legal_bases":[],"decision":{{"number":"1/QĐ","date":"2025-07-01"}},
            "effective_from":"2025-07-01","time_limit":{{"unit":"working_days","amount":1}},
            "published_time_limit":null,"components":[],"applicant_types":["citizen"],"fees":[],
            "result":"Giấy khai sinh","online_level":"full","regardless_of_residence":true,
            "payment_pause_allowed":false,
            "steps":[{{"name":"Xử lý","role":"chuyen_vien","budget_minutes":{minutes}}}]}}"#
        )
    }

    #[test]
    fn accepts_a_valid_file() {
        let text = format!(
            r#"{{"format":"{FORMAT}","procedures":[{}]}}"#,
            item("1.001193", 450)
        );
        assert_eq!(
            parse_import(&text, &OfficeHours::default()).unwrap().len(),
            1
        );
    }

    #[test]
    fn processes_are_checked_against_the_provinces_own_hours() {
        // One working day is 450 minutes by default, 480 where the province works 8 hours.
        let text = format!(
            r#"{{"format":"{FORMAT}","procedures":[{}]}}"#,
            item("1.001193", 480)
        );
        let eight: OfficeHours = "07:00-11:00,13:00-17:00".parse().unwrap();
        assert!(parse_import(&text, &OfficeHours::default()).is_err());
        assert_eq!(parse_import(&text, &eight).unwrap().len(), 1);
    }

    #[test]
    fn reads_the_result_kind_and_defaults_to_a_document() {
        let no_document = item("1.004194", 450).replace(
            r#""result":"Giấy khai sinh","#,
            r#""result":"Thông tin cư trú được cập nhật","result_kind":"no_document","#,
        );
        let text = format!(
            r#"{{"format":"{FORMAT}","procedures":[{},{no_document}]}}"#,
            item("1.001193", 450)
        );
        use crate::catalogue::ResultKind;
        let kinds: Vec<ResultKind> = parse_import(&text, &OfficeHours::default())
            .unwrap()
            .iter()
            .map(|p| p.result_kind)
            .collect();
        assert_eq!(kinds, [ResultKind::Document, ResultKind::NoDocument]);
    }

    #[test]
    fn names_the_item_of_each_problem() {
        let text = format!(
            r#"{{"format":"{FORMAT}","procedures":[{},{},{}]}}"#,
            item("1.001193", 450),
            item("1.000894", 400),
            item("1.001193", 450)
        );
        let errors = parse_import(&text, &OfficeHours::default()).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("thủ tục #2 (1.000894): tổng thời gian"),
            "{text:?}"
        );
        assert_eq!(
            text[1],
            "thủ tục #3 (1.001193): mã thủ tục bị trùng trong tệp"
        );
    }

    #[test]
    fn over_long_texts_and_fees_out_of_range_name_their_key() {
        let long = "x".repeat(1001);
        let text = format!(
            r#"{{"format":"{FORMAT}","procedures":[{}]}}"#,
            item("1.001193", 450)
                .replace("Đăng ký khai sinh", &long)
                .replace(r#""fees":[]"#, r#""fees":[{"name":"Lệ phí","amount":1000000001,"basis":"","exemptions":"Dòng 1\nDòng 2"}]"#)
        );
        let errors: Vec<String> = parse_import(&text, &OfficeHours::default())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "thủ tục #1 (1.001193): trường «name»: Tên thủ tục dài quá 1.000 ký tự",
                "thủ tục #1 (1.001193): trường «fees[1].amount»: Số tiền phí, lệ phí vượt quá \
                 1.000.000.000 đồng",
            ]
        );
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let errors = parse_import(
            "{\n\"format\": \"motcua.procedures.v1\",\n\"procedures\": [x]}",
            &OfficeHours::default(),
        )
        .unwrap_err();
        assert!(
            matches!(errors[0], ImportError::Syntax { line: 3, .. }),
            "{errors:?}"
        );
        let bad_code = format!(
            r#"{{"format":"{FORMAT}","procedures":[{}]}}"#,
            item("1.0011", 450)
        );
        assert!(
            parse_import(&bad_code, &OfficeHours::default()).unwrap_err()[0]
                .to_string()
                .contains("1.0011")
        );
    }
}
