//! The tamper-evident history (docs/operations.md, «Lịch sử không sửa được»): sealing finished
//! days, checking every chain, and recording what must be audited outside dossiers.

use crate::App;
use crate::caller::Caller;
use crate::chain::{
    AuditEntry, ChainScope, DayRoot, EventLink, GENESIS, day_root, entry_hash, event_hash, unit_of,
};
use crate::error::AppError;
use crate::permissions::require_operator;
use chrono::{Days, NaiveDate};
use motcua_domain::ids::DossierCode;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Rows read per page while checking.
const PAGE: u32 = 2_000;

/// The first broken link of a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokenLink {
    /// An event of a dossier.
    Event {
        /// The dossier.
        code: String,
        /// The event's number.
        seq: u32,
        /// What is wrong.
        reason: &'static str,
    },
    /// The sealed root of a unit's day.
    Root {
        /// The receiving unit.
        unit: String,
        /// The day.
        day: NaiveDate,
        /// What is wrong.
        reason: String,
    },
    /// An entry of the audit log.
    Entry {
        /// Its id.
        id: i64,
        /// What is wrong.
        reason: &'static str,
    },
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrokenLink::Event { code, seq, reason } => {
                write!(f, "hồ sơ {code}, sự kiện số {seq}: {reason}")
            }
            BrokenLink::Root { unit, day, reason } => write!(
                f,
                "gốc ngày {} của đơn vị {unit}: {reason}",
                day.format("%d/%m/%Y")
            ),
            BrokenLink::Entry { id, reason } => write!(f, "nhật ký kiểm toán, mục {id}: {reason}"),
        }
    }
}

/// What a check found: how much it read and the first broken link of each chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Dossier events checked.
    pub events: u64,
    /// Dossiers they belong to.
    pub dossiers: u64,
    /// Sealed day roots checked.
    pub roots: u64,
    /// Audit-log entries checked.
    pub entries: u64,
    /// The first broken link of the events, of the roots, of the audit log (none when whole).
    pub broken: Vec<BrokenLink>,
}

impl App {
    /// Seals every finished day not sealed yet: the root of each receiving unit's events
    /// written that day. A day is finished once the next one has ended too (one day of grace
    /// for servers whose clocks differ); several servers may seal at once: they write the same
    /// roots and the first one stays. Answers how many days were sealed.
    pub async fn seal_days(&self) -> Result<usize, AppError> {
        let now = self.now();
        let Some(before) = now.date().checked_sub_days(Days::new(1)) else {
            return Ok(0);
        };
        let days = self.store.unsealed_days(before).await?;
        for day in &days {
            let roots = roots_of(*day, &self.store.day_hashes(*day).await?, now);
            self.store.put_roots(&roots).await?;
        }
        Ok(days.len())
    }

    /// Recomputes the chains of `scope`'s events, the sealed roots of its days and the audit
    /// log; names the first broken link of each. The operator only.
    pub async fn verify_history(
        &self,
        caller: &Caller,
        scope: &ChainScope,
    ) -> Result<AuditReport, AppError> {
        require_operator(caller, "kiểm tra lịch sử")?;
        let mut report = AuditReport::default();
        self.verify_events(scope, &mut report).await?;
        self.verify_roots(scope, &mut report).await?;
        self.verify_log(&mut report).await?;
        Ok(report)
    }

    async fn verify_events(
        &self,
        scope: &ChainScope,
        report: &mut AuditReport,
    ) -> Result<(), AppError> {
        let dated = scope.from.is_some() || scope.to.is_some();
        let mut after: Option<(String, u32)> = None;
        let mut last: Option<(String, u32, String)> = None;
        loop {
            let page = self.store.event_links(scope, after.clone(), PAGE).await?;
            let Some(end) = page.last() else {
                if let Some(broken) = self.chain_end(dated, last.as_ref()).await? {
                    report.broken.push(broken);
                }
                return Ok(());
            };
            after = Some((end.code.clone(), end.seq));
            for link in page {
                report.events += 1;
                if last.as_ref().is_some_and(|(code, ..)| *code != link.code)
                    && let Some(broken) = self.chain_end(dated, last.as_ref()).await?
                {
                    report.broken.push(broken);
                    return Ok(());
                }
                let reason = match &last {
                    Some((code, seq, hash)) if *code == link.code => {
                        if link.seq != seq + 1 {
                            Some("thiếu sự kiện trước đó (số thứ tự không liền)")
                        } else if link.prev_hash != *hash {
                            Some("không nối với sự kiện trước (mã băm trước không khớp)")
                        } else {
                            None
                        }
                    }
                    _ => {
                        report.dossiers += 1;
                        // A range of days starts inside a chain: its first link is taken as
                        // given; from the start, a chain begins at event 1.
                        if !dated && link.seq != 1 {
                            Some("thiếu các sự kiện đầu của hồ sơ")
                        } else if link.seq == 1 && link.prev_hash != GENESIS {
                            Some("sự kiện đầu không bắt đầu chuỗi")
                        } else {
                            None
                        }
                    }
                }
                .or_else(|| (recompute(&link) != link.hash).then_some("nội dung đã bị sửa"));
                if let Some(reason) = reason {
                    report.broken.push(BrokenLink::Event {
                        code: link.code,
                        seq: link.seq,
                        reason,
                    });
                    return Ok(());
                }
                last = Some((link.code, link.seq, link.hash));
            }
        }
    }

    /// Whether the chain that ended at `last` (code, number) reaches its dossier's version: a
    /// removed last event leaves the rest of the chain whole. Not asked for a range of days,
    /// whose last link need not be the dossier's.
    async fn chain_end(
        &self,
        dated: bool,
        last: Option<&(String, u32, String)>,
    ) -> Result<Option<BrokenLink>, AppError> {
        let Some((code, seq, _)) = last.filter(|_| !dated) else {
            return Ok(None);
        };
        let Ok(parsed) = DossierCode::parse(code) else {
            return Ok(None);
        };
        let Some((dossier, _)) = self.store.dossier(&parsed).await? else {
            return Ok(None);
        };
        Ok((dossier.version != *seq).then(|| BrokenLink::Event {
            code: code.clone(),
            seq: dossier.version.min(*seq) + 1,
            reason: "sự kiện cuối đã bị xóa hoặc thêm (không khớp phiên bản hồ sơ)",
        }))
    }

    async fn verify_roots(
        &self,
        scope: &ChainScope,
        report: &mut AuditReport,
    ) -> Result<(), AppError> {
        let sealed = self.store.roots(scope.from, scope.to).await?;
        let mut by_day: BTreeMap<NaiveDate, Vec<DayRoot>> = BTreeMap::new();
        for root in sealed {
            if scope.unit.as_ref().is_none_or(|u| *u == root.unit) {
                by_day.entry(root.day).or_default().push(root);
            }
        }
        for (day, stored) in by_day {
            let now = self.now();
            let mut fresh: BTreeMap<String, DayRoot> =
                roots_of(day, &self.store.day_hashes(day).await?, now)
                    .into_iter()
                    .map(|r| (r.unit.clone(), r))
                    .collect();
            for root in &stored {
                report.roots += 1;
                let again = fresh.remove(&root.unit);
                let reason = match again {
                    None => Some(format!(
                        "đã niêm phong {} sự kiện, nay không còn sự kiện nào",
                        root.count
                    )),
                    Some(r) if r.count != root.count => Some(format!(
                        "đã niêm phong {} sự kiện, nay có {}",
                        root.count, r.count
                    )),
                    Some(r) if r.root != root.root => {
                        Some("mã gốc không khớp (sự kiện đã bị thay)".to_owned())
                    }
                    Some(_) => None,
                };
                if let Some(reason) = reason {
                    report.broken.push(BrokenLink::Root {
                        unit: root.unit.clone(),
                        day,
                        reason,
                    });
                    return Ok(());
                }
            }
            let unsealed = fresh
                .into_values()
                .find(|r| scope.unit.as_ref().is_none_or(|u| *u == r.unit));
            if let Some(r) = unsealed {
                report.broken.push(BrokenLink::Root {
                    unit: r.unit,
                    day,
                    reason: format!("{} sự kiện ghi vào ngày đã niêm phong", r.count),
                });
                return Ok(());
            }
        }
        Ok(())
    }

    async fn verify_log(&self, report: &mut AuditReport) -> Result<(), AppError> {
        let mut last = (0_i64, GENESIS.to_owned());
        loop {
            let page = self.store.audit_log(last.0, PAGE).await?;
            if page.is_empty() {
                return Ok(());
            }
            for r in page {
                report.entries += 1;
                let e = &r.entry;
                let reason = if r.id != last.0 + 1 {
                    Some("thiếu mục trước đó (số thứ tự không liền)")
                } else if r.prev_hash != last.1 {
                    Some("không nối với mục trước (mã băm trước không khớp)")
                } else if entry_hash(&r.prev_hash, r.id, e.at, &e.actor, &e.action, &e.what)
                    != r.hash
                {
                    Some("nội dung đã bị sửa")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    report.broken.push(BrokenLink::Entry { id: r.id, reason });
                    return Ok(());
                }
                last = (r.id, r.hash);
            }
        }
    }

    /// Appends to the audit log what `actor` did now: `action` with `what` (never a password,
    /// never the personal data itself).
    pub(crate) async fn record(
        &self,
        actor: &str,
        action: &str,
        what: Value,
    ) -> Result<(), AppError> {
        let entry = AuditEntry {
            at: self.now(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            what,
        };
        Ok(self.store.append_audit(&entry).await?)
    }
}

fn recompute(link: &EventLink) -> String {
    event_hash(
        &link.prev_hash,
        &link.code,
        link.seq,
        link.at,
        &link.actor,
        &link.kind,
        &link.data,
    )
}

/// The roots of `day` from its events' (code, hash) in (code, seq) order.
fn roots_of(
    day: NaiveDate,
    hashes: &[(String, String)],
    now: chrono::NaiveDateTime,
) -> Vec<DayRoot> {
    let mut units: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (code, hash) in hashes {
        units.entry(unit_of(code)).or_default().push(hash);
    }
    units
        .into_iter()
        .map(|(unit, hashes)| DayRoot {
            day,
            unit: unit.to_owned(),
            count: u64::try_from(hashes.len()).unwrap_or(u64::MAX),
            root: day_root(hashes),
            sealed_at: now,
        })
        .collect()
}
