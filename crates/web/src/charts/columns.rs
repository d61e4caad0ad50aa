//! Stacked vertical bars: one column per bar (a month), one segment per series, the total above
//! it and its label below, over three grid lines.

use super::Chart;
use super::svg::{at, close, empty, escape, legend, legend_height, length, open, value_text};
use std::fmt::Write;

/// Width of the image, in viewBox units.
const WIDTH: f64 = 640.0;
/// Height of the plot.
const PLOT: f64 = 200.0;
/// Room for the grid labels on the left.
const LEFT: f64 = 48.0;
/// Room on the right.
const RIGHT: f64 = 8.0;
/// Room above the tallest column for its total.
const ABOVE: f64 = 20.0;
/// Room below the base line for the labels.
const BELOW: f64 = 30.0;
/// Share of its slot a column takes.
const FILL: f64 = 0.62;

impl Chart {
    /// The chart as stacked vertical bars.
    pub fn columns_svg(&self) -> String {
        let top = legend_height(&self.series, WIDTH) + ABOVE;
        let base = top + PLOT;
        let height = base + BELOW;
        let scale = self.scale();
        let mut out = String::new();
        open(&mut out, &self.title, WIDTH, height);
        legend(&mut out, &self.series, WIDTH);
        grid(&mut out, scale, base);
        if self.bars.is_empty() {
            empty(&mut out, WIDTH, base - PLOT / 2.0);
        }
        let slot = (WIDTH - LEFT - RIGHT) / self.bars.len().max(1) as f64;
        let width = slot * FILL;
        for (i, bar) in self.bars.iter().enumerate() {
            let x = LEFT + slot * i as f64 + (slot - width) / 2.0;
            let middle = x + width / 2.0;
            let label = escape(&bar.label);
            let _ = write!(
                out,
                "<g class=\"bar\"><title>{label}: {}</title>",
                escape(&bar.shown)
            );
            let mut y = base;
            for (value, series) in bar.values.iter().zip(&self.series) {
                let h = length(*value, scale, PLOT);
                if h <= 0.0 {
                    continue;
                }
                y -= h;
                let _ = write!(
                    out,
                    "<rect class=\"seg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" \
                     stroke=\"#fff\">\
                     <title>{label} — {}: {}</title></rect>",
                    at(x),
                    at(y),
                    at(width),
                    at(h),
                    series.colour.hex(),
                    escape(&series.label),
                    value_text(*value)
                );
            }
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{m}\" y=\"{}\" text-anchor=\"middle\">{}</text>\
                 <text class=\"label\" x=\"{m}\" y=\"{}\" text-anchor=\"middle\">{label}</text></g>",
                at(y - 5.0),
                escape(&bar.shown),
                at(base + 18.0),
                m = at(middle),
            );
        }
        close(&mut out);
        out
    }
}

/// Grid lines at 0, half and all of the scale, labelled on the left.
fn grid(out: &mut String, scale: f64, base: f64) {
    let steps: &[f64] = if scale > 0.0 {
        &[0.0, 0.5, 1.0]
    } else {
        &[0.0]
    };
    for &k in steps {
        let y = base - k * PLOT;
        let _ = write!(
            out,
            "<g class=\"grid\"><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" \
             stroke=\"#9ca3af\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></g>",
            at(LEFT),
            at(WIDTH - RIGHT),
            at(LEFT - 6.0),
            at(y + 4.0),
            value_text((k * scale).round()),
            y = at(y),
        );
    }
}
