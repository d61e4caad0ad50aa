//! The Decision 766 index as PDF.

use crate::fixtures::{PROVINCE, index766};
use crate::support::{Shown, assert_pdf};
use motcua_domain::stats::format::points;
use motcua_domain::stats::{Group, IndicatorId};

#[test]
fn the_index_prints_groups_indicators_rates_and_points() {
    let r = index766(PROVINCE);
    let document = motcua_pdf::index766_layout(&r).unwrap();
    assert_eq!(document.pages().len(), 1);
    let size = document.pages()[0].frame.size();
    assert!(size.x < size.y, "portrait: {size:?}");
    let shown = Shown::of(&document);
    shown.assert_shows(&[
        "CHỈ SỐ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP",
        "Quyết định số 766/QĐ-TTg",
        "Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)",
        &format!("Đơn vị: {PROVINCE}"),
        "Chỉ số Tử số Mẫu số Tỷ lệ Đạt tối đa khi Điểm Hồ sơ mất điểm",
        // 3.1: 1.049 of 1.265 procedures online.
        "1.049 1.265 82,92%",
        "Chưa có dữ liệu",
        "Điểm là ước tính",
        "Trang 1/1",
    ]);
    for group in Group::ALL {
        shown.assert_shows(&[&format!("{} ({})", group.label_vi(), group.code())]);
    }
    for id in IndicatorId::ALL {
        shown.assert_shows(&[&format!("{}. {}", id.code(), id.label_vi())]);
    }
    let x = &r.index;
    shown.assert_shows(&[&format!(
        "Điểm chính thức: {} / 100 (chỉ số chưa có dữ liệu: 0 điểm); điểm trên phần tính được: \
         {} / 100 ({} / {} điểm)",
        points(x.official()),
        points(x.normalised()),
        points(x.points),
        points(x.counted_max)
    )]);
    // 2.2 is shown, not scored; 3.3 carries its estimated points.
    shown.assert_shows(&["Thời gian giải quyết trung bình", "không chấm điểm"]);
    shown.assert_shows(&["0,00 / 4,00 (ước tính)"]);
    // 2.1 on time: four of the six dossiers ended before their due instant.
    let on_time = x.indicator(IndicatorId::OnTime).unwrap();
    assert_eq!((on_time.numerator, on_time.denominator), (4, 6));
    shown.assert_shows(&[&format!(
        "4 6 66,67% ≥ {} {} / {} 2",
        motcua_domain::stats::format::rate_percent(on_time.threshold),
        points(on_time.points),
        points(on_time.max_points)
    )]);
    assert_pdf(&motcua_pdf::index766_pdf(&r).unwrap());
}
