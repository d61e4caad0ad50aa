#![allow(clippy::unwrap_used)]
//! The charts' geometry and text: lengths proportional to values, zeros and empty charts without
//! NaN, every label escaped.

use super::{Bar, Chart, Colour, Series};

/// The numbers of attribute `name` of every segment of `svg`, in order.
fn segments(svg: &str, name: &str) -> Vec<f64> {
    svg.split("<rect class=\"seg\"")
        .skip(1)
        .map(|rect| {
            let after = rect.split(&format!(" {name}=\"")).nth(1).unwrap();
            after[..after.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

fn one_series(values: &[u64]) -> Chart {
    Chart {
        title: "Hồ sơ".into(),
        series: vec![Series {
            label: "Tiếp nhận".into(),
            colour: Colour::Blue,
        }],
        bars: values
            .iter()
            .enumerate()
            .map(|(i, v)| Bar::counts(format!("{:02}/2026", i + 1), &[*v]))
            .collect(),
    }
}

#[test]
fn column_heights_and_row_widths_are_proportional_to_the_values() {
    let chart = one_series(&[10, 20, 5]);
    let heights = segments(&chart.columns_svg(), "height");
    assert_eq!(heights, [100.0, 200.0, 50.0]);
    let widths = segments(&chart.rows_svg(), "width");
    assert_eq!(widths.len(), 3);
    assert!((widths[1] - 2.0 * widths[0]).abs() < 0.15, "{widths:?}");
    assert!((widths[0] - 2.0 * widths[2]).abs() < 0.15, "{widths:?}");
}

#[test]
fn stacked_segments_add_up_to_the_total() {
    let chart = Chart {
        title: "Theo tháng".into(),
        series: vec![
            Series {
                label: "Trực tuyến".into(),
                colour: Colour::Blue,
            },
            Series {
                label: "Trực tiếp".into(),
                colour: Colour::Amber,
            },
        ],
        bars: vec![
            Bar::counts("11/2026", &[30, 10]),
            Bar::counts("12/2026", &[0, 20]),
        ],
    };
    let svg = chart.columns_svg();
    assert_eq!(segments(&svg, "height"), [150.0, 50.0, 100.0]);
    assert!(
        svg.contains("<title>11/2026 — Trực tuyến: 30</title>"),
        "{svg}"
    );
    assert!(svg.contains(">40</text>"), "the total is printed");
    assert!(
        svg.contains(">Trực tiếp</text></g>"),
        "the legend names each series"
    );
}

#[test]
fn zeros_and_all_zero_charts_draw_nothing_and_no_nan() {
    let zeros = one_series(&[0, 0, 0]);
    for svg in [zeros.columns_svg(), zeros.rows_svg()] {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(segments(&svg, "height").is_empty());
        assert_eq!(svg.matches("<g class=\"bar\">").count(), 3);
        assert!(svg.contains(">0</text>"));
    }
    let mixed = one_series(&[0, 7]);
    assert_eq!(segments(&mixed.columns_svg(), "height"), [200.0]);
    let empty = Chart {
        bars: Vec::new(),
        ..one_series(&[])
    };
    for svg in [empty.columns_svg(), empty.rows_svg()] {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(svg.contains("Không có số liệu"));
    }
    let odd = Chart {
        bars: vec![Bar {
            label: "x".into(),
            values: vec![f64::NAN, -3.0, f64::INFINITY],
            track: Some(f64::NAN),
            shown: "—".into(),
        }],
        ..one_series(&[])
    };
    assert!(!odd.rows_svg().contains("NaN"));
}

#[test]
fn tracks_show_the_maximum_behind_the_points() {
    let chart = Chart {
        title: "Nhóm chỉ số 766".into(),
        series: vec![Series {
            label: "Điểm".into(),
            colour: Colour::Teal,
        }],
        bars: vec![
            Bar {
                label: "Tiến độ giải quyết".into(),
                values: vec![10.0],
                track: Some(20.0),
                shown: "10,00 / 20,00".into(),
            },
            Bar {
                label: "Số hóa hồ sơ".into(),
                values: vec![22.0],
                track: Some(22.0),
                shown: "22,00 / 22,00".into(),
            },
        ],
    };
    let svg = chart.rows_svg();
    let track: Vec<f64> = svg
        .split("<rect class=\"track\"")
        .skip(1)
        .map(|r| {
            let w = r.split(" width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    let points = segments(&svg, "width");
    assert!(
        (points[0] * 2.0 - track[0]).abs() < 0.15,
        "{points:?} {track:?}"
    );
    assert_eq!(points[1], track[1]);
    assert!(svg.contains("10,00 / 20,00"));
}

#[test]
fn every_text_is_escaped_and_the_image_is_labelled() {
    let chart = Chart {
        title: "Xếp hạng <đơn vị> & \"điểm\"".into(),
        series: vec![Series {
            label: "Điểm <766>".into(),
            colour: Colour::Green,
        }],
        bars: vec![Bar::counts("Phường <Hai> & Ba", &[3])],
    };
    for svg in [chart.columns_svg(), chart.rows_svg()] {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("viewBox=\"0 0 640.0 "));
        assert!(svg.contains("aria-label=\"Xếp hạng &lt;đơn vị&gt; &amp; &quot;điểm&quot;\""));
        assert!(svg.contains("Phường &lt;Hai&gt; &amp; Ba"));
        assert!(!svg.contains("<Hai>") && !svg.contains("<766>") && !svg.contains("& Ba"));
        assert!(svg.ends_with("</svg>"));
    }
}
