//! Codes of domain enums as the API reads and writes them, with their schemas. The domain stays
//! free of OpenAPI; each mirror here has the domain's serde codes and converts both ways with
//! exhaustive matches, so a variant added to the domain does not compile until it is listed.
//! (Status, channel and time class are shared with the report exports.)

pub use motcua_report::json::{Channel, Status, TimeClass};

use motcua_domain::{calendar, catalogue, deadline, dossier, org, stats};

/// Declares `$name`, the API mirror of the domain enum `$domain`, with its conversions.
macro_rules! mirror {
    ($(#[$meta:meta])* $name:ident = $module:ident::$domain:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                $variant,
            )+
        }

        impl From<$module::$domain> for $name {
            fn from(v: $module::$domain) -> $name {
                match v {
                    $($module::$domain::$variant => $name::$variant,)+
                }
            }
        }

        impl From<$name> for $module::$domain {
            fn from(v: $name) -> $module::$domain {
                match v {
                    $($name::$variant => $module::$domain::$variant,)+
                }
            }
        }
    };
}

mirror! {
    /// Cách trả kết quả: tại Bộ phận Một cửa (desk), qua bưu chính (post), trực tuyến (online).
    ReturnMethod = dossier::ReturnMethod { Desk, Post, Online }
}

mirror! {
    /// Cách nộp phí, lệ phí: tại Bộ phận Một cửa (desk) hoặc trực tuyến (online).
    PaymentMethod = dossier::PaymentMethod { Desk, Online }
}

mirror! {
    /// Đối tượng thực hiện: cá nhân (citizen) hoặc tổ chức (organisation).
    ApplicantType = catalogue::ApplicantType { Citizen, Organisation }
}

mirror! {
    /// Loại ngày: làm việc, nghỉ cuối tuần, nghỉ lễ, nghỉ bù, nghỉ hoán đổi, làm bù.
    DayKind = calendar::DayKind {
        Working, Weekend, Holiday, CompensatoryOff, SwappedOff, MakeupWorking,
    }
}

mirror! {
    /// Loại đơn vị: tỉnh, trung tâm phục vụ hành chính công, sở ngành, xã, phường, huyện (cấp
    /// huyện, chỉ có trước 01/7/2025).
    UnitKind = org::UnitKind { Province, Centre, Department, Commune, Ward, District }
}

mirror! {
    /// Vai trò: tiếp nhận, chuyên viên, lãnh đạo, văn thư, kiểm soát TTHC, CCHC, quản trị.
    Role = org::Role { TiepNhan, ChuyenVien, LanhDao, VanThu, KiemSoatTthc, Cchc, QuanTri }
}

mirror! {
    /// Lý do tạm dừng tính thời gian: bổ sung hồ sơ hoặc chờ nghĩa vụ tài chính.
    PauseReason = deadline::PauseReason { Supplement, Payment }
}

mirror! {
    /// Cấp thực hiện: xã hoặc tỉnh.
    ProcedureLevel = catalogue::ProcedureLevel { Commune, Province }
}

mirror! {
    /// Tình trạng phiên bản thủ tục: đang áp dụng, đã sửa đổi, đã bãi bỏ.
    ProcedureStatus = catalogue::ProcedureStatus { Active, Amended, Abolished }
}

mirror! {
    /// Mức cung cấp dịch vụ công trực tuyến: toàn trình, một phần, không.
    OnlineLevel = catalogue::OnlineLevel { Full, Partial, None }
}

mirror! {
    /// Loại kết quả: có giấy tờ hay không (chỉ số 766: 3.3, 4.1, 4.2).
    ResultKind = catalogue::ResultKind { Document, NoDocument }
}

mirror! {
    /// Mức độ hài lòng.
    Rating = stats::Rating { RatHaiLong, HaiLong, BinhThuong, KhongHaiLong }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn same<D: Serialize + Copy, M: From<D> + Serialize>(all: &[D]) {
        for &d in all {
            assert_eq!(
                serde_json::to_value(M::from(d)).unwrap(),
                serde_json::to_value(d).unwrap()
            );
        }
    }

    /// The mirrors write exactly the domain's own codes.
    #[test]
    fn codes_are_the_domain_codes() {
        use dossier::{PaymentMethod as P, ReturnMethod as R};
        same::<_, ReturnMethod>(&[R::Desk, R::Post, R::Online]);
        same::<_, PaymentMethod>(&[P::Desk, P::Online]);
        use catalogue::ApplicantType as A;
        same::<_, ApplicantType>(&[A::Citizen, A::Organisation]);
        same::<_, DayKind>(&calendar::DayKind::ALL);
        use org::UnitKind as U;
        same::<_, UnitKind>(&[
            U::Province,
            U::Centre,
            U::Department,
            U::Commune,
            U::Ward,
            U::District,
        ]);
        same::<_, Role>(&org::Role::ALL);
        use deadline::PauseReason as Pr;
        same::<_, PauseReason>(&[Pr::Supplement, Pr::Payment]);
        use catalogue::{OnlineLevel as O, ProcedureLevel as L, ProcedureStatus as S};
        same::<_, ProcedureLevel>(&[L::Commune, L::Province]);
        same::<_, ProcedureStatus>(&[S::Active, S::Amended, S::Abolished]);
        same::<_, OnlineLevel>(&[O::Full, O::Partial, O::None]);
        use catalogue::ResultKind as K;
        same::<_, ResultKind>(&[K::Document, K::NoDocument]);
        same::<_, Rating>(&stats::Rating::ALL);
    }
}
