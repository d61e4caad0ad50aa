//! The CLI contract: `motcua deadline` and `motcua calendar`, run as a real process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn deadline_prints_the_due_instant_alone_on_the_first_line() {
    let o = motcua(&[
        "deadline",
        "--received",
        "2024-02-07T09:00",
        "--amount",
        "3",
        "--unit",
        "working-days",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("2024-02-19T09:00:00+07:00"));
    assert!(text.contains("Tết Nguyên đán"), "{text}");
    assert!(
        text.contains("Hẹn trả kết quả: 09 giờ 00 phút ngày 19/02/2024."),
        "{text}"
    );
}

#[test]
fn deadline_examples_of_the_contract() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--received", "2026-01-08T08:00", "--amount", "2"],
            "2026-01-10T08:00:00+07:00",
        ),
        (
            &[
                "--received",
                "2026-08-28T14:00",
                "--amount",
                "1",
                "--unit",
                "working-days",
            ],
            "2026-09-03T14:00:00+07:00",
        ),
        (
            &["--received", "2026-11-26T15:20", "--unit", "same-day"],
            "2026-11-27T17:00:00+07:00",
        ),
        (
            &["--received", "2026-11-26T14:59", "--unit", "same-day"],
            "2026-11-26T17:00:00+07:00",
        ),
        (
            &[
                "--received",
                "2026-11-14T03:00:00Z",
                "--amount",
                "1",
                "--calendar",
                "ccvc",
            ],
            // Saturday: the Monday is day 1, stated as its closing (docs/rules.md §5.2).
            "2026-11-16T17:00:00+07:00",
        ),
    ];
    for (args, due) in cases {
        let mut all = vec!["deadline"];
        all.extend_from_slice(args);
        let o = motcua(&all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o).lines().next(), Some(due), "{args:?}");
    }
}

#[test]
fn deadline_json_has_due_at_and_explanation() {
    let o = motcua(&[
        "deadline",
        "--received",
        "2024-02-07T09:00",
        "--amount",
        "3",
        "--unit",
        "working-days",
        "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["due_at"], "2024-02-19T09:00:00+07:00");
    // 08–14/02 Tết (7 days) and the weekend 17–18/02.
    assert_eq!(v["explanation"]["skipped"].as_array().unwrap().len(), 9);
    assert_eq!(v["explanation"]["start"], "2024-02-07T09:00:00");
    assert!(v["explanation_text"].as_array().unwrap().len() > 5);
}

#[test]
fn bad_input_exits_non_zero_with_one_vietnamese_line_naming_the_value() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--received", "07/02/2024", "--amount", "3"],
            "«07/02/2024»",
        ),
        (
            &["--received", "2024-02-07T09:00", "--amount", "ba"],
            "«ba»",
        ),
        (
            &[
                "--received",
                "2024-02-07T09:00",
                "--amount",
                "3",
                "--unit",
                "weeks",
            ],
            "«weeks»",
        ),
        (
            &[
                "--received",
                "2024-02-07T09:00",
                "--amount",
                "3",
                "--calendar",
                "tu-nhan",
            ],
            "«tu-nhan»",
        ),
        (
            &[
                "--received",
                "2024-02-07T09:00",
                "--amount",
                "3",
                "--office-hours",
                "8h-17h",
            ],
            "«8h-17h»",
        ),
    ];
    for (args, named) in cases {
        let mut all = vec!["deadline"];
        all.extend_from_slice(args);
        let o = motcua(&all);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("Lỗi: ") && err.contains(named), "{err}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn calendar_show_prints_a_month_grid_with_a_legend() {
    let o = motcua(&["calendar", "show", "2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Tháng 1/2026\n T2  T3  T4  T5  T6  T7  CN\n"),
        "{text}"
    );
    // January 2026 starts on a Thursday: 1 holiday, 2 swapped off, 3–4 weekend.
    assert!(text.contains("\n              1*  2h  3.  4.\n"), "{text}");
    assert!(text.contains(" 10+"), "make-up Saturday 10/01 is marked");
    assert!(text.contains("Chú giải:") && text.contains("làm bù") && text.contains("nghỉ bù"));
    assert!(text.contains("27/04/2026 thứ Hai"), "{text}");
    let provisional = stdout(&motcua(&["calendar", "show", "2031"]));
    assert!(provisional.contains("DỰ KIẾN"));
    assert!(!motcua(&["calendar", "show", "1800"]).status.success());
}

#[test]
fn calendar_lunar_and_solar() {
    let o = motcua(&["calendar", "lunar", "2030-02-02"]);
    assert_eq!(stdout(&o), "mùng 1 tháng Giêng năm Canh Tuất\n");
    let o = motcua(&["calendar", "solar", "--lunar", "10/3", "--year", "2027"]);
    assert_eq!(stdout(&o), "16/04/2027 (thứ Sáu)\n");
    let o = motcua(&[
        "calendar", "solar", "--lunar", "1/4", "--year", "2027", "--leap",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with("Lỗi: không có ngày"),
        "{}",
        stderr(&o)
    );
}
