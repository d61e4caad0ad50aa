//! The standard fixture: a province with two wards and a department, three procedures, one
//! user per role per unit, and a clock standing at Wednesday 25/11/2026 09:00 (local time).

use crate::db::{Backend, TestDb};
use argon2::password_hash::PasswordHasher;
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use motcua_app::clock::FixedClock;
use motcua_app::store::{Store, UserRecord};
use motcua_app::{App, Caller};
use motcua_domain::calendar::OfficeHours;
use motcua_domain::dossier::Version as DossierVersion;
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::org::{Actor, Grant, Role, Unit, UnitKind};
use serde_json::json;
use std::sync::{Arc, OnceLock};

/// The province (root of the tree).
pub const PROVINCE: &str = "T01";
/// A ward with its one-stop desk.
pub const WARD1: &str = "T01.W1";
/// Another ward, to test that units do not see each other's dossiers.
pub const WARD2: &str = "T01.W2";
/// A provincial department.
pub const DEPARTMENT: &str = "T01.D1";
/// Every unit of the fixture.
pub const UNITS: [&str; 4] = [PROVINCE, WARD1, WARD2, DEPARTMENT];

/// Đăng ký kết hôn: 3 working days, no fee.
pub const MARRIAGE: &str = "1.000894";
/// Chứng thực bản sao từ bản chính: same day, 2.000 đồng, the clock may pause for payment.
pub const CERTIFY: &str = "2.000815";
/// Cấp giấy phép xây dựng: provincial, decided by the department (received at a ward, regardless
/// of residence), 5 working days, 150.000 đồng.
pub const BUILDING: &str = "1.009994";

/// Where the clock stands at the start: Wednesday 25/11/2026 09:00, inside office hours.
pub fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

/// The user holding `role` at `unit`: `<role code>.<last part of the unit code, lower case>`,
/// e.g. `tiep_nhan.w1`, `quan_tri.t01`.
pub fn username(role: Role, unit: &str) -> String {
    let suffix = unit.rsplit('.').next().unwrap_or(unit).to_lowercase();
    format!("{}.{suffix}", role.code())
}

/// The password of every user with `role`: `matkhau-<role code>-123`.
pub fn password(role: Role) -> String {
    format!("matkhau-{}-123", role.code())
}

/// An application on a fresh database, its clock and the database.
#[derive(Debug)]
pub struct Fixture {
    /// The application.
    pub app: App,
    /// The clock the application reads.
    pub clock: Arc<FixedClock>,
    /// The storage port.
    pub store: Arc<dyn Store>,
    /// The database (removed when the fixture is dropped).
    pub db: TestDb,
}

impl Fixture {
    /// Now, as the application sees it.
    pub fn now(&self) -> NaiveDateTime {
        self.app.now()
    }

    /// Moves the clock to `t`.
    pub fn set_now(&self, t: NaiveDateTime) {
        self.clock.set(t);
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.clock.set(self.now() + by);
    }

    /// The user holding `role` at `unit` as the use cases take them, without signing in.
    pub fn caller(&self, role: Role, unit: &str) -> Caller {
        Caller::staff(self.actor(role, unit))
    }

    /// The version dossier `code` is at now, read from the store, as a screen just loaded
    /// would send it with an action.
    ///
    /// # Panics
    /// When the code does not parse or the dossier does not exist: a failed test.
    pub async fn version(&self, code: &str) -> DossierVersion {
        let code = DossierCode::parse(code).unwrap_or_else(|e| panic!("dossier code {code}: {e}"));
        match self.store.dossier(&code).await {
            Ok(Some((dossier, _))) => DossierVersion::of(&dossier),
            other => panic!("dossier {code}: {other:?}"),
        }
    }

    /// An online submission of `procedure` to `unit`, stored now as a portal stores it
    /// (waiting for the completeness check; applicant «Trần Thị Bình», phone 0912345678):
    /// answers its submission number.
    ///
    /// # Panics
    /// When the procedure is unknown or the store refuses it: a failed test.
    pub async fn submit_online(&self, unit: &str, procedure: &str) -> String {
        let procedures = self.store.procedures().await.unwrap_or_default();
        let Some(procedure) = procedures
            .iter()
            .find(|p| p.spec.code.as_str() == procedure)
        else {
            panic!("procedure {procedure} is not in the fixture");
        };
        let new = crate::online_submission(procedure, unit, self.now());
        match self
            .store
            .insert_dossier(new, "cong-dich-vu-cong", None)
            .await
        {
            Ok(stored) => stored.dossier.code.to_string(),
            Err(e) => panic!("online submission: {e}"),
        }
    }

    /// The operator at the command line.
    pub fn operator(&self) -> Caller {
        Caller::operator("kiem-thu")
    }

    /// The actor of the user holding `role` at `unit`, without signing in.
    pub fn actor(&self, role: Role, unit: &str) -> Actor {
        Actor {
            username: username(role, unit),
            full_name: full_name(role, unit),
            grants: vec![Grant {
                role,
                unit: unit_code(unit),
            }],
        }
    }
}

/// A fresh fixture on `backend`.
///
/// # Panics
/// When the database cannot be created or the fixture data is refused: a failed test.
pub async fn fixture(backend: Backend) -> Fixture {
    let db = TestDb::new(backend).await;
    let store = motcua_store::connect(&db.url)
        .await
        .unwrap_or_else(|e| panic!("connect to {}: {e}", db.url));
    store
        .migrate()
        .await
        .unwrap_or_else(|e| panic!("migrate {}: {e}", db.url));
    let clock = Arc::new(FixedClock::new(start()));
    let app = App::new(store.clone(), clock.clone());
    store
        .put_units(&units())
        .await
        .unwrap_or_else(|e| panic!("store the fixture units: {e}"));
    app.import_procedures(&Caller::operator("kiem-thu"), &catalogue())
        .await
        .unwrap_or_else(|e| panic!("import the fixture catalogue: {e:?}"));
    for user in users() {
        store
            .create_user(&user)
            .await
            .unwrap_or_else(|e| panic!("create user {}: {e}", user.username));
    }
    Fixture {
        app,
        clock,
        store,
        db,
    }
}

fn unit_code(code: &str) -> UnitCode {
    UnitCode::parse(code).unwrap_or_else(|e| panic!("fixture unit code: {e}"))
}

fn full_name(role: Role, unit: &str) -> String {
    format!("{} {unit}", role.label_vi())
}

fn units() -> Vec<Unit> {
    let unit = |code: &str, name: &str, kind: UnitKind| {
        let parent = (code != PROVINCE).then(|| unit_code(PROVINCE));
        let mut path: Vec<UnitCode> = parent.iter().cloned().collect();
        path.push(unit_code(code));
        Unit {
            code: unit_code(code),
            name: name.to_owned(),
            kind,
            parent,
            path,
            calendar: "ccvc".into(),
            office_hours: OfficeHours::default().to_string(),
            valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default(),
            valid_to: None,
            successor: None,
            address: String::new(),
            phone: String::new(),
        }
    };
    vec![
        unit(
            PROVINCE,
            "Ủy ban nhân dân tỉnh Thử Nghiệm",
            UnitKind::Province,
        ),
        unit(WARD1, "Ủy ban nhân dân phường Một", UnitKind::Ward),
        unit(WARD2, "Ủy ban nhân dân phường Hai", UnitKind::Ward),
        unit(DEPARTMENT, "Sở Xây dựng", UnitKind::Department),
    ]
}

/// One user per role per unit. Hashes use small Argon2 parameters (verification reads them
/// from the hash), so signing in costs microseconds rather than tens of milliseconds.
fn users() -> Vec<UserRecord> {
    let mut out = Vec::new();
    for unit in UNITS {
        for role in Role::ALL {
            out.push(UserRecord {
                username: username(role, unit),
                full_name: full_name(role, unit),
                password_hash: cheap_hash(role),
                grants: vec![Grant {
                    role,
                    unit: unit_code(unit),
                }],
                active: true,
            });
        }
    }
    out
}

fn cheap_hash(role: Role) -> String {
    static HASHES: OnceLock<Vec<(Role, String)>> = OnceLock::new();
    let hashes = HASHES.get_or_init(|| {
        let params = Params::new(Params::MIN_M_COST, 1, 1, None)
            .unwrap_or_else(|e| panic!("argon2 parameters: {e}"));
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        Role::ALL
            .into_iter()
            .map(|r| {
                let hash = argon
                    .hash_password(password(r).as_bytes())
                    .unwrap_or_else(|e| panic!("hash a fixture password: {e}"));
                (r, hash.to_string())
            })
            .collect()
    });
    hashes
        .iter()
        .find(|(r, _)| *r == role)
        .map(|(_, h)| h.clone())
        .unwrap_or_default()
}

/// Three procedures: two of the commune level, one of the province's.
fn catalogue() -> String {
    let procedure = |code: &str,
                     name: &str,
                     field: &str,
                     level: &str,
                     limit,
                     fee: u64,
                     pause: bool,
                     steps| {
        let fees = if fee == 0 {
            json!([])
        } else {
            json!([{ "name": "Lệ phí", "amount": fee, "basis": "Thông tư 85/2019/TT-BTC",
                     "exemptions": "" }])
        };
        json!({
            "code": code, "name": name, "field": field, "level": level,
            "legal_bases": ["Luật Hộ tịch 2014"],
            "decision": { "number": "1/QĐ-UBND", "date": "2025-07-01" },
            "effective_from": "2025-07-01", "time_limit": limit, "published_time_limit": null,
            "components": [{ "name": "Tờ khai", "originals": 1, "copies": 0, "required": true }],
            "applicant_types": ["citizen"], "fees": fees, "result": "Kết quả giải quyết",
            "online_level": "partial", "regardless_of_residence": true,
            "payment_pause_allowed": pause, "steps": steps,
        })
    };
    let step = |name: &str, role: &str, minutes: u32| json!({ "name": name, "role": role, "budget_minutes": minutes });
    json!({ "format": "motcua.procedures.v1", "procedures": [
        procedure(MARRIAGE, "Đăng ký kết hôn", "Hộ tịch", "commune",
            json!({ "unit": "working_days", "amount": 3 }), 0, false,
            json!([step("Thẩm định hồ sơ", "chuyen_vien", 900), step("Phê duyệt", "lanh_dao", 450)])),
        procedure(CERTIFY, "Chứng thực bản sao từ bản chính", "Chứng thực", "commune",
            json!({ "unit": "same_day", "cutoff": "15:00:00" }), 2_000, true,
            json!([step("Chứng thực", "chuyen_vien", 240), step("Ký chứng thực", "lanh_dao", 60)])),
        procedure(BUILDING, "Cấp giấy phép xây dựng", "Xây dựng", "province",
            json!({ "unit": "working_days", "amount": 5 }), 150_000, false,
            json!([step("Thẩm định hồ sơ", "chuyen_vien", 1800), step("Phê duyệt", "lanh_dao", 450)])),
    ]})
    .to_string()
}
