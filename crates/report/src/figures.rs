//! The other figures of the periodic report ("Chỉ tiêu khác": online share, online payments,
//! digitisation, ratings, apologies, PAKN) as lines of text and as JSON. The definitions are
//! those of [`Figures`].

use crate::json::FractionJson;
use motcua_domain::format;
use motcua_domain::stats::{Figures, Fraction, Rating};
use serde::Serialize;
use utoipa::ToSchema;

/// Title of the table, the worksheet and the page section.
pub const FIGURES_TITLE: &str = "Chỉ tiêu khác";

/// Shown instead of the feedback figure: the units hold no feedback (PAKN) for the period.
pub const NO_FEEDBACK: &str = "Chưa có dữ liệu PAKN";

/// Label of the feedback figure.
pub const FEEDBACK_LABEL: &str = "PAKN xử lý đúng hạn";

/// The feedback figure as text: `9/10 (90,00%)`, `0/0 (Không phát sinh)`, or [`NO_FEEDBACK`].
pub fn feedback_text(f: Option<Fraction>) -> String {
    f.map_or_else(
        || NO_FEEDBACK.to_owned(),
        |x| format!("{}/{} ({})", x.numerator, x.denominator, x.rate_vi()),
    )
}

/// The feedback figure as one line: `PAKN xử lý đúng hạn: 9/10 (90,00%)`.
pub fn feedback_line(f: Option<Fraction>) -> String {
    format!("{FEEDBACK_LABEL}: {}", feedback_text(f))
}

/// Headers of the table of figures.
pub const FIGURE_COLUMNS: [&str; 6] = [
    "STT",
    "Chỉ tiêu",
    "Số hồ sơ",
    "Trên tổng số",
    "Tỷ lệ, giá trị",
    "Cách tính",
];

/// One figure as every export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureLine {
    /// Stable key (`paid_online`, `rating_hai_long`).
    pub key: &'static str,
    /// What it counts, in Vietnamese.
    pub label: String,
    /// Dossiers that count, when the figure is a rate.
    pub numerator: Option<u64>,
    /// Dossiers considered, when the figure is a rate.
    pub denominator: Option<u64>,
    /// The rate (`82,94%`, `Không phát sinh`), the amount (`27.367.024 đồng`) or
    /// [`NO_FEEDBACK`].
    pub shown: String,
    /// Over what it is counted.
    pub basis: &'static str,
}

const RECEIVED: &str = "Trên số hồ sơ tiếp nhận trong kỳ";
const RATED: &str = "Trên số hồ sơ đã giải quyết trong kỳ được đánh giá";

fn rate_line(key: &'static str, label: &str, f: Fraction, basis: &'static str) -> FigureLine {
    FigureLine {
        key,
        label: label.to_owned(),
        numerator: Some(f.numerator),
        denominator: Some(f.denominator),
        shown: f.rate_vi(),
        basis,
    }
}

fn rating_line_key(level: Rating) -> &'static str {
    match level {
        Rating::RatHaiLong => "rating_rat_hai_long",
        Rating::HaiLong => "rating_hai_long",
        Rating::BinhThuong => "rating_binh_thuong",
        Rating::KhongHaiLong => "rating_khong_hai_long",
    }
}

/// Amount in đồng as `27.367.024 đồng`.
pub fn money(vnd: u64) -> String {
    format::money(i64::try_from(vnd).unwrap_or(i64::MAX))
}

/// The figures in the order of the table.
pub fn figure_lines(f: &Figures) -> Vec<FigureLine> {
    let mut lines = vec![
        rate_line("online", "Hồ sơ tiếp nhận trực tuyến", f.online, RECEIVED),
        rate_line(
            "paid_online",
            "Hồ sơ thanh toán phí, lệ phí trực tuyến",
            f.paid_online,
            "Trên số hồ sơ có phí, lệ phí tiếp nhận trong kỳ",
        ),
        FigureLine {
            key: "paid_online_vnd",
            label: "Số tiền thanh toán trực tuyến".into(),
            numerator: None,
            denominator: None,
            shown: money(f.paid_online_vnd),
            basis: "Tổng số tiền của các hồ sơ thanh toán trực tuyến",
        },
        rate_line(
            "digitised",
            "Hồ sơ số hóa khi tiếp nhận",
            f.digitised,
            RECEIVED,
        ),
        rate_line(
            "e_result",
            "Hồ sơ có kết quả điện tử",
            f.e_result,
            "Trên số hồ sơ đã giải quyết trong kỳ",
        ),
        rate_line(
            "reused_data",
            "Hồ sơ sử dụng lại dữ liệu số hóa",
            f.reused_data,
            RECEIVED,
        ),
    ];
    lines.extend(Rating::ALL.into_iter().map(|level| {
        let count = Fraction {
            numerator: f.rating_count(level),
            denominator: f.rated(),
        };
        let label = format!("Đánh giá «{}»", level.label_vi());
        rate_line(rating_line_key(level), &label, count, RATED)
    }));
    lines.push(rate_line(
        "satisfied",
        "Hồ sơ được đánh giá hài lòng, rất hài lòng",
        f.satisfied,
        RATED,
    ));
    lines.push(rate_line(
        "apologies",
        "Hồ sơ trễ hạn có văn bản xin lỗi đúng hạn",
        f.apologies,
        "Trên số hồ sơ giải quyết quá hạn và đang quá hạn",
    ));
    lines.push(FigureLine {
        key: "late_apologies",
        label: "Văn bản xin lỗi lập muộn".into(),
        numerator: None,
        denominator: None,
        shown: format!("{} hồ sơ", f.late_apologies),
        basis: "Lập sau thời điểm một ngày làm việc trước hạn, hoặc sau hạn",
    });
    lines.push(FigureLine {
        key: "feedback_on_time",
        label: FEEDBACK_LABEL.into(),
        numerator: f.feedback_on_time.map(|x| x.numerator),
        denominator: f.feedback_on_time.map(|x| x.denominator),
        shown: f
            .feedback_on_time
            .map_or_else(|| NO_FEEDBACK.to_owned(), |x| x.rate_vi()),
        basis: "Trên số phản ánh, kiến nghị đã xử lý trong kỳ hoặc quá hạn xử lý vào cuối kỳ",
    });
    lines
}

/// Thanh toán trực tuyến: tỷ lệ và số tiền.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PaidOnline {
    /// Hồ sơ thanh toán trực tuyến trên số hồ sơ có phí, lệ phí.
    #[serde(flatten)]
    pub rate: FractionJson,
    /// Số tiền thanh toán trực tuyến (đồng).
    pub amount_vnd: u64,
    /// Số tiền dạng chữ.
    #[schema(example = "27.367.024 đồng")]
    pub amount_text: String,
}

/// Đánh giá của các hồ sơ đã giải quyết trong kỳ, theo mức độ.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Ratings {
    /// Rất hài lòng.
    pub rat_hai_long: u64,
    /// Hài lòng.
    pub hai_long: u64,
    /// Bình thường.
    pub binh_thuong: u64,
    /// Không hài lòng.
    pub khong_hai_long: u64,
    /// Số hồ sơ được đánh giá.
    pub rated: u64,
    /// Hài lòng hoặc rất hài lòng trên số được đánh giá.
    pub satisfied: FractionJson,
}

/// Các chỉ tiêu khác của báo cáo định kỳ.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = ReportFigures)]
pub struct FiguresJson {
    /// Số hồ sơ tiếp nhận trong kỳ.
    pub received: u64,
    /// Hồ sơ tiếp nhận trực tuyến.
    pub online: FractionJson,
    /// Thanh toán trực tuyến.
    pub paid_online: PaidOnline,
    /// Hồ sơ số hóa khi tiếp nhận.
    pub digitised: FractionJson,
    /// Hồ sơ có kết quả điện tử.
    pub e_result: FractionJson,
    /// Hồ sơ sử dụng lại dữ liệu số hóa.
    pub reused_data: FractionJson,
    /// Đánh giá mức độ hài lòng.
    pub ratings: Ratings,
    /// Hồ sơ trễ hạn có văn bản xin lỗi đúng hạn (chậm nhất một ngày làm việc trước hạn).
    pub apologies: FractionJson,
    /// Hồ sơ trễ hạn có văn bản xin lỗi lập muộn, đếm riêng.
    pub late_apologies: u64,
    /// Phản ánh, kiến nghị xử lý đúng hạn; null khi đơn vị chưa có dữ liệu PAKN của kỳ.
    pub feedback_on_time: Option<FractionJson>,
    /// Dạng chữ, ví dụ `9/10 (90,00%)`.
    pub feedback_on_time_text: String,
    /// Một dòng, ví dụ `PAKN xử lý đúng hạn: 9/10 (90,00%)`.
    pub feedback_on_time_line: String,
}

/// The figures as JSON: each rate as `{numerator, denominator, rate, rate_text}` (`rate` is
/// unrounded, `null` with `Không phát sinh` when nothing was counted), the amount paid online,
/// the ratings per level, and the feedback handled within its limits (`feedback_on_time`, with
/// its text `9/10 (90,00%)` and line `PAKN xử lý đúng hạn: 9/10 (90,00%)`), `null` with
/// [`NO_FEEDBACK`] when the units hold no feedback for the period.
pub fn figures_json(f: &Figures) -> FiguresJson {
    FiguresJson {
        received: f.received(),
        online: (&f.online).into(),
        paid_online: PaidOnline {
            rate: (&f.paid_online).into(),
            amount_vnd: f.paid_online_vnd,
            amount_text: money(f.paid_online_vnd),
        },
        digitised: (&f.digitised).into(),
        e_result: (&f.e_result).into(),
        reused_data: (&f.reused_data).into(),
        ratings: Ratings {
            rat_hai_long: f.rating_count(Rating::RatHaiLong),
            hai_long: f.rating_count(Rating::HaiLong),
            binh_thuong: f.rating_count(Rating::BinhThuong),
            khong_hai_long: f.rating_count(Rating::KhongHaiLong),
            rated: f.rated(),
            satisfied: (&f.satisfied).into(),
        },
        apologies: (&f.apologies).into(),
        late_apologies: f.late_apologies,
        feedback_on_time: f.feedback_on_time.as_ref().map(FractionJson::from),
        feedback_on_time_text: feedback_text(f.feedback_on_time),
        feedback_on_time_line: feedback_line(f.feedback_on_time),
    }
}
