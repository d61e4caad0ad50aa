//! The columns of the periodic report (Biểu II.06a, docs/rules.md §8), for one row.

use super::place::{Intake, Placement};
use crate::classify::TimeClass;
use serde::{Deserialize, Serialize};
use std::ops::AddAssign;

/// One row of the report. The totals (columns 3, 7, 11) are computed, so that
/// column 3 = column 7 + column 11 holds by construction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Columns {
    /// (4) received in the period, online.
    pub received_online: u64,
    /// (5) received in the period, at the desk or by post.
    pub received_direct: u64,
    /// (6) carried over from before the period.
    pub carried_over: u64,
    /// (8) ended in the period, early.
    pub early: u64,
    /// (9) ended in the period, on time.
    pub on_time: u64,
    /// (10) ended in the period, late.
    pub late: u64,
    /// (12) open at the end of the period, not yet due.
    pub not_due: u64,
    /// (13) open at the end of the period, overdue.
    pub overdue: u64,
}

/// Why the on-time rate of the report ([`Columns::on_time_rate`]) and indicator 2.1 of the 766
/// index differ, in one line for the pages that show either (docs/rules.md §9.10).
pub const ON_TIME_766_VS_REPORT: &str = "Tỷ lệ đúng hạn tính trên hồ sơ đã giải quyết; chỉ số \
    766 (2.1) tính trên mọi hồ sơ nhận giải quyết, cả hồ sơ đang giải quyết chưa quá hạn (hai nơi \
    cùng coi hồ sơ yêu cầu bổ sung hơn một lần sau tiếp nhận là quá hạn).";

impl Columns {
    /// (3) received, total = (4) + (5) + (6).
    pub fn received_total(&self) -> u64 {
        self.received_online + self.received_direct + self.carried_over
    }

    /// (7) ended in the period, total = (8) + (9) + (10).
    pub fn resolved_total(&self) -> u64 {
        self.early + self.on_time + self.late
    }

    /// Ended early or on time ÷ ended: the on-time rate the dashboard, the API and the report
    /// show (0 ÷ 0 when nothing ended). It differs from indicator 2.1 of the 766 index, as
    /// [`ON_TIME_766_VS_REPORT`] says.
    pub fn on_time_rate(&self) -> super::Fraction {
        super::Fraction {
            numerator: self.early + self.on_time,
            denominator: self.resolved_total(),
        }
    }

    /// (11) open at the end of the period, total = (12) + (13).
    pub fn pending_total(&self) -> u64 {
        self.not_due + self.overdue
    }

    /// Columns 3 to 13 in the order of the form.
    pub fn row(&self) -> [u64; 11] {
        [
            self.received_total(),
            self.received_online,
            self.received_direct,
            self.carried_over,
            self.resolved_total(),
            self.early,
            self.on_time,
            self.late,
            self.pending_total(),
            self.not_due,
            self.overdue,
        ]
    }

    /// Counts one dossier placed by [`super::place`]: one intake and one outcome column.
    pub fn count(&mut self, placement: Placement) {
        *match placement.intake {
            Intake::Online => &mut self.received_online,
            Intake::Direct => &mut self.received_direct,
            Intake::CarriedOver => &mut self.carried_over,
        } += 1;
        *match placement.class {
            TimeClass::Early => &mut self.early,
            TimeClass::OnTime => &mut self.on_time,
            TimeClass::Late => &mut self.late,
            TimeClass::NotDue => &mut self.not_due,
            TimeClass::Overdue => &mut self.overdue,
        } += 1;
    }

    /// Adds another row, column by column (a unit subtree, a group of fields).
    pub fn add(&mut self, other: &Columns) {
        self.received_online += other.received_online;
        self.received_direct += other.received_direct;
        self.carried_over += other.carried_over;
        self.early += other.early;
        self.on_time += other.on_time;
        self.late += other.late;
        self.not_due += other.not_due;
        self.overdue += other.overdue;
    }

    /// Whether every column is zero.
    pub fn is_empty(&self) -> bool {
        self.received_total() == 0
    }
}

impl AddAssign<&Columns> for Columns {
    fn add_assign(&mut self, other: &Columns) {
        self.add(other);
    }
}
