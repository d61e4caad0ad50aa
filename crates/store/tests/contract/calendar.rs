//! Calendar overrides and their revision.

use crate::contract;
use chrono::NaiveDate;
use motcua_app::store::Store;
use motcua_domain::calendar::{CalendarOverride, DayKind};
use std::sync::Arc;

contract!(overrides_are_kept_in_order_and_bump_the_revision);

fn day(m: u32, d: u32, kind: DayKind, reason: &str) -> CalendarOverride {
    CalendarOverride {
        date: NaiveDate::from_ymd_opt(2026, m, d).unwrap(),
        kind,
        reason: reason.into(),
        reference: "Thông báo 01/TB-UBND ngày 02/01/2026".into(),
    }
}

async fn overrides_are_kept_in_order_and_bump_the_revision(store: Arc<dyn Store>) {
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 0);
    assert!(store.calendar_overrides("ccvc").await.unwrap().is_empty());

    let off = day(9, 4, DayKind::SwappedOff, "Nghỉ hoán đổi");
    let makeup = day(8, 29, DayKind::MakeupWorking, "Làm bù");
    let now = crate::support::at(2026, 1, 5, 8, 0);
    store
        .change_calendar("ccvc", &off, "admin", now)
        .await
        .unwrap();
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 1);
    store
        .change_calendar("ccvc", &makeup, "admin", now)
        .await
        .unwrap();
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 2);

    assert_eq!(
        store.calendar_overrides("ccvc").await.unwrap(),
        [off, makeup]
    );
    assert_eq!(store.calendar_revision("other").await.unwrap(), 0);
    assert!(store.calendar_overrides("other").await.unwrap().is_empty());
}
