//! The source texts renderers look labels up in.

use std::sync::OnceLock;

use crate::position::LineIndex;

/// Named source texts; a label's `file` string is looked up here by exact name.
///
/// Files keep the order they were added in, which is the order renderers register them in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    files: Vec<(String, String)>,
    /// Each file's line index, built the first time a position in it is looked up.
    indexes: Vec<Lazy>,
}

/// A lazily built [`LineIndex`]; a cache, so two `Sources` with the same files are equal
/// whether or not their indexes have been built.
#[derive(Clone, Debug, Default)]
struct Lazy(OnceLock<LineIndex>);

impl PartialEq for Lazy {
    fn eq(&self, _: &Lazy) -> bool {
        true
    }
}

impl Eq for Lazy {}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file, replacing the text of an earlier file with the same name.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) {
        let (name, text) = (name.into(), text.into());
        match self.files.iter().position(|(n, _)| *n == name) {
            Some(i) => {
                self.files[i].1 = text;
                self.indexes[i] = Lazy::default();
            }
            None => {
                self.files.push((name, text));
                self.indexes.push(Lazy::default());
            }
        }
    }

    /// [`Sources::add`] for building in one expression.
    pub fn with(mut self, name: impl Into<String>, text: impl Into<String>) -> Sources {
        self.add(name, text);
        self
    }

    /// The text of the file called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }

    /// `(name, text)` pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// [`line_col`](crate::position::line_col) in the named file, or `None` when the file is
    /// unknown. Fast for many lookups: the file's line index is built once.
    pub fn line_col(&self, name: &str, byte_offset: usize) -> Option<(usize, usize)> {
        let (text, index) = self.indexed(name)?;
        Some(index.line_col(text, byte_offset))
    }

    /// [`utf16_col`](crate::position::utf16_col) in the named file, or `None` when the file is
    /// unknown (GitHub and SARIF columns). Fast for many lookups, like [`Sources::line_col`].
    pub fn utf16_col(&self, name: &str, byte_offset: usize) -> Option<usize> {
        let (text, index) = self.indexed(name)?;
        Some(index.utf16_col(text, byte_offset))
    }

    /// The char offset of `byte_offset` in the named file (ariadne counts in chars).
    pub fn char_offset(&self, name: &str, byte_offset: usize) -> Option<usize> {
        let (text, index) = self.indexed(name)?;
        Some(index.char_offset(text, byte_offset))
    }

    pub(super) fn indexed(&self, name: &str) -> Option<(&str, &LineIndex)> {
        let i = self.files.iter().position(|(n, _)| n == name)?;
        let text = self.files[i].1.as_str();
        Some((text, self.indexes[i].0.get_or_init(|| LineIndex::new(text))))
    }
}

impl<N: Into<String>, T: Into<String>> FromIterator<(N, T)> for Sources {
    fn from_iter<I: IntoIterator<Item = (N, T)>>(iter: I) -> Sources {
        let mut sources = Sources::new();
        for (name, text) in iter {
            sources.add(name, text);
        }
        sources
    }
}
