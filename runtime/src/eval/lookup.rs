//! Finding a named item (a rule, a fact, a target, an assessment) for a question: the one lookup
//! of the runtime, with one rule for names that several documents define.
//!
//! The rule: in the document that asks (an example's own file, the rule whose share needs a
//! base), the first item of that name; otherwise, anywhere in the program, provided one document
//! defines it. Two documents that both define it, neither of them the one asking, is an error
//! naming their files: the answer would depend on the order the files were given in. Within one
//! document the first item of a name is taken (a second one is the checker's ZC0103).

use super::{same_name, suggest, EvalError};
use crate::ir::{Document, Program};

/// What a lookup found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// `(document, index)`.
    One(usize, usize),
    Missing,
    /// The documents (indexes, in program order) that each define the name.
    Several(Vec<usize>),
}

/// The lookup's rule over every item of the name, `(document, index)` in program order.
pub(crate) fn choose(all: &[(usize, usize)], asking: Option<usize>) -> Found {
    if let Some(doc) = asking {
        if let Some(&(d, i)) = all.iter().find(|e| e.0 == doc) {
            return Found::One(d, i);
        }
    }
    let Some(&(first_doc, first)) = all.first() else {
        return Found::Missing;
    };
    let mut docs: Vec<usize> = Vec::new();
    for &(d, _) in all {
        if !docs.contains(&d) {
            docs.push(d);
        }
    }
    if docs.len() == 1 {
        Found::One(first_doc, first)
    } else {
        Found::Several(docs)
    }
}

/// Every item named `name` (as the language compares names), `(document, index)` in program
/// order. Not generic over the item type beyond two plain functions, so each kind of item
/// compiles one small loop.
pub(crate) fn all_named<T>(
    program: &Program,
    name: &str,
    items: fn(&Document) -> &[T],
    name_of: fn(&T) -> &str,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (d, doc) in program.documents.iter().enumerate() {
        for (i, item) in items(doc).iter().enumerate() {
            if same_name(name_of(item), name) {
                out.push((d, i));
            }
        }
    }
    out
}

/// The kinds of item a question names, with what messages call them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Rule,
    Fact,
    Target,
    Scheme,
}

impl Kind {
    /// How messages call an item of this kind.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Kind::Rule => "标准或补助",
            Kind::Fact => "事实",
            Kind::Target => "目标",
            Kind::Scheme => "考核",
        }
    }
}

/// [`choose`], with its two failures as errors: an unknown name (with suggestions among
/// `candidates`) and a name several documents define.
pub(crate) fn require<'a>(
    program: &Program,
    kind: Kind,
    name: &str,
    found: Found,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Result<(usize, usize), EvalError> {
    match found {
        Found::One(d, i) => Ok((d, i)),
        Found::Several(docs) => Err(ambiguous(program, kind, name, &docs)),
        Found::Missing => {
            let suggestions = suggest(name, candidates);
            let name = name.to_string();
            Err(match kind {
                Kind::Rule => EvalError::UnknownRule { name, suggestions },
                Kind::Fact => EvalError::UnknownFact { name, suggestions },
                Kind::Target => EvalError::UnknownTarget { name, suggestions },
                Kind::Scheme => EvalError::UnknownScheme { name, suggestions },
            })
        }
    }
}

/// The error of a name that the documents `docs` each define.
pub(crate) fn ambiguous(program: &Program, kind: Kind, name: &str, docs: &[usize]) -> EvalError {
    EvalError::Ambiguous {
        what: kind.word().to_string(),
        name: name.to_string(),
        files: docs
            .iter()
            .filter_map(|&d| program.documents.get(d))
            .map(|d| d.file.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asking_document_first_then_one_document() {
        let all = [(0, 3), (2, 1), (2, 4)];
        assert_eq!(choose(&all, Some(2)), Found::One(2, 1));
        assert_eq!(choose(&all, Some(1)), Found::Several(vec![0, 2]));
        assert_eq!(choose(&all, None), Found::Several(vec![0, 2]));
        assert_eq!(choose(&all[1..], None), Found::One(2, 1));
        assert_eq!(choose(&all[..1], Some(5)), Found::One(0, 3));
        assert_eq!(choose(&[], Some(0)), Found::Missing);
    }
}
