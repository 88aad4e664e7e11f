// The playground page: an editor, the compiler's diagnostics, and views of the compiled plan.
//
// The compiler runs in a Web Worker (worker.ts); the page asks it to build the plan 300 ms after
// the last keystroke, one request at a time, and draws the answer only if the text has not
// changed since. Nothing leaves the browser: the text is kept in localStorage and can be shared
// as a link whose hash holds the compressed text.
import { basicSetup, EditorView } from 'codemirror';
import { EditorSelection, EditorState } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { indentWithTab, isolateHistory } from '@codemirror/commands';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

import type {
  BuildResult,
  Capabilities,
  CheckResult,
  DiagnosticOut,
  DraftResult,
  DueReport,
  Evaluation,
  ExampleResult,
  FactInput,
  FileIn,
  FormatResult,
  Origin,
  Program,
} from '../../src/types';
import { Compiler } from './compiler';
import { EXAMPLES } from './examples';
import { zhengce } from './language';
import { chinesePhrases } from './phrases';
import { h } from './views/dom';
import { renderMatrix } from './views/matrix';
import { renderScenario } from './views/scenario';
import { renderTargets } from './views/targets';
import { renderTimeline } from './views/timeline';
import { renderDue } from './views/due';
import { renderTree } from './views/tree';
import { dateText } from './values';
import './style.css';
import wasmUrl from '../../pkg/zhengce_playground_bg.wasm?url';

const STORAGE_KEY = 'zhengce-playground:v1';
const DEBOUNCE_MS = 300;
const SEVERITY_WORD = { error: '错误', warning: '警告', note: '提示' } as const;

const TEMPLATE = `文件《新的实施方案》{
  发文机关：某省扶贫开发领导小组
  成文日期：2017年3月1日
}

部门：省扶贫办、省财政厅

目标 贫困人口脱贫 {
  指标：农村贫困人口实现脱贫
  值：100万人
  期限：2020年
  分年度：2017年40万、2018年30万、2019年20万、2020年10万
  牵头：省扶贫办
}
`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ── state ───────────────────────────────────────────────────────────────────

const compiler = new Compiler();
let caps: Capabilities = {
  check: true, build: true, evaluate: false, due: false, score: false,
  progress: false, examples: false, format: false, draft: false, version: '',
};
let program: Program | null = null;
/** The files `program` was built from: the runtime's questions send them with each request. */
let compiledFiles: FileIn[] = [];
let lastDiagnostics: DiagnosticOut[] = [];
let activeTab = 'overview';
const dirty = new Set<string>(['overview', 'targets', 'matrix', 'timeline', 'tree', 'scenario']);
const scenarioMemory: { rule?: string; facts: Record<string, string> } = { facts: {} };
const dueMemory: { asOf?: string; department?: string } = {};

interface Saved {
  name: string;
  text: string;
}

function loadInitial(): Saved {
  const hash = new URLSearchParams(location.hash.slice(1));
  const shared = hash.get('z');
  if (shared) {
    try {
      const parsed = JSON.parse(decompressFromEncodedURIComponent(shared) ?? '') as Saved;
      if (typeof parsed.text === 'string') {
        // Loaded: drop the hash, so a reload keeps later edits rather than the shared text.
        history.replaceState(null, '', location.pathname + location.search);
        return { name: parsed.name || '草稿.zc', text: parsed.text };
      }
    } catch {
      // A damaged link falls through to the saved text.
    }
  }
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved && typeof saved.text === 'string') return saved;
  } catch {
    // Storage unavailable or damaged: start from an example.
  }
  const first = EXAMPLES.find((e) => e.name.startsWith('山西')) ?? EXAMPLES[0];
  return first ? { name: first.name, text: first.text } : { name: '草稿.zc', text: TEMPLATE };
}

function save(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ name: fileName(), text: view.state.doc.toString() }));
  } catch {
    // Private mode or full storage: the text stays in the editor.
  }
}

const fileInput = $<HTMLInputElement>('file-name');
const fileName = () => fileInput.value.trim() || '草稿.zc';

// ── editor ──────────────────────────────────────────────────────────────────

const initial = loadInitial();
fileInput.value = initial.name;
let timer: number | undefined;

const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: initial.text,
    extensions: [
      basicSetup,
      chinesePhrases,
      keymap.of([indentWithTab]),
      zhengce(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          save();
          schedule();
        }
      }),
    ],
  }),
});

function schedule(): void {
  window.clearTimeout(timer);
  setStatus('pending', '等待输入停止…');
  timer = window.setTimeout(() => void compile(), DEBOUNCE_MS);
}

let running = false;
let again = false;

/** Builds the plan in the worker; one request at a time, the newest text wins. */
async function compile(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const text = view.state.doc.toString();
  const name = fileName();
  setStatus('running', '正在检查…');
  const started = performance.now();
  const request = { files: [{ name, text }], allow_errors: true };
  const answer = caps.build
    ? await compiler.call<BuildResult>('build', request)
    : await compiler.call<CheckResult>('check', request);
  running = false;
  if (again) {
    again = false;
    void compile();
    return;
  }
  if (view.state.doc.toString() !== text) return; // a newer compile is scheduled
  if (!answer.ok) {
    setStatus('failed', answer.error.message);
    return;
  }
  const result = answer.result as BuildResult;
  program = result.program ?? null;
  compiledFiles = request.files;
  showDiagnostics(result.diagnostics, name);
  const ms = Math.round(performance.now() - started);
  const summary = result.errors || result.warnings
    ? `${result.errors} 个错误,${result.warnings} 个警告`
    : '没有发现问题';
  setStatus('done', `${summary}(${ms} 毫秒)`, result.errors, result.warnings);
  ['overview', 'targets', 'matrix', 'timeline', 'tree', 'scenario'].forEach((t) => dirty.add(t));
  renderActive();
}

function setStatus(state: string, text: string, errors = 0, warnings = 0): void {
  const el = $('status');
  el.textContent = text;
  el.dataset.state = state;
  el.dataset.errors = String(errors);
  el.dataset.warnings = String(warnings);
  el.className = `status ${state}${errors ? ' has-errors' : ''}`;
}

// ── diagnostics ─────────────────────────────────────────────────────────────

function showDiagnostics(diags: DiagnosticOut[], name: string): void {
  lastDiagnostics = diags;
  const length = view.state.doc.length;
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  const cm: CmDiagnostic[] = [];
  for (const d of diags) {
    for (const label of d.labels) {
      if (label.file !== name || label.from === null || label.to === null) continue;
      const severity = label.primary
        ? d.severity === 'note' ? 'info' : d.severity
        : 'hint';
      const detail = [d.help ? `帮助:${d.help}` : '', ...d.notes.map((n) => `注意:${n}`)].filter(Boolean).join('\n');
      cm.push({
        from: clamp(label.from),
        to: clamp(label.to),
        severity,
        source: d.code,
        message: label.primary
          ? `${d.message}${label.message ? `(${label.message})` : ''}${detail ? `\n${detail}` : ''}`
          : `${label.message || '相关'}:${d.message}`,
      });
    }
  }
  view.dispatch(setDiagnostics(view.state, cm));

  const list = $('diagnostics');
  const count = $('problem-count');
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  count.textContent = diags.length ? `(${errors} 个错误,${warnings} 个警告,共 ${diags.length} 条)` : '';
  if (diags.length === 0) {
    list.replaceChildren(h('li', { className: 'none' }, '没有发现问题。'));
    return;
  }
  list.replaceChildren(
    ...diags.map((d, i) => {
      const primary = d.labels.find((l) => l.primary) ?? d.labels[0];
      const where = primary?.line ? `${primary.line}:${primary.column}` : '';
      return h('li', {
        className: `diag ${d.severity}`,
        tabindex: '0',
        'data-index': String(i),
        'data-code': d.code,
        onclick: () => jumpToDiagnostic(d),
        onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') jumpToDiagnostic(d); },
      },
      h('span', { className: `sev ${d.severity}` }, SEVERITY_WORD[d.severity]),
      h('code', null, d.code),
      h('span', { className: 'where' }, where),
      h('span', { className: 'msg' }, d.message),
      d.help ? h('div', { className: 'help' }, `帮助:${d.help}`) : null,
      d.notes.length ? h('div', { className: 'notes' }, d.notes.map((n) => h('div', null, `注意:${n}`))) : null);
    }),
  );
}

function jumpToDiagnostic(d: DiagnosticOut): void {
  const label = d.labels.find((l) => l.primary && l.from !== null) ?? d.labels.find((l) => l.from !== null);
  if (!label || label.from === null || label.to === null) return;
  select(label.from, label.to);
}

function select(from: number, to: number): void {
  const length = view.state.doc.length;
  const range = EditorSelection.range(Math.min(from, length), Math.min(to, length));
  view.dispatch({ selection: range, effects: EditorView.scrollIntoView(range, { y: 'center' }) });
  view.focus();
}

/** Jumps to an item of the IR: its line, and its column counted in characters. */
const jump = (origin: Origin): void => {
  if (origin.file !== fileName()) return;
  const doc = view.state.doc;
  if (origin.line < 1 || origin.line > doc.lines) return;
  const line = doc.line(origin.line);
  const before = Array.from(line.text).slice(0, Math.max(origin.column - 1, 0)).join('');
  const pos = line.from + before.length;
  select(pos, pos);
};

// ── views ───────────────────────────────────────────────────────────────────

for (const button of document.querySelectorAll<HTMLButtonElement>('.tabs [data-tab]')) {
  button.addEventListener('click', () => {
    activeTab = button.dataset.tab!;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs [data-tab]')) {
      b.setAttribute('aria-selected', String(b === button));
    }
    for (const panel of document.querySelectorAll<HTMLElement>('.view')) {
      panel.hidden = panel.dataset.panel !== activeTab;
    }
    renderActive();
  });
}

function renderActive(): void {
  if (!dirty.has(activeTab)) return;
  dirty.delete(activeTab);
  const panel = $(`view-${activeTab}`);
  const doc = program?.documents.find((d) => d.file === fileName()) ?? program?.documents[0];
  if (activeTab === 'overview') {
    panel.replaceChildren(overview());
    return;
  }
  if (!program || !doc) {
    panel.replaceChildren(h('p', { className: 'empty' },
      lastDiagnostics.some((d) => d.code.startsWith('ZC00'))
        ? '文件有语法错误,无法编译;请先修正左侧列出的错误。'
        : '还没有编译结果。'));
    return;
  }
  try {
    switch (activeTab) {
      case 'targets':
        panel.replaceChildren(renderTargets(doc, jump));
        break;
      case 'matrix':
        panel.replaceChildren(renderMatrix(doc, jump));
        break;
      case 'timeline':
        panel.replaceChildren(renderTimeline(doc, jump, panel.clientWidth - 28));
        if (caps.due) {
          panel.append(renderDue(doc, {
            due: (asOf: string, department: string) =>
              compiler.call<DueReport>('due', { files: compiledFiles, as_of: asOf, department }),
            memory: dueMemory,
          }));
        }
        break;
      case 'tree':
        panel.replaceChildren(renderTree(doc, jump));
        break;
      case 'scenario':
        panel.replaceChildren(renderScenario(program, {
          evaluate: (rule: string, facts: Record<string, FactInput>) =>
            compiler.call<Evaluation>('evaluate', { files: compiledFiles, rule, facts }),
          examples: () => compiler.call<ExampleResult[]>('examples', { files: compiledFiles }),
          canEvaluate: caps.evaluate,
          canRunExamples: caps.examples,
          jump,
          memory: scenarioMemory,
        }));
        break;
    }
  } catch (err) {
    panel.replaceChildren(h('p', { className: 'error' }, `无法显示:${String(err)}`));
  }
}

function overview(): HTMLElement {
  const doc = program?.documents[0];
  const errors = lastDiagnostics.filter((d) => d.severity === 'error').length;
  const warnings = lastDiagnostics.filter((d) => d.severity === 'warning').length;
  const rows: [string, string | number][] = doc
    ? [
        ['标题', doc.title ?? '(未写)'],
        ['文号', doc.number ?? '(无)'],
        ['成文日期', dateText(doc.date) || '(未写)'],
        ['依据', (doc.basis ?? []).join(';') || '(无)'],
        ['部门', doc.departments?.length ?? 0],
        ['目标', doc.targets?.length ?? 0],
        ['措施', doc.duties?.length ?? 0],
        ['阶段', doc.phases?.length ?? 0],
        ['标准/补助', doc.rules?.length ?? 0],
        ['考核', doc.schemes?.length ?? 0],
        ['例', doc.examples?.length ?? 0],
      ]
    : [];
  return h('div', { className: 'overview', 'data-view': 'overview' },
    h('p', { className: errors ? 'verdict bad' : 'verdict ok' },
      errors ? `发现 ${errors} 个错误、${warnings} 个警告:文件中有互相矛盾或无法核对之处,见左侧「问题」。`
        : warnings ? `没有错误,有 ${warnings} 个警告。` : '没有发现问题。'),
    doc ? h('table', { className: 'grid kv' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, String(v))))))
      : h('p', { className: 'empty' }, '文件无法编译,只能列出问题。'),
    h('p', { className: 'caps' }, `编译器 ${caps.version}:`,
      caps.evaluate ? '可以测算标准/补助。' : '此版本未包含求值器,情景测算只显示规则。',
      caps.format ? '' : '此版本未包含格式化。'));
}

// ── toolbar ─────────────────────────────────────────────────────────────────

const examplesSelect = $<HTMLSelectElement>('examples');
for (const [i, e] of EXAMPLES.entries()) {
  examplesSelect.append(h('option', { value: String(i) }, e.name.replace(/\.zc$/, '')));
}
examplesSelect.addEventListener('change', () => {
  const example = EXAMPLES[Number(examplesSelect.value)];
  if (!example || examplesSelect.value === '') return;
  setText(example.name, example.text);
  examplesSelect.value = '';
});

function setText(name: string, text: string): void {
  fileInput.value = name;
  scenarioMemory.rule = undefined;
  dueMemory.asOf = undefined;
  dueMemory.department = undefined;
  // Its own undo step: one Ctrl+Z brings back the text before the example.
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: 0 },
    scrollIntoView: true,
    annotations: isolateHistory.of('full'),
  });
}

$('new').addEventListener('click', () => setText('草稿.zc', TEMPLATE));
fileInput.addEventListener('change', () => {
  save();
  schedule();
});

$('share').addEventListener('click', async () => {
  const packed = compressToEncodedURIComponent(JSON.stringify({ name: fileName(), text: view.state.doc.toString() }));
  const url = `${location.origin}${location.pathname}#z=${packed}`;
  const box = $('share-box');
  const input = $<HTMLInputElement>('share-url');
  box.hidden = false;
  input.value = url;
  input.select();
  let note = `链接长 ${url.length} 个字符。`;
  try {
    await navigator.clipboard.writeText(url);
    note += '已复制。';
  } catch {
    note += '请手动复制。';
  }
  $('share-note').textContent = note;
});

const formatButton = $<HTMLButtonElement>('format');
formatButton.addEventListener('click', async () => {
  const answer = await compiler.call<FormatResult>('format', { text: view.state.doc.toString(), name: fileName() });
  if (!answer.ok) {
    setStatus('failed', `无法格式化:${answer.error.message}`);
    return;
  }
  if (answer.result.text !== view.state.doc.toString()) {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: answer.result.text },
      annotations: isolateHistory.of('full'),
    });
  }
});

// 从原文起草: the plan's plain text in, a first rule file in the editor, checked at once.
const draftButton = $<HTMLButtonElement>('draft-open');
const draftPanel = $('draft-panel');
draftButton.addEventListener('click', () => {
  draftPanel.hidden = !draftPanel.hidden;
  if (!draftPanel.hidden) $('draft-source').focus();
});
$('draft-close').addEventListener('click', () => { draftPanel.hidden = true; });
$('draft-run').addEventListener('click', async () => {
  const note = $('draft-note');
  const text = $<HTMLTextAreaElement>('draft-source').value;
  const name = $<HTMLInputElement>('draft-name').value.trim() || '原文.txt';
  note.textContent = '正在起草…';
  const answer = await compiler.call<DraftResult>('draft', { text, name });
  if (!answer.ok) {
    note.textContent = `无法起草:${answer.error.message}`;
    return;
  }
  const c = answer.result.counts;
  setText(name.replace(/\.txt$/i, '') + '.zc', answer.result.text);
  note.textContent = `已起草:措施 ${c.measures} 项、目标 ${c.targets} 项、标准 ${c.standards} 项、阶段 ${c.phases} 个、部门 ${c.departments} 个;待编码 ${c.pending} 处。`;
});

// ── start ───────────────────────────────────────────────────────────────────

async function start(): Promise<void> {
  try {
    caps = await compiler.capabilities();
  } catch (err) {
    setStatus('failed', `编译器无法启动:${String(err)}`);
    return;
  }
  formatButton.hidden = !caps.format;
  draftButton.hidden = !caps.draft;
  await compile();
  registerServiceWorker();
}

/** Offline after the first visit: the service worker caches the page's files. */
function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.register('./sw.js').then(async () => {
    const ready = await navigator.serviceWorker.ready;
    const urls = [
      location.href.split('#')[0],
      new URL(wasmUrl, location.href).href,
      ...performance.getEntriesByType('resource').map((e) => e.name),
    ];
    ready.active?.postMessage({ type: 'cache', urls });
    document.body.dataset.offlineReady = 'true';
  }).catch(() => {
    // No service worker (a file:// page, say): the page still works while open.
  });
}

void start();
