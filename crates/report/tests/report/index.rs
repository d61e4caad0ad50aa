//! The Decision 766 index as JSON, with the dossiers that lost points.

use crate::support::{period, records, units, value};
use motcua_domain::ids::DossierCode;
use motcua_domain::stats::{CatalogueFacts, Index766, IndexWeights, IndicatorId, Source, losers};
use motcua_report::{IndexReport, index766_json};

fn index_report() -> IndexReport {
    let records = records();
    let catalogue = CatalogueFacts {
        procedures_total: 10,
        procedures_online: 7,
        procedures_online_used: 2,
        procedures_fee_bearing: 0,
        ..CatalogueFacts::default()
    };
    let index = Index766::compute(period(), &records, &catalogue, &IndexWeights::default());
    let codes: Vec<DossierCode> = (1..=records.len())
        .map(|i| DossierCode::parse(&format!("T01.W1-261020-{i:04}")).unwrap())
        .collect();
    let losers = IndicatorId::ALL
        .into_iter()
        .filter(|id| id.source() == Source::Records)
        .map(|id| (id, losers(&period(), &records, id)))
        .collect();
    IndexReport {
        unit: units()[0].clone(),
        index,
        codes,
        losers,
    }
}

#[test]
fn every_indicator_has_its_figures_rate_and_points_in_vietnamese() {
    let v = value(index766_json(&index_report()));
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 6);
    assert_eq!(groups[1]["code"], "TDGQ");
    let on_time = &groups[1]["indicators"][0];
    assert_eq!(on_time["code"], "2.1");
    assert_eq!(on_time["id"], "on_time");
    // Five dossiers counted; the late one and the overdue one lose it.
    assert_eq!(
        (
            on_time["numerator"].as_u64(),
            on_time["denominator"].as_u64()
        ),
        (Some(3), Some(5))
    );
    assert_eq!(on_time["rate_text"], "60,00%");
    assert_eq!(on_time["points_text"], "12,00");
    assert_eq!(on_time["max_points_text"], "20,00");
    assert_eq!(on_time["losers"]["count"], 2);
    assert_eq!(
        on_time["losers"]["sample"],
        serde_json::json!(["T01.W1-261020-0003", "T01.W1-261020-0005"])
    );
    // 3.1 from the catalogue: 7 of 10 against a threshold of 80%.
    let online = &groups[2]["indicators"][0];
    assert_eq!(online["code"], "3.1");
    assert_eq!(online["rate_text"], "70,00%");
    assert!(online.get("losers").is_none());
    // No fee-bearing procedure: 3.5 does not apply; inputs not given are not computable.
    let fees = &groups[3]["indicators"][0];
    assert_eq!(fees["rate_text"], "Không phát sinh");
    assert_eq!(groups[0]["indicators"][0]["rate_text"], "Chưa có dữ liệu");
    assert_eq!(v["estimate"], true);
    assert_eq!(v["period"]["name"], "Tháng 11/2026");
    let sum: f64 = groups.iter().map(|g| g["points"].as_f64().unwrap()).sum();
    assert!((sum - v["points"].as_f64().unwrap()).abs() < 1e-9);
}
