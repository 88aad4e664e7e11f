// The playground page: an editor holding one or several files, the compiler's findings, and views
// of the compiled plan.
//
// The compiler runs in a Web Worker (worker.ts); the page asks it to build the whole set of files
// 300 ms after the last keystroke, one request at a time, and draws the answer only if nothing
// has changed since. Several files are checked together, so a plan and the upper file it cites
// (依据) can be loaded side by side. Nothing leaves the browser: the files are kept in
// localStorage and can be shared as a link whose hash holds the compressed set (files.ts).
import { basicSetup, EditorView } from 'codemirror';
import { EditorSelection, EditorState } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { indentWithTab, isolateHistory } from '@codemirror/commands';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';

import type {
  BuildResult,
  Capabilities,
  CheckResult,
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
import { fromLink, linkHash, loadSaved, STORAGE_KEY, uniqueName, type SavedFile, type SavedSet } from './files';
import { present, type Finding } from './findings';
import { fixActions, ideExtensions, refreshFixes, type IdeDeps } from './ide';
import { zhengce } from './language';
import { chinesePhrases } from './phrases';
import { problemItem, renderFilters, shown, type ProblemDeps, type ProblemFilter } from './problems';
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

const DEBOUNCE_MS = 300;
const VIEWS = ['overview', 'targets', 'matrix', 'timeline', 'due', 'tree', 'scenario'];

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
  progress: false, examples: false, format: false, ide: false, version: '',
};
let program: Program | null = null;
/** The files `program` was built from: the runtime's questions send them with each request. */
let compiledFiles: FileIn[] = [];
let findings: Finding[] = [];
let activeTab = 'overview';
const dirty = new Set<string>(VIEWS);
const scenarioMemory: { rule?: string; facts: Record<string, string> } = { facts: {} };
const dueMemory: { asOf?: string; department?: string } = {};
const problemFilter: ProblemFilter = { hidden: new Set(), code: '' };

/** One file of the set. The file being edited lives in the view; the others keep their whole
 * editor state (text, selection, undo history) until they are opened again. */
interface PageFile {
  name: string;
  state: EditorState;
}

let files: PageFile[] = [];
let active = 0;
/** Counts changes to the set (text, names, files added or closed): a compile whose count is
 * stale when it returns is not drawn. */
let edits = 0;

function loadInitial(): SavedSet {
  const shared = fromLink(location.hash);
  if (shared) {
    // Loaded: drop the hash, so a reload keeps later edits rather than the shared set.
    history.replaceState(null, '', location.pathname + location.search);
    return shared;
  }
  try {
    const saved = loadSaved(localStorage);
    if (saved) return saved;
  } catch {
    // Storage unavailable: start from an example.
  }
  const first = EXAMPLES.find((e) => e.name.startsWith('山西')) ?? EXAMPLES[0];
  return { files: [first ? { name: first.name, text: first.text } : { name: '草稿.zc', text: TEMPLATE }], active: 0 };
}

/** Every file's name and current text, in the page's order. */
function currentFiles(): SavedFile[] {
  return files.map((f, i) => ({ name: f.name, text: (i === active ? view.state : f.state).doc.toString() }));
}

const activeName = () => files[active].name;

function save(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ files: currentFiles(), active }));
  } catch {
    // Private mode or full storage: the text stays in the editor.
  }
}

const fileInput = $<HTMLInputElement>('file-name');

// ── editor ──────────────────────────────────────────────────────────────────

let timer: number | undefined;

/** Hover, completion and quick fixes come from the worker's compiler (ide.ts). */
const ideDeps: IdeDeps = {
  compiler,
  files: () => currentFiles(),
  active: () => activeName(),
};

const extensions = [
  basicSetup,
  ...ideExtensions(ideDeps),
  chinesePhrases,
  keymap.of([indentWithTab]),
  zhengce(),
  lintGutter(),
  EditorView.lineWrapping,
  EditorView.updateListener.of((update) => {
    if (update.docChanged) changed();
  }),
];

const newState = (text: string) => EditorState.create({ doc: text, extensions });

const initial = loadInitial();
files = initial.files.map((f) => ({ name: f.name, state: newState(f.text) }));
active = initial.active;

const view = new EditorView({ parent: $('editor'), state: files[active].state });

/** The set changed: save it, check it again at once (the findings follow the typing) and build
 * it again once the typing stops (the views). */
function changed(): void {
  edits++;
  save();
  void check();
  schedule();
}

let checking = false;
let checkAgain = false;

/** The findings of the set as it is now: the worker's check keeps the set between calls and
 * parses and checks again only what changed, so this runs on every keystroke. */
async function check(): Promise<void> {
  if (checking) {
    checkAgain = true;
    return;
  }
  checking = true;
  const at = edits;
  const request = { files: currentFiles() };
  const answer = await compiler.call<CheckResult>('check', request);
  checking = false;
  if (checkAgain) {
    checkAgain = false;
    void check();
    return;
  }
  if (edits !== at || !answer.ok) return;
  findings = present(answer.result.diagnostics, request.files);
  showFindings();
  const el = $('status');
  el.dataset.checked = String(at);
}

function schedule(): void {
  window.clearTimeout(timer);
  setStatus('pending', '等待输入停止…');
  timer = window.setTimeout(() => void compile(), DEBOUNCE_MS);
}

let running = false;
let again = false;

/** Builds the set in the worker; one request at a time, the newest text wins. */
async function compile(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const at = edits;
  const request = { files: currentFiles(), allow_errors: true };
  setStatus('running', '正在检查…');
  const started = performance.now();
  const answer = caps.build
    ? await compiler.call<BuildResult>('build', request)
    : await compiler.call<CheckResult>('check', { files: request.files });
  running = false;
  if (again) {
    again = false;
    void compile();
    return;
  }
  if (edits !== at) return; // a newer compile is scheduled
  if (!answer.ok) {
    setStatus('failed', answer.error.message);
    return;
  }
  const result = answer.result as BuildResult;
  program = result.program ?? null;
  compiledFiles = request.files;
  findings = present(result.diagnostics, request.files);
  showFindings();
  syncPicker();
  const ms = Math.round(performance.now() - started);
  // Counted as shown: a 依据 that is not loaded here is information, not an error.
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const summary = errors || warnings ? `${errors} 个错误,${warnings} 个警告` : '没有发现问题';
  setStatus('done', `${summary}(${ms} 毫秒)`, errors, warnings);
  VIEWS.forEach((t) => dirty.add(t));
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

// ── files ───────────────────────────────────────────────────────────────────

/** Opens another file of the set in the editor. */
function openFile(i: number): void {
  if (i === active || !files[i]) return;
  files[active].state = view.state;
  active = i;
  view.setState(files[i].state);
  fileInput.value = files[i].name;
  lintActive();
  renderFileTabs();
  renderBasisNote();
  syncPicker();
  save();
  VIEWS.forEach((t) => dirty.add(t));
  renderActive();
}

function addFile(name: string, text: string): void {
  files[active].state = view.state;
  files.push({ name: uniqueName(name, files.map((f) => f.name)), state: newState(text) });
  openFile(files.length - 1);
  changed();
}

function closeFile(i: number): void {
  if (files.length < 2) return;
  if (!window.confirm(`从本页删除「${files[i].name}」?其内容不会保留。`)) return;
  files[active].state = view.state;
  files.splice(i, 1);
  active = i < active ? active - 1 : Math.min(active, files.length - 1);
  view.setState(files[active].state);
  fileInput.value = files[active].name;
  lintActive();
  renderFileTabs();
  syncPicker();
  changed();
}

function renameActive(name: string): void {
  const wanted = name.trim() || '草稿.zc';
  const others = files.filter((_, i) => i !== active).map((f) => f.name);
  files[active].name = uniqueName(wanted, others);
  fileInput.value = files[active].name;
  renderFileTabs();
  syncPicker();
  changed();
}

function renderFileTabs(): void {
  const bar = $('file-tabs');
  const withErrors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.primary?.file));
  bar.replaceChildren(...files.map((f, i) => h('span', {
    className: `file-tab${i === active ? ' active' : ''}${withErrors.has(f.name) ? ' has-errors' : ''}`,
    role: 'tab',
    'aria-selected': String(i === active),
    'data-file': f.name,
  },
  h('button', { type: 'button', className: 'file-open', title: f.name, onclick: () => openFile(i) }, f.name.replace(/\.zc$/, '')),
  files.length > 1
    ? h('button', { type: 'button', className: 'file-close', title: `关闭「${f.name}」`, 'aria-label': `关闭「${f.name}」`, onclick: () => closeFile(i) }, '×')
    : null)));
}

// ── diagnostics ─────────────────────────────────────────────────────────────

/** The editor's underlines for the file being edited. */
function lintActive(): void {
  const name = activeName();
  const length = view.state.doc.length;
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  const cm: CmDiagnostic[] = [];
  for (const f of findings) {
    const d = f.d;
    for (const label of d.labels) {
      if (label.file !== name || label.from === null || label.to === null) continue;
      const severity = label.primary
        ? f.severity === 'note' ? 'info' : f.severity
        : 'hint';
      const detail = [d.help ? `帮助:${d.help}` : '', ...d.notes.map((n) => `注意:${n}`)].filter(Boolean).join('\n');
      cm.push({
        from: clamp(label.from),
        to: clamp(label.to),
        severity,
        source: d.code,
        actions: label.primary ? fixActions(name, d.code, label.from, label.to) : undefined,
        message: label.primary
          ? `${f.message}${label.message ? `(${label.message})` : ''}${detail ? `\n${detail}` : ''}`
          : `${label.message || '相关'}:${f.message}`,
      });
    }
  }
  view.dispatch(setDiagnostics(view.state, cm));
}

const problemDeps = (): ProblemDeps => ({
  multiFile: files.length > 1,
  open: openFinding,
  refilter: showProblems,
});

function showFindings(): void {
  lintActive();
  // The quick fixes of the same check, then the underlines again with them.
  if (caps.ide) void refreshFixes(ideDeps, view.state.doc.toString(), lintActive);
  renderFileTabs();
  renderBasisNote();
  showProblems();
}

/** Above the editor: the upper files (依据) of the file being edited that the page does not
 * hold, as information, with the way to add them. */
function renderBasisNote(): void {
  const note = $('basis-note');
  const missing = findings.filter((f) => f.unloadedBasis && f.primary?.file === activeName());
  note.hidden = missing.length === 0;
  note.replaceChildren(...missing.map((f) => h('div', {
    className: 'basis-missing',
    title: '在编辑器中显示',
    onclick: () => openFinding(f),
  }, f.message)));
}

/** The problems list: most severe first, as the filter lets through. */
function showProblems(): void {
  const list = $('diagnostics');
  const count = $('problem-count');
  const deps = problemDeps();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  count.textContent = findings.length ? `(${errors} 个错误,${warnings} 个警告,共 ${findings.length} 条)` : '';
  $('problem-filters').replaceChildren(...(findings.length ? renderFilters(findings, problemFilter, deps) : []));
  if (findings.length === 0) {
    list.replaceChildren(h('li', { className: 'none' }, '没有发现问题。'));
    return;
  }
  const visible = findings.filter((f) => shown(f, problemFilter));
  const hidden = findings.length - visible.length;
  const items = visible.map((f) => problemItem(f, findings.indexOf(f), deps));
  if (hidden) items.push(h('li', { className: 'filtered' }, `已按筛选隐去 ${hidden} 条。`));
  list.replaceChildren(...items);
}

/** Shows a finding in the editor, opening its file if it is another. */
function openFinding(f: Finding): void {
  const label = f.d.labels.find((l) => l.primary && l.from !== null) ?? f.d.labels.find((l) => l.from !== null);
  if (!label || label.from === null || label.to === null) return;
  const i = files.findIndex((x) => x.name === label.file);
  if (i < 0) return;
  openFile(i);
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
  const i = files.findIndex((f) => f.name === origin.file);
  if (i < 0) return;
  openFile(i);
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
  const doc = program?.documents.find((d) => d.file === activeName());
  if (activeTab === 'overview') {
    panel.replaceChildren(overview());
    return;
  }
  if (!program || !doc) {
    const syntax = findings.some((f) => f.d.code.startsWith('ZC00') && f.primary?.file === activeName());
    panel.replaceChildren(h('p', { className: 'empty' },
      syntax ? '文件有语法错误,无法编译;请先修正左侧列出的错误。' : '还没有编译结果。'));
    return;
  }
  try {
    switch (activeTab) {
      case 'targets':
        panel.replaceChildren(renderTargets(doc, jump, findings, openFinding));
        break;
      case 'matrix':
        panel.replaceChildren(renderMatrix(doc, jump));
        break;
      case 'timeline':
        panel.replaceChildren(renderTimeline(doc, jump, panel.clientWidth - 28, findings));
        break;
      case 'due':
        panel.replaceChildren(caps.due
          ? renderDue(doc, {
              due: (asOf: string, department: string) =>
                compiler.call<DueReport>('due', { files: compiledFiles, as_of: asOf, department }),
              memory: dueMemory,
              multiFile: compiledFiles.length > 1,
            })
          : h('p', { className: 'empty' }, '此版本未包含运行时,不能列出到期事项。'));
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
  const doc = program?.documents.find((d) => d.file === activeName());
  const mine = findings.filter((f) => f.primary?.file === activeName());
  const errors = mine.filter((f) => f.severity === 'error').length;
  const warnings = mine.filter((f) => f.severity === 'warning').length;
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
    files.length > 1
      ? h('p', { className: 'set' }, `本页共 ${files.length} 个文件一并检查:${files.map((f) => f.name).join('、')}。`)
      : null,
    h('p', { className: 'caps' }, `编译器 ${caps.version}:`,
      caps.evaluate ? '可以测算标准/补助。' : '此版本未包含求值器,情景测算只显示规则。',
      caps.format ? '' : '此版本未包含格式化。'));
}

// ── toolbar ─────────────────────────────────────────────────────────────────

const examplesSelect = $<HTMLSelectElement>('examples');
for (const [i, e] of EXAMPLES.entries()) {
  examplesSelect.append(h('option', { value: String(i) }, e.name.replace(/\.zc$/, '')));
}

/** The picker shows the example the file being edited was loaded from (its name is the
 * example's), and says when its text has been changed since. */
function syncPicker(): void {
  const i = EXAMPLES.findIndex((e) => e.name === activeName());
  examplesSelect.value = i >= 0 ? String(i) : '';
  const modified = i >= 0 && EXAMPLES[i].text !== view.state.doc.toString();
  $('example-state').replaceChildren(...(modified
    ? ['(已修改)', h('button', {
        type: 'button',
        id: 'example-restore',
        title: '换回示例的原文(可撤销)',
        onclick: () => setText(EXAMPLES[i].name, EXAMPLES[i].text),
      }, '恢复')]
    : []));
}

examplesSelect.addEventListener('change', () => {
  const example = EXAMPLES[Number(examplesSelect.value)];
  if (!example || examplesSelect.value === '') {
    syncPicker();
    return;
  }
  const open = files.findIndex((f) => f.name === example.name);
  if (open >= 0 && open !== active) {
    // Already in the set: show it rather than holding two files of one name.
    openFile(open);
    return;
  }
  setText(example.name, example.text);
});

/** Replaces the file being edited. */
function setText(name: string, text: string): void {
  const others = files.filter((_, i) => i !== active).map((f) => f.name);
  files[active].name = uniqueName(name, others);
  fileInput.value = files[active].name;
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
  // The text changed, so the editor's listener saves and checks the set (with the new name).
  renderFileTabs();
  syncPicker();
}

$('add-file').addEventListener('click', () => addFile('草稿.zc', TEMPLATE));
fileInput.addEventListener('change', () => renameActive(fileInput.value));

$('share').addEventListener('click', async () => {
  const url = `${location.origin}${location.pathname}${linkHash({ files: currentFiles(), active })}`;
  const box = $('share-box');
  const input = $<HTMLInputElement>('share-url');
  box.hidden = false;
  input.value = url;
  input.select();
  let note = `链接含 ${files.length} 个文件,长 ${url.length} 个字符。`;
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
  const answer = await compiler.call<FormatResult>('format', { text: view.state.doc.toString(), name: activeName() });
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
  if (draftPanel.hidden) return;
  $('draft-source').focus();
  // The drafter is a wasm module of its own: fetched now, while the text is being pasted, and
  // never by a page that does not draft.
  void compiler.call('loadDraft', {}).then((answer) => {
    if (!answer.ok) $('draft-note').textContent = `无法起草:${answer.error.message}`;
  });
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

fileInput.value = activeName();
renderFileTabs();
syncPicker();

async function start(): Promise<void> {
  try {
    caps = await compiler.capabilities();
  } catch (err) {
    setStatus('failed', `编译器无法启动:${String(err)}`);
    return;
  }
  formatButton.hidden = !caps.format;
  // Every build has the drafter module (loaded when the panel opens).
  draftButton.hidden = false;
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
