//! Roles and who may act where (docs/rules.md §2).

use crate::ids::UnitCode;
use serde::{Deserialize, Serialize};

/// A role a user holds, scoped to a unit and its subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// One-stop desk officer: intake, return of results.
    TiepNhan,
    /// Specialist: processing steps.
    ChuyenVien,
    /// Leader: assign, approve, sign apology letters.
    LanhDao,
    /// Clerk: numbering, issuing results.
    VanThu,
    /// Catalogue control.
    KiemSoatTthc,
    /// Reform officer: reports, plans, assessment.
    Cchc,
    /// System administrator.
    QuanTri,
}

impl Role {
    /// Every staff role.
    pub const ALL: [Role; 7] = [
        Role::TiepNhan,
        Role::ChuyenVien,
        Role::LanhDao,
        Role::VanThu,
        Role::KiemSoatTthc,
        Role::Cchc,
        Role::QuanTri,
    ];

    /// The code used in the API and the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::TiepNhan => "tiep_nhan",
            Role::ChuyenVien => "chuyen_vien",
            Role::LanhDao => "lanh_dao",
            Role::VanThu => "van_thu",
            Role::KiemSoatTthc => "kiem_soat_tthc",
            Role::Cchc => "cchc",
            Role::QuanTri => "quan_tri",
        }
    }

    /// Parses a role code.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::TiepNhan => "Cán bộ tiếp nhận (Một cửa)",
            Role::ChuyenVien => "Chuyên viên xử lý",
            Role::LanhDao => "Lãnh đạo",
            Role::VanThu => "Văn thư",
            Role::KiemSoatTthc => "Kiểm soát TTHC",
            Role::Cchc => "Cán bộ CCHC",
            Role::QuanTri => "Quản trị hệ thống",
        }
    }
}

/// One role held at one unit (and its subtree).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The unit at the top of the scope.
    pub unit: UnitCode,
}

/// Who is acting: a signed-in user and their grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Login name, recorded on every event.
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Roles and their scopes.
    pub grants: Vec<Grant>,
}

impl Actor {
    /// Whether the actor holds `role` at a unit on `unit_path` (the codes from the root down to
    /// the unit acted upon), i.e. at that unit or above it.
    pub fn holds(&self, role: Role, unit_path: &[UnitCode]) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && unit_path.contains(&g.unit))
    }

    /// Whether the actor holds any of `roles` over `unit_path`.
    pub fn holds_any(&self, roles: &[Role], unit_path: &[UnitCode]) -> bool {
        roles.iter().any(|r| self.holds(*r, unit_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> UnitCode {
        UnitCode::parse(s).unwrap()
    }

    #[test]
    fn a_grant_covers_its_unit_and_the_subtree_only() {
        let actor = Actor {
            username: "a".into(),
            full_name: "A".into(),
            grants: vec![Grant {
                role: Role::LanhDao,
                unit: code("P01"),
            }],
        };
        let province = [code("P01")];
        let ward = [code("P01"), code("W01")];
        let other = [code("P02"), code("W09")];
        assert!(actor.holds(Role::LanhDao, &province));
        assert!(actor.holds(Role::LanhDao, &ward));
        assert!(!actor.holds(Role::LanhDao, &other));
        assert!(!actor.holds(Role::TiepNhan, &ward));
        assert!(Role::ALL.iter().all(|r| Role::parse(r.code()) == Some(*r)));
    }
}
