//! Catalogue imports: versioning, and all or nothing.

use crate::support::{Raw, spec};
use crate::{contract, contract_raw};
use motcua_app::store::{ImportSummary, Store};
use motcua_domain::catalogue::ProcedureStatus;
use motcua_domain::ids::ProcedureCode;
use std::sync::Arc;

contract!(latest_versions_are_listed_by_code);
contract_raw!(
    changed_content_makes_a_new_version,
    imports_are_all_or_nothing
);

async fn changed_content_makes_a_new_version(store: Arc<dyn Store>, raw: Raw) {
    let a = spec("1.000001", "Đăng ký khai sinh");
    let b = spec("1.000002", "Đăng ký kết hôn");
    let first = store
        .import_procedures(&[a.clone(), b.clone()])
        .await
        .unwrap();
    assert_eq!(
        first,
        ImportSummary {
            created: 2,
            new_versions: 0,
            unchanged: 0
        }
    );

    let mut b2 = b.clone();
    b2.fees[0].amount = 20_000;
    let second = store
        .import_procedures(&[a.clone(), b2.clone()])
        .await
        .unwrap();
    assert_eq!(
        second,
        ImportSummary {
            created: 0,
            new_versions: 1,
            unchanged: 1
        }
    );

    let current = store.procedure(&b.code).await.unwrap().unwrap();
    assert_eq!(
        (current.version, current.status),
        (2, ProcedureStatus::Active)
    );
    assert_eq!(current.spec, b2);
    let statuses = raw
        .strings("SELECT status FROM procedures WHERE code = '1.000002' ORDER BY version")
        .await;
    assert_eq!(statuses, ["amended", "active"]);

    let third = store.import_procedures(&[b2]).await.unwrap();
    assert_eq!(third.unchanged, 1);
    assert_eq!(store.procedure(&a.code).await.unwrap().unwrap().version, 1);
}

async fn latest_versions_are_listed_by_code(store: Arc<dyn Store>) {
    let c = spec("2.000003", "Cấp giấy phép xây dựng");
    let a = spec("1.000001", "Đăng ký khai sinh");
    store
        .import_procedures(&[c.clone(), a.clone()])
        .await
        .unwrap();
    let mut a2 = a.clone();
    a2.name = "Đăng ký khai sinh (sửa đổi)".into();
    store.import_procedures(&[a2.clone()]).await.unwrap();

    let all = store.procedures().await.unwrap();
    let listed: Vec<_> = all
        .iter()
        .map(|p| (p.spec.code.as_str(), p.version))
        .collect();
    assert_eq!(listed, [("1.000001", 2), ("2.000003", 1)]);
    assert_eq!(all[0].spec, a2);
    assert!(all.iter().all(|p| p.status == ProcedureStatus::Active));
    let unknown = ProcedureCode::parse("9.999999").unwrap();
    assert_eq!(store.procedure(&unknown).await.unwrap(), None);
}

async fn imports_are_all_or_nothing(store: Arc<dyn Store>, raw: Raw) {
    let a = spec("1.000001", "Đăng ký khai sinh");
    store
        .import_procedures(std::slice::from_ref(&a))
        .await
        .unwrap();
    // A trigger makes the insert of a procedure named `boom` fail.
    if raw.is_postgres() {
        raw.execute(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.name = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$; \
             CREATE TRIGGER boom BEFORE INSERT ON procedures \
             FOR EACH ROW EXECUTE FUNCTION boom();",
        )
        .await;
    } else {
        raw.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON procedures WHEN NEW.name = 'boom' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .await;
    }
    let mut a2 = a.clone();
    a2.name = "Đăng ký khai sinh (sửa đổi)".into();
    let batch = [
        spec("1.000005", "Thủ tục mới"),
        a2,
        spec("1.000009", "boom"),
    ];
    assert!(store.import_procedures(&batch).await.is_err());

    let all = store.procedures().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].version, &all[0].spec), (1, &a));
    assert_eq!(all[0].status, ProcedureStatus::Active);
}
