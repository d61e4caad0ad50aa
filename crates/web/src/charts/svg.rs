//! Writing SVG text: escaping, numbers that are never NaN, the frame and the legend.

use super::Series;
use std::fmt::Write;

/// Height of one line of the legend.
const LEGEND_LINE: f64 = 20.0;

/// Escapes text for SVG content and quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value that can be drawn: negative, NaN or infinite values count as zero.
pub(super) fn clean(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

/// The length of `value` on a scale whose largest value `scale` takes `full` units; zero when
/// the scale is empty, so that an all-zero chart divides by nothing.
pub(super) fn length(value: f64, scale: f64, full: f64) -> f64 {
    if scale > 0.0 {
        clean(value) / scale * full
    } else {
        0.0
    }
}

/// A coordinate, with one decimal.
pub(super) fn at(v: f64) -> String {
    format!("{:.1}", clean(v))
}

/// A value as text: a whole number with thousands separators (`1.234`), otherwise two decimals
/// with a decimal comma (`17,50`).
pub(super) fn value_text(v: f64) -> String {
    let v = clean(v);
    if v.fract() == 0.0 && v < 9.0e15 {
        motcua_domain::format::integer(v as i64)
    } else {
        motcua_domain::stats::format::points(v)
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Opens the image: its `viewBox`, role, label and title.
pub(super) fn open(out: &mut String, title: &str, width: f64, height: f64) {
    let title = escape(title);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" \
         role=\"img\" aria-label=\"{title}\" font-family=\"system-ui, sans-serif\" \
         font-size=\"12\" fill=\"#1f2937\"><title>{title}</title>",
        at(width),
        at(height)
    );
}

/// Closes the image.
pub(super) fn close(out: &mut String) {
    out.push_str("</svg>");
}

/// Height the legend of `series` takes in a chart `width` wide (none for a single series).
pub(super) fn legend_height(series: &[Series], width: f64) -> f64 {
    legend_lines(series, width).len() as f64 * LEGEND_LINE
}

/// The legend's items, line by line, with their x positions.
fn legend_lines(series: &[Series], width: f64) -> Vec<Vec<(f64, &Series)>> {
    if series.len() < 2 {
        return Vec::new();
    }
    let mut lines: Vec<Vec<(f64, &Series)>> = vec![Vec::new()];
    let mut x = 0.0;
    for s in series {
        // About 6,5 units per character at the legend's font size, after a 14-unit swatch.
        let item = 22.0 + 6.5 * s.label.chars().count() as f64;
        if x > 0.0 && x + item > width {
            lines.push(Vec::new());
            x = 0.0;
        }
        if let Some(line) = lines.last_mut() {
            line.push((x, s));
        }
        x += item + 12.0;
    }
    lines
}

/// Draws the legend at the top of a chart `width` wide.
pub(super) fn legend(out: &mut String, series: &[Series], width: f64) {
    for (row, line) in legend_lines(series, width).iter().enumerate() {
        let y = row as f64 * LEGEND_LINE + 4.0;
        for (x, s) in line {
            let _ = write!(
                out,
                "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" \
                 fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
                at(*x),
                at(y),
                s.colour.hex(),
                at(x + 18.0),
                at(y + 10.5),
                escape(&s.label)
            );
        }
    }
}

/// Draws "no data" in the middle of an empty plot.
pub(super) fn empty(out: &mut String, width: f64, y: f64) {
    let _ = write!(
        out,
        "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">Không có số liệu</text>",
        at(width / 2.0),
        at(y)
    );
}
