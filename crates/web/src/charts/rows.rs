//! Horizontal bars: one row per bar (a field, a unit, a 766 group), its label on the left, its
//! segments stacked left to right over an optional track, and its value printed after it.

use super::Chart;
use super::svg::{
    at, close, empty, escape, legend, legend_height, length, open, shorten, value_text,
};
use std::fmt::Write;

/// Width of the image, in viewBox units.
const WIDTH: f64 = 640.0;
/// Width of the labels on the left.
const LABEL: f64 = 220.0;
/// Room on the right for the printed value.
const VALUE: f64 = 110.0;
/// Height of a row.
const ROW: f64 = 30.0;
/// Thickness of a bar.
const THICK: f64 = 18.0;
/// Characters of a label shown in the image (the full label is in its title and the table).
const LABEL_CHARS: usize = 32;

impl Chart {
    /// The chart as horizontal bars.
    pub fn rows_svg(&self) -> String {
        let top = legend_height(&self.series, WIDTH) + 6.0;
        let rows = self.bars.len().max(1) as f64;
        let height = top + rows * ROW + 6.0;
        let full = WIDTH - LABEL - VALUE;
        let scale = self.scale();
        let mut out = String::new();
        open(&mut out, &self.title, WIDTH, height);
        legend(&mut out, &self.series, WIDTH);
        if self.bars.is_empty() {
            empty(&mut out, WIDTH, top + ROW / 2.0 + 4.0);
        }
        for (i, bar) in self.bars.iter().enumerate() {
            let y = top + i as f64 * ROW + (ROW - THICK) / 2.0;
            let text_y = at(y + THICK / 2.0 + 4.0);
            let label = escape(&bar.label);
            let _ = write!(
                out,
                "<g class=\"bar\"><title>{label}: {}</title>\
                 <text class=\"label\" x=\"{}\" y=\"{text_y}\" text-anchor=\"end\">{}</text>",
                escape(&bar.shown),
                at(LABEL - 8.0),
                escape(&shorten(&bar.label, LABEL_CHARS)),
            );
            let track = bar.track.map_or(0.0, |t| length(t, scale, full));
            if track > 0.0 {
                let _ = write!(
                    out,
                    "<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"#e5e7eb\" stroke=\"#6b7280\" stroke-width=\"0.5\"/>",
                    at(LABEL),
                    at(y),
                    at(track),
                    at(THICK)
                );
            }
            let mut x = LABEL;
            for (value, series) in bar.values.iter().zip(&self.series) {
                let w = length(*value, scale, full);
                if w <= 0.0 {
                    continue;
                }
                let _ = write!(
                    out,
                    "<rect class=\"seg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" \
                     stroke=\"#fff\">\
                     <title>{label} — {}: {}</title></rect>",
                    at(x),
                    at(y),
                    at(w),
                    at(THICK),
                    series.colour.hex(),
                    escape(&series.label),
                    value_text(*value)
                );
                x += w;
            }
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{}\" y=\"{text_y}\">{}</text></g>",
                at(x.max(LABEL + track) + 6.0),
                escape(&bar.shown)
            );
        }
        close(&mut out);
        out
    }
}
