//! Codes of domain enums as JSON documents show them, with their OpenAPI schemas.
//!
//! Each mirrors a domain enum variant for variant, with both conversions written as exhaustive
//! matches: a variant added to the domain does not compile until it is added here, so the
//! schema cannot fall behind what is served.

use motcua_domain::classify;
use motcua_domain::dossier;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Trạng thái hồ sơ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Chờ tiếp nhận (nộp trực tuyến).
    Submitted,
    /// Đã tiếp nhận.
    Received,
    /// Đang giải quyết.
    InProgress,
    /// Chờ bổ sung hồ sơ.
    SupplementRequested,
    /// Chờ thực hiện nghĩa vụ tài chính.
    AwaitingPayment,
    /// Đã có kết quả.
    Resolved,
    /// Đã trả kết quả.
    Returned,
    /// Dừng giải quyết.
    Stopped,
    /// Đã rút hồ sơ.
    Withdrawn,
    /// Từ chối tiếp nhận.
    RefusedAtIntake,
}

impl From<dossier::Status> for Status {
    fn from(s: dossier::Status) -> Status {
        use dossier::Status as D;
        match s {
            D::Submitted => Status::Submitted,
            D::Received => Status::Received,
            D::InProgress => Status::InProgress,
            D::SupplementRequested => Status::SupplementRequested,
            D::AwaitingPayment => Status::AwaitingPayment,
            D::Resolved => Status::Resolved,
            D::Returned => Status::Returned,
            D::Stopped => Status::Stopped,
            D::Withdrawn => Status::Withdrawn,
            D::RefusedAtIntake => Status::RefusedAtIntake,
        }
    }
}

impl From<Status> for dossier::Status {
    fn from(s: Status) -> dossier::Status {
        use dossier::Status as D;
        match s {
            Status::Submitted => D::Submitted,
            Status::Received => D::Received,
            Status::InProgress => D::InProgress,
            Status::SupplementRequested => D::SupplementRequested,
            Status::AwaitingPayment => D::AwaitingPayment,
            Status::Resolved => D::Resolved,
            Status::Returned => D::Returned,
            Status::Stopped => D::Stopped,
            Status::Withdrawn => D::Withdrawn,
            Status::RefusedAtIntake => D::RefusedAtIntake,
        }
    }
}

/// Hình thức nộp: trực tiếp (desk), bưu chính (post), trực tuyến (online).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Trực tiếp tại Bộ phận Một cửa.
    Desk,
    /// Qua dịch vụ bưu chính.
    Post,
    /// Trực tuyến.
    Online,
}

impl From<dossier::Channel> for Channel {
    fn from(c: dossier::Channel) -> Channel {
        match c {
            dossier::Channel::Desk => Channel::Desk,
            dossier::Channel::Post => Channel::Post,
            dossier::Channel::Online => Channel::Online,
        }
    }
}

impl From<Channel> for dossier::Channel {
    fn from(c: Channel) -> dossier::Channel {
        match c {
            Channel::Desk => dossier::Channel::Desk,
            Channel::Post => dossier::Channel::Post,
            Channel::Online => dossier::Channel::Online,
        }
    }
}

/// Tình hình giải quyết: trước hạn, đúng hạn, quá hạn (đã giải quyết); trong hạn, quá hạn
/// (đang giải quyết).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeClass {
    /// Đã giải quyết trước hạn.
    Early,
    /// Đã giải quyết đúng hạn.
    OnTime,
    /// Đã giải quyết quá hạn.
    Late,
    /// Đang giải quyết, trong hạn.
    NotDue,
    /// Đang giải quyết, quá hạn.
    Overdue,
}

impl From<classify::TimeClass> for TimeClass {
    fn from(c: classify::TimeClass) -> TimeClass {
        use classify::TimeClass as D;
        match c {
            D::Early => TimeClass::Early,
            D::OnTime => TimeClass::OnTime,
            D::Late => TimeClass::Late,
            D::NotDue => TimeClass::NotDue,
            D::Overdue => TimeClass::Overdue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mirrors write exactly what the domain's own serde writes.
    #[test]
    fn codes_are_the_domain_codes() {
        for s in dossier::Status::ALL {
            assert_eq!(
                serde_json::to_value(Status::from(s)).unwrap(),
                serde_json::to_value(s).unwrap()
            );
            assert_eq!(dossier::Status::from(Status::from(s)), s);
        }
        for c in [
            dossier::Channel::Desk,
            dossier::Channel::Post,
            dossier::Channel::Online,
        ] {
            assert_eq!(
                serde_json::to_value(Channel::from(c)).unwrap(),
                serde_json::to_value(c).unwrap()
            );
        }
        use classify::TimeClass as D;
        for c in [D::Early, D::OnTime, D::Late, D::NotDue, D::Overdue] {
            assert_eq!(
                serde_json::to_value(TimeClass::from(c)).unwrap(),
                serde_json::to_value(c).unwrap()
            );
        }
    }
}
