//! The other figures of the periodic report ("Chỉ tiêu khác": online share, online payments,
//! digitisation, ratings, apologies, PAKN) as lines of text and as JSON. The definitions are
//! those of [`Figures`].

use motcua_domain::format;
use motcua_domain::stats::{Figures, Fraction, Rating};
use serde::Serialize;
use serde_json::{Value, json};

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

/// The API key of a rating level: `rat_hai_long`.
pub fn rating_key(level: Rating) -> &'static str {
    match level {
        Rating::RatHaiLong => "rat_hai_long",
        Rating::HaiLong => "hai_long",
        Rating::BinhThuong => "binh_thuong",
        Rating::KhongHaiLong => "khong_hai_long",
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
        "Hồ sơ trễ hạn có văn bản xin lỗi",
        f.apologies,
        "Trên số hồ sơ giải quyết quá hạn và đang quá hạn",
    ));
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

fn fraction_json(f: &Fraction) -> Value {
    json!({
        "numerator": f.numerator,
        "denominator": f.denominator,
        "rate": f.rate(),
        "rate_text": f.rate_vi(),
    })
}

/// The figures as JSON: each rate as `{numerator, denominator, rate, rate_text}` (`rate` is
/// unrounded, `null` with `Không phát sinh` when nothing was counted), the amount paid online,
/// the ratings per level, and the feedback handled within its limits (`feedback_on_time`, with
/// its text `9/10 (90,00%)` and line `PAKN xử lý đúng hạn: 9/10 (90,00%)`), `null` with
/// [`NO_FEEDBACK`] when the units hold no feedback for the period.
pub fn figures_json(f: &Figures) -> Value {
    let mut paid = fraction_json(&f.paid_online);
    if let Some(map) = paid.as_object_mut() {
        map.insert("amount_vnd".into(), json!(f.paid_online_vnd));
        map.insert("amount_text".into(), json!(money(f.paid_online_vnd)));
    }
    let mut ratings = serde_json::Map::new();
    for level in Rating::ALL {
        ratings.insert(rating_key(level).into(), json!(f.rating_count(level)));
    }
    ratings.insert("rated".into(), json!(f.rated()));
    ratings.insert("satisfied".into(), fraction_json(&f.satisfied));
    json!({
        "received": f.received(),
        "online": fraction_json(&f.online),
        "paid_online": paid,
        "digitised": fraction_json(&f.digitised),
        "e_result": fraction_json(&f.e_result),
        "reused_data": fraction_json(&f.reused_data),
        "ratings": ratings,
        "apologies": fraction_json(&f.apologies),
        "feedback_on_time": f.feedback_on_time.as_ref().map(fraction_json),
        "feedback_on_time_text": feedback_text(f.feedback_on_time),
        "feedback_on_time_line": feedback_line(f.feedback_on_time),
    })
}
