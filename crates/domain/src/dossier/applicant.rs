//! The applicant of a new dossier, every field parsed (docs/rules.md, «Dữ liệu nhập»).

use super::facts::Applicant;
use crate::catalogue::ApplicantType;
use crate::input::{Address, Email, FieldError, IdNumber, PersonName, Phone, optional};

/// The applicant as checked at intake: a name, and each optional field either absent or valid
/// (phone in its national form). The dossier records it as an [`Applicant`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplicant {
    /// Person or organisation.
    pub kind: ApplicantType,
    /// Full name.
    pub name: PersonName,
    /// Identity number or tax code.
    pub id_number: Option<IdNumber>,
    /// Phone.
    pub phone: Option<Phone>,
    /// E-mail.
    pub email: Option<Email>,
    /// Address.
    pub address: Option<Address>,
}

impl NewApplicant {
    /// Parses the applicant as sent; blank optional fields are absent. The error names the
    /// first field at fault by its key (`name`, `id_number`, `phone`, `email`, `address`).
    pub fn parse(a: &Applicant) -> Result<NewApplicant, FieldError> {
        let at = |field: &'static str| move |e| FieldError::new(field, e);
        Ok(NewApplicant {
            kind: a.kind,
            name: PersonName::parse(&a.name).map_err(at("name"))?,
            id_number: optional(a.id_number.as_deref(), IdNumber::parse)
                .map_err(at("id_number"))?,
            phone: optional(a.phone.as_deref(), Phone::parse).map_err(at("phone"))?,
            email: optional(a.email.as_deref(), Email::parse).map_err(at("email"))?,
            address: optional(a.address.as_deref(), Address::parse).map_err(at("address"))?,
        })
    }
}

impl From<NewApplicant> for Applicant {
    fn from(a: NewApplicant) -> Applicant {
        Applicant {
            kind: a.kind,
            name: a.name.into(),
            id_number: a.id_number.map(Into::into),
            phone: a.phone.map(Into::into),
            email: a.email.map(Into::into),
            address: a.address.map(Into::into),
        }
    }
}
