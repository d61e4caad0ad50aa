//! Pauses never forgive lateness (docs/rules.md §5.9, §7.3): a dossier paused at or after its due
//! instant is overdue while paused, keeps its due instant after the resume, and is late when it
//! ends — for the dossier page, the inbox and the dashboard (`urgency`), the citizen look-up (the
//! due instant shown), the periodic report (`place`) and indicator 2.1 of the 766 index.

use crate::support::{at, engine, procedure};
use chrono::{Duration, NaiveDateTime};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{
    Action, Applicant, Channel, Dossier, IntakeInput, PaymentMethod, ReturnMethod, Urgency, decide,
    intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::stats::{
    CatalogueFacts, Index766, IndexWeights, IndicatorId, Period, Record, place,
};
use proptest::prelude::*;

fn received(days: u32, fee: u64, t: NaiveDateTime) -> Dossier {
    let unit = UnitCode::parse("W01").unwrap();
    let new = intake(
        IntakeInput {
            procedure: &procedure(days, fee, true),
            receiving_unit: unit.clone(),
            competent_unit: unit.clone(),
            applicant: Applicant {
                kind: ApplicantType::Citizen,
                name: "Nguyễn Văn An".into(),
                id_number: None,
                phone: Some("0912345678".into()),
                email: None,
                address: None,
            },
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: false,
            reused_data: false,
            receive_now: true,
            paid_at_desk: false,
        },
        t,
        &engine(),
    )
    .unwrap();
    new.into_dossier(DossierCode::new(&unit, t.date(), 1), "tn")
        .unwrap()
        .0
}

fn act(d: &Dossier, action: Action, t: NaiveDateTime) -> Dossier {
    let decided = decide(d, &action, t, &engine()).unwrap();
    d.stamp(decided.events, t, "x").0
}

/// The class the periodic report and indicator 2.1 give the dossier over a period ending on
/// the date of `as_of` (which must be after its reception).
fn report_and_index(d: &Dossier, as_of: NaiveDateTime) -> (TimeClass, bool) {
    let record = Record::from_dossier(d, 0, 0).unwrap();
    let period = Period::range(d.received_at.unwrap().date(), as_of.date()).unwrap();
    let class = place(&period, &record).unwrap().class;
    let index = Index766::compute(
        period,
        &[record],
        &CatalogueFacts::default(),
        &IndexWeights::portal(),
    );
    let on_time = index.indicator(IndicatorId::OnTime).unwrap();
    (class, on_time.numerator == 0 && on_time.denominator == 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pausing_never_turns_a_late_dossier_on_time(
        days in 1u32..6,
        late_by in 0i64..4 * 24 * 60,
        paused_for in 0i64..8 * 24 * 60,
        after in 1i64..4 * 24 * 60,
        payment in any::<bool>(),
        end in 0u8..3,
    ) {
        let mut d = received(days, 50_000, at(2026, 11, 23, 9, 0));
        let due = d.due_at.unwrap();
        let paused = due + Duration::minutes(late_by);
        d = act(&d, if payment {
            Action::RequestPayment { note: String::new() }
        } else {
            Action::RequestSupplement { items: vec!["Bản sao".into()], note: String::new() }
        }, paused);
        // Overdue while paused: the inbox, the dashboard, the look-up and the statistics.
        let during = paused + Duration::minutes(paused_for / 2);
        prop_assert_eq!(d.due_at, Some(due));
        prop_assert_eq!(d.urgency(during), Some(Urgency::Overdue));
        prop_assert_eq!(d.time_class(during), Some(TimeClass::Overdue));
        prop_assert_eq!(report_and_index(&d, during), (TimeClass::Overdue, true));
        let resumed = paused + Duration::minutes(paused_for);
        d = act(&d, if payment {
            Action::Pay { method: PaymentMethod::Desk }
        } else {
            Action::ReceiveSupplement { note: String::new() }
        }, resumed);
        // Still overdue after the resume: the due instant never moved.
        prop_assert_eq!(d.due_at, Some(due));
        prop_assert_eq!(d.urgency(resumed), Some(Urgency::Overdue));
        let ended = resumed + Duration::minutes(after);
        d = act(&d, match end {
            0 => Action::Resolve { approved: true, reasons: String::new(), result_file: None },
            1 => Action::Stop { reason: "Dừng".into() },
            _ => Action::Withdraw { reason: "Rút".into() },
        }, ended);
        let later = ended + Duration::days(1);
        prop_assert_eq!(d.time_class(later), Some(TimeClass::Late));
        prop_assert_eq!(report_and_index(&d, later), (TimeClass::Late, true));
    }

    #[test]
    fn a_dossier_paused_with_time_left_is_not_due_while_paused(
        days in 2u32..6,
        early_by in 1i64..450,
        paused_for in 0i64..20 * 24 * 60,
    ) {
        let d = received(days, 0, at(2026, 11, 23, 9, 0));
        let due = d.due_at.unwrap();
        let paused = engine().add_working_seconds(due, -early_by * 60);
        let d = act(&d, Action::RequestSupplement { items: vec!["Bản sao".into()], note: String::new() }, paused);
        let during = paused + Duration::minutes(paused_for);
        prop_assert_eq!(d.due_at, None);
        prop_assert_eq!(d.urgency(during), None);
        prop_assert_eq!(d.time_class(during), Some(TimeClass::NotDue));
        prop_assert_eq!(report_and_index(&d, during), (TimeClass::NotDue, false));
    }
}
