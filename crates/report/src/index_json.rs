//! The Decision 766 index as JSON: groups with their indicators, figures, rates and points
//! (unrounded, and as Vietnamese text rounded to two decimals), and the dossiers that lost points.

use crate::json::{PeriodJson, UnitRef, period_json};
use motcua_app::usecases::reports::IndexReport;
use motcua_domain::stats::format::{points, rate_percent};
use motcua_domain::stats::{Indicator, IndicatorId, Source};
use serde::Serialize;
use utoipa::ToSchema;

/// Dossier codes shown per indicator in the JSON; the full list is a drill-down request.
pub const LOSER_SAMPLE: usize = 20;

/// The serde name of a unit variant: `on_time`, `cong_khai_minh_bach`.
fn serde_name(v: impl Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The API name of an indicator: `on_time`.
fn name(id: IndicatorId) -> String {
    serde_name(id)
}

/// An indicator by its number (`2.1`) or its API name (`on_time`).
pub fn indicator_by_code(code: &str) -> Option<IndicatorId> {
    let code = code.trim();
    IndicatorId::ALL
        .into_iter()
        .find(|id| id.code() == code || name(*id) == code)
}

/// Nguồn số liệu của chỉ số: hồ sơ (records), danh mục thủ tục (catalogue) hoặc nhập từ bên ngoài (input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IndicatorSource)]
pub enum SourceJson {
    /// Tính từ hồ sơ.
    Records,
    /// Tính từ danh mục thủ tục.
    Catalogue,
    /// Cần số liệu nhập từ bên ngoài.
    Input,
}

impl From<Source> for SourceJson {
    fn from(s: Source) -> SourceJson {
        match s {
            Source::Records => SourceJson::Records,
            Source::Catalogue => SourceJson::Catalogue,
            Source::Input => SourceJson::Input,
        }
    }
}

/// Hồ sơ làm mất điểm một chỉ số: số lượng và tối đa 20 mã đầu tiên.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = LoserSample)]
pub struct Losers {
    /// Số hồ sơ mất điểm.
    pub count: usize,
    /// Tối đa 20 mã hồ sơ; danh sách đầy đủ ở /api/v1/reports/index766/losers.
    pub sample: Vec<String>,
}

/// Một chỉ số 766.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = Indicator766)]
pub struct IndicatorJson {
    /// Tên chỉ số trong API.
    #[schema(example = "on_time")]
    pub id: String,
    /// Số hiệu chỉ số.
    #[schema(example = "2.1")]
    pub code: &'static str,
    /// Tên chỉ số.
    pub label: &'static str,
    /// Nguồn số liệu.
    pub source: SourceJson,
    /// Tính được (có đủ số liệu).
    pub computable: bool,
    /// Áp dụng cho đơn vị và kỳ (mẫu số khác 0).
    pub applicable: bool,
    /// Được tính vào tổng điểm.
    pub counted: bool,
    /// Tử số.
    pub numerator: u64,
    /// Mẫu số.
    pub denominator: u64,
    /// Tỷ lệ chưa làm tròn; ở 2.2 là số phút trung bình (tử số là tổng số phút).
    pub rate: f64,
    /// Tỷ lệ dạng chữ.
    pub rate_text: String,
    /// Ngưỡng đạt điểm tối đa.
    pub threshold: f64,
    /// Ngưỡng dạng chữ.
    pub threshold_text: String,
    /// Điểm tối đa (0: chỉ hiển thị, không chấm điểm, như 2.2).
    pub max_points: f64,
    /// Điểm tối đa dạng chữ.
    pub max_points_text: String,
    /// Điểm tối đa là ước tính (chưa biết cách chia điểm nhóm của Cổng DVCQG).
    pub estimate: bool,
    /// Điểm đạt.
    pub points: f64,
    /// Điểm đạt dạng chữ (làm tròn 2 chữ số).
    pub points_text: String,
    /// Điểm bị mất.
    pub lost_points: f64,
    /// Điểm bị mất dạng chữ.
    pub lost_points_text: String,
    /// Hồ sơ mất điểm; chỉ có ở chỉ số tính từ hồ sơ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub losers: Option<Losers>,
}

fn indicator_json(r: &IndexReport, i: &Indicator) -> IndicatorJson {
    let losers = (i.id.source() == Source::Records && i.scored() && i.computable).then(|| Losers {
        count: r.loser_count(i.id),
        sample: r
            .losers_of(i.id)
            .take(LOSER_SAMPLE)
            .map(ToString::to_string)
            .collect(),
    });
    IndicatorJson {
        id: name(i.id),
        code: i.id.code(),
        label: i.id.label_vi(),
        source: i.id.source().into(),
        computable: i.computable,
        applicable: i.applicable,
        counted: i.counted(),
        numerator: i.numerator,
        denominator: i.denominator,
        rate: i.rate,
        rate_text: i.rate_vi(),
        threshold: i.threshold,
        threshold_text: rate_percent(i.threshold),
        max_points: i.max_points,
        max_points_text: points(i.max_points),
        estimate: i.estimate,
        points: i.points,
        points_text: points(i.points),
        lost_points: i.lost_points(),
        lost_points_text: points(i.lost_points()),
        losers,
    }
}

/// Một nhóm chỉ số và điểm của nhóm.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = Group766)]
pub struct GroupJson {
    /// Tên nhóm trong API.
    #[schema(example = "cong_khai_minh_bach")]
    pub group: String,
    /// Mã nhóm.
    #[schema(example = "CKMB")]
    pub code: &'static str,
    /// Tên nhóm.
    pub label: &'static str,
    /// Điểm đạt.
    pub points: f64,
    /// Điểm đạt dạng chữ.
    pub points_text: String,
    /// Điểm tối đa của nhóm.
    pub max_points: f64,
    /// Điểm tối đa trên các chỉ số tính được.
    pub counted_max: f64,
    /// Các chỉ số của nhóm.
    pub indicators: Vec<IndicatorJson>,
}

/// Chỉ số đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg) của một đơn vị trong một kỳ.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = Index766)]
pub struct Index766Json {
    /// Tên bảng.
    pub title: &'static str,
    /// Đơn vị (gồm các đơn vị trực thuộc).
    pub unit: UnitRef,
    /// Kỳ.
    pub period: PeriodJson,
    /// Điểm từng chỉ số chưa đối chiếu phụ lục chính thức: điểm là ước tính.
    pub estimate: bool,
    /// Điểm chính thức, thang 100: chỉ số chưa có dữ liệu được 0 điểm.
    pub points: f64,
    /// Điểm chính thức dạng chữ.
    #[schema(example = "72,50")]
    pub points_text: String,
    /// Điểm tối đa trên các chỉ số tính được.
    pub counted_max: f64,
    /// Dạng chữ.
    pub counted_max_text: String,
    /// Điểm trên phần tính được, quy đổi thang 100 (điểm ÷ điểm tối đa của các chỉ số có dữ liệu).
    pub normalised: f64,
    /// Dạng chữ.
    pub normalised_text: String,
    /// Các nhóm chỉ số.
    pub groups: Vec<GroupJson>,
}

/// The index as JSON: the unit, the period, the official score (out of 100) and the score over
/// what can be computed, and each group with its indicators. `estimate` is true while the
/// points of the indicators are not the official annex's.
pub fn index766_json(r: &IndexReport) -> Index766Json {
    let x = &r.index;
    let groups = x
        .groups
        .iter()
        .map(|g| GroupJson {
            group: serde_name(g.group),
            code: g.group.code(),
            label: g.group.label_vi(),
            points: g.points,
            points_text: points(g.points),
            max_points: g.max_points,
            counted_max: g.counted_max,
            indicators: x
                .indicators
                .iter()
                .filter(|i| i.group == g.group)
                .map(|i| indicator_json(r, i))
                .collect(),
        })
        .collect();
    Index766Json {
        title: "Chỉ số đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg)",
        unit: UnitRef::from(&r.unit),
        period: period_json(r.period()),
        estimate: x.estimate,
        points: x.points,
        points_text: points(x.points),
        counted_max: x.counted_max,
        counted_max_text: points(x.counted_max),
        normalised: x.normalised(),
        normalised_text: points(x.normalised()),
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_are_found_by_number_or_name() {
        assert_eq!(indicator_by_code("2.1"), Some(IndicatorId::OnTime));
        assert_eq!(indicator_by_code("on_time"), Some(IndicatorId::OnTime));
        assert_eq!(indicator_by_code("5.4"), Some(IndicatorId::Satisfaction));
        assert_eq!(indicator_by_code("9.9"), None);
    }
}
