//! A reader of laid-out pages: their text and the glyphs the fonts lacked.

use motcua_pdf::PagedDocument;
use typst::layout::{Frame, FrameItem, Point};

/// A text run and where it starts on its page, in points from the top left corner.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge (the baseline).
    pub y: f64,
    /// The text.
    pub text: String,
}

/// What one walk over a page collects.
struct Walk<'a> {
    page: &'a mut Vec<Placed>,
    glyphs: &'a mut usize,
    missing: &'a mut Vec<String>,
}

/// Collects the text runs of a frame whose top left corner is at `origin`. Groups are placed by
/// translation only (the layouts here neither rotate nor scale).
fn walk(frame: &Frame, origin: Point, w: &mut Walk<'_>) {
    for (at, item) in frame.items() {
        let here = origin + *at;
        match item {
            FrameItem::Group(group) => {
                let moved = Point::new(group.transform.tx, group.transform.ty);
                walk(&group.frame, here + moved, w);
            }
            FrameItem::Text(text) => {
                let (glyphs, missing) = (&mut *w.glyphs, &mut *w.missing);
                for glyph in &text.glyphs {
                    *glyphs += 1;
                    if glyph.id == 0 {
                        missing.push(text.text[glyph.range()].to_owned());
                    }
                }
                w.page.push(Placed {
                    x: here.x.to_pt(),
                    y: here.y.to_pt(),
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

/// What a laid-out document shows.
pub struct Shown {
    /// The text runs of each page, in order.
    pub pages: Vec<Vec<String>>,
    /// The text runs of each page with their positions, in order.
    pub placed: Vec<Vec<Placed>>,
    /// Glyphs drawn.
    pub glyphs: usize,
    /// Text drawn with a font's "missing glyph" (glyph 0).
    pub missing: Vec<String>,
}

/// Text without white space (nor the zero-width spaces that let codes break), to compare text
/// that a cell broke over several lines.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

impl Shown {
    pub fn of(document: &PagedDocument) -> Shown {
        let mut shown = Shown {
            pages: Vec::new(),
            placed: Vec::new(),
            glyphs: 0,
            missing: Vec::new(),
        };
        for page in document.pages() {
            let mut runs = Vec::new();
            let mut w = Walk {
                page: &mut runs,
                glyphs: &mut shown.glyphs,
                missing: &mut shown.missing,
            };
            walk(&page.frame, Point::zero(), &mut w);
            shown
                .pages
                .push(runs.iter().map(|r| r.text.clone()).collect());
            shown.placed.push(runs);
        }
        assert!(shown.glyphs > 0, "no text laid out");
        assert!(
            shown.missing.is_empty(),
            "missing glyphs: {:?}",
            shown.missing
        );
        shown
    }

    /// The text of page `i` (from 0), white space removed.
    pub fn page(&self, i: usize) -> String {
        squash(&self.pages[i].concat())
    }

    /// The text of every page, white space removed.
    pub fn all(&self) -> String {
        squash(&self.pages.concat().concat())
    }

    /// Where page `i` (from 0) shows `text` (white space aside), possibly broken over several
    /// runs (the lines of a cell): the position of the first run, if it is shown.
    pub fn find(&self, i: usize, text: &str) -> Option<(f64, f64)> {
        let wanted = squash(text);
        let runs = &self.placed[i];
        (0..runs.len()).find_map(|start| {
            let mut joined = String::new();
            for run in &runs[start..] {
                joined.push_str(&squash(&run.text));
                if joined.len() >= wanted.len() || !wanted.starts_with(&joined) {
                    break;
                }
            }
            (joined == wanted).then(|| (runs[start].x, runs[start].y))
        })
    }

    /// Asserts that every text in `needles` is shown (white space aside).
    pub fn assert_shows(&self, needles: &[&str]) {
        let all = self.all();
        for needle in needles {
            assert!(
                all.contains(&squash(needle)),
                "«{needle}» is not shown in {all}"
            );
        }
    }
}

/// Asserts that bytes are a PDF file.
pub fn assert_pdf(bytes: &[u8]) {
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{:?}",
        &bytes[..bytes.len().min(16)]
    );
    assert!(bytes.len() > 1000);
}
