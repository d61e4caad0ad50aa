//! Serde's error texts, which are English, as Vietnamese messages naming the field at fault.
//!
//! Request bodies and query strings both go through serde; its messages follow a few fixed
//! shapes (`missing field`, `unknown field`, `invalid type`, ...). Those shapes are translated;
//! messages written by our own deserialisers are already Vietnamese and pass through; any other
//! English text is replaced by a general message rather than shown to the user.

/// A refused input: a Vietnamese message and the field at fault, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// Where (`applicant.name`, `limit`).
    pub field: Option<String>,
}

/// What the refused names are called in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Fields of a JSON body: «trường «name»».
    Fields,
    /// Query or path parameters, already called parameters by the error: «name».
    Parameters,
}

/// Describes serde's error `text` found at `path` (`None` at the top level).
pub fn describe(text: &str, path: Option<String>, names: Names) -> Refusal {
    let noun = match names {
        Names::Fields => "trường ",
        Names::Parameters => "",
    };
    let text = text.rsplit_once(" at line ").map_or(text, |(head, _)| head);
    let join = |name: &str| {
        Some(match &path {
            Some(p) if p == name || p.ends_with(&format!(".{name}")) => p.clone(),
            Some(p) => format!("{p}.{name}"),
            None => name.to_owned(),
        })
    };
    if let Some(name) = quoted_after(text, "missing field ") {
        return refusal(format!("thiếu {noun}«{name}»"), join(name));
    }
    if let Some(name) = quoted_after(text, "unknown field ") {
        return refusal(format!("{noun}«{name}» không được hỗ trợ"), join(name));
    }
    if let Some(name) = quoted_after(text, "duplicate field ") {
        return refusal(format!("{noun}«{name}» xuất hiện hai lần"), join(name));
    }
    if let Some(name) = quoted_after(text, "unknown variant ") {
        let message = format!("giá trị «{name}» không hợp lệ{}", one_of(text));
        return refusal(message, path);
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (got, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let message = format!("sai kiểu dữ liệu: cần {}, nhận {}", kind(wanted), kind(got));
        return refusal(message, path);
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        let wanted = rest.split_once(", expected ").map_or("", |(_, w)| w);
        return refusal(format!("giá trị không hợp lệ: cần {}", kind(wanted)), path);
    }
    if text.starts_with("invalid length ") {
        return refusal("số phần tử không đúng".into(), path);
    }
    if text.starts_with("invalid digit") || text.starts_with("cannot parse integer") {
        return refusal("cần một số nguyên".into(), path);
    }
    if text.contains("too large") || text.contains("too small") || text.contains("out of range") {
        return refusal("số nằm ngoài khoảng cho phép".into(), path);
    }
    if text.starts_with("provided string was not") || text.starts_with("invalid float") {
        return refusal("giá trị không đúng kiểu".into(), path);
    }
    if !text.is_ascii() {
        // Our own deserialisers write Vietnamese.
        return refusal(text.to_owned(), path);
    }
    refusal("giá trị không hợp lệ".into(), path)
}

fn refusal(message: String, field: Option<String>) -> Refusal {
    Refusal { message, field }
}

/// The name in backquotes after `prefix`, e.g. ``missing field `name` `` → `name`.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

/// ` (cần một trong: a, b)` from serde's `expected one of `a`, `b``.
fn one_of(text: &str) -> String {
    text.split_once("expected one of ")
        .map(|(_, list)| format!(" (cần một trong: {})", list.replace('`', "")))
        .unwrap_or_default()
}

/// A serde type description (`a string`, `integer `3``, `u32`) in Vietnamese.
fn kind(what: &str) -> String {
    let value = what
        .split_once('`')
        .and_then(|(_, rest)| rest.rsplit_once('`'))
        .map(|(v, _)| v);
    let with = |name: &str| match value {
        Some(v) => format!("{name} {v}"),
        None => name.to_owned(),
    };
    let w = what.trim();
    if w.starts_with("string") || w.starts_with("a string") || w.starts_with("a borrowed str") {
        return match what.split_once('"').and_then(|(_, r)| r.rsplit_once('"')) {
            Some((v, _)) => format!("chuỗi «{v}»"),
            None => "chuỗi".into(),
        };
    }
    if w.starts_with("integer") || is_integer_type(w) {
        return with("số nguyên");
    }
    if w.starts_with("floating point") || w == "f64" || w == "f32" {
        return with("số");
    }
    if w.starts_with("boolean") || w == "a boolean" {
        return with("true hoặc false");
    }
    if w.starts_with("null") || w == "unit" {
        return "null".into();
    }
    if w.starts_with("sequence") || w.starts_with("a sequence") || w.starts_with("tuple") {
        return "mảng".into();
    }
    if w.starts_with("map") || w.starts_with("struct") || w.starts_with("a map") {
        return "đối tượng".into();
    }
    if w.starts_with("internally tagged enum") {
        return "đối tượng có trường phân loại".into();
    }
    if !w.is_ascii() {
        return w.to_owned();
    }
    "giá trị khác".into()
}

/// `u32`, `i64`, `usize`...
fn is_integer_type(w: &str) -> bool {
    let digits = w
        .strip_prefix('u')
        .or_else(|| w.strip_prefix('i'))
        .unwrap_or("");
    digits == "size" || (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &str) -> Refusal {
        describe(text, Some(path.to_owned()), Names::Fields)
    }

    #[test]
    fn fields_are_named_with_their_path() {
        let r = at("missing field `name` at line 1 column 40", "applicant");
        assert_eq!(r.message, "thiếu trường «name»");
        assert_eq!(r.field.as_deref(), Some("applicant.name"));
        let r = at("unknown field `x`, expected one of `a`, `b`", "x");
        assert_eq!(r.message, "trường «x» không được hỗ trợ");
        assert_eq!(r.field.as_deref(), Some("x"));
        let r = describe("duplicate field `limit`", None, Names::Parameters);
        assert_eq!(r.message, "«limit» xuất hiện hai lần");
        assert_eq!(r.field.as_deref(), Some("limit"));
    }

    #[test]
    fn types_and_values_are_explained_in_vietnamese() {
        let r = at("invalid type: integer `1`, expected a string", "name");
        assert_eq!(r.message, "sai kiểu dữ liệu: cần chuỗi, nhận số nguyên 1");
        let r = at(
            "invalid type: string \"x\", expected a boolean",
            "digitised",
        );
        assert_eq!(
            r.message,
            "sai kiểu dữ liệu: cần true hoặc false, nhận chuỗi «x»"
        );
        let r = at(
            "unknown variant `fax`, expected one of `desk`, `post`, `online`",
            "channel",
        );
        assert_eq!(
            r.message,
            "giá trị «fax» không hợp lệ (cần một trong: desk, post, online)"
        );
        assert_eq!(
            at("invalid digit found in string", "limit").message,
            "cần một số nguyên"
        );
    }

    #[test]
    fn english_never_leaks_and_our_own_messages_pass() {
        let r = describe("something unexpected happened", None, Names::Fields);
        assert_eq!(r.message, "giá trị không hợp lệ");
        let r = at("mã hồ sơ «x» không hợp lệ", "code");
        assert_eq!(r.message, "mã hồ sơ «x» không hợp lệ");
    }
}
