//! `motcua seed --synthetic N`: a province with many wards and N realistic dossiers over the
//! last three years, for measuring reports at scale. The dossiers are stored as imported
//! histories (compact), so ten million fit on an ordinary disk.

use crate::App;
use crate::caller::Caller;
use crate::demo::{FAMILY, GIVEN, MIDDLE, PROCEDURES_JSON, Rng, UNITS_JSON};
use crate::error::AppError;
use crate::permissions::require_operator;
use crate::store::{ImportStream, Imported};
use crate::usecases::units::parse_units;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::{ProcedureLevel, ProcedureVersion};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::history::{
    ImportedDossier, ImportedProcedure, LegacyChannel, LegacyOutcome, LegacyRecord,
    LegacySupplement,
};
use motcua_domain::ids::DossierCode;
use motcua_domain::org::{Unit, UnitKind};
use motcua_domain::stats::Rating;
use serde_json::json;

/// Dossiers per write.
const BATCH: usize = 10_000;
/// Days of history.
const DAYS: i64 = 3 * 365;

/// What the synthetic seed made.
#[derive(Debug, Clone, Default)]
pub struct SyntheticReport {
    /// Units in the province.
    pub units: usize,
    /// Procedures in the catalogue.
    pub procedures: usize,
    /// Dossiers stored.
    pub dossiers: usize,
}

/// The demo province with `wards` more wards (Phường Tổng hợp 1…).
fn province(wards: usize) -> Result<Vec<Unit>, AppError> {
    let mut file: serde_json::Value = serde_json::from_str(UNITS_JSON)
        .map_err(|e| AppError::Conflict(format!("demo units: {e}")))?;
    let root = file["units"][0]["code"]
        .as_str()
        .unwrap_or("000.00.00.H99")
        .to_owned();
    if let Some(list) = file["units"].as_array_mut() {
        for i in 0..wards {
            list.push(json!({
                "code": format!("000.{}.{:02}.H99", 30 + i / 100, i % 100),
                "name": format!("Phường Tổng hợp {}", i + 1),
                "kind": "ward",
                "parent": root,
                "address": format!("Số {} đường Tổng hợp", i + 1),
                "phone": format!("0200 39{:05}", i),
            }));
        }
    }
    parse_units(&file.to_string())
}

/// Generates the dossiers of one day, in code order per unit.
struct Generator<'a> {
    rng: Rng,
    now: NaiveDateTime,
    engine: DeadlineEngine<'a>,
    desks: Vec<Unit>,
    department: Option<Unit>,
    procedures: Vec<(ProcedureVersion, ImportedProcedure)>,
}

impl Generator<'_> {
    /// `count` dossiers received at `desk` on `day`, numbered from 1.
    fn day(&mut self, desk: usize, day: NaiveDate, count: usize, out: &mut Vec<Imported>) {
        let unit = self.desks[desk].clone();
        let opening = NaiveTime::from_hms_opt(7, 30, 0).unwrap_or_default();
        for seq in 1..=count {
            let minutes = i64::try_from(self.rng.below(9 * 60)).unwrap_or(0);
            let received = day.and_time(opening) + Duration::minutes(minutes);
            if received >= self.now {
                return;
            }
            let (version, procedure) = &self.procedures[self.rng.below(self.procedures.len())];
            let competent = match (&version.spec.level, &self.department) {
                (ProcedureLevel::Province, Some(d)) => d.code.clone(),
                _ => unit.code.clone(),
            };
            let due = self.engine.due(received, procedure.time_limit);
            let span = (due - received).num_minutes().max(60);
            let roll = self.rng.below(100);
            // 80 % well before the due date, 14 % close to it, 6 % late.
            let took = match roll {
                0..80 => span * i64::try_from(20 + self.rng.below(60)).unwrap_or(50) / 100,
                80..94 => span * i64::try_from(85 + self.rng.below(15)).unwrap_or(90) / 100,
                _ => span + span * i64::try_from(5 + self.rng.below(60)).unwrap_or(10) / 100,
            };
            let end = received + Duration::minutes(took);
            let ended = (end < self.now).then_some(end);
            let outcome = ended.map(|_| {
                if self.rng.chance(3) {
                    LegacyOutcome::Refused
                } else {
                    LegacyOutcome::Approved
                }
            });
            let online = self.rng.chance(62);
            let fee = version.spec.total_fee();
            let late = end > due;
            let supplement = self.rng.chance(4).then(|| {
                let at = received + Duration::minutes(took / 3);
                LegacySupplement {
                    requested_at: at,
                    completed_at: Some(at + Duration::minutes(took / 6)).filter(|t| *t < self.now),
                }
            });
            let name = format!(
                "{} {} {}",
                self.rng.pick(&FAMILY),
                self.rng.pick(&MIDDLE),
                self.rng.pick(&GIVEN)
            );
            let record = LegacyRecord {
                code: DossierCode::new(&unit.code, day, u32::try_from(seq).unwrap_or(u32::MAX)),
                procedure_code: procedure.code.clone(),
                receiving_unit: unit.code.clone(),
                competent_unit: competent,
                channel: if online {
                    LegacyChannel::Online
                } else if self.rng.chance(5) {
                    LegacyChannel::Postal
                } else {
                    LegacyChannel::Direct
                },
                applicant_name: name,
                applicant_phone: Some(format!("09{:08}", self.rng.below(100_000_000))),
                received_at: received,
                due_at: due,
                ended_at: ended,
                outcome,
                returned_at: ended
                    .map(|e| e + Duration::hours(2))
                    .filter(|t| *t < self.now),
                supplement_requests: supplement.into_iter().collect(),
                fee_vnd: fee,
                paid_online: fee > 0 && online && self.rng.chance(85),
                digitized: self.rng.chance(90),
                e_result: ended.is_some() && online && self.rng.chance(70),
                apology_at: (late && ended.is_some()).then_some(due),
                rating: ended
                    .filter(|_| self.rng.chance(15))
                    .map(|_| match self.rng.below(100) {
                        0..70 => Rating::RatHaiLong,
                        70..95 => Rating::HaiLong,
                        95..99 => Rating::BinhThuong,
                        _ => Rating::KhongHaiLong,
                    }),
            };
            let source = ImportedDossier {
                record,
                procedure: procedure.clone(),
            };
            if let Some((dossier, _)) = source.build() {
                out.push(Imported { source, dossier });
            }
        }
    }
}

impl App {
    /// Seeds a province of `wards` wards (besides the demo units) and `n` dossiers received
    /// over the last three years into an empty database, in one transaction. `progress(done, n)`
    /// as batches go to the store.
    pub async fn seed_synthetic(
        &self,
        caller: &Caller,
        n: usize,
        wards: usize,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<SyntheticReport, AppError> {
        require_operator(caller, "nạp dữ liệu tổng hợp")?;
        let store = self.store.as_ref();
        if store.count_dossiers().await? > 0 || !store.units().await?.is_empty() {
            return Err(AppError::Conflict(
                "cơ sở dữ liệu đã có dữ liệu; dữ liệu tổng hợp chỉ được nạp vào cơ sở dữ liệu trống"
                    .into(),
            ));
        }
        let units = province(wards)?;
        store.put_units(&units).await?;
        self.import_procedures(caller, PROCEDURES_JSON).await?;
        let procedures: Vec<(ProcedureVersion, ImportedProcedure)> = store
            .procedures()
            .await?
            .into_iter()
            .map(|p| {
                let kept = ImportedProcedure::of(&p);
                (p, kept)
            })
            .collect();
        let desks: Vec<Unit> = units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Commune | UnitKind::Ward))
            .cloned()
            .collect();
        let department = units
            .iter()
            .find(|u| u.kind == UnitKind::Department)
            .cloned();
        let now = self.now();
        let (tx, batches) = tokio::sync::mpsc::channel::<Vec<Imported>>(2);
        let (sent_tx, mut sent) = tokio::sync::watch::channel(0_usize);
        let per_day = n.div_ceil(usize::try_from(DAYS * 5 / 7).unwrap_or(1) * desks.len().max(1));
        let producer = tokio::task::spawn_blocking(move || {
            let calendar = WorkCalendar::ccvc();
            let hours = OfficeHours::default();
            let mut g = Generator {
                rng: Rng(20_261_125),
                now,
                engine: DeadlineEngine::new(&calendar, &hours),
                desks,
                department,
                procedures,
            };
            let mut made = 0;
            let mut batch = Vec::with_capacity(BATCH);
            // Start early enough for `n` at `per_day` per desk and working day.
            let working_days = n.div_ceil(per_day.max(1) * g.desks.len().max(1));
            let span = i64::try_from(working_days * 7 / 5 + 3)
                .unwrap_or(DAYS)
                .min(DAYS);
            let mut day = now.date() - Duration::days(span);
            while made < n && day <= now.date() {
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    for desk in 0..g.desks.len() {
                        let count = per_day.min(n - made);
                        let before = batch.len();
                        g.day(desk, day, count, &mut batch);
                        made += batch.len() - before;
                        if batch.len() >= BATCH {
                            if tx.blocking_send(std::mem::take(&mut batch)).is_err() {
                                return made;
                            }
                            sent_tx.send_replace(made);
                        }
                        if made >= n {
                            break;
                        }
                    }
                }
                day += Duration::days(1);
            }
            if !batch.is_empty() && tx.blocking_send(batch).is_ok() {
                sent_tx.send_replace(made);
            }
            made
        });
        // One transaction: an empty database is loaded in bulk.
        let import = store.import_dossiers(ImportStream {
            batches,
            expected: n,
        });
        tokio::pin!(import);
        let written = loop {
            tokio::select! {
                written = &mut import => break written,
                Ok(()) = sent.changed() => progress(*sent.borrow_and_update(), n),
            }
        };
        let made = producer
            .await
            .map_err(|e| AppError::Conflict(format!("synthetic generator: {e}")))?;
        if made != n {
            return Err(AppError::Conflict(format!(
                "bộ sinh dữ liệu chỉ tạo được {made}/{n} hồ sơ; không nạp gì"
            )));
        }
        let stored = written?;
        progress(stored, n);
        Ok(SyntheticReport {
            units: units.len(),
            procedures: store.procedures().await?.len(),
            dossiers: stored,
        })
    }
}
