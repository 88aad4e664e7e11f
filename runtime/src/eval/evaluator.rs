//! A program prepared once for many questions: [`Evaluator`].
//!
//! The free functions ([`super::eval_rule`] and the others) take a bare [`Program`] and look
//! every name up by comparing it with each rule's and fact's (a policy set has a few hundred), and
//! write the `文件:行` of each item they report as they go. An [`Evaluator`] does both once: rules
//! and facts indexed by folded name (a binary search instead of a scan), and the strings every
//! answer repeats written in advance (a rule's and each tier row's `文件:行`, a row's case, a
//! rule's head in the trace). The answers are the same, byte for byte.
//!
//! The indexes live beside the IR, not in it: `ir::Program` stays what the compiler writes and
//! the JSON schema describes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Write};

use super::batch::{BatchError, BatchOptions, BatchSummary, RowFormat};
use super::rule::{case_text, Evaluation};
use super::{fold_name, folds_as_itself, lookup, place, EvalError, Facts};
use crate::ir::{Fact, Origin, Program};
use crate::name_hash::NameHash;

/// A [`Program`] with its rules and facts indexed by name, for answering many questions: the CLI,
/// a batch, a server. Building one costs about as much as a few evaluations; each evaluation
/// then finds its rule with a binary search and clones the strings it reports instead of writing
/// them.
///
/// ```
/// # use zhengce_runtime::eval::{Evaluator, Facts};
/// # use zhengce_runtime::ir::{Program, IR_VERSION};
/// # let program = Program { version: IR_VERSION, documents: Vec::new() };
/// let evaluator = Evaluator::new(&program)?;
/// let answer = evaluator.eval("光伏扶贫以奖代补", &Facts::new());
/// assert!(answer.is_err()); // no such rule in an empty program
/// # Ok::<(), zhengce_runtime::eval::EvalError>(())
/// ```
#[derive(Debug)]
pub struct Evaluator<'p> {
    program: &'p Program,
    rules: NameIndex,
    facts: NameIndex,
    /// `[document][rule]`.
    places: Vec<Vec<RulePlaces>>,
}

/// Items by folded name ([`fold_name`]): the `(document, item)` of every item of a name, in the
/// program's order.
#[derive(Debug)]
struct NameIndex {
    /// Folded name → its items, a range of `items`.
    folded: Names,
    /// Each item's name as written → the items of its folded name: most lookups are of a name
    /// as declared, and need no folding.
    written: Names,
    items: Vec<(usize, usize)>,
}

/// The keys are the program's own names, not input an attacker chooses to collide, and the
/// lookups are a few per evaluation: SipHash took longer than the rest of finding a fact.
type Names = HashMap<Box<str>, (usize, usize), NameHash>;

/// The strings of a rule its answers repeat, written once.
#[derive(Debug)]
struct RulePlaces {
    /// `文件:行` of the rule.
    origin: String,
    /// The trace's first step: 补助「光伏扶贫以奖代补」,对象:….
    head: String,
    /// Each tier row's case as written and its `文件:行`.
    rows: Vec<(String, String)>,
}

impl NameIndex {
    /// `names`: each item's name, document and index, in the program's order.
    fn new<'a>(names: impl Iterator<Item = (&'a str, usize, usize)>) -> NameIndex {
        let mut entries: Vec<(String, &str, usize, usize)> = names
            .map(|(name, doc, idx)| (fold_name(name), name, doc, idx))
            .collect();
        // Stable: the items of a name stay in the program's order.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut folded = Names::default();
        let mut written = Names::default();
        let mut i = 0;
        while i < entries.len() {
            let name = &entries[i].0;
            let len = entries[i..].iter().take_while(|e| e.0 == *name).count();
            for entry in &entries[i..i + len] {
                written.insert(entry.1.into(), (i, len));
            }
            folded.insert(name.as_str().into(), (i, len));
            i += len;
        }
        let items = entries.iter().map(|e| (e.2, e.3)).collect();
        NameIndex {
            folded,
            written,
            items,
        }
    }

    /// Every item whose name folds to the same as `name`, in the program's order.
    fn all(&self, name: &str) -> &[(usize, usize)] {
        let found = match self.written.get(name) {
            Some(found) => Some(found),
            None if folds_as_itself(name) => self.folded.get(name),
            None => self.folded.get(fold_name(name).as_str()),
        };
        match found {
            Some(&(start, len)) => &self.items[start..start + len],
            None => &[],
        }
    }
}

impl<'p> Evaluator<'p> {
    /// Prepares `program`; refuses one written in another IR format (as every question would).
    pub fn new(program: &'p Program) -> Result<Evaluator<'p>, EvalError> {
        program
            .check_version()
            .map_err(|message| EvalError::Version { message })?;
        let documents = program.documents.iter().enumerate();
        let rules = NameIndex::new(documents.clone().flat_map(|(d, doc)| {
            let names = doc.rules.iter().enumerate();
            names.map(move |(i, r)| (r.name.as_str(), d, i))
        }));
        let facts = NameIndex::new(documents.clone().flat_map(|(d, doc)| {
            let names = doc.facts.iter().enumerate();
            names.map(move |(i, f)| (f.name.as_str(), d, i))
        }));
        let mut places = Vec::with_capacity(program.documents.len());
        for doc in &program.documents {
            places.push(
                doc.rules
                    .iter()
                    .map(|rule| {
                        let mut head = format!("{}「{}」", rule.keyword, rule.name);
                        if !rule.beneficiary.is_empty() {
                            head.push_str(",对象:");
                            head.push_str(&rule.beneficiary.join("、"));
                        }
                        let rows = match &rule.body {
                            crate::ir::RuleBody::Tiered { rows, .. } => rows
                                .iter()
                                .map(|row| (case_text(&row.case), place(&row.origin)))
                                .collect(),
                            _ => Vec::new(),
                        };
                        RulePlaces {
                            origin: place(&rule.origin),
                            head,
                            rows,
                        }
                    })
                    .collect(),
            );
        }
        Ok(Evaluator {
            program,
            rules,
            facts,
            places,
        })
    }

    /// The program it answers for.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// [`super::eval_rule`]: the rule named `rule_name` anywhere in the program, with its trace.
    pub fn eval(&self, rule_name: &str, facts: &Facts) -> Result<Evaluation, EvalError> {
        let (doc, idx) = self.ctx().find_rule(rule_name)?;
        super::rule::evaluate(self.ctx(), doc, idx, facts, true)
    }

    /// [`super::eval_rule_untraced`]: the same answer with an empty trace.
    pub fn eval_untraced(&self, rule_name: &str, facts: &Facts) -> Result<Evaluation, EvalError> {
        let (doc, idx) = self.ctx().find_rule(rule_name)?;
        super::rule::evaluate(self.ctx(), doc, idx, facts, false)
    }

    /// [`super::eval_rule_in`]: a rule of document `doc` first, then one anywhere.
    pub fn eval_in(
        &self,
        doc: usize,
        rule_name: &str,
        facts: &Facts,
    ) -> Result<Evaluation, EvalError> {
        super::rule::eval_in(self.ctx(), doc, rule_name, facts)
    }

    /// [`super::eval_batch`]: `rule` over every row of `input`, one JSON line per row.
    pub fn batch<R: BufRead, W: Write>(
        &self,
        rule: &str,
        format: RowFormat,
        input: R,
        output: W,
        options: &BatchOptions,
    ) -> Result<BatchSummary, BatchError> {
        super::batch::run(self.ctx(), rule, format, input, output, options)
    }

    fn ctx(&self) -> Ctx<'_, 'p> {
        Ctx {
            program: self.program,
            prepared: Some(self),
        }
    }
}

/// Where an evaluation looks names and strings up: the bare program (a scan, strings written
/// when needed), or an [`Evaluator`]'s indexes and strings. The answers are the same.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'e, 'p> {
    pub(crate) program: &'p Program,
    prepared: Option<&'e Evaluator<'p>>,
}

/// An item's origin and, when prepared, its `文件:行` already written.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub(crate) origin: &'a Origin,
    written: Option<&'a str>,
}

impl At<'_> {
    /// `文件:行`.
    pub(crate) fn place(self) -> String {
        match self.written {
            Some(p) => p.to_owned(),
            None => place(self.origin),
        }
    }
}

impl<'e, 'p: 'e> Ctx<'e, 'p> {
    pub(crate) fn plain(program: &'p Program) -> Ctx<'e, 'p> {
        Ctx {
            program,
            prepared: None,
        }
    }

    fn prepared(self) -> Option<&'e Evaluator<'p>> {
        self.prepared
    }

    /// Every rule named `name`, `(document, index)` in program order: from the index when
    /// prepared, else by a scan.
    fn rules_named(self, name: &str) -> Cow<'e, [(usize, usize)]> {
        match self.prepared() {
            Some(ev) => Cow::Borrowed(ev.rules.all(name)),
            None => Cow::Owned(lookup::all_named(
                self.program,
                name,
                |d| &d.rules,
                |r| &r.name,
            )),
        }
    }

    /// [`super::find_rule`]: the one rule of that name in the program, or the same error.
    pub(crate) fn find_rule(self, name: &str) -> Result<(usize, usize), EvalError> {
        self.rule_from(None, name)
    }

    /// The rule named `name` as seen from document `asking` ([`lookup`]'s rule).
    pub(crate) fn rule_from(
        self,
        asking: Option<usize>,
        name: &str,
    ) -> Result<(usize, usize), EvalError> {
        match lookup::choose(&self.rules_named(name), asking) {
            lookup::Found::One(d, i) => Ok((d, i)),
            // Not found or ambiguous: the scan writes the error (suggestions, files).
            _ => super::find_rule_from(self.program, asking, name),
        }
    }

    /// Whether some document defines a rule named `name`.
    pub(crate) fn has_rule(self, name: &str) -> bool {
        !self.rules_named(name).is_empty()
    }

    /// [`super::fact_decl`]: the declaration as seen from document `doc`.
    pub(crate) fn fact_decl(self, doc: usize, name: &str) -> Result<Option<&'p Fact>, EvalError> {
        match self.prepared() {
            Some(ev) => super::fact_of(
                self.program,
                name,
                lookup::choose(ev.facts.all(name), Some(doc)),
            ),
            None => super::fact_decl(self.program, doc, name),
        }
    }

    fn places(self, doc: usize, idx: usize) -> Option<&'e RulePlaces> {
        self.prepared()?.places.get(doc)?.get(idx)
    }

    /// Rule `idx` of document `doc`, where it is.
    pub(crate) fn rule_at(self, doc: usize, idx: usize) -> At<'e> {
        At {
            origin: &self.program.documents[doc].rules[idx].origin,
            written: self.places(doc, idx).map(|p| p.origin.as_str()),
        }
    }

    /// The trace's first step of a rule: 补助「…」,对象:….
    pub(crate) fn head(self, doc: usize, idx: usize) -> Option<&'e str> {
        self.places(doc, idx).map(|p| p.head.as_str())
    }

    /// Tier row `row` of rule `idx`: its case as written, and where it is.
    pub(crate) fn row_at(
        self,
        doc: usize,
        idx: usize,
        row: usize,
        origin: &'p Origin,
    ) -> (Option<&'e str>, At<'e>) {
        let written = self.places(doc, idx).and_then(|p| p.rows.get(row));
        (
            written.map(|(case, _)| case.as_str()),
            At {
                origin,
                written: written.map(|(_, place)| place.as_str()),
            },
        )
    }
}
