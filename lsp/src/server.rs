//! The server's loop: read messages on a thread, answer them in order on this one.
//!
//! Before each message is handled, everything already read is taken from the reader: a
//! `$/cancelRequest` removes its request from the queue (answered `RequestCancelled`, never
//! computed), and the edits of a burst are applied before the set is checked again. A set is
//! checked lazily — when a request needs it, or when the queue is empty and its diagnostics are
//! to be published — so a burst of edits costs one check.
//!
//! Every request is answered: unknown methods with `MethodNotFound`, a document that is not open
//! with `RequestFailed`, bad parameters with `InvalidParams`, and a handler that panics (a bug)
//! with `InternalError`, after which the server goes on.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use crossbeam_channel::Receiver;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types as lsp;
use serde::de::DeserializeOwned;
use serde_json::Value;
use zhengce_compiler::ide::Analysis;
use zhengce_compiler::{codes, Diagnostic, SourceFile, Span};

use crate::convert::{self, Text};
use crate::lines::{Encoding, Lines};
use crate::transport::{self, Incoming, Output};
use crate::uri;
use crate::{SetRoot, Workspace};

/// Documents larger than this are not checked as they are edited: checking runs at about
/// 10 MB/s, so a bigger file would hold every answer for a second or more after each keystroke.
/// `zhengce check` checks files up to the parser's 32 MB limit.
pub const LIVE_CHECK_MAX_BYTES: usize = 8 * 1024 * 1024;

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// `exit` after `shutdown`: exit code 0.
    Cleanly,
    /// `exit` without `shutdown`, or the input closed: exit code 1 (as the protocol asks).
    WithoutShutdown,
}

/// Serves one client: messages from `input`, answers to `output`, until `exit` or the end of the
/// input. An error writing the output ends the session with that error.
pub fn run<W, I, O>(input: I, output: O, workspace: W) -> io::Result<Ended>
where
    W: Workspace,
    I: BufRead + Send + 'static,
    O: Write,
{
    let (sender, receiver) = crossbeam_channel::unbounded();
    let reader = std::thread::Builder::new()
        .name("zhengce-lsp-reader".to_string())
        .spawn(move || {
            let mut input = input;
            loop {
                let incoming = transport::read(&mut input);
                let end = matches!(incoming, Incoming::End)
                    || matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if sender.send(incoming).is_err() || end {
                    return;
                }
            }
        })?;
    let mut server = Server::new(workspace, output, receiver);
    let ended = server.run();
    // The reader ends at `exit` or at the end of the input; after an output error it may still be
    // waiting for input, and is left to end with the process.
    if server.out.error.is_none() {
        let _ = reader.join();
    }
    match server.out.error.take() {
        Some(e) => Err(e),
        None => Ok(ended),
    }
}

/// An open document.
struct Document {
    /// Its name in the analysis: the path, or the URI when it is not a file.
    name: String,
    text: String,
    version: i32,
    /// The key of its set.
    set: String,
}

/// A policy set with open documents, and its last check.
struct PolicySet {
    root: Option<SetRoot>,
    analysis: Option<Rc<Analysis>>,
    /// The set's files as last checked, their parses and findings: the next check parses again
    /// only the statements an edit touched and runs again only the edited documents' checks
    /// (the playground's `Checker` checks with the same `Workspace`).
    checked: zhengce_compiler::Workspace,
    /// Whether an edit (or a change on disk) came after the last check.
    stale: bool,
    /// Diagnostics not from the check: files that could not be read, documents too large.
    extra: Vec<Diagnostic>,
    /// The problems of the set as a whole last shown (a `zhengce.toml` that cannot be read):
    /// shown once, not again at every keystroke, and again when they change.
    problems: Vec<String>,
    /// Whether the diagnostics of the last check have been published.
    published: bool,
    /// What was last published for each file (by name), and from which check: unchanged
    /// diagnostics of other files are not sent again, and those that are gone are cleared.
    published_to: HashMap<String, Vec<Diagnostic>>,
    published_from: Option<Rc<Analysis>>,
    lines: HashMap<usize, Lines>,
}

struct Server<W: Workspace, O: Write> {
    workspace: W,
    out: Output<O>,
    input: Receiver<Incoming>,
    queue: VecDeque<Incoming>,
    encoding: Encoding,
    initialized: bool,
    shutdown: bool,
    documents: HashMap<String, Document>,
    sets: HashMap<String, PolicySet>,
}

type Answer = Result<Value, ResponseError>;

fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, ResponseError> {
    serde_json::from_value(value)
        .map_err(|e| error(ErrorCode::InvalidParams, format!("参数不对:{e}")))
}

fn to_value(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| error(ErrorCode::InternalError, e.to_string()))
}

impl<W: Workspace, O: Write> Server<W, O> {
    fn new(workspace: W, output: O, input: Receiver<Incoming>) -> Self {
        Server {
            workspace,
            out: Output::new(output),
            input,
            queue: VecDeque::new(),
            encoding: Encoding::Utf16,
            initialized: false,
            shutdown: false,
            documents: HashMap::new(),
            sets: HashMap::new(),
        }
    }

    fn run(&mut self) -> Ended {
        loop {
            if self.out.error.is_some() {
                return Ended::WithoutShutdown;
            }
            if self.queue.is_empty() {
                // Idle: publish what changed, then wait.
                self.publish_all();
                match self.input.recv() {
                    Ok(m) => self.queue.push_back(m),
                    Err(_) => return Ended::WithoutShutdown,
                }
            }
            while let Ok(m) = self.input.try_recv() {
                self.queue.push_back(m);
            }
            self.drop_cancelled();
            let Some(next) = self.queue.pop_front() else {
                continue;
            };
            match next {
                Incoming::End => return Ended::WithoutShutdown,
                Incoming::Malformed { id, code, message } => {
                    self.out.send_error(id, code, &message);
                }
                Incoming::Message(Message::Request(r)) => self.request(r),
                Incoming::Message(Message::Notification(n)) => {
                    if n.method == "exit" {
                        return if self.shutdown {
                            Ended::Cleanly
                        } else {
                            Ended::WithoutShutdown
                        };
                    }
                    self.notification(n);
                }
                // We send no requests, so no response is expected.
                Incoming::Message(Message::Response(_)) => {}
            }
        }
    }

    /// Answers the queued requests that a queued `$/cancelRequest` names, and drops both.
    fn drop_cancelled(&mut self) {
        let cancelled: Vec<RequestId> = self
            .queue
            .iter()
            .filter_map(|m| match m {
                Incoming::Message(Message::Notification(n)) if n.method == "$/cancelRequest" => {
                    params::<lsp::CancelParams>(n.params.clone())
                        .ok()
                        .map(|p| match p.id {
                            lsp::NumberOrString::Number(n) => RequestId::from(n),
                            lsp::NumberOrString::String(s) => RequestId::from(s),
                        })
                }
                _ => None,
            })
            .collect();
        if cancelled.is_empty() {
            return;
        }
        let mut kept = VecDeque::with_capacity(self.queue.len());
        for m in self.queue.drain(..) {
            match &m {
                Incoming::Message(Message::Request(r)) if cancelled.contains(&r.id) => {
                    let e = error(ErrorCode::RequestCanceled, "请求已取消");
                    self.out.send(Message::Response(Response {
                        id: r.id.clone(),
                        response_result: Err(e),
                    }));
                }
                Incoming::Message(Message::Notification(n)) if n.method == "$/cancelRequest" => {}
                _ => kept.push_back(m),
            }
        }
        self.queue = kept;
    }

    fn respond(&mut self, id: RequestId, answer: Answer) {
        self.out.send(Message::Response(Response {
            id,
            response_result: answer,
        }));
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.out.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    // ───────────── requests ─────────────

    fn request(&mut self, r: Request) {
        let Request { id, method, params } = r;
        if method == "initialize" {
            let answer = self.initialize(params);
            self.respond(id, answer);
            return;
        }
        if !self.initialized {
            let e = error(
                ErrorCode::ServerNotInitialized,
                "服务器尚未初始化(应先发 initialize)",
            );
            self.respond(id, Err(e));
            return;
        }
        if self.shutdown {
            let e = error(
                ErrorCode::InvalidRequest,
                "服务器已关闭(shutdown 之后只接受 exit)",
            );
            self.respond(id, Err(e));
            return;
        }
        let answer = catch_unwind(AssertUnwindSafe(|| self.dispatch(&method, params)))
            .unwrap_or_else(|_| {
                // A bug: drop the checks that may be half-built, answer, go on.
                for set in self.sets.values_mut() {
                    set.analysis = None;
                    set.checked = zhengce_compiler::Workspace::default();
                    set.published = false;
                }
                Err(error(
                    ErrorCode::InternalError,
                    format!("内部错误:处理「{method}」时出错,请报告此问题"),
                ))
            });
        self.respond(id, answer);
    }

    fn dispatch(&mut self, method: &str, params: Value) -> Answer {
        match method {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => self.hover(params),
            "textDocument/definition" => self.definition(params),
            "textDocument/references" => self.references(params),
            "textDocument/prepareRename" => self.prepare_rename(params),
            "textDocument/rename" => self.rename(params),
            "textDocument/completion" => self.completion(params),
            "textDocument/codeAction" => self.code_action(params),
            "textDocument/formatting" => self.formatting(params),
            "textDocument/documentSymbol" => self.document_symbol(params),
            "textDocument/foldingRange" => self.folding_range(params),
            "textDocument/semanticTokens/full" => self.semantic_tokens(params),
            "textDocument/inlayHint" => self.inlay_hint(params),
            _ => Err(error(
                ErrorCode::MethodNotFound,
                format!("不支持的方法「{method}」"),
            )),
        }
    }

    fn initialize(&mut self, params: Value) -> Answer {
        if self.initialized {
            return Err(error(ErrorCode::InvalidRequest, "已经初始化过了"));
        }
        let init: lsp::InitializeParams = self::params(params)?;
        let offered = init
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .unwrap_or_default();
        // UTF-8 when the client offers it (no conversion), else the protocol's UTF-16.
        let (encoding, kind) = if offered.contains(&lsp::PositionEncodingKind::UTF8) {
            (Encoding::Utf8, lsp::PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, lsp::PositionEncodingKind::UTF16)
        };
        self.encoding = encoding;
        self.initialized = true;
        let result = lsp::InitializeResult {
            capabilities: capabilities(kind),
            server_info: Some(lsp::ServerInfo {
                name: "zhengce".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        to_value(result)
    }

    // ───────────── notifications ─────────────

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = params::<lsp::DidOpenTextDocumentParams>(n.params) {
                    self.open(p.text_document);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = params::<lsp::DidChangeTextDocumentParams>(n.params) {
                    self.change(p);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = params::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.close(&p.text_document.uri);
                }
            }
            // A file saved, created or deleted on disk: the sets are read again.
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                for set in self.sets.values_mut() {
                    set.stale = true;
                    set.published = false;
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, doc: lsp::TextDocumentItem) {
        let name = uri::file_name(&doc.uri);
        let (set, root) = match uri::to_path(&doc.uri) {
            Some(path) => {
                let root = self.workspace.root_of(&path);
                (root.dir.to_string_lossy().into_owned(), Some(root))
            }
            None => (name.clone(), None),
        };
        self.documents.insert(
            doc.uri.as_str().to_string(),
            Document {
                name,
                text: doc.text,
                version: doc.version,
                set: set.clone(),
            },
        );
        let entry = self.sets.entry(set).or_insert_with(|| PolicySet {
            root,
            analysis: None,
            checked: zhengce_compiler::Workspace::default(),
            stale: true,
            extra: Vec::new(),
            problems: Vec::new(),
            published: false,
            published_to: HashMap::new(),
            published_from: None,
            lines: HashMap::new(),
        });
        entry.stale = true;
        entry.published = false;
    }

    fn change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str()) else {
            return;
        };
        for change in p.content_changes {
            match change.range {
                Some(range) => {
                    let lines = Lines::new(&doc.text, encoding);
                    let start = lines.offset(&doc.text, range.start);
                    let end = lines.offset(&doc.text, range.end).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = p.text_document.version;
        let set = doc.set.clone();
        if let Some(s) = self.sets.get_mut(&set) {
            s.stale = true;
            s.published = false;
        }
    }

    fn close(&mut self, uri: &lsp::Uri) {
        let Some(doc) = self.documents.remove(uri.as_str()) else {
            return;
        };
        let still_open = self.documents.values().any(|d| d.set == doc.set);
        if still_open {
            if let Some(s) = self.sets.get_mut(&doc.set) {
                s.stale = true;
                s.published = false;
            }
            return;
        }
        // The set's last document: clear every diagnostic it published.
        if let Some(set) = self.sets.remove(&doc.set) {
            for (file, _) in set.published_to {
                if let Some(uri) = uri::of_name(&file) {
                    self.publish(uri, Vec::new(), None);
                }
            }
        }
    }

    // ───────────── checking and publishing ─────────────

    /// The set's check, made now if an edit made the last one stale.
    fn analysis(&mut self, key: &str) -> Option<Rc<Analysis>> {
        let set = self.sets.get(key)?;
        if let (Some(a), false) = (&set.analysis, set.stale) {
            return Some(a.clone());
        }
        let root = set.root.clone();
        let loaded = match &root {
            Some(root) => self.workspace.load(root),
            None => crate::LoadedSet::default(),
        };
        let mut sources = loaded.sources;
        let mut extra = loaded.diagnostics;
        let shown = self.sets.get(key).map(|s| &s.problems);
        if shown != Some(&loaded.problems) {
            for problem in &loaded.problems {
                self.notify(
                    "window/showMessage",
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::WARNING,
                        message: problem.clone(),
                    },
                );
            }
            if let Some(set) = self.sets.get_mut(key) {
                set.problems = loaded.problems;
            }
        }
        let mut open: Vec<&Document> = self.documents.values().filter(|d| d.set == key).collect();
        open.sort_by(|a, b| a.name.cmp(&b.name));
        for doc in open {
            // The editor's text replaces the file's, and its reading problems.
            extra.retain(|d| d.primary_label().is_none_or(|l| l.file != doc.name));
            let text = if doc.text.len() > LIVE_CHECK_MAX_BYTES {
                extra.push(too_large(&doc.name, doc.text.len()));
                String::new()
            } else {
                doc.text.clone()
            };
            match sources.iter_mut().find(|s| s.name == doc.name) {
                Some(s) => s.text = text,
                None => sources.push(SourceFile::new(doc.name.clone(), text)),
            }
        }
        sources.sort_by(|a, b| a.name.cmp(&b.name));
        let set = self.sets.get_mut(key)?;
        set.checked.set_options(loaded.options);
        set.checked.set_files(&sources);
        let analysis = Rc::new(set.checked.analysis());
        set.analysis = Some(analysis.clone());
        set.stale = false;
        set.extra = extra;
        set.lines.clear();
        Some(analysis)
    }

    fn publish_all(&mut self) {
        let keys: Vec<String> = self
            .sets
            .iter()
            .filter(|(_, s)| !s.published)
            .map(|(k, _)| k.clone())
            .collect();
        for key in keys {
            let caught = catch_unwind(AssertUnwindSafe(|| self.publish_set(&key)));
            if caught.is_err() {
                if let Some(set) = self.sets.get_mut(&key) {
                    set.analysis = None;
                    set.checked = zhengce_compiler::Workspace::default();
                    set.published = true;
                }
            }
        }
    }

    fn publish_set(&mut self, key: &str) {
        let Some(analysis) = self.analysis(key) else {
            return;
        };
        let Some(set) = self.sets.get(key) else {
            return;
        };
        let extra = set.extra.clone();
        let previous = set.published_from.clone();
        // Every open document of the set gets its diagnostics, none included.
        let mut by_file: Vec<(String, Vec<&Diagnostic>)> = self
            .documents
            .values()
            .filter(|d| d.set == key)
            .map(|d| (d.name.clone(), Vec::new()))
            .collect();
        for d in analysis.diagnostics().iter().chain(&extra) {
            let Some(label) = d.primary_label() else {
                continue;
            };
            match by_file.iter_mut().find(|(f, _)| *f == label.file) {
                Some((_, list)) => list.push(d),
                None => by_file.push((label.file.clone(), vec![d])),
            }
        }
        let mut old = match self.sets.get_mut(key) {
            Some(set) => std::mem::take(&mut set.published_to),
            None => return,
        };
        // Whether a file's text is what it was when the set was last published.
        let same_text = |name: &str| {
            let Some(p) = &previous else { return false };
            match (p.file(name), analysis.file(name)) {
                (Some(a), Some(b)) => p.text(a) == analysis.text(b),
                _ => false,
            }
        };
        let encoding = self.encoding;
        let mut lines_cache: HashMap<String, Lines> = HashMap::new();
        let mut now: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        let mut sent = Vec::new();
        for (file, diags) in &by_file {
            let Some(uri) = uri::of_name(file) else {
                continue;
            };
            let owned: Vec<Diagnostic> = diags.iter().map(|d| (*d).clone()).collect();
            let version = self.documents.get(uri.as_str()).map(|d| d.version);
            // Another file's diagnostics are sent again only when they, or the text they point
            // into, changed; an open document's always (with its version).
            let unchanged = version.is_none()
                && old.get(file) == Some(&owned)
                && diags
                    .iter()
                    .flat_map(|d| &d.labels)
                    .all(|l| same_text(&l.file));
            old.remove(file);
            now.insert(file.clone(), owned);
            if unchanged {
                continue;
            }
            for name in std::iter::once(file.as_str()).chain(
                diags
                    .iter()
                    .flat_map(|d| d.labels.iter().map(|l| l.file.as_str())),
            ) {
                if !lines_cache.contains_key(name) {
                    let text = analysis.file(name).map_or("", |i| analysis.text(i));
                    lines_cache.insert(name.to_string(), Lines::new(text, encoding));
                }
            }
            let text_of = |name: &str| analysis.file(name).map_or("", |i| analysis.text(i));
            let own = Text {
                text: text_of(file),
                lines: &lines_cache[file.as_str()],
            };
            let locate = |name: &str| {
                let lines = lines_cache.get(name)?;
                Some((
                    uri::of_name(name)?,
                    Text {
                        text: text_of(name),
                        lines,
                    },
                ))
            };
            let converted: Vec<lsp::Diagnostic> = diags
                .iter()
                .map(|d| convert::diagnostic(d, &own, &locate))
                .collect();
            sent.push((uri, converted, version));
        }
        for (uri, diags, version) in sent {
            self.publish(uri, diags, version);
        }
        // Files that had diagnostics and have none now.
        for (file, _) in old {
            if let Some(uri) = uri::of_name(&file) {
                self.publish(uri, Vec::new(), None);
            }
        }
        if let Some(set) = self.sets.get_mut(key) {
            set.published_to = now;
            set.published_from = Some(analysis);
            set.published = true;
        }
    }

    fn publish(&mut self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    // ───────────── feature requests ─────────────

    /// The open document's set, checked, and its index in the check.
    fn open_document(&mut self, uri: &lsp::Uri) -> Result<(Rc<Analysis>, usize), ResponseError> {
        let doc = self.documents.get(uri.as_str()).ok_or_else(|| {
            error(
                ErrorCode::RequestFailed,
                format!("文件未打开:{}(请先发送 textDocument/didOpen)", uri.as_str()),
            )
        })?;
        let (set, name) = (doc.set.clone(), doc.name.clone());
        let analysis = self
            .analysis(&set)
            .ok_or_else(|| error(ErrorCode::InternalError, "文件所在的政策集未建立"))?;
        let file = analysis
            .file(&name)
            .ok_or_else(|| error(ErrorCode::InternalError, "文件不在检查结果中"))?;
        Ok((analysis, file))
    }

    /// The line index of a file of a set's check, built once per check.
    fn lines(&mut self, uri: &lsp::Uri, analysis: &Analysis, file: usize) -> Lines {
        let set = self
            .documents
            .get(uri.as_str())
            .map(|d| d.set.clone())
            .unwrap_or_default();
        let encoding = self.encoding;
        match self.sets.get_mut(&set) {
            Some(s) => s
                .lines
                .entry(file)
                .or_insert_with(|| Lines::new(analysis.text(file), encoding))
                .clone(),
            None => Lines::new(analysis.text(file), encoding),
        }
    }

    /// The analysis, the file, its text and the offset of a position in it.
    fn at(
        &mut self,
        p: &lsp::TextDocumentPositionParams,
    ) -> Result<(Rc<Analysis>, usize, Lines, usize), ResponseError> {
        let (analysis, file) = self.open_document(&p.text_document.uri)?;
        let lines = self.lines(&p.text_document.uri, &analysis, file);
        let offset = lines.offset(analysis.text(file), p.position);
        Ok((analysis, file, lines, offset))
    }

    /// The file of a set's check as a URI and a text with its lines, for places in any file.
    fn places(
        &self,
        analysis: &Analysis,
        places: &[zhengce_compiler::ide::FileSpan],
    ) -> Vec<lsp::Location> {
        let mut out = Vec::new();
        let mut cache: HashMap<usize, Lines> = HashMap::new();
        for p in places {
            let (Some(file), Some(uri)) = (analysis.file(&p.file), uri::of_name(&p.file)) else {
                continue;
            };
            let text = analysis.text(file);
            let lines = cache
                .entry(file)
                .or_insert_with(|| Lines::new(text, self.encoding));
            out.push(lsp::Location::new(
                uri,
                lines.range(text, p.span.start, p.span.end),
            ));
        }
        out
    }

    fn hover(&mut self, params: Value) -> Answer {
        let p: lsp::HoverParams = self::params(params)?;
        let (analysis, file, lines, offset) = self.at(&p.text_document_position_params)?;
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        to_value(
            analysis
                .hover(file, offset)
                .map(|h| convert::hover(&h, &text)),
        )
    }

    fn definition(&mut self, params: Value) -> Answer {
        let p: lsp::GotoDefinitionParams = self::params(params)?;
        let (analysis, file, _, offset) = self.at(&p.text_document_position_params)?;
        let places = analysis.definition(file, offset);
        to_value(lsp::GotoDefinitionResponse::Array(
            self.places(&analysis, &places),
        ))
    }

    fn references(&mut self, params: Value) -> Answer {
        let p: lsp::ReferenceParams = self::params(params)?;
        let (analysis, file, _, offset) = self.at(&p.text_document_position)?;
        let places = analysis.references(file, offset, p.context.include_declaration);
        to_value(self.places(&analysis, &places))
    }

    fn prepare_rename(&mut self, params: Value) -> Answer {
        let p: lsp::TextDocumentPositionParams = self::params(params)?;
        let (analysis, file, lines, offset) = self.at(&p)?;
        match analysis.prepare_rename(file, offset) {
            Ok((span, placeholder)) => to_value(lsp::PrepareRenameResponse::RangeWithPlaceholder {
                range: lines.range(analysis.text(file), span.start, span.end),
                placeholder,
            }),
            Err(why) => Err(error(ErrorCode::RequestFailed, why)),
        }
    }

    fn rename(&mut self, params: Value) -> Answer {
        let p: lsp::RenameParams = self::params(params)?;
        let (analysis, file, _, offset) = self.at(&p.text_document_position)?;
        let edits = analysis
            .rename(file, offset, &p.new_name)
            .map_err(|why| error(ErrorCode::RequestFailed, why))?;
        to_value(self.workspace_edit(&analysis, &edits))
    }

    // lsp-types keys `WorkspaceEdit::changes` by `Uri`, whose hash and equality are its text.
    #[allow(clippy::mutable_key_type)]
    fn workspace_edit(
        &self,
        analysis: &Analysis,
        edits: &[zhengce_compiler::ide::TextEdit],
    ) -> lsp::WorkspaceEdit {
        let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
        let mut cache: HashMap<usize, Lines> = HashMap::new();
        for e in edits {
            let (Some(file), Some(uri)) = (analysis.file(&e.file), uri::of_name(&e.file)) else {
                continue;
            };
            let text = analysis.text(file);
            let lines = cache
                .entry(file)
                .or_insert_with(|| Lines::new(text, self.encoding));
            changes.entry(uri).or_default().push(lsp::TextEdit {
                range: lines.range(text, e.span.start, e.span.end),
                new_text: e.new_text.clone(),
            });
        }
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..lsp::WorkspaceEdit::default()
        }
    }

    fn completion(&mut self, params: Value) -> Answer {
        let p: lsp::CompletionParams = self::params(params)?;
        let uri = p.text_document_position.text_document.uri.clone();
        // Complete against the text being typed, not the last check's (which is the same text
        // unless an edit has not been checked yet: the check is made now if so).
        let (analysis, file, lines, offset) = self.at(&p.text_document_position)?;
        let _ = uri;
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let items: Vec<lsp::CompletionItem> = analysis
            .completions(file, offset)
            .iter()
            .enumerate()
            .map(|(i, c)| convert::completion(c, &text, i))
            .collect();
        to_value(lsp::CompletionResponse::List(lsp::CompletionList {
            is_incomplete: false,
            items,
        }))
    }

    #[allow(clippy::mutable_key_type)] // See `workspace_edit`.
    fn code_action(&mut self, params: Value) -> Answer {
        let p: lsp::CodeActionParams = self::params(params)?;
        let uri = p.text_document.uri.clone();
        let (analysis, file) = self.open_document(&uri)?;
        let lines = self.lines(&uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let span = Span::new(text.offset(p.range.start), text.offset(p.range.end));
        let span = Span::new(span.start.min(span.end), span.end.max(span.start));
        let only = p.context.only.clone();
        let wanted = |kind: &lsp::CodeActionKind| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
        };
        let mut actions: Vec<lsp::CodeActionOrCommand> = Vec::new();
        if wanted(&lsp::CodeActionKind::QUICKFIX) {
            let name = analysis.name(file).to_string();
            for d in analysis.diagnostics() {
                let Some(label) = d.primary_label() else {
                    continue;
                };
                if label.file != name || label.span.end < span.start || label.span.start > span.end
                {
                    continue;
                }
                let locate = |_: &str| None;
                let lsp_diag = convert::diagnostic(d, &text, &locate);
                for fix in analysis.fixes_for(d) {
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: fix.title.clone(),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        edit: Some(self.workspace_edit(&analysis, &fix.edits)),
                        command: None,
                        is_preferred: fix.preferred.then_some(true),
                        disabled: None,
                        data: None,
                    }));
                }
            }
        }
        if wanted(&lsp::CodeActionKind::SOURCE) {
            if let Ok(Some(edit)) = analysis.format(file) {
                let edits = convert::minimal_edits(analysis.text(file), &edit.new_text, &text);
                let mut changes = HashMap::new();
                changes.insert(uri, edits);
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: "格式化文件(规范格式)".to_string(),
                    kind: Some(lsp::CodeActionKind::SOURCE),
                    diagnostics: None,
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(changes),
                        ..lsp::WorkspaceEdit::default()
                    }),
                    command: None,
                    is_preferred: None,
                    disabled: None,
                    data: None,
                }));
            }
        }
        to_value(actions)
    }

    fn formatting(&mut self, params: Value) -> Answer {
        let p: lsp::DocumentFormattingParams = self::params(params)?;
        let uri = p.text_document.uri;
        let (analysis, file) = self.open_document(&uri)?;
        let lines = self.lines(&uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        match analysis.format(file) {
            Ok(Some(edit)) => to_value(convert::minimal_edits(
                analysis.text(file),
                &edit.new_text,
                &text,
            )),
            Ok(None) => to_value(Vec::<lsp::TextEdit>::new()),
            Err(diags) => Err(error(
                ErrorCode::RequestFailed,
                format!("文件有 {} 处语法错误,未格式化", diags.len()),
            )),
        }
    }

    fn document_symbol(&mut self, params: Value) -> Answer {
        let p: lsp::DocumentSymbolParams = self::params(params)?;
        let (analysis, file) = self.open_document(&p.text_document.uri)?;
        let lines = self.lines(&p.text_document.uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let symbols: Vec<lsp::DocumentSymbol> = analysis
            .outline(file)
            .iter()
            .map(|s| convert::symbol(s, &text))
            .collect();
        to_value(lsp::DocumentSymbolResponse::Nested(symbols))
    }

    fn folding_range(&mut self, params: Value) -> Answer {
        let p: lsp::FoldingRangeParams = self::params(params)?;
        let (analysis, file) = self.open_document(&p.text_document.uri)?;
        let lines = self.lines(&p.text_document.uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let folds: Vec<lsp::FoldingRange> = analysis
            .folds(file)
            .iter()
            .filter_map(|f| convert::fold(f, &text))
            .collect();
        to_value(folds)
    }

    fn semantic_tokens(&mut self, params: Value) -> Answer {
        let p: lsp::SemanticTokensParams = self::params(params)?;
        let (analysis, file) = self.open_document(&p.text_document.uri)?;
        let lines = self.lines(&p.text_document.uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let data = convert::tokens(&analysis.tokens(file), &text);
        to_value(lsp::SemanticTokensResult::Tokens(lsp::SemanticTokens {
            result_id: None,
            data,
        }))
    }

    fn inlay_hint(&mut self, params: Value) -> Answer {
        let p: lsp::InlayHintParams = self::params(params)?;
        let (analysis, file) = self.open_document(&p.text_document.uri)?;
        let lines = self.lines(&p.text_document.uri, &analysis, file);
        let text = Text {
            text: analysis.text(file),
            lines: &lines,
        };
        let span = Span::new(text.offset(p.range.start), text.offset(p.range.end));
        let hints: Vec<lsp::InlayHint> = analysis
            .inlay_hints(file, span)
            .iter()
            .map(|h| convert::inlay_hint(h, &text))
            .collect();
        to_value(hints)
    }
}

fn too_large(name: &str, len: usize) -> Diagnostic {
    Diagnostic::error(
        codes::FILE_TOO_LARGE,
        format!("文件有 {len} 字节,超过编辑器中随改随查的上限 {LIVE_CHECK_MAX_BYTES} 字节,未检查"),
    )
    .primary(name, Span::new(0, 0), "文件从这里开始")
    .help("在命令行用 zhengce check 检查它;或把它拆分为几个文件,放在同一目录中")
}

/// What the server offers.
fn capabilities(encoding: lsp::PositionEncodingKind) -> lsp::ServerCapabilities {
    use lsp::OneOf;
    lsp::ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(
                ["：", ":", "、", "，", "=", "＝"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            ..lsp::CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::SOURCE,
                ]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(
            lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lsp::SemanticTokensOptions {
                    legend: lsp::SemanticTokensLegend {
                        token_types: convert::TOKEN_TYPES.to_vec(),
                        token_modifiers: convert::TOKEN_MODIFIERS.to_vec(),
                    },
                    full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    ..lsp::SemanticTokensOptions::default()
                },
            ),
        ),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..lsp::ServerCapabilities::default()
    }
}
