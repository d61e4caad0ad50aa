//! Why an input was refused: a stable code for the API and a Vietnamese message naming the field
//! and the limit. The value itself is never repeated (it may be personal data, or megabytes).

use crate::format::integer;

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Blank where a value is required.
    #[error("{0} không được để trống")]
    Empty(&'static str),
    /// More characters than the field allows.
    #[error("{label} dài quá {} ký tự", integer(i64::try_from(*max).unwrap_or(i64::MAX)))]
    TooLong {
        /// The field, as people call it («Địa chỉ»).
        label: &'static str,
        /// Most characters allowed.
        max: usize,
    },
    /// More items than a list allows.
    #[error("{label}: nhiều quá {max} mục")]
    TooMany {
        /// The items, as people call them.
        label: &'static str,
        /// Most items allowed.
        max: usize,
    },
    /// A control character (or a line break where the field holds one line).
    #[error("{0} có ký tự điều khiển hoặc xuống dòng không được phép")]
    Control(&'static str),
    /// Not a Vietnamese phone number.
    #[error(
        "Số điện thoại không hợp lệ (số di động 10 chữ số như 0912 345 678, số cố định 11 chữ số \
         như 024 3825 1234, có thể viết +84 ở đầu)"
    )]
    Phone,
    /// Not an identity number or a tax code.
    #[error(
        "Số định danh không hợp lệ (CMND 9 chữ số, căn cước/số định danh cá nhân 12 chữ số, hoặc \
         mã số thuế 10 chữ số, 10-3 chữ số với đơn vị phụ thuộc)"
    )]
    IdNumber,
    /// Not an e-mail address.
    #[error("Thư điện tử không hợp lệ (dạng ten@vi-du.vn)")]
    Email,
    /// A fee above the sane range.
    #[error(
        "Số tiền phí, lệ phí vượt quá {} đồng",
        integer(i64::try_from(super::MAX_FEE_VND).unwrap_or(i64::MAX))
    )]
    Fee,
}

impl InputError {
    /// The stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Empty(_) => "required",
            InputError::TooLong { .. } => "too_long",
            InputError::TooMany { .. } => "too_many",
            InputError::Control(_) => "control_character",
            InputError::Phone => "invalid_phone",
            InputError::IdNumber => "invalid_id_number",
            InputError::Email => "invalid_email",
            InputError::Fee => "fee_out_of_range",
        }
    }
}

/// An [`InputError`] on a named field: `address`, `applicant.address`, `note`. The name is the
/// one the input uses (the JSON key of the API, the form field of a page, the key of an import
/// line), so each edge can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct FieldError {
    /// The field at fault.
    pub field: String,
    /// What is wrong with it.
    pub error: InputError,
}

impl FieldError {
    /// `error` on `field`.
    pub fn new(field: &str, error: InputError) -> FieldError {
        FieldError {
            field: field.to_owned(),
            error,
        }
    }

    /// The same error on `parent.field` (`address` under `applicant`).
    #[must_use]
    pub fn under(self, parent: &str) -> FieldError {
        FieldError {
            field: format!("{parent}.{}", self.field),
            error: self.error,
        }
    }

    /// The stable API code.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_the_limit() {
        let e = InputError::TooLong {
            label: "Địa chỉ",
            max: 500,
        };
        assert_eq!(e.to_string(), "Địa chỉ dài quá 500 ký tự");
        let e = InputError::TooLong {
            label: "Ghi chú",
            max: 2000,
        };
        assert_eq!(e.to_string(), "Ghi chú dài quá 2.000 ký tự");
        let f = FieldError::new("address", e).under("applicant");
        assert_eq!(f.field, "applicant.address");
        assert_eq!(f.code(), "too_long");
        assert_eq!(
            InputError::Fee.to_string(),
            "Số tiền phí, lệ phí vượt quá 1.000.000.000 đồng"
        );
    }
}
