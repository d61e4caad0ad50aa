//! The Typst world of one export: the template as the main file, the data as `data.json`, and
//! the fonts bundled with Typst (loaded once per process). Nothing is read from the disk or the
//! network.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// Name under which the template reads its data: `json("data.json")`.
const DATA: &str = "data.json";

/// Compilations a memoised result may stay unused before it is dropped from Typst's cache, so
/// that a long-running server does not keep every report it ever laid out.
const CACHE_AGE: usize = 10;

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// A template and its data.
struct ExportWorld {
    main: Source,
    data: Bytes,
}

impl World for ExportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match id.vpath().get_without_slash() {
            DATA => Ok(self.data.clone()),
            other => Err(FileError::NotFound(other.into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    /// The templates print no date of their own: every date comes from the data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The messages of Typst diagnostics, one per line.
fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lays out `template` with `data` as its `data.json`. Warnings are errors too: a template that
/// warns (an unknown font, say) would print wrongly.
pub(crate) fn layout(template: &str, data: Vec<u8>) -> Result<PagedDocument, String> {
    let world = ExportWorld {
        main: Source::detached(template),
        data: Bytes::new(data),
    };
    let warned = typst::compile::<PagedDocument>(&world);
    typst::comemo::evict(CACHE_AGE);
    let document = warned.output.map_err(|errors| messages(&errors))?;
    if warned.warnings.is_empty() {
        Ok(document)
    } else {
        Err(messages(&warned.warnings))
    }
}
