//! Dossier lists: keyset pagination and filters, checked against a model of the data.

use crate::contract;
use crate::support::{act, at, new_dossier, unit};
use chrono::{Duration, NaiveDateTime};
use motcua_app::store::{Cursor, DossierQuery, Store};
use motcua_domain::dossier::{Action, Dossier, Status};
use std::collections::HashSet;
use std::sync::Arc;

contract!(
    pages_have_no_gaps_or_duplicates,
    filters_select_what_the_model_selects
);

const DESK_A: &str = "000.20.01.H48";
const DESK_B: &str = "000.20.02.H48";
const DEPT: &str = "000.10.01.H48";
const COORD: &str = "000.10.02.H48";
const COUNT: i64 = 23;

/// 23 dossiers from two desks, three per instant (ties broken by code), instants with
/// nanoseconds; every fifth resolved, every seventh sent to a coordinating unit.
async fn seed(store: &Arc<dyn Store>) -> Vec<Dossier> {
    let base = at(2026, 3, 2, 8, 0) + Duration::nanoseconds(123_456_789);
    let mut all = Vec::new();
    for i in 0..COUNT {
        let desk = if i % 2 == 0 { DESK_A } else { DESK_B };
        let created = base + Duration::minutes(i / 3);
        let mut d = store
            .insert_dossier(new_dossier(desk, DEPT, created), "tiepnhan", None)
            .await
            .unwrap()
            .dossier;
        let later = created + Duration::hours(1);
        let action = if i % 5 == 0 {
            Some(Action::Resolve {
                approved: true,
                reasons: String::new(),
                result_file: None,
            })
        } else if i % 7 == 0 {
            Some(Action::Transfer {
                to_unit: unit(COORD),
                note: String::new(),
                budget_minutes: None,
            })
        } else {
            None
        };
        if let Some(action) = action {
            let (next, events) = act(&d, action, later, "lanhdao");
            store
                .append_events(&next, d.version, &events)
                .await
                .unwrap();
            d = next;
        }
        all.push(d);
    }
    all
}

/// Codes of the dossiers kept by `keep`, newest first.
fn model(all: &[Dossier], keep: impl Fn(&Dossier) -> bool) -> Vec<String> {
    let mut kept: Vec<&Dossier> = all.iter().filter(|d| keep(d)).collect();
    kept.sort_by(|a, b| (b.created_at, &b.code).cmp(&(a.created_at, &a.code)));
    kept.iter().map(|d| d.code.to_string()).collect()
}

/// Every page of `query`, `page` at a time, following the cursor.
async fn walk(store: &Arc<dyn Store>, query: DossierQuery, page: u32) -> Vec<String> {
    let mut query = DossierQuery {
        limit: motcua_app::store::PageSize::new(Some(page)),
        ..query
    };
    let mut codes = Vec::new();
    loop {
        let rows = store.list_dossiers(&query).await.unwrap();
        assert!(rows.len() <= page as usize);
        codes.extend(rows.iter().map(|d| d.code.to_string()));
        match rows.last() {
            Some(last) if rows.len() == page as usize => {
                query.after = Some(Cursor {
                    created_at: last.created_at,
                    code: last.code.clone(),
                });
            }
            _ => return codes,
        }
    }
}

async fn pages_have_no_gaps_or_duplicates(store: Arc<dyn Store>) {
    let all = seed(&store).await;
    let expected = model(&all, |_| true);
    for page in [1, 5, 7, 23, 50] {
        let codes = walk(&store, DossierQuery::default(), page).await;
        assert_eq!(codes, expected, "pages of {page}");
    }
    let unique: HashSet<_> = expected.iter().collect();
    assert_eq!(unique.len(), all.len());
    // Limit 0 means the default page (50), which holds everything here.
    let everything = store.list_dossiers(&DossierQuery::default()).await.unwrap();
    assert_eq!(everything.len(), all.len());
    assert_eq!(everything, {
        let mut sorted = all.clone();
        sorted.sort_by(|a, b| (b.created_at, &b.code).cmp(&(a.created_at, &a.code)));
        sorted
    });
}

fn units(codes: &[&str]) -> Option<Vec<motcua_domain::ids::UnitCode>> {
    Some(codes.iter().map(|c| unit(c)).collect())
}

async fn filters_select_what_the_model_selects(store: Arc<dyn Store>) {
    let all = seed(&store).await;
    let has_unit = |d: &Dossier, u: &str| {
        [
            &d.facts.receiving_unit,
            &d.facts.competent_unit,
            &d.current_unit,
        ]
        .iter()
        .any(|c| c.as_str() == u)
    };
    let due_limit: NaiveDateTime = all[10].due_at.unwrap();
    let cases: Vec<(&str, DossierQuery, Vec<String>)> = vec![
        (
            "desk A",
            DossierQuery {
                units: units(&[DESK_A]),
                ..DossierQuery::default()
            },
            model(&all, |d| has_unit(d, DESK_A)),
        ),
        (
            "competent unit",
            DossierQuery {
                units: units(&[DEPT]),
                ..DossierQuery::default()
            },
            model(&all, |_| true),
        ),
        (
            "current unit or desk B",
            DossierQuery {
                units: units(&[COORD, DESK_B]),
                ..DossierQuery::default()
            },
            model(&all, |d| has_unit(d, COORD) || has_unit(d, DESK_B)),
        ),
        (
            "no unit",
            DossierQuery {
                units: Some(Vec::new()),
                ..DossierQuery::default()
            },
            Vec::new(),
        ),
        (
            "resolved",
            DossierQuery {
                status: Some(Status::Resolved),
                ..DossierQuery::default()
            },
            model(&all, |d| d.status == Status::Resolved),
        ),
        (
            "open",
            DossierQuery {
                open_only: true,
                ..DossierQuery::default()
            },
            model(&all, |d| d.status.is_open()),
        ),
        (
            "due before",
            DossierQuery {
                due_before: Some(due_limit),
                ..DossierQuery::default()
            },
            model(&all, |d| {
                d.status.is_open() && d.due_at.is_some_and(|due| due <= due_limit)
            }),
        ),
        (
            "open at desk A",
            DossierQuery {
                units: units(&[DESK_A]),
                open_only: true,
                ..DossierQuery::default()
            },
            model(&all, |d| d.status.is_open() && has_unit(d, DESK_A)),
        ),
    ];
    for (name, query, expected) in cases {
        assert!(
            !expected.is_empty() || name == "no unit",
            "{name}: empty model"
        );
        for page in [3, 500] {
            assert_eq!(
                walk(&store, query.clone(), page).await,
                expected,
                "{name}, pages of {page}"
            );
        }
    }
}
