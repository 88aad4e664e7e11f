//! `file:` URIs ↔ paths. The set's files are named by their absolute paths; a document that is
//! not a file (an unsaved `untitled:` buffer) is named by its URI.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path of a `file:` URI, percent-decoded; none for another scheme or a path that is not
/// UTF-8 once decoded.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // file:///path, or file://host/path (a host other than localhost is not ours).
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = decode(path)?;
    // file:///C:/x on Windows.
    let decoded = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => decoded[1..].to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let s = s.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// The name a file has in the analysis: its path, or (not a file) its URI.
pub fn file_name(uri: &Uri) -> String {
    match to_path(uri) {
        Some(p) => p.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}

/// The URI of a file of the analysis, named as [`file_name`] names it.
pub fn of_name(name: &str) -> Option<Uri> {
    if Path::new(name).is_absolute() {
        from_path(Path::new(name))
    } else {
        name.parse().ok()
    }
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_paths_round_trip() {
        let path = Path::new("/work/policies/湖北-2017 方案.zc");
        let uri = from_path(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///work/policies/%E6%B9%96%E5%8C%97-2017%20%E6%96%B9%E6%A1%88.zc"
        );
        assert_eq!(to_path(&uri).unwrap(), path);
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(to_path(&untitled), None);
        assert_eq!(file_name(&untitled), "untitled:Untitled-1");
    }
}
