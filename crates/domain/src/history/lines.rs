//! The lines of an import file (history or feedback), read as bytes: a line that is not UTF-8
//! is that line's error, named by its number, instead of the whole file failing to read.

use super::record::LineError;

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The lines of `bytes`, cut as `str::lines` cuts them (`\n` or `\r\n`; no empty last line),
/// a byte-order mark at the start left out.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    bytes.split_inclusive(|&b| b == b'\n').map(|line| {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        line.strip_suffix(b"\r").unwrap_or(line)
    })
}

/// The text of a line, or an error saying where its bytes stop being UTF-8.
pub fn line_text(line: &[u8]) -> Result<&str, LineError> {
    std::str::from_utf8(line).map_err(|e| {
        LineError::new(
            "-",
            format!(
                "dòng không phải văn bản UTF-8 (byte thứ {} sai mã hóa); hãy lưu tệp với bảng mã UTF-8",
                e.valid_up_to() + 1
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_like_str_lines() {
        for text in ["a\nb\r\n\nc", "a\n", "", "\n\n", "x\r\ny\r\n"] {
            let ours: Vec<&[u8]> = lines(text.as_bytes()).collect();
            let std: Vec<&[u8]> = text.lines().map(str::as_bytes).collect();
            assert_eq!(ours, std, "{text:?}");
        }
        let with_bom: Vec<&[u8]> = lines(b"\xEF\xBB\xBF{}\n{}").collect();
        assert_eq!(with_bom, [b"{}", b"{}"]);
    }

    #[test]
    fn a_line_that_is_not_utf8_says_where() {
        let e = line_text(b"{\"name\": \"Nguy\xC3\"}").unwrap_err();
        assert_eq!(e.field, "-");
        assert!(e.message.contains("byte thứ 15"), "{}", e.message);
        assert_eq!(line_text("Đăng ký".as_bytes()), Ok("Đăng ký"));
    }
}
