//! The one-stop rules a dossier was received under, and what its receipt prints by them
//! (docs/rules.md §1.1, §1.2, §1.4).

/// The set of rules of a dossier, read from its recorded rule version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSet {
    /// Nghị định 61/2018/NĐ-CP, Thông tư 01/2018/TT-VPCP: received before 01/7/2025.
    Decree61Of2018,
    /// Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP: received from 01/7/2025.
    Decree118Of2025,
}

impl RuleSet {
    /// The set named by a dossier's `rule_version` (`61/2018/NĐ-CP` or `118/2025/NĐ-CP`); any
    /// other text reads as the current set.
    pub fn of(rule_version: &str) -> RuleSet {
        if rule_version.starts_with("61/") {
            RuleSet::Decree61Of2018
        } else {
            RuleSet::Decree118Of2025
        }
    }

    /// The body that receives dossiers and hands results back, as the receipt's header names it.
    pub fn desk_name(self) -> &'static str {
        match self {
            RuleSet::Decree61Of2018 => "Bộ phận Một cửa",
            RuleSet::Decree118Of2025 => "Trung tâm Phục vụ hành chính công",
        }
    }

    /// The receipt's form («Giấy tiếp nhận hồ sơ và hẹn trả kết quả») and its circular.
    pub fn receipt_form(self) -> &'static str {
        match self {
            RuleSet::Decree61Of2018 => "Mẫu số 01 — Thông tư số 01/2018/TT-VPCP",
            RuleSet::Decree118Of2025 => "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP",
        }
    }

    /// The control sheet's form («Phiếu kiểm soát quá trình giải quyết hồ sơ») and its circular.
    pub fn control_sheet_form(self) -> &'static str {
        match self {
            RuleSet::Decree61Of2018 => "Mẫu số 05 — Thông tư số 01/2018/TT-VPCP",
            RuleSet::Decree118Of2025 => "Mẫu số 06 — Thông tư số 03/2025/TT-VPCP",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_rule_version_picks_the_desk_and_the_receipt_form() {
        let old = RuleSet::of("61/2018/NĐ-CP");
        assert_eq!(
            (old.desk_name(), old.receipt_form()),
            ("Bộ phận Một cửa", "Mẫu số 01 — Thông tư số 01/2018/TT-VPCP")
        );
        let new = RuleSet::of("118/2025/NĐ-CP");
        assert_eq!(
            (new.desk_name(), new.receipt_form()),
            (
                "Trung tâm Phục vụ hành chính công",
                "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP"
            )
        );
        assert_eq!(
            (old.control_sheet_form(), new.control_sheet_form()),
            (
                "Mẫu số 05 — Thông tư số 01/2018/TT-VPCP",
                "Mẫu số 06 — Thông tư số 03/2025/TT-VPCP"
            )
        );
    }
}
