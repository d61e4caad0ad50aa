//! The Decision 766 index as a sheet, with what the index page and `index766_json` show: each
//! group with its points out of its maximum, each indicator with its numerator, denominator,
//! rate, threshold, points and the number of dossiers that lost them.

use crate::{integer, period_line};
use motcua_domain::stats::format::{points, rate_percent};
use motcua_domain::stats::{GroupScore, Indicator, Source};
use motcua_report::{IndexReport, Range, Sheet, Style};

/// Last column.
const LAST: u16 = 6;
/// The header row.
const HEADER: u32 = 5;
/// Shown for figures of an indicator that is not counted.
const NONE: &str = "—";

const LABELS: [&str; 7] = [
    "Chỉ số",
    "Tử số",
    "Mẫu số",
    "Tỷ lệ",
    "Đạt tối đa khi",
    "Điểm",
    "Hồ sơ mất điểm",
];

fn group_row(s: &mut Sheet, row: u32, g: &GroupScore) {
    s.merge(
        Range::new(row, 0, row, 4),
        format!("{} ({})", g.group.label_vi(), g.group.code()),
        Style::Section,
    );
    let mut shown = format!("{} / {}", points(g.points), points(g.max_points));
    if g.counted_max != g.max_points {
        shown.push_str(&format!(" (tính được: {})", points(g.counted_max)));
    }
    s.text(row, 5, shown, Style::TotalCount);
    s.text(row, 6, "", Style::Section);
}

fn indicator_row(s: &mut Sheet, row: u32, r: &IndexReport, i: &Indicator) {
    let counted = |text: String| if i.counted() { text } else { NONE.to_owned() };
    let scored = |text: String| if i.scored() { text } else { NONE.to_owned() };
    let mut shown_points = if !i.scored() {
        "không chấm điểm".to_owned()
    } else {
        format!("{} / {}", points(i.points), points(i.max_points))
    };
    if i.estimate {
        shown_points.push_str(" (ước tính)");
    }
    let losers = if i.id.source() == Source::Records && i.scored() {
        integer(r.loser_count(i.id))
    } else {
        NONE.to_owned()
    };
    let cells = [
        (format!("{}. {}", i.id.code(), i.id.label_vi()), Style::Text),
        (counted(scored(integer(i.numerator))), Style::Count),
        (counted(integer(i.denominator)), Style::Count),
        (i.rate_vi(), Style::Count),
        (
            scored(format!("≥ {}", rate_percent(i.threshold))),
            Style::Count,
        ),
        (shown_points, Style::Count),
        (losers, Style::Count),
    ];
    for (col, (text, style)) in (0u16..).zip(cells) {
        s.text(row, col, text, style);
    }
}

/// The index laid out on A4 portrait.
pub(crate) fn index766_sheet(r: &IndexReport) -> Sheet {
    let x = &r.index;
    let mut s = Sheet::new("Chỉ số 766");
    s.merge(
        Range::new(0, 0, 0, LAST),
        "CHỈ SỐ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP",
        Style::Title,
    );
    s.merge(
        Range::new(1, 0, 1, LAST),
        "trong thực hiện thủ tục hành chính, dịch vụ công (Quyết định số 766/QĐ-TTg)",
        Style::Subtitle,
    );
    s.merge(
        Range::new(2, 0, 2, LAST),
        period_line(r.period()),
        Style::Subtitle,
    );
    s.merge(
        Range::new(3, 0, 3, LAST),
        format!("Đơn vị: {}", r.unit.name),
        Style::Info,
    );
    s.merge(
        Range::new(4, 0, 4, LAST),
        format!(
            "Điểm chính thức: {} / 100 (chỉ số chưa có dữ liệu: 0 điểm); điểm trên phần tính \
             được: {} / 100 ({} / {} điểm)",
            points(x.official()),
            points(x.normalised()),
            points(x.points),
            points(x.counted_max)
        ),
        Style::Info,
    );
    for (col, label) in (0u16..).zip(LABELS) {
        s.text(HEADER, col, label, Style::Header);
    }
    let mut row = HEADER + 1;
    for g in &x.groups {
        group_row(&mut s, row, g);
        row += 1;
        for i in x.indicators.iter().filter(|i| i.group == g.group) {
            indicator_row(&mut s, row, r, i);
            row += 1;
        }
    }
    row += 1;
    if x.estimate {
        s.merge(
            Range::new(row, 0, row, LAST),
            "Điểm là ước tính: điểm từng chỉ số theo Cổng DVCQG khi đã biết, chưa đối chiếu phụ \
             lục chính thức; chỉ số ghi «ước tính» chưa biết cách chia điểm của nhóm (chia đều). \
             Chỉ số «Chưa có dữ liệu» được 0 điểm trong điểm chính thức và không tính trong điểm \
             trên phần tính được.",
            Style::Info,
        );
        row += 1;
    }
    s.merge(
        Range::new(row, 0, row, LAST),
        "Tỷ lệ làm tròn hai chữ số thập phân khi hiển thị; điểm = min(tỷ lệ ÷ ngưỡng, 1) × \
         điểm tối đa của chỉ số.",
        Style::Info,
    );
    s.widths = vec![35.0, 7.5, 7.5, 16.0, 11.0, 18.0, 9.0];
    s.repeat_rows = Some((HEADER, HEADER));
    s
}
