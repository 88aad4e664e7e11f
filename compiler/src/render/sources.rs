//! The source texts renderers look labels up in.

use super::position::line_col;

/// Named source texts; a label's `file` string is looked up here by exact name.
///
/// Files keep the order they were added in, which is the order renderers register them in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    files: Vec<(String, String)>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file, replacing the text of an earlier file with the same name.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) {
        let (name, text) = (name.into(), text.into());
        match self.files.iter_mut().find(|(n, _)| *n == name) {
            Some(file) => file.1 = text,
            None => self.files.push((name, text)),
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

    /// [`line_col`] in the named file, or `None` when the file is unknown.
    pub fn line_col(&self, name: &str, byte_offset: usize) -> Option<(usize, usize)> {
        self.get(name).map(|text| line_col(text, byte_offset))
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
