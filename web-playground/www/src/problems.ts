// 问题: the findings, most severe first, filtered by severity and by code; each names the item it
// is about (its kind and the names of the items around it) and quotes that item's 原文, so a
// reviewer sees what the text says without leaving the list.
import type { Severity } from '../../src/types';
import { SEVERITY_RANK, SEVERITY_WORD, type Finding } from './findings';
import { h } from './views/dom';

/** What the reviewer chose to see; kept between compiles. */
export interface ProblemFilter {
  hidden: Set<Severity>;
  /** '' for every code. */
  code: string;
}

export interface ProblemDeps {
  /** Several files are loaded: say which file each finding is in. */
  multiFile: boolean;
  open: (f: Finding) => void;
  /** The filter changed: draw again. */
  refilter: () => void;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'note'];

/** The filter bar: one switch per severity with its count, and a choice of code. */
export function renderFilters(findings: Finding[], filter: ProblemFilter, deps: ProblemDeps): HTMLElement[] {
  const bySeverity = new Map<Severity, number>();
  const byCode = new Map<string, { n: number; rank: number }>();
  for (const f of findings) {
    bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    const c = byCode.get(f.d.code) ?? { n: 0, rank: SEVERITY_RANK[f.severity] };
    c.n++;
    c.rank = Math.min(c.rank, SEVERITY_RANK[f.severity]);
    byCode.set(f.d.code, c);
  }
  if (filter.code && !byCode.has(filter.code)) filter.code = '';
  const switches = SEVERITIES.map((sev) => {
    const box = h('input', {
      type: 'checkbox',
      'data-severity': sev,
      checked: !filter.hidden.has(sev),
      onchange: () => {
        if (box.checked) filter.hidden.delete(sev);
        else filter.hidden.add(sev);
        deps.refilter();
      },
    });
    return h('label', { className: `sev-switch ${sev}` }, box, `${SEVERITY_WORD[sev]} ${bySeverity.get(sev) ?? 0}`);
  });
  const codes = [...byCode.entries()].sort((a, b) => a[1].rank - b[1].rank || a[0].localeCompare(b[0]));
  const select = h('select', {
    id: 'code-filter',
    title: '只看一个代码的问题',
    onchange: () => {
      filter.code = select.value;
      deps.refilter();
    },
  },
  h('option', { value: '' }, '全部代码'),
  codes.map(([code, c]) => h('option', { value: code, selected: code === filter.code }, `${code}(${c.n})`)));
  return [...switches, h('label', null, '代码：', select)];
}

/** Whether the filter lets a finding through. */
export function shown(f: Finding, filter: ProblemFilter): boolean {
  return !filter.hidden.has(f.severity) && (!filter.code || f.d.code === filter.code);
}

/** One finding of the list. */
export function problemItem(f: Finding, index: number, deps: ProblemDeps): HTMLElement {
  const d = f.d;
  const p = f.primary;
  const where = p?.line ? `${deps.multiFile ? `${p.file} ` : ''}${p.line}:${p.column}` : (deps.multiFile && p ? p.file : '');
  const subject = d.subject;
  return h('li', {
    className: `diag ${f.severity}${f.unloadedBasis ? ' unloaded' : ''}`,
    tabindex: '0',
    'data-index': String(index),
    'data-code': d.code,
    'data-severity': f.severity,
    'data-file': p?.file ?? '',
    onclick: () => deps.open(f),
    onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') deps.open(f); },
  },
  h('div', { className: 'head' },
    h('span', { className: `sev ${f.severity}` }, f.unloadedBasis ? '信息' : SEVERITY_WORD[f.severity]),
    h('code', null, d.code),
    h('span', { className: 'where' }, where),
    h('span', { className: 'msg' }, f.message)),
  subject
    ? h('div', { className: 'subject', title: '所涉条目' },
        h('span', { className: 'kind' }, subject.kind),
        h('span', { className: 'path' }, subject.path.join(' › ')))
    : null,
  subject?.quote ? h('blockquote', { className: 'quote' }, `原文:“${subject.quote}”`) : null,
  d.help ? h('div', { className: 'help' }, `帮助:${d.help}`) : null,
  d.notes.length ? h('div', { className: 'notes' }, d.notes.map((n) => h('div', null, `注意:${n}`))) : null);
}
