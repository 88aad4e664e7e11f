// A stand-in for the `vscode` module, enough for vscode-languageclient to start, hand the
// server's answers to the editor, and be stopped, outside VS Code (which cannot be run here).
// Every API the client touches and this file does not define is a no-op that returns another
// no-op (a recursive Proxy), so the test fails only where it matters: the server's answers.
'use strict';

const path = require('node:path');
const { EventEmitter: NodeEmitter } = require('node:events');

function noop() {
  return new Proxy(function () {}, {
    get(target, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => {};
      if (!(prop in target)) target[prop] = noop();
      return target[prop];
    },
    apply() {
      return noop();
    },
    construct() {
      return noop();
    },
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    if (this.fn) this.fn();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose()));
  }
}

class EventEmitter {
  constructor() {
    this.emitter = new NodeEmitter();
    this.event = (listener) => {
      this.emitter.on('e', listener);
      return new Disposable(() => this.emitter.off('e', listener));
    };
  }
  fire(value) {
    this.emitter.emit('e', value);
  }
  dispose() {
    this.emitter.removeAllListeners();
  }
}

const event = () => new Disposable(() => {});

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}
class Uri {
  constructor(scheme, fsPath, text) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.text = text;
  }
  static parse(text) {
    const scheme = text.slice(0, text.indexOf(':'));
    const fsPath = scheme === 'file' ? decodeURIComponent(text.replace(/^file:\/\//, '')) : text;
    return new Uri(scheme, fsPath, text);
  }
  static file(p) {
    const encoded = path.resolve(p).split('/').map(encodeURIComponent).join('/');
    return new Uri('file', path.resolve(p), `file://${encoded}`);
  }
  toString() {
    return this.text;
  }
  toJSON() {
    return this.text;
  }
}
class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}
class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}
class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}
class MarkdownString {
  constructor(value) {
    this.value = value || '';
  }
  appendMarkdown(v) {
    this.value += v;
    return this;
  }
}
class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

class CancellationTokenSource {
  constructor() {
    const listeners = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: listeners.event };
    this.listeners = listeners;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.listeners.fire();
  }
  dispose() {}
}

/** The diagnostics the client hands to the editor, by URI. */
const published = new Map();
const diagnosticsChanged = new EventEmitter();

function createDiagnosticCollection(name) {
  return {
    name,
    set(uri, diagnostics) {
      if (Array.isArray(uri)) {
        for (const [u, d] of uri) this.set(u, d);
        return;
      }
      published.set(uri.toString(), diagnostics || []);
      diagnosticsChanged.fire(uri.toString());
    },
    delete(uri) {
      published.delete(uri.toString());
    },
    clear() {
      published.clear();
    },
    forEach() {},
    get(uri) {
      return published.get(uri.toString());
    },
    has(uri) {
      return published.has(uri.toString());
    },
    dispose() {},
  };
}

const output = {
  name: 'zhengce',
  lines: [],
  append(v) {
    this.lines.push(v);
  },
  appendLine(v) {
    this.lines.push(v);
  },
  replace() {},
  clear() {},
  show() {},
  hide() {},
  dispose() {},
  trace() {},
  debug() {},
  info(v) {
    this.lines.push(v);
  },
  warn(v) {
    this.lines.push(v);
  },
  error(v) {
    this.lines.push(v);
  },
  logLevel: 2,
  onDidChangeLogLevel: event,
};

const settings = new Map();

const vscode = new Proxy(
  {
    version: '1.90.0',
    Disposable,
    EventEmitter,
    Position,
    Range,
    Uri,
    Diagnostic,
    Location,
    DiagnosticRelatedInformation,
    MarkdownString,
    Hover,
    CancellationTokenSource,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    workspace: new Proxy(
      {
        textDocuments: [],
        workspaceFolders: undefined,
        notebookDocuments: [],
        getConfiguration: (section) => ({
          get: (key, fallback) => settings.get(`${section}.${key}`) ?? fallback,
          has: () => false,
          inspect: () => undefined,
          update: async () => {},
        }),
        createFileSystemWatcher: () => ({
          onDidCreate: event,
          onDidChange: event,
          onDidDelete: event,
          dispose() {},
        }),
        onDidOpenTextDocument: event,
        onDidChangeTextDocument: event,
        onDidCloseTextDocument: event,
        onDidSaveTextDocument: event,
        onWillSaveTextDocument: event,
        onDidChangeConfiguration: event,
        onDidChangeWorkspaceFolders: event,
        onDidOpenNotebookDocument: event,
        onDidChangeNotebookDocument: event,
        onDidCloseNotebookDocument: event,
        onDidSaveNotebookDocument: event,
        onDidCreateFiles: event,
        onDidRenameFiles: event,
        onDidDeleteFiles: event,
        onWillCreateFiles: event,
        onWillRenameFiles: event,
        onWillDeleteFiles: event,
      },
      { get: (t, p) => (p in t ? t[p] : noop()) },
    ),
    window: new Proxy(
      {
        createOutputChannel: () => output,
        showErrorMessage: async (...args) => {
          output.lines.push(`showErrorMessage: ${args[0]}`);
          return undefined;
        },
        showWarningMessage: async () => undefined,
        showInformationMessage: async () => undefined,
        onDidChangeActiveTextEditor: event,
        onDidChangeVisibleTextEditors: event,
        visibleTextEditors: [],
        activeTextEditor: undefined,
        tabGroups: { all: [], onDidChangeTabs: event, onDidChangeTabGroups: event },
      },
      { get: (t, p) => (p in t ? t[p] : noop()) },
    ),
    languages: new Proxy(
      {
        createDiagnosticCollection,
        match: () => 10,
      },
      { get: (t, p) => (p in t ? t[p] : () => new Disposable(() => {})) },
    ),
    env: { language: 'zh-cn', appName: 'stub', machineId: 'stub', uriScheme: 'vscode' },
  },
  { get: (t, p) => (p in t ? t[p] : noop()) },
);

module.exports = { vscode, published, diagnosticsChanged, output, settings };
