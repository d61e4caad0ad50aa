//! A reader of laid-out pages: their text and the glyphs the fonts lacked.

use motcua_pdf::PagedDocument;
use typst::layout::{Frame, FrameItem};

fn walk(frame: &Frame, page: &mut Vec<String>, glyphs: &mut usize, missing: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk(&group.frame, page, glyphs, missing),
            FrameItem::Text(text) => {
                for glyph in &text.glyphs {
                    *glyphs += 1;
                    if glyph.id == 0 {
                        missing.push(text.text[glyph.range()].to_owned());
                    }
                }
                page.push(text.text.to_string());
            }
            _ => {}
        }
    }
}

/// What a laid-out document shows.
pub struct Shown {
    /// The text runs of each page, in order.
    pub pages: Vec<Vec<String>>,
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
            glyphs: 0,
            missing: Vec::new(),
        };
        for page in document.pages() {
            let mut runs = Vec::new();
            walk(
                &page.frame,
                &mut runs,
                &mut shown.glyphs,
                &mut shown.missing,
            );
            shown.pages.push(runs);
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
