//! Text folding for search: case- and diacritics-insensitive, `đ` folds to `d` (docs/rules.md §12).

/// Lower-case ASCII folding of Vietnamese text, with runs of whitespace collapsed to one space.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether every word of the folded `query` appears in the folded `text`.
pub fn matches(folded_text: &str, query: &str) -> bool {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| folded_text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_case_and_d() {
        assert_eq!(fold("Đăng ký  Kết hôn"), "dang ky ket hon");
        assert_eq!(fold("Đường Đức"), "duong duc");
        assert!(matches(&fold("Đăng ký kết hôn"), "dang ky KET hon"));
        assert!(!matches(&fold("Đăng ký khai sinh"), "ket hon"));
    }
}
