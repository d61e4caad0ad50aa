//! The demo province (`serve --demo`): units, the catalogue, one user per role and about 500
//! dossiers over the last six months in every state, made by the real rules.

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::require_operator;
use crate::store::UserRecord;
use chrono::{Duration, NaiveDateTime, Timelike};
use motcua_domain::catalogue::{ApplicantType, ProcedureVersion};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{
    Action, Applicant, Channel, IntakeInput, PaymentMethod, ReturnMethod, decide, intake,
};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Grant, Role, Unit, UnitKind};

/// The demo organisation.
pub const UNITS_JSON: &str = include_str!("../../../data/demo/units.json");
/// The demo catalogue.
pub const PROCEDURES_JSON: &str = include_str!("../../../data/demo/procedures.json");

/// What the demo created; the passwords are shown once.
#[derive(Debug, Clone)]
pub struct DemoReport {
    /// (user name, role, unit, password).
    pub users: Vec<(String, Role, UnitCode, String)>,
    /// Units created.
    pub units: usize,
    /// Procedures imported.
    pub procedures: usize,
    /// Dossiers created.
    pub dossiers: usize,
}

/// The demo units.
pub fn demo_units() -> Result<Vec<Unit>, AppError> {
    crate::usecases::units::parse_units(UNITS_JSON)
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
#[derive(Debug)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub(crate) const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
];
pub(crate) const MIDDLE: [&str; 6] = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc"];
pub(crate) const GIVEN: [&str; 12] = [
    "An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Tuấn",
];

impl App {
    /// Seeds the demo province into an empty database.
    pub async fn seed_demo(
        &self,
        caller: &Caller,
        dossiers: usize,
    ) -> Result<DemoReport, AppError> {
        require_operator(caller, "nạp dữ liệu mẫu")?;
        let store = self.store.as_ref();
        if store.count_users().await? > 0 || store.count_dossiers().await? > 0 {
            return Err(AppError::Conflict(
                "cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống"
                    .into(),
            ));
        }
        let units = demo_units()?;
        store.put_units(&units).await?;
        let summary = self.import_procedures(caller, PROCEDURES_JSON).await?;
        let users = self.seed_users(&units).await?;
        let procedures = store.procedures().await?;
        let desks: Vec<&Unit> = units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Commune | UnitKind::Ward))
            .collect();
        let department = units.iter().find(|u| u.kind == UnitKind::Department);
        let mut rng = Rng(20_251_125);
        let now = self.now().with_nanosecond(0).unwrap_or_else(|| self.now());
        let org = self.org().await?;
        let mut made = 0;
        let mut batch = tokio::task::JoinSet::new();
        for i in 0..dossiers {
            let unit = *rng.pick(&desks);
            let procedure = rng.pick(&procedures).clone();
            let (calendar, hours) = self.unit_time(&org, &unit.code).await?;
            let received = random_reception(&mut rng, now, &DeadlineEngine::new(&calendar, &hours));
            let engine = DeadlineEngine::new(&calendar, &hours);
            let applicant = random_applicant(&mut rng, i);
            let online = rng.chance(35);
            let Some(plan) = simulate(
                &mut rng,
                &engine,
                &procedure,
                unit,
                department.map(|d| d.code.clone()),
                applicant,
                online,
                received,
                now,
            ) else {
                continue;
            };
            let app = self.clone();
            batch.spawn(async move { app.store_plan(plan).await });
            made += 1;
            if batch.len() >= 64 {
                while let Some(r) = batch.join_next().await {
                    r.map_err(|e| AppError::Conflict(e.to_string()))??;
                }
            }
        }
        while let Some(r) = batch.join_next().await {
            r.map_err(|e| AppError::Conflict(e.to_string()))??;
        }
        Ok(DemoReport {
            users,
            units: units.len(),
            procedures: (summary.created + summary.new_versions + summary.unchanged) as usize,
            dossiers: made,
        })
    }

    async fn seed_users(
        &self,
        units: &[Unit],
    ) -> Result<Vec<(String, Role, UnitCode, String)>, AppError> {
        let root = units.first().map(|u| u.code.clone());
        let desk = units
            .iter()
            .find(|u| matches!(u.kind, UnitKind::Ward | UnitKind::Commune))
            .map(|u| u.code.clone());
        let (Some(root), Some(desk)) = (root, desk) else {
            return Err(AppError::invalid(
                "invalid_units",
                "units",
                "thiếu đơn vị cấp tỉnh hoặc cấp xã",
            ));
        };
        let people = [
            ("tiepnhan", "Nguyễn Thị Tiếp Nhận", Role::TiepNhan, &desk),
            ("chuyenvien", "Trần Văn Chuyên", Role::ChuyenVien, &desk),
            ("lanhdao", "Lê Minh Lãnh", Role::LanhDao, &desk),
            ("vanthu", "Phạm Thu Văn", Role::VanThu, &desk),
            ("kiemsoat", "Hoàng Đức Kiểm", Role::KiemSoatTthc, &root),
            ("cchc", "Vũ Ngọc Cải", Role::Cchc, &root),
            ("quantri", "Quản trị hệ thống", Role::QuanTri, &root),
        ];
        let mut out = Vec::new();
        for (username, name, role, unit) in people {
            let password = crate::secret::new_password(12);
            let hash = self.passwords.hash(&password).await?;
            self.store
                .create_user(&UserRecord {
                    username: username.into(),
                    full_name: name.into(),
                    password_hash: hash,
                    grants: vec![Grant {
                        role,
                        unit: unit.clone(),
                    }],
                    active: true,
                })
                .await?;
            out.push((username.to_owned(), role, unit.clone(), password));
        }
        Ok(out)
    }

    async fn store_plan(&self, plan: Plan) -> Result<(), AppError> {
        let inserted = self
            .store
            .insert_dossier(plan.new, "tiepnhan", None)
            .await?;
        if plan.actions.is_empty() {
            return Ok(());
        }
        let mut dossier = inserted.dossier;
        let base = dossier.version;
        let mut events = Vec::new();
        let (calendar, hours) = {
            let org = self.org().await?;
            self.unit_time(&org, &dossier.facts.competent_unit).await?
        };
        let engine = DeadlineEngine::new(&calendar, &hours);
        for (at, actor, action) in plan.actions {
            let Ok(decided) = decide(&dossier, &action, at, &engine) else {
                break;
            };
            let (next, stamped) = dossier.stamp(decided.events, at, actor);
            dossier = next;
            events.extend(stamped);
        }
        if !events.is_empty() {
            self.store.append_events(&dossier, base, &events).await?;
        }
        Ok(())
    }
}

/// A dossier to create and the actions to replay on it, with their instants.
struct Plan {
    new: motcua_domain::dossier::NewDossier,
    actions: Vec<(NaiveDateTime, &'static str, Action)>,
}

fn random_reception(
    rng: &mut Rng,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> NaiveDateTime {
    let back = Duration::minutes(i64::try_from(rng.below(180 * 24 * 60)).unwrap_or(0));
    let t = engine.clock_start(now - back);
    t.min(now)
}

fn random_applicant(rng: &mut Rng, i: usize) -> Applicant {
    let name = format!(
        "{} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN)
    );
    Applicant {
        kind: ApplicantType::Citizen,
        name,
        id_number: Some(format!("0010{:08}", 9_000_000 + i)),
        phone: Some(format!("09{:08}", 12_000_000 + i * 7)),
        email: None,
        address: None,
    }
}

/// Plans the life of one dossier up to `now`, using the rules to find its due instants.
#[allow(clippy::too_many_arguments)]
fn simulate(
    rng: &mut Rng,
    engine: &DeadlineEngine<'_>,
    procedure: &ProcedureVersion,
    unit: &Unit,
    coordinating: Option<UnitCode>,
    applicant: Applicant,
    online: bool,
    received: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<Plan> {
    let paid_at_desk = !online && rng.chance(70);
    let fee = procedure.spec.fees.iter().any(|f| f.amount > 0);
    let new = intake(
        IntakeInput {
            procedure,
            receiving_unit: unit.code.clone(),
            competent_unit: unit.code.clone(),
            applicant,
            channel: if online {
                Channel::Online
            } else {
                *rng.pick(&[Channel::Desk, Channel::Desk, Channel::Post])
            },
            return_method: if online {
                ReturnMethod::Online
            } else {
                ReturnMethod::Desk
            },
            digitised: rng.chance(80),
            reused_data: rng.chance(20),
            receive_now: !online,
            paid_at_desk,
        },
        received,
        engine,
    )
    .ok()?;
    let mut actions: Vec<(NaiveDateTime, &'static str, Action)> = Vec::new();
    let mut t = received;
    let mut push = |t: NaiveDateTime, who: &'static str, a: Action| {
        if t <= now {
            actions.push((t, who, a));
        }
    };
    if online {
        t = engine.add_working_seconds(t, 3600 * (1 + rng.below(6) as i64));
        if rng.chance(4) {
            push(
                t,
                "tiepnhan",
                Action::RefuseAtIntake {
                    reasons: "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị".into(),
                },
            );
            return Some(Plan { new, actions });
        }
        push(t, "tiepnhan", Action::Accept);
    }
    // Some recent dossiers wait at the desk, not yet assigned.
    if now - t < Duration::days(3) && rng.chance(30) {
        return Some(Plan { new, actions });
    }
    let due = engine.due(t, procedure.spec.effective_time_limit());
    let total = engine
        .working_seconds_between(engine.clock_start(t), due)
        .max(3600);
    let late = rng.chance(9);
    let factor = if late {
        1.3 + (rng.below(50) as f64) / 100.0
    } else {
        0.35 + (rng.below(60) as f64) / 100.0
    };
    let steps = procedure.spec.steps.len().max(1);
    let per_step = ((total as f64 * factor) / steps as f64) as i64;
    if rng.chance(3) {
        let at = engine.add_working_seconds(t, per_step / 2);
        push(
            at,
            "tiepnhan",
            Action::Withdraw {
                reason: "Người nộp hồ sơ đề nghị rút hồ sơ".into(),
            },
        );
        return Some(Plan { new, actions });
    }
    push(
        engine.add_working_seconds(t, 600),
        "lanhdao",
        Action::Assign {
            to: "chuyenvien".into(),
        },
    );
    let mut paused = false;
    for i in 0..steps {
        t = engine.add_working_seconds(t, per_step);
        if i == 0 && rng.chance(10) {
            push(
                t,
                "chuyenvien",
                Action::RequestSupplement {
                    items: vec!["Bản sao giấy tờ tùy thân có chứng thực".into()],
                    note: String::new(),
                },
            );
            let back = engine.add_working_seconds(t, 3600 * (4 + rng.below(20) as i64));
            if back > now || rng.chance(15) {
                paused = true;
                break;
            }
            t = back;
            push(
                t,
                "tiepnhan",
                Action::ReceiveSupplement {
                    note: "Công dân đã bổ sung".into(),
                },
            );
            // Now and then a leader asks again: the clock keeps running, the dossier is late.
            if rng.chance(30) {
                t = engine.add_working_seconds(t, 3600);
                push(
                    t,
                    "lanhdao",
                    Action::RequestSupplement {
                        items: vec!["Bản sao có chứng thực của giấy tờ đã bổ sung".into()],
                        note: "Bản đã bổ sung là bản chụp, chưa có chứng thực".into(),
                    },
                );
                t = engine.add_working_seconds(t, 3600 * (2 + rng.below(10) as i64));
                if t > now {
                    return Some(Plan { new, actions });
                }
                push(
                    t,
                    "tiepnhan",
                    Action::ReceiveSupplement {
                        note: "Công dân đã bổ sung bản có chứng thực".into(),
                    },
                );
            }
        }
        if let Some(c) = coordinating.as_ref().filter(|_| i == 0 && rng.chance(6)) {
            push(
                t,
                "chuyenvien",
                Action::Transfer {
                    to_unit: c.clone(),
                    note: "Xin ý kiến cơ quan phối hợp".into(),
                    budget_minutes: None,
                },
            );
            t = engine.add_working_seconds(t, per_step);
            push(
                t,
                "chuyenvien",
                Action::TransferBack {
                    note: "Đã có ý kiến".into(),
                },
            );
        }
        if late && i + 1 == steps && rng.chance(60) {
            // Most apologies a working day ahead; some late, a couple of hours before the due
            // instant (recorded and counted as late apologies).
            let ahead = if rng.chance(30) { 2 } else { 8 };
            let before = engine.add_working_seconds(due, -3600 * ahead);
            push(
                before.max(received),
                "lanhdao",
                Action::Apologize {
                    reason: "Hồ sơ cần xác minh thêm".into(),
                    new_date: engine.add_working_seconds(due, 3600 * 15),
                },
            );
        }
        if i + 1 == steps && fee && !paid_at_desk && procedure.spec.payment_pause_allowed {
            push(
                t,
                "chuyenvien",
                Action::RequestPayment {
                    note: "Mời công dân nộp lệ phí".into(),
                },
            );
            let paid = engine.add_working_seconds(t, 3600 * (1 + rng.below(16) as i64));
            if paid > now || rng.chance(10) {
                return Some(Plan { new, actions });
            }
            t = paid;
            push(
                t,
                "tiepnhan",
                Action::Pay {
                    method: PaymentMethod::Desk,
                },
            );
        }
        if i + 1 < steps {
            push(
                t,
                "chuyenvien",
                Action::CompleteStep {
                    to: None,
                    note: String::new(),
                },
            );
        }
    }
    if paused {
        return Some(Plan { new, actions });
    }
    if rng.chance(2) {
        push(
            t,
            "lanhdao",
            Action::Stop {
                reason: "Cơ quan có thẩm quyền có văn bản đề nghị dừng".into(),
            },
        );
        return Some(Plan { new, actions });
    }
    let approved = !rng.chance(4);
    push(
        t,
        "lanhdao",
        Action::Resolve {
            approved,
            reasons: if approved {
                String::new()
            } else {
                "Không đủ điều kiện theo quy định".into()
            },
            // Online dossiers of procedures with a document get an electronic result file.
            result_file: (approved && online && procedure.spec.result_kind.is_document())
                .then(|| "ket-qua-dien-tu.pdf".to_owned()),
        },
    );
    if fee && !paid_at_desk && !procedure.spec.payment_pause_allowed {
        push(
            t,
            "tiepnhan",
            Action::Pay {
                method: if online {
                    PaymentMethod::Online
                } else {
                    PaymentMethod::Desk
                },
            },
        );
    }
    let back = engine.add_working_seconds(t, 3600 * (1 + rng.below(16) as i64));
    push(
        back,
        "tiepnhan",
        Action::ReturnResult {
            method: if online {
                ReturnMethod::Online
            } else {
                ReturnMethod::Desk
            },
            note: String::new(),
        },
    );
    Some(Plan { new, actions })
}
