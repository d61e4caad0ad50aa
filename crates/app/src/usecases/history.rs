//! Importing the history of a legacy system (`motcua import dossiers FILE.jsonl`).

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::require_root_admin;
use crate::store::{ImportStream, Imported};
use motcua_domain::catalogue::{
    OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureVersion, Publication, Step,
};
use motcua_domain::deadline::TimeLimit;
use motcua_domain::history::{
    ImportedDossier, ImportedProcedure, LegacyRecord, LineError, line_text, lines, parse_line,
};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::{Role, Unit, UnitKind};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// How to treat problems.
#[derive(Debug, Clone, Copy, Default)]
pub struct HistoryOptions {
    /// Create unknown units and procedures, marked as imported.
    pub create_missing: bool,
    /// Import the valid lines and report the others, instead of importing nothing.
    pub skip_invalid: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct HistoryReport {
    /// Dossiers imported.
    pub imported: usize,
    /// Lines skipped, with their problem (only with `skip_invalid`).
    pub skipped: Vec<(usize, LineError)>,
    /// Units created (with `create_missing`).
    pub created_units: Vec<UnitCode>,
    /// Procedures created (with `create_missing`).
    pub created_procedures: Vec<ProcedureCode>,
}

/// Dossiers written per transaction.
const BATCH: usize = 5_000;

impl App {
    /// Imports a history file (the operator, or an administrator of the whole organisation),
    /// given as its bytes (a line that is not UTF-8 is that line's error). Every line is checked
    /// first; without `skip_invalid`, one bad line means nothing is imported. `progress` is
    /// called with the number of dossiers written so far.
    pub async fn import_history(
        &self,
        caller: &Caller,
        text: &[u8],
        options: HistoryOptions,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<HistoryReport, AppError> {
        require_root_admin(caller, &self.org().await?, "nhập lịch sử hồ sơ")?;
        let started = std::time::Instant::now();
        let mut errors = Vec::new();
        let mut records: Vec<(usize, LegacyRecord)> = Vec::new();
        let mut seen = HashSet::new();
        for (line, parsed) in parse_lines(text) {
            match parsed {
                Ok(r) if !seen.insert(r.code.clone()) => errors.push((
                    line,
                    LineError {
                        field: "code".into(),
                        message: format!("mã hồ sơ {} bị trùng trong tệp", r.code),
                    },
                )),
                Ok(r) => records.push((line, r)),
                Err(e) => errors.push((line, e)),
            }
        }
        drop(seen);
        let mut report = HistoryReport::default();
        let procedures = self
            .resolve_history_refs(&mut records, &mut errors, options, &mut report)
            .await?;
        let codes: Vec<DossierCode> = records.iter().map(|(_, r)| r.code.clone()).collect();
        let existing: BTreeSet<DossierCode> = self
            .store
            .existing_codes(&codes)
            .await?
            .into_iter()
            .collect();
        records.retain(|(line, r)| {
            let clash = existing.contains(&r.code);
            if clash {
                errors.push((
                    *line,
                    LineError {
                        field: "code".into(),
                        message: format!("hồ sơ {} đã có trong hệ thống", r.code),
                    },
                ));
            }
            !clash
        });
        errors.sort_by_key(|(line, _)| *line);
        if !errors.is_empty() && !options.skip_invalid {
            return Err(AppError::History(errors));
        }
        report.skipped = errors;
        let total = records.len();
        tracing::info!(
            total,
            checked_ms = started.elapsed().as_millis(),
            "history lines checked"
        );
        let kept: BTreeMap<ProcedureCode, ImportedProcedure> = procedures
            .iter()
            .map(|(code, p)| (code.clone(), ImportedProcedure::of(p)))
            .collect();
        // Dossiers are built on another thread while the store writes the previous batch; the
        // store writes them all in one transaction.
        let (tx, batches) = tokio::sync::mpsc::channel::<Vec<Imported>>(2);
        let (sent_tx, mut sent) = tokio::sync::watch::channel(0_usize);
        let producer = tokio::task::spawn_blocking(move || -> Result<(), AppError> {
            let mut batch = Vec::with_capacity(BATCH.min(total));
            let mut count = 0;
            for (line, r) in records {
                let procedure = kept.get(&r.procedure_code).ok_or_else(|| {
                    AppError::Conflict(format!(
                        "dòng {line}: thủ tục {} không còn",
                        r.procedure_code
                    ))
                })?;
                let source = ImportedDossier {
                    record: r,
                    procedure: procedure.clone(),
                };
                let (dossier, _) = source.build().ok_or_else(|| {
                    AppError::Conflict(format!("dòng {line}: không dựng lại được hồ sơ"))
                })?;
                batch.push(Imported { source, dossier });
                if batch.len() == BATCH {
                    count += batch.len();
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.blocking_send(full).is_err() {
                        return Ok(());
                    }
                    sent_tx.send_replace(count);
                }
            }
            count += batch.len();
            if !batch.is_empty() && tx.blocking_send(batch).is_ok() {
                sent_tx.send_replace(count);
            }
            Ok(())
        });
        let stream = ImportStream {
            batches,
            expected: total,
        };
        let import = self.store.import_dossiers(stream);
        tokio::pin!(import);
        let written = loop {
            tokio::select! {
                written = &mut import => break written,
                Ok(()) = sent.changed() => progress(*sent.borrow_and_update(), total),
            }
        };
        let built = producer
            .await
            .map_err(|e| AppError::Conflict(format!("building imported dossiers: {e}")))?;
        // A builder error explains why the store saw fewer dossiers than expected.
        built?;
        report.imported = written?;
        progress(report.imported, total);
        let what = serde_json::json!({ "file": "history", "dossiers": report.imported });
        self.record(caller.name(), "import", what).await?;
        Ok(report)
    }

    /// Checks that every unit and procedure exists, creating them with `create_missing`;
    /// lines that refer to missing ones become errors.
    async fn resolve_history_refs(
        &self,
        records: &mut Vec<(usize, LegacyRecord)>,
        errors: &mut Vec<(usize, LineError)>,
        options: HistoryOptions,
        report: &mut HistoryReport,
    ) -> Result<BTreeMap<ProcedureCode, ProcedureVersion>, AppError> {
        let org = self.org().await?;
        let mut procedures: BTreeMap<ProcedureCode, ProcedureVersion> = self
            .store
            .procedures()
            .await?
            .into_iter()
            .map(|p| (p.spec.code.clone(), p))
            .collect();
        let mut missing_units = BTreeSet::new();
        let mut missing_procedures = BTreeSet::new();
        for (_, r) in records.iter() {
            for u in [&r.receiving_unit, &r.competent_unit] {
                if org.unit(u).is_none() {
                    missing_units.insert(u.clone());
                }
            }
            if !procedures.contains_key(&r.procedure_code) {
                missing_procedures.insert(r.procedure_code.clone());
            }
        }
        if options.create_missing {
            let first = records.iter().map(|(_, r)| r.received_at.date()).min();
            let units: Vec<Unit> = missing_units
                .iter()
                .map(|c| imported_unit(c, first))
                .collect();
            if !units.is_empty() {
                self.store.put_units(&units).await?;
            }
            let specs: Vec<ProcedureSpec> = missing_procedures
                .iter()
                .map(|c| imported_procedure(c, first))
                .collect();
            if !specs.is_empty() {
                self.store.import_procedures(&specs).await?;
                for p in self.store.procedures().await? {
                    procedures.insert(p.spec.code.clone(), p);
                }
            }
            report.created_units = missing_units.into_iter().collect();
            report.created_procedures = missing_procedures.into_iter().collect();
        } else {
            records.retain(|(line, r)| {
                let unit = [&r.receiving_unit, &r.competent_unit]
                    .into_iter()
                    .zip(["receiving_unit", "competent_unit"])
                    .find(|(u, _)| missing_units.contains(*u));
                if let Some((u, field)) = unit {
                    errors.push((
                        *line,
                        LineError {
                            field: field.into(),
                            message: format!(
                                "không có đơn vị mã «{u}» (dùng --create-missing để tạo)"
                            ),
                        },
                    ));
                    return false;
                }
                if missing_procedures.contains(&r.procedure_code) {
                    errors.push((
                        *line,
                        LineError {
                            field: "procedure_code".into(),
                            message: format!(
                                "không có thủ tục mã «{}» (dùng --create-missing để tạo)",
                                r.procedure_code
                            ),
                        },
                    ));
                    return false;
                }
                true
            });
        }
        Ok(procedures)
    }
}

/// A line number and what the line gave.
type Parsed = (usize, Result<LegacyRecord, LineError>);

/// Every non-blank line of `text`, parsed and checked, with its line number (from 1), in order.
/// The lines are cut into one chunk per core and parsed in parallel.
fn parse_lines(text: &[u8]) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunks = split_at_lines(text, threads);
    // The chunk's number of lines, and its parsed lines numbered from 0 in the chunk.
    let parse = |chunk: &[u8]| -> (usize, Vec<Parsed>) {
        let mut count = 0;
        let mut out = Vec::new();
        for (i, line) in lines(chunk).enumerate() {
            count = i + 1;
            match line_text(line) {
                Ok(text) if text.trim().is_empty() => {}
                text => out.push((i, text.and_then(parse_line))),
            }
        }
        (count, out)
    };
    let parsed: Vec<_> = if chunks.len() == 1 {
        chunks.into_iter().map(parse).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|chunk| scope.spawn(move || parse(chunk)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut out = Vec::with_capacity(parsed.iter().map(|(_, p)| p.len()).sum());
    let mut before = 0;
    for (lines, chunk) in parsed {
        out.extend(chunk.into_iter().map(|(i, r)| (before + i + 1, r)));
        before += lines;
    }
    out
}

/// `text` cut into at most `parts` pieces of about the same size, each ending after a newline
/// (the last one at the end of `text`).
fn split_at_lines(text: &[u8], parts: usize) -> Vec<&[u8]> {
    const SMALL: usize = 1 << 20;
    if parts <= 1 || text.len() < SMALL {
        return vec![text];
    }
    let mut out = Vec::with_capacity(parts);
    let mut rest = text;
    for left in (2..=parts).rev() {
        let target = rest.len() / left;
        let Some(cut) = rest[target..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| target + p + 1)
        else {
            break;
        };
        let (head, tail) = rest.split_at(cut);
        out.push(head);
        rest = tail;
    }
    out.push(rest);
    out
}

fn imported_unit(code: &UnitCode, from: Option<chrono::NaiveDate>) -> Unit {
    Unit {
        code: code.clone(),
        name: format!("Đơn vị {code} (nhập từ hệ thống cũ)"),
        kind: UnitKind::Commune,
        parent: None,
        path: vec![code.clone()],
        calendar: "ccvc".into(),
        office_hours: motcua_domain::calendar::OfficeHours::default().to_string(),
        valid_from: from.unwrap_or_default(),
        valid_to: None,
        successor: None,
        address: String::new(),
        phone: String::new(),
    }
}

fn imported_procedure(code: &ProcedureCode, from: Option<chrono::NaiveDate>) -> ProcedureSpec {
    let date = from.unwrap_or_default();
    ProcedureSpec {
        code: code.clone(),
        name: format!("Thủ tục {code} (nhập từ hệ thống cũ)"),
        field: "Chưa phân loại".into(),
        level: ProcedureLevel::Commune,
        legal_bases: Vec::new(),
        decision: Publication {
            number: "Nhập từ hệ thống cũ".into(),
            date,
        },
        effective_from: date,
        time_limit: TimeLimit::WorkingDays { amount: 1 },
        published_time_limit: None,
        components: Vec::new(),
        applicant_types: Vec::new(),
        fees: Vec::new(),
        result: String::new(),
        result_kind: motcua_domain::catalogue::ResultKind::Document,
        online_level: OnlineLevel::None,
        regardless_of_residence: false,
        payment_pause_allowed: false,
        steps: vec![Step {
            name: "Giải quyết".into(),
            role: Role::ChuyenVien,
            budget_minutes: 450,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_after_a_newline_and_cover_the_text() {
        let text: String = (0..200_000).map(|i| format!("line {i}\n")).collect();
        let text = format!("{text}last");
        for parts in [1, 2, 3, 7] {
            let chunks = split_at_lines(text.as_bytes(), parts);
            assert!(chunks.len() <= parts);
            assert_eq!(chunks.concat(), text.as_bytes());
            for c in &chunks[..chunks.len() - 1] {
                assert!(c.ends_with(b"\n"));
            }
        }
        assert_eq!(split_at_lines(text.as_bytes(), 2).len(), 2);
    }

    #[test]
    fn parallel_parsing_keeps_line_numbers() {
        let mut text = String::new();
        for i in 0..150_000 {
            match i % 3 {
                0 => text.push('\n'),
                1 => text.push_str("{\"code\": 1}\r\n"),
                _ => text.push_str("not json\n"),
            }
        }
        let parsed = parse_lines(text.as_bytes());
        let expected: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect();
        assert!(text.len() >= 1 << 20);
        let numbers: Vec<usize> = parsed.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, expected);
    }
}
