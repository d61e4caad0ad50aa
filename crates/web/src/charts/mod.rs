//! Bar charts drawn as SVG text on the server, readable without JavaScript.
//!
//! A [`Chart`] is a title, its series (legend) and its bars; [`Chart::columns_svg`] draws stacked
//! vertical bars (months), [`Chart::rows_svg`] horizontal bars (fields, units, 766 groups). Every
//! chart is an `<svg role="img">` with an `aria-label`, sized by its `viewBox` so that it scales
//! to the width of a phone, with a `<title>` on each bar for hover, every text escaped, and its
//! values printed beside the bars: colour is never the only way to read it. Pages follow each
//! chart with a table of its numbers.

mod columns;
mod rows;
mod svg;
#[cfg(test)]
mod tests;

/// The colour of a series: each is dark enough on white to be told from the page (contrast
/// of 3:1 or more, WCAG 2.1 § 1.4.11), and segments are separated by a white line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Blue (#1d4ed8).
    Blue,
    /// Teal (#0f766e).
    Teal,
    /// Green (#15803d).
    Green,
    /// Amber (#b45309).
    Amber,
    /// Red (#b91c1c).
    Red,
    /// Slate grey (#4b5563).
    Grey,
}

impl Colour {
    /// The fill colour.
    pub fn hex(self) -> &'static str {
        match self {
            Colour::Blue => "#1d4ed8",
            Colour::Teal => "#0f766e",
            Colour::Green => "#15803d",
            Colour::Amber => "#b45309",
            Colour::Red => "#b91c1c",
            Colour::Grey => "#4b5563",
        }
    }
}

/// One series: a part of every bar, named in the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name, in the legend and in each bar's `<title>`.
    pub label: String,
    /// Its colour.
    pub colour: Colour,
}

/// One bar: a value per series, stacked in the order of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Its name under (columns) or before (rows) the bar.
    pub label: String,
    /// One value per series; negative or non-finite values count as zero.
    pub values: Vec<f64>,
    /// A maximum drawn as a light track behind the bar (766 group points out of its maximum).
    pub track: Option<f64>,
    /// The value printed at the end of the bar (`12`, `17,50 / 20,00`, `85,00%`).
    pub shown: String,
}

/// A bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The title, also the `aria-label` of the image.
    pub title: String,
    /// The series; a chart of one series has no legend.
    pub series: Vec<Series>,
    /// The bars, in the order drawn.
    pub bars: Vec<Bar>,
}

impl Bar {
    /// A bar of counts, printed as their total with thousands separators.
    pub fn counts(label: impl Into<String>, values: &[u64]) -> Bar {
        Bar {
            label: label.into(),
            values: values.iter().map(|&v| v as f64).collect(),
            track: None,
            shown: motcua_domain::format::integer(
                i64::try_from(values.iter().sum::<u64>()).unwrap_or(i64::MAX),
            ),
        }
    }

    /// The stacked length of the bar: the sum of its values.
    fn total(&self) -> f64 {
        self.values.iter().copied().map(svg::clean).sum()
    }
}

impl Chart {
    /// The largest total or track of the bars: the full length of the scale (0 when empty).
    fn scale(&self) -> f64 {
        self.bars
            .iter()
            .map(|b| b.total().max(b.track.map_or(0.0, svg::clean)))
            .fold(0.0, f64::max)
    }
}
