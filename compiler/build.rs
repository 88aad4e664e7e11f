//! Turns `grammar/zhengce.pest` into the tables of the compact parser (`src/grammar/table.rs`
//! explains why there are two parsers of the one grammar).
//!
//! The grammar is read and optimised by `pest_meta`, exactly as `pest_derive` does (the same
//! crate, at the same version: Cargo.lock has one `pest_meta`), so the tables describe the
//! expressions the derived parser runs, node for node. Written to `$OUT_DIR/grammar_table.rs`.
//! (The grammar's words are `src/vocabulary.rs`'s, which `tests/vocabulary.rs` compares with it.)

use std::fmt::Write as _;
use std::path::Path;

use pest_meta::ast::RuleType;
use pest_meta::optimizer::{OptimizedExpr, OptimizedRule};

const GRAMMAR: &str = "../grammar/zhengce.pest";

fn main() {
    println!("cargo:rerun-if-changed={GRAMMAR}");
    println!("cargo:rerun-if-changed=build.rs");
    let grammar = std::fs::read_to_string(GRAMMAR).expect("grammar/zhengce.pest is readable");
    let (_, rules) = match pest_meta::parse_and_optimize(&grammar) {
        Ok(parsed) => parsed,
        // pest_derive reports the grammar's errors with their places; say only that there are.
        Err(errors) => panic!(
            "grammar/zhengce.pest: {} error(s), see pest_derive",
            errors.len()
        ),
    };
    let code = Tables::new(&rules).generate();
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("grammar_table.rs"), code).expect("OUT_DIR is writable");
}

struct Tables<'a> {
    rules: &'a [OptimizedRule],
    /// `Expr` constructors, in index order.
    exprs: Vec<String>,
    /// The children of sequences and choices, flattened.
    lists: Vec<u16>,
    /// Every literal, one after the other (`Str(start, len)` is a slice of it).
    text: String,
    ranges: Vec<(char, char)>,
    skips: Vec<Vec<String>>,
}

impl<'a> Tables<'a> {
    fn new(rules: &'a [OptimizedRule]) -> Tables<'a> {
        Tables {
            rules,
            exprs: Vec::new(),
            lists: Vec::new(),
            text: String::new(),
            ranges: Vec::new(),
            skips: Vec::new(),
        }
    }

    fn rule_index(&self, name: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.name == name)
    }

    /// `start, len` of `s` in `text`, added when not already there.
    fn literal(&mut self, s: &str) -> String {
        let start = match self.text.find(s) {
            Some(start) => start,
            None => {
                self.text.push_str(s);
                self.text.len() - s.len()
            }
        };
        let fits = |n: usize| u16::try_from(n).expect("literals fit in 64 KB");
        format!("{}, {}", fits(start), fits(s.len()))
    }

    fn range(&mut self, start: char, end: char) -> String {
        let i = match self.ranges.iter().position(|r| *r == (start, end)) {
            Some(i) => i,
            None => {
                self.ranges.push((start, end));
                self.ranges.len() - 1
            }
        };
        format!("Range({i})")
    }

    fn push(&mut self, expr: String) -> u16 {
        self.exprs.push(expr);
        u16::try_from(self.exprs.len() - 1).expect("fewer than 65536 expressions")
    }

    /// One expression node. `atomic`: the node belongs to an atomic (`@`, `$`) rule or to
    /// WHITESPACE/COMMENT, where pest_derive generates no implicit whitespace between elements
    /// (`generate_expr_atomic`); otherwise `generate_expr`.
    fn expr(&mut self, expr: &OptimizedExpr, atomic: bool) -> u16 {
        let node = match expr {
            OptimizedExpr::Str(s) => format!("Str({})", self.literal(s)),
            OptimizedExpr::Insens(s) => format!("Insens({})", self.literal(s)),
            OptimizedExpr::Range(start, end) => {
                let start = start.chars().next().expect("range start");
                let end = end.chars().next().expect("range end");
                self.range(start, end)
            }
            OptimizedExpr::Ident(name) => match self.rule_index(name) {
                Some(i) => format!("Call({i})"),
                None => match name.as_str() {
                    "ANY" => "Any".into(),
                    "EOI" => "Eoi".into(),
                    "SOI" => "Soi".into(),
                    "NEWLINE" => "Newline".into(),
                    "ASCII_DIGIT" => self.range('0', '9'),
                    "ASCII_NONZERO_DIGIT" => self.range('1', '9'),
                    "ASCII" => self.range('\x00', '\x7f'),
                    other => panic!(
                        "grammar/zhengce.pest uses the builtin {other}, which the compact parser \
                         (compiler/src/grammar/table.rs) does not know yet"
                    ),
                },
            },
            OptimizedExpr::PosPred(e) => {
                let e = self.expr(e, atomic);
                format!("PosPred({e})")
            }
            OptimizedExpr::NegPred(e) => {
                let e = self.expr(e, atomic);
                format!("NegPred({e})")
            }
            OptimizedExpr::Seq(..) => {
                // pest_derive flattens the right spine of a sequence into one `sequence` call.
                let mut items = Vec::new();
                let mut current = expr;
                while let OptimizedExpr::Seq(lhs, rhs) = current {
                    items.push(self.expr(lhs, atomic));
                    current = rhs;
                }
                items.push(self.expr(current, atomic));
                let (start, len) = self.list(&items);
                let kind = if atomic { "Seq" } else { "SeqSkip" };
                format!("{kind}({start}, {len})")
            }
            OptimizedExpr::Choice(..) => {
                let mut items = Vec::new();
                let mut current = expr;
                while let OptimizedExpr::Choice(lhs, rhs) = current {
                    items.push(self.expr(lhs, atomic));
                    current = rhs;
                }
                items.push(self.expr(current, atomic));
                let (start, len) = self.list(&items);
                format!("Choice({start}, {len})")
            }
            OptimizedExpr::Opt(e) => {
                let e = self.expr(e, atomic);
                format!("Opt({e})")
            }
            OptimizedExpr::Rep(e) => {
                let e = self.expr(e, atomic);
                let kind = if atomic { "Rep" } else { "RepSkip" };
                format!("{kind}({e})")
            }
            OptimizedExpr::Skip(strings) => {
                self.skips.push(strings.clone());
                format!("SkipUntil({})", self.skips.len() - 1)
            }
            other => panic!(
                "grammar/zhengce.pest uses {other:?}, which the compact parser \
                 (compiler/src/grammar/table.rs) does not implement (stack operations)"
            ),
        };
        self.push(node)
    }

    fn list(&mut self, items: &[u16]) -> (usize, usize) {
        let start = self.lists.len();
        self.lists.extend_from_slice(items);
        (start, items.len())
    }

    fn generate(mut self) -> String {
        let mut defs = String::new();
        for rule in self.rules {
            let whitespace = rule.name == "WHITESPACE" || rule.name == "COMMENT";
            let atomic =
                whitespace || matches!(rule.ty, RuleType::Atomic | RuleType::CompoundAtomic);
            let expr = self.expr(&rule.expr, atomic);
            let kind = match rule.ty {
                RuleType::Normal => "Normal",
                RuleType::Silent if whitespace => "SilentAtomic",
                // pest_derive checks the stack before a silent rule that is a call or a choice.
                RuleType::Silent => match rule.expr {
                    OptimizedExpr::Ident(_) | OptimizedExpr::Choice(..) => "SilentChecked",
                    _ => "Silent",
                },
                RuleType::Atomic => "Atomic",
                RuleType::CompoundAtomic => "CompoundAtomic",
                RuleType::NonAtomic => "NonAtomic",
            };
            writeln!(
                defs,
                "    RuleDef {{ rule: Rule::r#{}, kind: Kind::{kind}, expr: {expr} }},",
                rule.name
            )
            .unwrap();
        }
        let whitespace = match self.rule_index("WHITESPACE") {
            Some(i) => format!("Some({i})"),
            None => "None".into(),
        };
        let comment = match self.rule_index("COMMENT") {
            Some(i) => format!("Some({i})"),
            None => "None".into(),
        };

        let mut out =
            String::from("// Generated by compiler/build.rs from grammar/zhengce.pest.\n\n");
        writeln!(
            out,
            "pub(super) static RULES: [RuleDef; {}] = [",
            self.rules.len()
        )
        .unwrap();
        out.push_str(&defs);
        out.push_str("];\n\n");
        writeln!(
            out,
            "pub(super) static EXPRS: [u32; {}] = [",
            self.exprs.len()
        )
        .unwrap();
        for e in &self.exprs {
            writeln!(out, "    pack({e}),").unwrap();
        }
        out.push_str("];\n\n");
        writeln!(
            out,
            "pub(super) static LISTS: [u16; {}] = {:?};\n",
            self.lists.len(),
            self.lists
        )
        .unwrap();
        writeln!(out, "pub(super) static TEXT: &str = {:?};\n", self.text).unwrap();
        writeln!(
            out,
            "pub(super) static RANGES: [(char, char); {}] = {:?};\n",
            self.ranges.len(),
            self.ranges
        )
        .unwrap();
        writeln!(
            out,
            "pub(super) static SKIPS: [&[&str]; {}] = [",
            self.skips.len()
        )
        .unwrap();
        for skip in &self.skips {
            writeln!(out, "    &{skip:?},").unwrap();
        }
        out.push_str("];\n\n");
        writeln!(
            out,
            "pub(super) const WHITESPACE: Option<u16> = {whitespace};"
        )
        .unwrap();
        writeln!(out, "pub(super) const COMMENT: Option<u16> = {comment};").unwrap();
        out
    }
}
